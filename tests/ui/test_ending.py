"""Where a chapter ends and a run ends: the transcript's chapter heading, the player's
chapter map (`m`), the ending screen (no repeated passage, each meter on its own range),
the gallery's hints and the places remembered for later maps."""

from __future__ import annotations

from textual.widgets import Static

from riotgame.ui.screens.ending import EndingScreen
from riotgame.ui.screens.gallery import GalleryScreen
from riotgame.ui.screens.route_map import RouteMapScreen
from riotgame.ui.widgets.arc import BLOCKS, Arc
from tests.support.ui import start_game


async def test_a_new_chapter_gets_a_heading_and_its_end_a_map(build):
    app = build("chapters")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        first = app.screen.query(".passage").last()
        assert str(first.content).startswith("Chapter 1: The Cell\n\nThe cell is dark")
        await pilot.press("1")  # look out: still chapter 1
        await pilot.pause()
        assert "Chapter" not in str(app.screen.query(".passage").last().content)
        assert not app.screen.check_action("chapter_map", ())
        await pilot.press("m")  # nothing to map in the middle of a chapter
        assert not isinstance(app.screen, RouteMapScreen)
        await pilot.press("1")  # walk to the yard: chapter 2
        await pilot.pause()
        step = str(app.screen.query(".passage").last().content)
        assert step.startswith("› Walk to the yard\n\nChapter 2: The Yard\n\nThe yard is loud.")
        assert app.screen.check_action("chapter_map", ())
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, RouteMapScreen)
        box = app.screen.query_one("#route-map")
        assert box.border_title == "Chapter 1: The Cell"
        lines = [str(s.content) for s in app.screen.query(".branch")]
        assert "  ● Look out  (your choice)" in lines
        assert "  ▒ Sleep  → not yet found" in lines  # the way not taken gives nothing away
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RouteMapScreen)


async def test_the_ending_screen_does_not_repeat_the_passage_and_maps_the_run(build):
    app = build("chapters")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1", "1", "1")  # look, walk, climb the fence
        await pilot.pause()
        assert "You are over the fence" in str(app.screen.query(".passage").last().content)
        await pilot.press("1")  # see how it ends
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Over the Fence" in shown and "You climb out." in shown
        assert "You are over the fence" not in shown
        turns = [str(s.content) for s in app.screen.query(".turn")]
        assert turns and all(t.startswith("• ") for t in turns)  # not numbered like choices
        # what each choice changed, on its own line, never glued to the choice's text
        changes = [str(s.content) for s in app.screen.query(".turn-changes")]
        assert changes == ["Trust +10", "Suspicion +50"]
        assert app.records.places("chapters") >= {"cell", "corridor", "yard", "end_out"}
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.query_one("#route-map").border_title == "Chapter 2: The Yard"
        await pilot.press("left")
        await pilot.pause()
        assert app.screen.query_one("#route-map").border_title == "Chapter 1: The Cell"


async def test_each_meter_is_drawn_on_its_own_range(build):
    app = build("chapters")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1", "1", "1", "1")  # trust 0 -> 10, suspicion 0 -> 50, of 100
        await pilot.pause()
        arcs = {arc.stat.name: str(arc.render()) for arc in app.screen.query(Arc)}
        assert set(arcs["trust"]) == {BLOCKS[0], BLOCKS[1]}  # a tenth of the way up at most
        assert arcs["suspicion"][-1] == BLOCKS[4]  # half way
        assert "█" not in "".join(arcs.values())
        ranges = [str(label.render()) for label in app.screen.query(".arc-range")]
        assert "0 → 10 of 100" in ranges


async def test_the_gallery_hints_where_an_unfound_ending_can_happen(build):
    app = build("chapters")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1", "1", "1", "1", "e")
        await pilot.pause()
        assert isinstance(app.screen, GalleryScreen)
        hidden = [str(s.content) for s in app.screen.query(".-hidden")]
        assert hidden == ["2. ???  Not yet found; it can happen in chapter 2."]
        assert "Sitting Tight" not in " ".join(str(s.render()) for s in app.screen.query(Static))


async def test_quitting_remembers_the_places_of_the_run(build):
    app = build("chapters")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        await pilot.press("2")  # sleep
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.records.places("chapters") == {"cell", "dawn"}
