"""Helpers for engine tests: small stories written into tmp_path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from riotgame.engine.analysis.check import check_story

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI = FIXTURES / "mini"

# A clean manifest: every name it declares is used by CHAPTER, so it has no warnings.
MANIFEST = """\
id: t
title: T
start: a
stats:
  suspicion: {min: 0, max: 100, initial: 0}
flags:
  seen: Seen
endings:
  - {id: done, title: Done}
files: [one.yaml]
"""

CHAPTER = """\
nodes:
  a:
    text: Start.
    choices:
      - id: go
        text: Go
        if: not flags.seen and suspicion < 50
        effects: [flags.seen = true, suspicion += 1]
        goto: b
  b:
    text: End.
    ending: done
"""


def write_story(root: Path, chapter: str = CHAPTER, manifest: str = MANIFEST, **files) -> Path:
    """Write story.yaml, one.yaml and any other files (name_yaml="..." -> name.yaml)."""
    root.mkdir(parents=True, exist_ok=True)
    texts = {"story.yaml": manifest, "one.yaml": chapter}
    texts.update({name.replace("_yaml", ".yaml"): text for name, text in files.items()})
    for name, text in texts.items():
        if text is not None:
            (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def found(root: Path, file: str | None = None) -> list[tuple[str, int, int]]:
    """(code, line, col) of every problem `check` reports, optionally only in one file."""
    _, problems, _ = check_story(root)
    return sorted(
        (p.code, p.line, p.col) for p in problems if file is None or Path(p.path).name == file
    )


@pytest.fixture(autouse=True, scope="session")
def parse_cache(tmp_path_factory):
    """Keep the parse cache (and subprocesses' caches) out of the user's cache directory."""
    patch = pytest.MonkeyPatch()
    patch.setenv("RIOTGAME_CACHE", str(tmp_path_factory.mktemp("parse-cache")))
    yield
    patch.undo()


@pytest.fixture
def story(tmp_path):
    """story(chapter=..., manifest=..., other_yaml=...) -> the story directory."""
    return lambda *args, **kwargs: write_story(tmp_path / "story", *args, **kwargs)


@pytest.fixture(params=["libyaml", "python"])
def yaml_backend(request, monkeypatch):
    """Read YAML with libyaml, then with the pure-Python parser: a module that puts
    `pytestmark = pytest.mark.usefixtures("yaml_backend")` runs its tests with both."""
    from riotgame.engine.story import yamlfile

    if request.param not in yamlfile.LOADERS:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yamlfile, "LOADER", yamlfile.LOADERS[request.param])
    return request.param
