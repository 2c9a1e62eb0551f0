"""Small stories for tests: the fixture folders, a clean two-node story written into a
folder, and loading a story that must load."""

from __future__ import annotations

import textwrap
from pathlib import Path

from riotgame.engine import load_story
from riotgame.engine.analysis.check import check_story

CHECKOUT = Path(__file__).resolve().parents[2]
FIXTURES = CHECKOUT / "tests" / "fixtures"
MINI = FIXTURES / "mini"
KITCHEN = CHECKOUT / "tests" / "authoring" / "fixtures" / "kitchen.yaml"

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


def load(root: Path | str):
    """The story at `root`, which must load (the problems are the assertion's message)."""
    story, problems = load_story(root)
    assert story is not None, [p.concise() for p in problems]
    return story


def found(root: Path, file: str | None = None) -> list[tuple[str, int, int]]:
    """(code, line, col) of every problem `check` reports, optionally only in one file."""
    _, problems, _ = check_story(root)
    return sorted(
        (p.code, p.line, p.col) for p in problems if file is None or Path(p.path).name == file
    )
