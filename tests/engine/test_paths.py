"""Where the story, saves and user data are found."""

from __future__ import annotations

from pathlib import Path

from riotgame import paths


def test_story_dir_order(monkeypatch, tmp_path):
    monkeypatch.delenv("RIOTGAME_STORY", raising=False)
    assert paths.story_dir(tmp_path) == tmp_path
    monkeypatch.setenv("RIOTGAME_STORY", str(tmp_path / "env"))
    assert paths.story_dir() == tmp_path / "env"
    assert paths.story_dir("given") == Path("given")


def test_story_dir_default_in_a_checkout(monkeypatch):
    monkeypatch.delenv("RIOTGAME_STORY", raising=False)
    found = paths.story_dir()
    assert found.name == "story" and (found / "story.yaml").is_file()


def test_saves_dir_order(monkeypatch, tmp_path):
    monkeypatch.delenv("RIOTGAME_SAVES", raising=False)
    assert paths.saves_dir(tmp_path) == tmp_path
    monkeypatch.setenv("RIOTGAME_SAVES", str(tmp_path / "s"))
    assert paths.saves_dir() == tmp_path / "s"
    monkeypatch.delenv("RIOTGAME_SAVES")
    monkeypatch.setattr(paths, "is_checkout", lambda: False)
    monkeypatch.setenv("RIOTGAME_DATA", str(tmp_path / "data"))
    assert paths.saves_dir() == tmp_path / "data" / "saves"


def test_user_data_dir_without_env(monkeypatch):
    monkeypatch.delenv("RIOTGAME_DATA", raising=False)
    assert "riotgame" in str(paths.user_data_dir())
