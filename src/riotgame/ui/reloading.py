"""`--watch` in the app: reload the story when its files change, and carry the run over.

The story is read again on the event loop (it takes tens of milliseconds); whatever goes
wrong there (load problems, a file half written, removed or unreadable, even an error we
did not foresee) leaves the game playing the last good version and says why. A good
version carries the run over through the engine's RunCarrier (engine/play/reload.py), which
keeps the undo history and brings back choices an earlier edit had cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from riotgame.engine.play.machine import RoutingLoop
from riotgame.engine.play.reload import RunCarrier
from riotgame.engine.story.problems import Problem
from riotgame.l10n.app import _, said
from riotgame.ui.screens.game import GameScreen
from riotgame.ui.screens.problems import ProblemsScreen, problems_content
from riotgame.ui.screens.title import tagline

if TYPE_CHECKING:
    from riotgame.engine.story.model import Story
    from riotgame.ui.app import RiotApp
    from riotgame.watch import StoryWatch


class StoryReloader:
    def __init__(self, app: RiotApp, watch: StoryWatch):
        self.app, self.watch = app, watch
        self.carrier = RunCarrier()  # one per run: `new_run` replaces it

    def new_run(self) -> None:
        self.carrier = RunCarrier()

    def reload(self) -> None:
        from riotgame.ui.app import load

        app = self.app
        try:
            story, errors = load(self.watch.root, self.watch.extra, app.lang)
        except Exception as error:
            self.keep_playing(
                _(
                    "The edited story could not be read ({error}); still playing the last good "
                    "version."
                ).format(error=describe(error))
            )
            return
        if story is None or errors:
            app.problems = errors
            self.say_problems(errors)
            return
        if app.story is None:  # the first version that loads: the title is under the problems
            app.story, app.problems = story, []
            app.pop_screen()
            app.story_ready()
            return
        note = _("Story reloaded.")
        if app.session is not None:
            try:
                carried = self.carrier.carry(app.session, story)
            except RoutingLoop as loop:
                self.keep_playing(
                    _(
                        "The edited story cannot start ({why}); still playing the last good "
                        "version."
                    ).format(why=loop)
                )
                return
            app.session = carried.session
            note = (
                said(carried.note.message, carried.note.values)
                if carried.note
                else _("Story reloaded: your run replays as before.")
            )
        app.story, app.problems = story, []
        app.title = story.title
        if app.saves is not None:
            app.saves.reloaded(story)
        app.notify(note, timeout=8, markup=False)
        self.rebuild_screens(story, note)

    def rebuild_screens(self, story: Story, note: str) -> None:
        """Screens built from the old story are replaced by ones built from the new."""
        app = self.app
        in_game = any(isinstance(s, GameScreen) for s in app.screen_stack)
        app.title_screen()
        app.title_menu.show_story(story.title, tagline(story))
        if in_game and app.session is not None:
            app.show_game(app.session, note)

    def say_problems(self, errors: list[Problem]) -> None:
        app = self.app
        screen = app.screen
        if isinstance(screen, GameScreen):
            screen.show_notice(problems_content(errors))
        elif isinstance(screen, ProblemsScreen):
            app.pop_screen()
            app.push_screen(ProblemsScreen(errors, True))
        message = (
            _("The edited story has 1 error; still playing the last good version.")
            if len(errors) == 1
            else _("The edited story has {count} errors; still playing the last good version.")
        )
        self.keep_playing(message.format(count=len(errors)))

    def keep_playing(self, message: str) -> None:
        self.app.notify(
            message,
            severity="error",
            timeout=8,
            markup=False,
        )


def describe(error: BaseException) -> str:
    text = str(error)
    text = text if len(text) <= 120 else text[:120] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
