"""Saving that fails in the app: every failed autosave, slot save and quicksave is said,
each time, with the folder and the reason; the game goes on; saving working again is said;
and quitting with a folder that cannot be written asks instead of hanging."""

from __future__ import annotations

import asyncio
import errno

from riotgame.engine.saves.store import SaveStore
from riotgame.ui.screens.game import GameScreen
from riotgame.ui.screens.saves import ConfirmScreen
from tests.support.faults import BrokenDisk, read_only_folder
from tests.support.ui import start_game

GUARD_SECONDS = 60  # an await that never ends fails the test (this is no timing test)


def record_notices(app) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    notify = app.notify

    def recording(message, **options):
        said.append((str(message), options.get("severity", "information")))
        return notify(message, **options)

    app.notify = recording
    return said


def errors(said) -> list[str]:
    return [text for text, severity in said if severity == "error"]


async def test_every_failed_save_is_said_and_saving_working_again_too(build, tmp_path, monkeypatch):
    disk = BrokenDisk(monkeypatch, errno.ENOSPC)
    folder = tmp_path / "saves"
    app = build(saves_dir=folder)
    said = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(app, pilot)
        for _ in range(2):
            await pilot.press("1")
            assert app.wait_for_saves(GUARD_SECONDS)
            await pilot.pause()
        await pilot.press("f5")  # quicksave
        await pilot.press("s", *"mine", "enter")  # a named slot
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        failures = errors(said)
        assert [text.split(" failed")[0] for text in failures] == [
            "Autosave",
            "Autosave",
            "Quicksave",
            'Saving "mine"',
            "Quicksave",
        ]
        for text in failures:
            assert str(folder) in text and "No space left on device" in text
        assert isinstance(app.screen, GameScreen) and len(app.session.steps) == 2

        disk.heal()
        await pilot.press("f5")
        await pilot.pause()
        news = [text for text, severity in said if severity != "error"]
        assert any(text.startswith("Saving works again") for text in news)
        assert "Quicksaved." in news
        await pilot.press("1")
        assert app.wait_for_saves(GUARD_SECONDS)
        await pilot.pause()
        assert len(errors(said)) == 5  # nothing failed since
    autosaves = [i for i in SaveStore(folder).listing() if i.kind == "autosave"]
    assert [len(i.save.steps) for i in autosaves] == [3]


async def quit_asks(app, pilot) -> ConfirmScreen:
    await pilot.press("ctrl+q")
    for _ in range(100):  # the last autosave is waited for in a thread: the loop runs on
        await pilot.pause(0.05)
        if isinstance(app.screen, ConfirmScreen):
            return app.screen
    raise AssertionError(f"quitting did not ask; the screen is {app.screen}")


async def test_quit_with_a_folder_that_cannot_be_written_asks_and_never_hangs(build, tmp_path):
    with read_only_folder(tmp_path / "ro") as folder:
        app = build(saves_dir=folder)
        said = record_notices(app)

        async def play() -> None:
            async with app.run_test(size=(100, 30)) as pilot:
                await start_game(app, pilot)
                await pilot.press("1")
                question = await quit_asks(app, pilot)
                text = question.query_one("#question").render().plain
                assert str(folder) in text and "Quit anyway" in text
                await pilot.press("n")  # stay: the game goes on
                await pilot.pause()
                assert app.is_running and isinstance(app.screen, GameScreen)
                await pilot.press("1")
                await quit_asks(app, pilot)
                await pilot.press("y")
                await pilot.pause()

        await asyncio.wait_for(play(), GUARD_SECONDS)
        assert not app.is_running
        assert all(str(folder) in text for text in errors(said)) and errors(said)


async def test_quit_with_a_writable_folder_saves_and_exits(build, tmp_path):
    app = build()

    async def play() -> None:
        async with app.run_test() as pilot:
            await start_game(app, pilot)
            await pilot.press("1", "ctrl+q")
            await pilot.pause()

    await asyncio.wait_for(play(), GUARD_SECONDS)
    assert not app.is_running
    [autosave] = [i for i in SaveStore(tmp_path / "saves").listing() if i.kind == "autosave"]
    assert [s.choice for s in autosave.save.steps] == ["disguise"]
