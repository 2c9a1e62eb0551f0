"""Compiled forms in the cache directory, beside the parse cache (source.py).

After a load without errors the loader writes the story's compiled form (compiled.py) to
`<cache>/<place>.story`, where the place is a digest of what was asked for: the story
directory and branch files as given, the translation catalogue's digest, the form's format
and the engine's stamp. One file per place, so an edit replaces its entry instead of
adding one. The next load reads the header, reads every source file it names and compares
their key (path and bytes of each) with the one the form was made from; only when it
matches, and the form decodes, is the Story taken from it. Anything else (a missing,
stale, damaged or hostile file) is None, and the caller loads the YAML as if there were no
entry: nothing is raised and nothing is printed. A node's line is only read when the node
is (codec_lazy.py): one found damaged then is taken from the YAML by the loader's rescue.
Writes are atomic (a temporary file renamed over the entry), and a read-only or full disk
only costs speed.

`check` keeps the problems of its graph checks beside the form, in `<place>.checks`,
under the same key, so a story loaded from its form reports the same warnings.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from riotgame.engine.story import yamlfile
from riotgame.engine.story.codec_lazy import Rescue
from riotgame.engine.story.compiled import (
    FORMAT,
    MAX_BYTES,
    CompiledError,
    dumps_compiled,
    engine_stamp,
    lang_key,
    load_compiled,
    loads_compiled,
    loads_header,
    make_form,
    sources_key,
)
from riotgame.engine.story.model import Story
from riotgame.engine.story.problems import Problem
from riotgame.engine.story.source import Unreadable, read_bounded

Asked = tuple[Path | str, Sequence[Path | str], Mapping[str, str] | None]  # root, extra, lang


def entry(cache: Path | str, asked: Asked, suffix: str = ".story") -> str:
    root, extra, translations = asked
    # the YAML backend too, so that tests reading with each never share an entry
    asked_for = [lang_key(translations), yamlfile.LOADER.__name__, str(root), *map(str, extra)]
    place = "\0".join([str(FORMAT), engine_stamp(), *asked_for])
    return os.path.join(cache, hashlib.blake2b(place.encode(), digest_size=16).hexdigest() + suffix)


def load_cached(
    cache: Path | str, asked: Asked, rescue: Rescue
) -> tuple[Story, list[Problem]] | None:
    """The story and its loader's warnings from a fresh compiled form; None otherwise.
    Its nodes are built when first read; `rescue` loads the YAML if a line is damaged."""
    try:
        text = read_bounded(Path(entry(cache, asked)), MAX_BYTES).decode("utf-8")
        header = loads_header(text)
        if not _matches(header, asked) or sources_key(header["sources"]) != header["key"]:
            return None
        form = loads_compiled(text)
        del text  # its lines are in the form: hold the story's text once while decoding
        return load_compiled(form, rescue)
    except (Unreadable, UnicodeDecodeError, CompiledError):
        return None


def _matches(header: Mapping[str, object], asked: Asked) -> bool:
    return header["engine"] == engine_stamp() and header["lang"] == lang_key(asked[2])


def store(
    cache: Path | str, asked: Asked, story: Story, problems: Sequence[Problem], key: str
) -> None:
    """Write the compiled form of a story loaded without errors from sources of `key`."""
    form = make_form(story, problems, key, lang_key(asked[2]))
    _write(entry(cache, asked), dumps_compiled(form))


def load_checks(
    cache: Path | str, asked: Asked, story: Story, checker: str
) -> list[Problem] | None:
    """The problems the graph checks (of version `checker`) found in this story, as
    store_checks kept them; None when there are none to trust."""
    try:
        raw = read_bounded(Path(entry(cache, asked, ".checks")), MAX_BYTES)
        data = json.loads(raw)
        if (data["fingerprint"], data["engine"]) != (story.fingerprint, engine_stamp() + checker):
            return None
        return [_problem(row) for row in data["problems"]]
    except (Unreadable, ValueError, KeyError, TypeError):
        return None


def store_checks(
    cache: Path | str, asked: Asked, story: Story, checker: str, problems: Sequence[Problem]
) -> None:
    rows = [[p.path, p.line, p.col, p.code, p.message] for p in problems]
    data = {"fingerprint": story.fingerprint, "engine": engine_stamp() + checker,
            "problems": rows}  # fmt: skip
    _write(entry(cache, asked, ".checks"), json.dumps(data, ensure_ascii=False))


def _problem(row: object) -> Problem:
    types = (str, int, int, str, str)
    if not (isinstance(row, list) and len(row) == 5
            and all(type(v) is t for v, t in zip(row, types, strict=True))):  # fmt: skip
        raise ValueError("a problem is [path, line, col, code, message]")
    return Problem(*row)


def _write(path: str, text: str) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:  # a read-only or full disk only costs speed
        with contextlib.suppress(OSError):
            os.unlink(tmp)
