"""`--watch`: the run carried over to an edited story (engine/reload.py), and the app
reloading on file changes, showing load problems instead of crashing."""

from __future__ import annotations

import os

import pytest

from riotgame.engine.play.machine import Machine
from riotgame.engine.play.reload import RunCarrier
from riotgame.engine.play.session import Session
from riotgame.l10n import app as words
from riotgame.ui.app import load
from riotgame.ui.launch import make_app
from riotgame.ui.screens.game import GameScreen
from riotgame.ui.screens.problems import ProblemsScreen
from riotgame.watch import StoryWatch
from tests.support.ui import bump_mtime, edit


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


def carry_over(session: Session, story):
    return RunCarrier().carry(session, story)


def test_an_edit_that_keeps_the_run_replays_it(story_dir):
    session = played(story_dir, "disguise", "look")
    edit(story_dir / "one.yaml", "The yard is loud.", "The yard roars.")
    carried = carry_over(session, reloaded(story_dir))
    assert carried.text == ""
    assert [s.choice for s in carried.session.steps] == ["disguise", "look"]
    assert carried.session.state.stats == session.state.stats
    text = carried.session.machine.passage(carried.session.state)
    assert text[0] == [("", "The yard roars.")]


def test_a_removed_choice_takes_the_run_back_to_the_last_step_that_fits(story_dir):
    session = played(story_dir, "disguise", "look", "lie")
    edit(story_dir / "one.yaml", "      - id: look\n", "      - id: look_around\n")
    story = reloaded(story_dir)
    carried = carry_over(session, story)
    new = carried.session
    assert [s.choice for s in new.steps] == ["disguise"] and new.state.node == "yard"
    assert story.stat_values(new.state) == {"suspicion": 5, "trust.boss": 5}
    assert 'step 2: choice "look" at yard no longer fits' in carried.text
    assert "goes back to choice 1 of 3, at yard" in carried.text
    assert new.undo() and new.state.node == "gate"  # the history up to there is kept


def test_a_removed_node_takes_the_run_back_and_says_so(story_dir):
    session = played(story_dir, "disguise", "look")
    text = (story_dir / "one.yaml").read_text()
    text = text.replace("  yard:\n", "  courtyard:\n").replace("goto: yard", "goto: courtyard")
    (story_dir / "one.yaml").write_text(text)
    carried = carry_over(session, reloaded(story_dir))
    assert carried.session.state.node == "courtyard"
    assert [s.choice for s in carried.session.steps] == ["disguise"]
    assert "step 2 no longer starts at yard" in carried.text


def test_restoring_the_file_brings_the_whole_run_back(story_dir):
    """The report's case: rename a node the run passed through, then undo the edit."""
    session = played(story_dir, "disguise", "look", "lie")
    original = (story_dir / "one.yaml").read_text()
    carrier = RunCarrier()
    edit(story_dir / "one.yaml", "      - id: look\n", "      - id: gaze\n")
    cut = carrier.carry(session, reloaded(story_dir))
    assert len(cut.session.steps) == 1
    (story_dir / "one.yaml").write_text(original)
    back = carrier.carry(cut.session, reloaded(story_dir))
    assert [s.choice for s in back.session.steps] == ["disguise", "look", "lie"]
    assert back.text == "Story reloaded: your whole run replays again (3 choices)."
    assert back.session.undo() and back.session.undo() and back.session.undo()
    assert back.session.state.node == "gate"


def test_a_new_choice_after_a_cut_forgets_the_cut_steps(story_dir):
    session = played(story_dir, "disguise", "look", "lie")
    original = (story_dir / "one.yaml").read_text()
    carrier = RunCarrier()
    edit(story_dir / "one.yaml", "      - id: look\n", "      - id: gaze\n")
    cut = carrier.carry(session, reloaded(story_dir)).session
    cut.choose("lie")  # the player went another way: their run is this one now
    (story_dir / "one.yaml").write_text(original)
    back = carrier.carry(cut, reloaded(story_dir))
    assert [s.choice for s in back.session.steps] == ["disguise", "lie"] and back.text == ""


def test_a_new_stat_starts_at_its_initial_value(story_dir):
    session = played(story_dir, "disguise", "look", "lie")
    edit(
        story_dir / "story.yaml",
        "stats:\n",
        "stats:\n  nerve: {label: Nerve, min: 0, max: 9, initial: 4, high_is: good}\n",
    )
    story = reloaded(story_dir)
    carried = carry_over(session, story)
    assert carried.text == ""
    assert story.stat_values(carried.session.state) == {
        "nerve": 4,
        "suspicion": 5,
        "trust.boss": 35,
    }


