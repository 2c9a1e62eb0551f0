"""Helpers for the authoring tools' tests: story copies to edit, and the CLI in-process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from riotgame.cli import main
from tests.support.stories import MINI


@pytest.fixture
def story_copy(tmp_path):
    """A fresh copy of the mini story; edit() replaces text in one of its files."""
    root = tmp_path / "story"
    shutil.copytree(MINI, root)

    def edit(old: str, new: str, name: str = "one.yaml") -> Path:
        path = root / name
        text = path.read_text()
        assert old in text, f"fixture changed: {old!r} not in {name}"
        path.write_text(text.replace(old, new, 1))
        return root

    edit.root = root
    return edit


@pytest.fixture
def cli(capsys, tmp_path, monkeypatch):
    """Run `riotgame ARGS...` in-process: returns (exit code, stdout, stderr). Saves made
    while playing go to a temporary directory, never into the checkout."""
    monkeypatch.setenv("RIOTGAME_SAVES", str(tmp_path / "saves"))

    def run(*argv: str):
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run
