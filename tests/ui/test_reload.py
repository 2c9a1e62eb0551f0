"""`--watch`: the run carried over to an edited story (engine/reload.py), and the app
reloading on file changes, showing load problems instead of crashing."""

from __future__ import annotations

import os
import shutil

import pytest
from tests.ui.conftest import FIXTURES

from riotgame.engine.play.machine import Machine
from riotgame.engine.play.reload import carry_over
from riotgame.engine.play.session import Session
from riotgame.ui.app import load, make_app
from riotgame.ui.screens.game import GameScreen
from riotgame.ui.screens.problems import ProblemsScreen
from riotgame.watch import StoryWatch


@pytest.fixture
def story_dir(tmp_path):
    target = tmp_path / "story"
    shutil.copytree(FIXTURES / "mini", target)
    return target


def edit(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    bump_mtime(path)


def bump_mtime(path) -> None:
    """Make the change visible even on file systems with coarse timestamps."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def played(story_dir, *choices) -> Session:
    story, errors = load(story_dir)
    assert not errors
    session = Session(Machine(story), seed=3)
    for choice in choices:
        session.choose(choice)
    return session


def reloaded(story_dir):
    story, errors = load(story_dir)
    assert not errors, errors
    return story


def test_an_edit_that_keeps_the_run_replays_it(story_dir):
    session = played(story_dir, "disguise", "look")
    edit(story_dir / "one.yaml", "The yard is loud.", "The yard roars.")
    carried = carry_over(session, reloaded(story_dir))
    assert carried.note == ""
    assert [s.choice for s in carried.session.steps] == ["disguise", "look"]
    assert carried.session.state.stats == session.state.stats
    text = carried.session.machine.passage(carried.session.state)
    assert text[0] == [("", "The yard roars.")]


def test_a_removed_choice_keeps_stats_and_flags_at_the_same_node(story_dir):
    session = played(story_dir, "disguise", "look", "lie")
    edit(story_dir / "one.yaml", "      - id: look\n", "      - id: look_around\n")
    story = reloaded(story_dir)
    carried = carry_over(session, story)
    new = carried.session
    assert new.state.node == "yard"
    assert story.stat_values(new.state) == {"suspicion": 5, "trust.boss": 35}
    assert set(story.flags_set(new.state)) == {"disguised", "lied"}
    assert 'step 2: choice "look" at yard no longer fits' in carried.note
    assert "you stay at yard" in carried.note
    assert new.steps == [] and not new.undo()  # the history starts again here


def test_a_removed_node_puts_the_player_back_at_the_start_and_says_so(story_dir):
    session = played(story_dir, "disguise")
    edit(story_dir / "one.yaml", "  yard:\n", "  courtyard:\n")
    text = (story_dir / "one.yaml").read_text().replace("goto: yard", "goto: courtyard")
    (story_dir / "one.yaml").write_text(text)
    carried = carry_over(session, reloaded(story_dir))
    assert carried.session.state.node == "gate"
    assert "yard is gone, so you are back at the start (gate)" in carried.note
    assert carried.session.story.flags_set(carried.session.state) == ["disguised"]


def test_new_stats_start_at_their_initial_value_and_old_values_are_clamped(story_dir):
    session = played(story_dir, "disguise", "look", "lie")  # trust.boss 35
    edit(story_dir / "story.yaml", "max: 50, initial: 5", "max: 30, initial: 5")
    edit(
        story_dir / "story.yaml",
        "stats:\n",
        "stats:\n  nerve: {label: Nerve, min: 0, max: 9, initial: 4, high_is: good}\n",
    )
    edit(story_dir / "one.yaml", "      - id: look\n", "      - id: look2\n")
    story = reloaded(story_dir)
    carried = carry_over(session, story)
    values = story.stat_values(carried.session.state)
    assert values == {"nerve": 4, "suspicion": 5, "trust.boss": 30}


def test_story_watch_reports_each_change_once(story_dir):
    watch = StoryWatch(story_dir)
    assert not watch.changed()
    bump_mtime(story_dir / "one.yaml")
    assert watch.changed() and not watch.changed()
    (story_dir / "two.yaml").write_text("x: 1\n")
    assert watch.changed()
    (story_dir / "two.yaml").unlink()
    assert watch.changed()


async def test_the_app_reloads_an_edit_and_keeps_the_run(story_dir, tmp_path):
    app = make_app(
        reloaded(story_dir),
        seed=1,
        data_dir=tmp_path / "d",
        flash_seconds=None,
        watch=StoryWatch(story_dir),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "1")
        edit(story_dir / "one.yaml", "The yard is loud.", "The yard roars.")
        app.poll_story()
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert [s.choice for s in app.session.steps] == ["disguise"]
        assert "The yard roars." in app.screen.query(".passage").last().render().plain

        edit(story_dir / "one.yaml", "goto: throne", "goto: thrown")  # now an error
        app.poll_story()
        await pilot.pause()
        notice = app.screen.query_one("#notice")
        assert (
            notice.display
            and "E1" in notice.render().plain
            and "one.yaml:" in notice.render().plain
        )
        await pilot.press("1")  # still playing the last good version
        assert [s.choice for s in app.session.steps] == ["disguise", "look"]

        edit(story_dir / "one.yaml", "goto: thrown", "goto: throne")
        edit(story_dir / "one.yaml", "      - id: look\n", "      - id: gaze\n")
        app.poll_story()
        await pilot.pause()
        assert app.session.state.node == "yard" and app.session.steps == []
        assert "you stay at yard" in app.screen.query_one("#notice").render().plain


async def test_a_story_that_does_not_load_shows_its_problems_until_fixed(story_dir, tmp_path):
    edit(story_dir / "one.yaml", "goto: throne", "goto: thrown")
    story, errors = load(story_dir)
    app = make_app(story, errors, seed=1, data_dir=tmp_path / "d", watch=StoryWatch(story_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = app.screen.query_one("#problem-list Static").render().plain
        assert text.startswith(f"{story_dir / 'one.yaml'}:") and '"thrown"' in text
        edit(story_dir / "one.yaml", "goto: thrown", "goto: throne")
        app.poll_story()
        await pilot.pause()
        assert type(app.screen).__name__ in ("TitleScreen", "ContentNoteScreen")
