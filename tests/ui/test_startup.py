"""Start-up as `riotgame play` does it: the title screen is drawn first, the engine and the
story load in a thread after it. Until they are ready the options that need the story say
"loading...", and an option picked meanwhile waits for the story instead of being lost.

`held` keeps the loading thread waiting until the test lets it go (a slow disk, made
deterministic) by wrapping the app module's `load`."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest
from textual.widgets import OptionList, Static

import riotgame.ui.app as app_module
from riotgame.ui.launch import make_app
from riotgame.ui.screens.content_note import ContentNoteScreen
from riotgame.ui.screens.game import GameScreen
from riotgame.ui.screens.problems import ProblemsScreen
from riotgame.ui.screens.title import TitleScreen
from riotgame.watch import StoryWatch
from tests.support.stories import FIXTURES
from tests.support.ui import edit, pick_menu, start_game


@pytest.fixture
def held(monkeypatch):
    go = threading.Event()
    real_load = app_module.load

    def slow_load(*args):
        go.wait(30)
        return real_load(*args)

    monkeypatch.setattr(app_module, "load", slow_load)
    yield go
    go.set()  # never leave the thread waiting


@pytest.fixture
def start(tmp_path):
    """start(story_dir=the mini fixture, note_seen=False, **options) -> the app, loading."""

    def start(story=FIXTURES / "mini", note_seen: bool = False, **options):
        data = tmp_path / "data"
        if note_seen:
            data.mkdir(exist_ok=True)
            (data / "records.json").write_text(
                json.dumps({"stories": {"mini": {"content_note_seen": True}}})
            )
        return make_app(
            story_dir=story,
            seed=1,
            data_dir=data,
            saves_dir=tmp_path / "saves",
            flash_seconds=None,
            **options,
        )

    return start


def prompts(app) -> dict[str, str]:
    return {o.id: str(o.prompt) for o in app.screen.query_one("#menu", OptionList).options}


def story_title(app) -> str:
    title = next(s for s in app.screen_stack if isinstance(s, TitleScreen))
    return str(title.query_one("#story-title", Static).content)


async def until_loaded(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_title_comes_first_and_a_pick_waits_for_the_story(start, held):
    app = start()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and app.story is None
        assert story_title(app) == ""
        before = prompts(app)
        assert before["new"] == "New game  (loading...)"
        assert before["endings"] == "Endings  (loading...)"
        assert before["help"] == "Help" and before["quit"] == "Quit"

        await pilot.press("enter")  # New game, before the story is there
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and app.session is None
        assert prompts(app)["new"] == "New game  (as soon as loaded)"

        held.set()
        await until_loaded(app, pilot)
        assert story_title(app) == "The Mini Riot"
        assert isinstance(app.screen, ContentNoteScreen)  # first start: the note comes first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.session.state.node == "gate"


async def test_a_pick_that_turns_out_unavailable_says_why(start, held):
    app = start(note_seen=True)
    said = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick_menu(app, pilot, "continue")
        assert prompts(app)["continue"] == "Continue  (as soon as loaded)"
        held.set()
        await until_loaded(app, pilot)
        assert isinstance(app.screen, TitleScreen)
        assert prompts(app)["continue"] == "Continue  (no run to continue)"
        assert said == ["Continue: no run to continue."]
        assert prompts(app)["new"] == "New game"
        await pick_menu(app, pilot, "new")  # the menu works as usual from here
        assert isinstance(app.screen, GameScreen)


async def test_help_and_quit_work_while_loading(start, held):
    app = start()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pick_menu(app, pilot, "quit")
        assert not app.is_running
        held.set()
    assert app.story is None and app.problems == []  # quit, not a failed load: exit code 0


async def test_a_story_that_fails_to_load_shows_its_problems(start, story_dir):
    edit(story_dir / "one.yaml", "goto: throne", "goto: thrown")
    app = start(story_dir, watch=StoryWatch(story_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await until_loaded(app, pilot)
        assert isinstance(app.screen, ProblemsScreen)
        assert app.story is None and app.problems
        text = app.screen.query_one("#problem-list Static").render().plain
        assert text.startswith(f"{story_dir / 'one.yaml'}:") and '"thrown"' in text

        edit(story_dir / "one.yaml", "goto: thrown", "goto: throne")  # --watch: fixed
        app.poll_story()
        await pilot.pause()
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and story_title(app) == "The Mini Riot"


async def test_continue_opens_the_saved_run_once_loaded(start, build):
    first = build()
    async with first.run_test() as pilot:
        await start_game(first, pilot)
        await pilot.press("1", "1")
        await pilot.pause()
        first.wait_for_saves()

    resumed = start(open_first="continue")
    async with resumed.run_test() as pilot:
        await until_loaded(resumed, pilot)  # same data directory: the note was seen
        assert isinstance(resumed.screen, GameScreen)
        assert [s.choice for s in resumed.session.steps] == ["disguise", "look"]


def test_the_title_screen_imports_no_engine_and_no_other_screen():
    code = (
        "import sys, riotgame.cli, riotgame.commands.play, riotgame.commands.crash, "
        "riotgame.ui.app, riotgame.ui.launch; print(' '.join(sorted(m for m in "
        "sys.modules if m.startswith(('riotgame.engine', 'riotgame.ui.screens.', 'yaml')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["riotgame.ui.screens.title"]


async def test_the_language_option_reads_the_story_again_in_the_next_language(
    start, tmp_path, monkeypatch
):
    import shutil

    from riotgame.l10n import app as words

    monkeypatch.setenv("RIOTGAME_DATA", str(tmp_path / "kept"))  # where the choice is kept
    folder = shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    (folder / "locales").mkdir()
    (folder / "locales" / "es.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "story.title"\nmsgid "The Mini Riot"\nmsgstr "El Mini Motín"\n',
        encoding="utf-8",
    )
    app = start(story=folder, note_seen=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until_loaded(app, pilot)
            assert story_title(app) == "The Mini Riot"
            await pick_menu(app, pilot, "language")
            await until_loaded(app, pilot)
            assert app.lang == "es"
            assert story_title(app) == "El Mini Motín"
            assert prompts(app)["language"].endswith("Español")
            assert app.saves is not None and not app.loading  # the saves came back with it
        kept = json.loads((tmp_path / "kept" / "settings.json").read_text())
        assert kept == {"language": "es"}
    finally:
        words.use("en")  # the app's words are process-wide
