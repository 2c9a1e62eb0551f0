"""Saves in the app: autosave, Continue, named slots, quicksave/quickload, the replay viewer.
The files are written and read by engine/saves.py; these tests play through the screens."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from riotgame.engine.saves.reading import read_save
from riotgame.engine.saves.store import SaveStore
from riotgame.ui.screens.game import GameScreen
from riotgame.ui.screens.replay import ReplayScreen
from riotgame.ui.screens.saves import ConfirmScreen, SaveListScreen
from riotgame.ui.screens.title import TitleScreen
from tests.support.ui import meter_text, pick_menu, start_game


def menu_option(app, option_id: str):
    return app.screen.query_one("#menu", OptionList).get_option(option_id)


def only_autosave(app, tmp_path):
    app.wait_for_saves()
    autosaves = [i for i in SaveStore(tmp_path / "saves").listing() if i.kind == "autosave"]
    assert len(autosaves) == 1
    return autosaves[0].save


async def test_autosave_after_each_choice_and_undo_then_continue(build, tmp_path):
    app = build()
    async with app.run_test() as pilot:
        await start_game(app, pilot)
        await pilot.press("1", "1")
        assert [s.choice for s in only_autosave(app, tmp_path).steps] == ["disguise", "look"]
        await pilot.press("u")
        assert [s.choice for s in only_autosave(app, tmp_path).steps] == ["disguise"]
        await pilot.press("1")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running

    again = build()
    async with again.run_test() as pilot:
        await pilot.pause()
        assert isinstance(again.screen, TitleScreen)
        assert not menu_option(again, "continue").disabled
        await pick_menu(again, pilot, "continue")
        assert isinstance(again.screen, GameScreen)
        assert [s.choice for s in again.session.steps] == ["disguise", "look"]
        assert meter_text(again, "trust.boss")[0] == "15"
        await pilot.press("u")  # the whole history came back: undo works across the load
        assert [s.choice for s in again.session.steps] == ["disguise"]


async def test_without_saves_the_menu_says_why(build):
    app = build()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        for option in ("continue", "load", "replay"):
            assert menu_option(app, option).disabled
        assert "no saves yet" in str(menu_option(app, "load").prompt)


async def test_save_to_a_named_slot_and_load_it(build, tmp_path):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"before the yard", "enter")
        await pilot.pause()
        assert (tmp_path / "saves" / "before-the-yard.yaml").is_file()
        await pilot.press("1", "1")  # play on, then load the slot back
        await pilot.press("escape")
        await pilot.pause()
        await pick_menu(app, pilot, "load")
        assert isinstance(app.screen, SaveListScreen)
        listing = app.screen.query_one("#save-list", OptionList)
        labels = [listing.get_option_at_index(i).prompt.plain for i in range(listing.option_count)]
        slot = next(i for i, text in enumerate(labels) if text.startswith("• before the yard"))
        assert "Chapter 1: The Gate" in labels[slot] and "Suspicion 5" in labels[slot]
        assert "just now" in labels[slot]
        assert labels[0] == "Your saves" and "Autosaves, one per run" in labels
        autosave = labels[labels.index("Autosaves, one per run") + 1]
        assert autosave.startswith("• Autosave · Chapter 1") and "run started" in autosave
        listing.highlighted = slot
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert [s.choice for s in app.session.steps] == ["disguise"]


async def test_saving_over_a_slot_asks_first_and_no_keeps_the_old_file(build, tmp_path):
    slot = tmp_path / "saves" / "mine.yaml"
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1", "s", *"mine", "enter")  # a new name: saved without a question
        await pilot.pause()
        old = slot.read_bytes()
        when = read_save(slot).time.astimezone().strftime("%Y-%m-%d %H:%M")
        await pilot.press("1")

        async def save_as_mine_again() -> None:
            await pilot.press("s", *"mine", "enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            question = app.screen.query_one("#question").render().plain
            assert question == f"Overwrite mine (chapter 1, {when})?"

        await save_as_mine_again()
        await pilot.click("#no")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and slot.read_bytes() == old
        await save_as_mine_again()
        await pilot.press("enter")  # No has the focus
        await pilot.pause()
        await save_as_mine_again()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and slot.read_bytes() == old

        await save_as_mine_again()
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert [s.choice for s in read_save(slot).steps] == ["disguise", "look"]


async def test_replacing_a_slot_from_the_list_asks_too(build, tmp_path):
    slot = tmp_path / "saves" / "mine.yaml"
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1", "s", *"mine", "enter", "1", "s")
        await pilot.pause()
        old = slot.read_bytes()
        slots = app.screen.query_one("#slots", OptionList)
        slots.focus()
        slots.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert slot.read_bytes() != old and len(read_save(slot).steps) == 2


async def test_a_bad_slot_name_is_refused_in_place(build):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")  # an empty name
        await pilot.pause()
        assert app.screen.query_one("#slot-problem").render().plain != ""
        assert app.screen.query_one(Input).has_focus


async def test_quicksave_and_quickload(build, tmp_path):
    app = build()
    said = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))
    async with app.run_test() as pilot:
        await start_game(app, pilot)
        await pilot.press("f9")  # nothing to quickload yet
        await pilot.pause()
        assert said[-1] == "No quicksave yet: F5 makes one." and not app.session.steps
        await pilot.press("1", "f5", "1", "1")
        assert len(app.session.steps) == 3
        await pilot.press("f9")
        await pilot.pause()
        assert [s.choice for s in app.session.steps] == ["disguise"]
        assert said[-1] == "Quickloaded: back to chapter 1, The Gate."
        for _ in range(3):  # quickload again and again: the same run, one autosave
            await pilot.press("1", "f9")
            await pilot.pause()
        assert app.wait_for_saves(timeout=10)
        autosaves = list((tmp_path / "saves").glob("autosave-*.yaml"))
        assert len(autosaves) == 1, autosaves


async def test_a_broken_save_file_is_listed_with_its_problem(build, tmp_path):
    (tmp_path / "saves").mkdir()
    (tmp_path / "saves" / "broken.yaml").write_text("format: [1\n")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pick_menu(app, pilot, "load")
        listing = app.screen.query_one("#save-list", OptionList)
        heading, option = listing.get_option_at_index(0), listing.get_option_at_index(1)
        assert heading.prompt.plain == "Cannot be loaded"
        assert option.disabled and "broken.yaml:1:9: E100 YAML syntax error" in option.prompt.plain


async def test_the_replay_viewer_steps_through_a_saved_run(build, tmp_path):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1", "1", "1", "s", *"three", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pick_menu(app, pilot, "replay")
        listing = app.screen.query_one("#save-list", OptionList)
        listing.highlighted = next(
            i
            for i in range(listing.option_count)
            if listing.get_option_at_index(i).prompt.plain.startswith("• three")
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)

        def where() -> str:
            return app.screen.query_one("#where").render().plain

        assert where().startswith("Step 0 of 3")
        assert meter_text(app, "suspicion") == ("10", "")
        await pilot.press("right")
        assert where().startswith("Step 1 of 3")
        assert app.screen.query_one("#frame").render().plain.startswith("› Put on the shirt")
        assert meter_text(app, "suspicion") == ("5", "▼ -5")
        await pilot.press("end")
        assert where().startswith("Step 3 of 3") and meter_text(app, "trust.boss")[0] == "35"
        await pilot.press("left")
        assert where().startswith("Step 2 of 3")
        await pilot.press("g", "1", "enter")
        assert where().startswith("Step 1 of 3")
        verdict = app.screen.query_one("#verdict").render().plain
        assert "re-plays as saved, 3 choices, to Chapter 1: The Gate." in verdict


async def test_continue_and_load_options_open_the_game_directly(build, tmp_path):
    first = build()
    async with first.run_test() as pilot:
        await start_game(first, pilot)
        await pilot.press("1", "s", *"mine", "enter", "1")
        await pilot.pause()
        first.wait_for_saves()

    resumed = build(open_first="continue")
    async with resumed.run_test() as pilot:
        await pilot.pause()
        assert [s.choice for s in resumed.session.steps] == ["disguise", "look"]

    loaded = build(open_first="mine")
    async with loaded.run_test() as pilot:
        await pilot.pause()
        assert [s.choice for s in loaded.session.steps] == ["disguise"]

    missing = build(open_first="nothing-here")
    async with missing.run_test() as pilot:
        await pilot.pause()
        assert missing.session is None and isinstance(missing.screen, TitleScreen)


async def test_an_app_that_ends_without_quitting_frees_its_run(build, tmp_path):
    app = build()
    async with app.run_test() as pilot:
        await start_game(app, pilot)
        await pilot.press("1")
        app.wait_for_saves()
        run = app.run_id
    # it ended without its quit action (as Pilot ends it, or a crash): the run is free again
    again = build()
    async with again.run_test() as pilot:
        await pilot.pause()
        await pick_menu(again, pilot, "continue")
        assert isinstance(again.screen, GameScreen)
        assert again.run_id == run and [s.choice for s in again.session.steps] == ["disguise"]
