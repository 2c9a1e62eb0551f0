"""Preferences stay between launches: the theme, in settings.json in the config folder."""

from __future__ import annotations

import json


async def test_the_theme_chosen_is_the_theme_at_the_next_launch(build, tmp_path):
    app = build()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        app.theme = "textual-light"  # as Ctrl+P → Theme does
        await pilot.pause()
    saved = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert saved == {"theme": "textual-light"}
    again = build()
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_a_damaged_or_strange_settings_file_is_ignored(build, tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    for text in ("{not json", '["theme"]', '{"theme": 5}', '{"theme": "no-such-theme"}'):
        (config / "settings.json").write_text(text)
        app = build()
        async with app.run_test() as pilot:
            await pilot.pause()
            assert app.theme == "textual-dark", text
    (config / "settings.json").write_bytes(b" " * 100_000)  # not ours: too large to read
    app = build()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark" and "too large" in app.settings.problem
