"""The game's own small files (settings, records of endings found) are read as untrusted:
something that is not a regular file where they belong is reported, never read (a FIFO
would block the start for ever)."""

from __future__ import annotations

import os

from riotgame.records import Records
from riotgame.ui.settings import Settings


def test_a_fifo_in_place_of_the_settings_is_ignored_with_a_problem(tmp_path):
    os.mkfifo(tmp_path / "settings.json")
    settings = Settings(tmp_path)
    assert settings.values == {}
    assert "not a regular file" in settings.problem


def test_a_fifo_in_place_of_the_records_is_set_aside(tmp_path):
    os.mkfifo(tmp_path / "records.json")
    records = Records(tmp_path)
    assert records.data == {}
    assert "unreadable" in records.problem
    assert (tmp_path / "records.json.bad").exists()
