"""Help lists every key the game and ending screens answer to."""

from __future__ import annotations

import pytest

from riotgame.ui.app import RiotApp
from riotgame.ui.screens.ending import EndingScreen
from riotgame.ui.screens.game import GameScreen
from riotgame.ui.screens.help import HELP_FILE, help_file

# how help.md writes a key that the bindings name
SHOWN = {
    "escape": "`Esc`",
    "pageup": "`PgUp`",
    "pagedown": "`PgDn`",
    "shift+up": "`Shift+↑`",
    "shift+down": "`Shift+↓`",
    "ctrl+z": "`Ctrl+Z`",
    "question_mark": "`?`",
    "f1": "`F1`",
    "f5": "`F5`",
    "f9": "`F9`",
    "ctrl+p": "`Ctrl+P`",
}
HELP_FILES = [HELP_FILE, help_file("es")]


def keys(screen_class) -> set[str]:
    return {key for b in screen_class.BINDINGS for key in b.key.split(",")}


def test_there_is_a_spanish_help_and_other_languages_get_the_english():
    assert help_file("es").name == "help.es.md"
    assert help_file("xx") == HELP_FILE


@pytest.mark.parametrize("path", HELP_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("screen_class", [GameScreen, EndingScreen, RiotApp])
def test_help_names_every_key(screen_class, path):
    text = path.read_text(encoding="utf-8")
    for key in sorted(keys(screen_class)):
        if key.isdigit():
            assert "`1`–`9`" in text
            continue
        assert SHOWN.get(key, f"`{key}`") in text, key


async def test_help_says_how_to_close_it(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "f1")
        await pilot.pause()
        assert app.screen.query_one("#help").border_subtitle == "Esc closes"
