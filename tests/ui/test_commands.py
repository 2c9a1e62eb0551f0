"""The command palette offers the game's commands, and they work from it; `serve` builds
the same play command for each browser session."""

from __future__ import annotations

import shlex
from pathlib import Path

from riotgame.commands.common import StorySource
from riotgame.commands.serve import ServeOptions, play_command
from riotgame.ui.screens.game import GameScreen
from tests.support.stories import FIXTURES
from tests.support.ui import start_game


async def test_palette_new_game_and_undo(build):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"New game", "Undo", "Save", "Endings", "Help", "Title"} <= set(titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"undo")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.session.steps == []


def test_serve_runs_play_with_the_same_story_options():
    source = StorySource(FIXTURES / "mini", (Path("x.yaml"),))
    argv = shlex.split(play_command(ServeOptions(source, seed=7)))
    assert argv[1:4] == ["-m", "riotgame", "play"]
    assert argv[argv.index("--story") + 1] == str((FIXTURES / "mini").resolve())
    assert argv[argv.index("--with") + 1].endswith("/x.yaml")
    assert argv[argv.index("--seed") + 1] == "7"
