"""`riotgame play`: the Textual app, or the plain player when asked for (`--plain`) or when
there is no terminal to draw on (a pipe, TERM=dumb).

Both front ends play what engine.play.playable allows and pick a run back up through
engine.saves.resume; the plain player's run is autosaved after every choice and undo, and
on the way out (quit, end of input, ctrl+C) the player is told where it is and how to go on.
"""

from __future__ import annotations

import io
import os
import random
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from riotgame import paths
from riotgame.commands.common import StorySource, load_playable, say_error
from riotgame.l10n.app import _, said

if TYPE_CHECKING:  # the Textual game draws its title before the engine is imported
    from riotgame.engine.play.machine import Machine
    from riotgame.engine.play.session import Session
    from riotgame.engine.saves.autosave import Autosaver
    from riotgame.engine.saves.store import SaveStore


@dataclass(frozen=True)
class PlayOptions:
    source: StorySource
    saves_dir: Path
    plain: bool | None = None  # None: plain when there is no terminal to draw on
    seed: int | None = None  # None: a random seed
    continue_run: bool = False  # go on with the newest unfinished run
    load: str | None = None  # a save's name or path
    watch: bool = False  # reload the story when its files change (Textual only)


def run_play(options: PlayOptions) -> int:
    # The OS's randomness, as secrets.randbits (which would import hashlib: ~3 ms at start-up).
    seed = options.seed if options.seed is not None else random.SystemRandom().getrandbits(32)
    if wants_plain(options):
        return run_plain(options, seed)
    from riotgame.l10n import app as words
    from riotgame.l10n.language import choose

    words.use(choose(options.source.lang, options.source.story_dir))  # before the UI's words
    from riotgame.ui.launch import run_app

    return run_app(
        story_dir=options.source.story_dir,
        extra=options.source.extra,
        seed=seed,
        saves_dir=options.saves_dir,
        watch=options.watch,
        open_first="continue" if options.continue_run else options.load,
        lang=options.source.lang,
    )


def wants_plain(options: PlayOptions) -> bool:
    if options.plain is not None:
        return options.plain
    if os.environ.get("TEXTUAL_DRIVER"):  # `riotgame serve`: the browser is the terminal
        return False
    return not (_is_tty(sys.stdin) and _is_tty(sys.stdout) and os.environ.get("TERM", "") != "dumb")


def run_plain(options: PlayOptions, seed: int) -> int:
    from riotgame.engine.play.machine import Machine, RoutingLoop
    from riotgame.engine.saves.autosave import Autosaver
    from riotgame.engine.saves.store import SaveStore
    from riotgame.plain import PlainPlayer

    story = load_playable(options.source)
    if story is None:
        return 1
    store = SaveStore(options.saves_dir)
    try:
        started = start_session(options, Machine(story), store, seed)
    except RoutingLoop as error:
        say_error(_("The story cannot start: {error}").format(error=error))
        return 1
    if started is None:
        return 1
    session, run = started
    autosave = Autosaver(store, run, lambda n: say_error(said(n.message, n.values)))
    if autosave.note:  # the run is open in another window: this one is a new run
        say_error(_(autosave.note))
    out = sys.stdout
    width = shutil.get_terminal_size().columns - 1 if _is_tty(out) else None
    player = PlainPlayer(session, out, plain_input(), width=width, on_change=autosave.save)
    try:
        player.run()
    except KeyboardInterrupt:
        out.write("\n")
        player.say(_("Stopped (ctrl+C)."))
        say_saved(autosave, session, options)
        return 130
    else:
        if player.stopped != "ending":
            say_saved(autosave, session, options)
        return 0
    finally:
        autosave.close()  # unlocks the run


def start_session(
    options: PlayOptions, machine: Machine, store: SaveStore, seed: int
) -> tuple[Session, str] | None:
    """A new run, or the one --continue/--load names; None (said) when a save is bad."""
    from riotgame.engine.play.session import Session
    from riotgame.engine.saves.format import SaveError
    from riotgame.engine.saves.resume import resume
    from riotgame.engine.saves.runs import new_run_id

    if options.continue_run or options.load is not None:
        try:
            loaded = resume(store, machine, options.load)
        except SaveError as exc:
            say_error(said(exc.notice.message, exc.notice.values))
            return None
        if loaded is not None:
            note = loaded.note
            shown = said(note.message, note.values) if note else None
            say_error(
                shown or _("Continuing the run saved in {path}.").format(path=loaded.save.path)
            )
            return loaded.session, loaded.run
        text = _("No unfinished run to continue in {folder}; starting a new one.")
        say_error(text.format(folder=store.directory))
    return Session(machine, seed), new_run_id()


def say_saved(autosave: Autosaver, session: Session, options: PlayOptions) -> None:
    """On the way out, on stderr (so a transcript on stdout stays the story's alone):
    where the run is and the command that continues it."""
    if not session.steps and autosave.path is None:
        say_error(_("No choice was made, so there was nothing to save."))
        return
    if not autosave.save(session):
        say_error(_("Your run could not be saved (see above)."))
        return
    say_error(_("Your run is saved in {path}.").format(path=autosave.path))
    say_error(_("To go on with it: {command}").format(command=continue_command(options)))


def continue_command(options: PlayOptions) -> str:
    argv = ["riotgame", "play", "--plain", "--continue"]
    if options.source.story_dir != paths.story_dir():
        argv += ["--story", str(options.source.story_dir)]
    for extra in options.source.extra:
        argv += ["--with", str(extra)]
    if options.saves_dir != paths.saves_dir():
        argv += ["--saves-dir", str(options.saves_dir)]
    if options.source.lang:
        argv += ["--lang", options.source.lang]
    return shlex.join(argv)


def plain_input() -> TextIO:
    """Standard input for the plain player: a closed stdin is an empty one, and bytes
    that are not valid text become U+FFFD instead of an error."""
    stdin = sys.stdin
    if stdin is None:
        return io.StringIO("")
    if isinstance(stdin, io.TextIOWrapper):
        stdin.reconfigure(errors="replace")
    return stdin


def _is_tty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False
