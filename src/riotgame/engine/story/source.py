"""Reading a story file from disk: bounded, never blocking, faults placed in the file.

Only regular files are read (a FIFO would block for ever, /dev/zero never ends), at most
MAX_FILE_BYTES of them. Bytes that are not UTF-8 are a problem at their own line and
column. Parsed files go through a cache in the user's cache directory, keyed by a hash of
their bytes and shown path, in `marshal` format: plain tuples, strings and numbers only, so
a cache file can never construct an object. A bad or stale entry is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
from pathlib import Path
from typing import Any

from riotgame.engine.story import yamlfile
from riotgame.engine.story.problems import Problem
from riotgame.engine.story.yamlfile import CACHE_VERSION, YList, YMap, parse_yaml
from riotgame.engine.story.yamlsyntax import position_of

MAX_FILE_BYTES = 10_000_000  # the longest chapter is ~120 KB


class Unreadable(Exception):
    """A file that cannot be read; str() says why, in a few words put before its name."""


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), if it has at most
    `limit` of them. Raises Unreadable; never blocks on a pipe, never reads a device."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise Unreadable("file not found") from None
    except OSError as exc:
        raise Unreadable(f"cannot read ({exc.strerror or exc})") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable("a directory, not a file")
        raise Unreadable("not a regular file (a pipe, a device or a socket)")
    with os.fdopen(fd, "rb") as f:
        # read(n) sets aside n bytes first: ask for the file's size, not the limit's
        data = f.read(min(limit, info.st_size) + 1)
        if len(data) > info.st_size:  # it grew since: read on, up to the limit
            data += f.read(limit + 1 - len(data))
    if len(data) > limit:
        raise Unreadable(f"larger than {limit:,} bytes")
    return data


def decode_text(raw: bytes, shown: str) -> tuple[str | None, Problem | None]:
    """The UTF-8 text of a file, or the problem at the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8")
        line, col = position_of(before, len(before))
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            message = "UTF-16 text: save the file as UTF-8"
        else:
            message = f"not UTF-8 text: byte 0x{raw[exc.start]:02X} here ({exc.reason})"
        return None, Problem(shown, line, col, "E100", message)


def parse_yaml_cached(
    raw: bytes, text: str, path: str, cache_dir: Path | str | None
) -> tuple[Any, list[Problem]]:
    """parse_yaml, going through the cache in `cache_dir` (None: no cache)."""
    if cache_dir is None:
        return parse_yaml(text, path)
    digest = hashlib.blake2b(raw, digest_size=16)
    # the backend is in the key so that tests reading with both never share an entry
    digest.update(f"\0{path}\0{CACHE_VERSION}\0{yamlfile.LOADER.__name__}".encode())
    entry = os.path.join(cache_dir, digest.hexdigest() + ".parsed")
    try:
        with open(entry, "rb") as f:
            encoded, problems = marshal.loads(f.read())
        return _decode(encoded), [Problem(*p) for p in problems]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value, problems = parse_yaml(text, path)
    try:
        os.makedirs(cache_dir, exist_ok=True)
        tmp = f"{entry}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            marshal.dump(
                (_encode(value), [(p.path, p.line, p.col, p.code, p.message) for p in problems]), f
            )
        os.replace(tmp, entry)
    except (OSError, ValueError):
        pass  # a read-only or full disk only costs speed
    return value, problems


def _encode(value: Any) -> Any:
    if isinstance(value, YMap):
        keys = tuple(value)
        at = value.at
        return (
            "M",
            value.pos,
            keys,
            tuple(_encode(value[k]) for k in keys),
            tuple(at[k] for k in keys),
        )
    if isinstance(value, YList):
        return ("L", value.pos, tuple(_encode(v) for v in value), tuple(value.at))
    return value


def _decode(value: Any) -> Any:
    if type(value) is not tuple:
        return value
    if value[0] == "M":
        _, pos, keys, values, at = value
        out = YMap(pos)
        out.update(zip(keys, map(_decode, values), strict=True))
        out.at = dict(zip(keys, at, strict=True))
        return out
    _, pos, items, at = value
    seq = YList(pos)
    seq.extend(map(_decode, items))
    if len(at) != len(seq):
        raise ValueError("a damaged entry")
    seq.at = list(at)
    return seq
