"""Playing through the app with Pilot: keyboard, mouse, disabled choices, meters, undo."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from riotgame.ui.screens.ending import EndingScreen
from riotgame.ui.screens.game import GameScreen
from riotgame.ui.screens.title import TitleScreen
from riotgame.ui.widgets.choices import ChoiceList
from tests.support.ui import meter, meter_text, start_game


async def test_keyboard_from_title_to_an_ending(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        assert app.session.state.node == "gate"
        await pilot.press("1")  # put on the shirt
        assert app.session.state.node == "yard"
        await pilot.press("down", "down", "enter")  # the cursor skips the disabled 3rd: 4th
        await pilot.pause()
        assert app.session.state.node == "free"
        await pilot.press("1")  # see how it ends
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert "Free" in str(app.screen.query_one("#ending-title").content)
        assert "1 of 3" in str(app.screen.query_one("#found").content)
    assert app.records.endings("mini") == {"free"}


async def test_mouse_from_title_to_an_ending(build):
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#go")  # the content note's Continue button
        await pilot.pause()
        menu = app.screen.query_one("#menu", OptionList)
        await pilot.click(menu, offset=(2, 0))  # first line: New game
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        choices = app.screen.query_one(ChoiceList)
        await pilot.click(choices, offset=(4, 2))  # line 2 inside the border: Shout
        await pilot.pause()
        assert app.session.steps[-1].choice == "shout"
        assert app.session.state.node == "caught"  # the suspicion interrupt fired
        await pilot.click(choices, offset=(4, 1))
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
    assert app.records.endings("mini") == {"caught"}


async def test_disabled_choice_is_shown_with_reason_and_cannot_be_taken(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1")
        options = app.screen.query_one(ChoiceList)
        lead = options.get_option_at_index(2)
        assert lead.id == "lead" and lead.disabled
        assert "The boss does not trust you yet." in str(lead.prompt)
        await pilot.press("3")
        await pilot.pause()
        assert app.session.state.node == "yard" and len(app.session.steps) == 1
        await pilot.press("1", "1")  # look around, then lie: trust 5 + 10 + 20 = 35
        await pilot.pause()
        lead = options.get_option_at_index(0)  # both once-choices are gone
        assert lead.id == "lead" and not lead.disabled
        await pilot.press("1")
        await pilot.pause()
        assert app.session.state.node == "throne"


async def test_meter_change_shows_direction_and_size(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        assert meter_text(app, "suspicion") == ("10", "")
        await pilot.press("1")  # suspicion -= 5: good news, since high is bad
        assert meter_text(app, "suspicion") == ("5", "▼ -5")
        assert meter(app, "suspicion").query_one(".meter-delta").has_class("-good")
        assert "Disguised" in str(app.screen.query_one(".note-text", Static).content)
        await pilot.press("1")  # trust.boss += 10
        assert meter_text(app, "trust.boss") == ("15", "▲ +10")
        assert meter_text(app, "suspicion") == ("5", "")


async def test_meter_change_fades_after_a_while(build):
    app = build(flash_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1")  # shows "▼ -5" when changes do not fade (test above)
        await pilot.pause(0.3)  # the fade timer (0.05 s) is due before this pause ends
        assert meter_text(app, "suspicion")[1] == ""


async def test_undo_goes_back_and_the_key_is_dimmed_at_the_start(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        assert app.screen.check_action("undo", ()) is None
        await pilot.press("1", "1")
        assert [s.choice for s in app.session.steps] == ["disguise", "look"]
        await pilot.press("u")
        assert [s.choice for s in app.session.steps] == ["disguise"]
        assert meter_text(app, "trust.boss")[0] == "5"
        assert len(app.screen.query(".passage")) == 2
        await pilot.press("ctrl+z")
        assert app.session.steps == [] and len(app.screen.query(".passage")) == 1


async def test_the_run_so_far_stays_above_the_current_passage(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1")
        passages = app.screen.query(".passage")
        assert len(passages) == 2
        assert passages[0].has_class("-past") and not passages[1].has_class("-past")
        assert str(passages[1].content).startswith("› Put on the shirt")
        assert "The yard is loud." in str(passages[1].content)


async def test_a_new_passage_opens_at_its_first_line_and_pages_with_the_choices_focused(build):
    app = build("long")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        pane = app.screen.query_one("#narrative")
        choices = app.screen.query_one(ChoiceList)
        first = app.screen.query(".passage").last()
        assert pane.scroll_y == 0 and first.region.y == pane.region.y + 1  # under its margin
        await pilot.press("1")
        await pilot.pause()
        newest = app.screen.query(".passage").last()
        assert str(newest.content).startswith("› ")
        assert 0 < pane.scroll_y < pane.max_scroll_y  # the passage is longer than the pane
        assert newest.region.y == pane.region.y + 1  # its first line, the echoed choice, on top
        assert choices.border_title == "▼ more to read: PgDn"
        top = pane.scroll_y
        await pilot.press("pageup")  # the story scrolls; the choices keep the focus
        await pilot.pause()
        assert pane.scroll_y < top and choices.has_focus
        await pilot.press(*["pagedown"] * 10)
        await pilot.pause()
        assert pane.scroll_y == pane.max_scroll_y and choices.border_title == ""


async def test_content_note_is_shown_once_and_quit_quits(build, tmp_path):
    app = build()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
    assert app.records.note_seen("mini")
    again = build()
    async with again.run_test() as pilot:
        await pilot.pause()
        assert isinstance(again.screen, TitleScreen)

    other = build(data_dir=tmp_path / "other")
    async with other.run_test() as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert other.return_code == 0 and not other.is_running


async def test_resizing_at_any_moment_does_not_crash(build):
    app = build("long")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        for size in [(40, 10), (200, 60), (80, 24), (20, 5), (120, 40)]:
            await pilot.resize_terminal(*size)
            await pilot.press("1")
            await pilot.pause()
        assert len(app.session.steps) == 5


async def test_ctrl_q_quits_from_the_game(build):
    app = build()
    async with app.run_test() as pilot:
        await start_game(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running and app.return_code == 0


async def test_help_opens_with_question_mark_and_f1(build):
    app = build()
    async with app.run_test() as pilot:
        await start_game(app, pilot)
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, GameScreen)


async def test_the_real_story_starts_when_it_loads(tmp_path):
    """The shipped story opens and plays its first passage."""
    from riotgame import paths
    from riotgame.ui.app import load
    from riotgame.ui.launch import make_app

    story, errors = load(paths.story_dir())
    assert not errors, errors[0].concise()
    app = make_app(
        story, seed=1, data_dir=tmp_path / "d", saves_dir=tmp_path / "s", flash_seconds=None
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        assert app.screen.sub_title.startswith("Chapter 1:")
        first = next(
            i for i, v in enumerate(app.session.machine.choices(app.session.state), 1) if v.enabled
        )
        await pilot.press(str(first))
        assert len(app.session.steps) == 1


async def test_undo_from_the_ending_goes_back_into_the_run(build):
    app = build()
    async with app.run_test() as pilot:
        await start_game(app, pilot)
        await pilot.press("2", "1")  # shout: caught at once; see how it ends
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.session.state.node == "gate"
        assert len(app.screen.query(".passage")) == 1