def test_story_watch_reports_each_change_once(story_dir):
    watch = StoryWatch(story_dir)
    assert not watch.changed()
    bump_mtime(story_dir / "one.yaml")
    assert watch.changed() and not watch.changed()
    (story_dir / "two.yaml").write_text("x: 1\n")
    assert watch.changed()
    (story_dir / "two.yaml").unlink()
    assert watch.changed()


def test_two_writes_of_one_size_within_a_clock_tick_are_two_changes(story_dir):
    path = story_dir / "one.yaml"
    path.write_text(path.read_text().replace("goto: throne", "goto: thrown"))
    watch = StoryWatch(story_dir)  # looks right after a write...
    first = path.stat().st_mtime_ns
    path.write_text(path.read_text().replace("goto: thrown", "goto: throne"))
    os.utime(path, ns=(first, first))  # ...and the next, as long, lands in the same tick
    assert watch.changed() and not watch.changed()


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
        assert app.session.state.node == "yard"
        assert [s.choice for s in app.session.steps] == ["disguise"]
        assert "goes back to choice 1 of 2" in app.screen.query_one("#notice").render().plain

        edit(story_dir / "one.yaml", "      - id: gaze\n", "      - id: look\n")  # undone
        app.poll_story()
        await pilot.pause()
        assert [s.choice for s in app.session.steps] == ["disguise", "look"]


async def test_a_spanish_player_is_told_of_a_reload_in_spanish(story_dir, tmp_path):
    # a Spanish catalogue with nothing in it yet: the story reads in English, the app in Spanish
    (story_dir / "locales").mkdir()
    (story_dir / "locales" / "es.po").write_text('msgid ""\nmsgstr "Language: es\\n"\n')
    words.use("es")
    try:
        app = make_app(
            reloaded(story_dir),
            seed=1,
            data_dir=tmp_path / "d",
            flash_seconds=None,
            watch=StoryWatch(story_dir),
            lang="es",
        )
        said = []
        app.notify = lambda message, **kw: said.append(str(message))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter", "enter", "1", "1")
            edit(story_dir / "one.yaml", "      - id: look\n", "      - id: gaze\n")
            app.poll_story()
            await pilot.pause()
            notice = " ".join(app.screen.query_one("#notice").render().plain.split())
            assert [s.choice for s in app.session.steps] == ["disguise"]
            assert notice.startswith("La historia cambió (paso 2: la decisión «look» en yard ya")
            assert "tu partida vuelve a la decisión 1 de 2, en yard" in notice

            edit(story_dir / "one.yaml", "goto: throne", "goto: thrown")  # now an error
            app.poll_story()
            await pilot.pause()
        assert said[-1].startswith("La historia editada tiene 1 error; sigues jugando")
    finally:
        words.use("en")


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


@pytest.mark.parametrize(
    "damage",
    ["half", "deleted", "broken", "huge_number", "folder_gone", "unexpected"],
)
async def test_the_game_outlives_every_kind_of_edit_and_recovers(
    story_dir, tmp_path, monkeypatch, damage
):
    import riotgame.ui.app as app_module

    path = story_dir / "one.yaml"
    good = path.read_text()
    app = make_app(
        reloaded(story_dir),
        seed=1,
        data_dir=tmp_path / "d",
        flash_seconds=None,
        watch=StoryWatch(story_dir),
    )
    said = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(str(message)), notify(message, **kw))
    moved = tmp_path / "moved"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "1")
        if damage == "half":
            path.write_text(good[: len(good) // 2])
        elif damage == "deleted":
            path.unlink()
        elif damage == "broken":
            path.write_text(good.replace("nodes:", "nodes: [", 1))
        elif damage == "huge_number":
            path.write_text(good.replace("chapter: 1", "chapter: " + "1" * 5000, 1))
        elif damage == "folder_gone":
            story_dir.rename(moved)
        else:
            real = app_module.load

            def explode(*args):
                raise RuntimeError("a loader bug")

            monkeypatch.setattr(app_module, "load", explode)
        if path.exists():
            bump_mtime(path)
        app.poll_story()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, GameScreen)
        assert "still playing the last good version" in said[-1]
        await pilot.press("1")  # the game answers
        assert [s.choice for s in app.session.steps] == ["disguise", "look"]

        if damage == "folder_gone":
            moved.rename(story_dir)
        elif damage == "unexpected":
            monkeypatch.setattr(app_module, "load", real)
        path.write_text(good)
        bump_mtime(path)
        app.poll_story()
        await pilot.pause()
        assert said[-1] == "Story reloaded: your run replays as before."
        assert [s.choice for s in app.session.steps] == ["disguise", "look"]
        await pilot.press("u")  # the undo history came through the bad versions
        assert [s.choice for s in app.session.steps] == ["disguise"]
