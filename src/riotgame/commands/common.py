"""What every command shares: the story it works on, loading it, messages and progress."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # `riotgame play` imports this module before the title screen is drawn
    from riotgame.engine.story.model import Story
    from riotgame.engine.story.problems import Problem


@dataclass(frozen=True)
class StorySource:
    """The story a command works on: a directory (already decided by riotgame.paths) and
    branch files loaded with it (`--with`)."""

    story_dir: Path
    extra: tuple[Path, ...] = ()
    lang: str | None = None  # play: the language asked for (riotgame.l10n.language.choose)


def say_error(text: str) -> None:
    print(text, file=sys.stderr)


def report_errors(problems: Sequence[Problem], what: str = "the story") -> None:
    from riotgame.engine.story.problems import format_problems

    errors = [p for p in problems if p.is_error]
    say_error(format_problems(errors, "full"))
    say_error(f"{what[0].upper()}{what[1:]} has {len(errors)} errors; fix them and try again.")


def load_checked(source: StorySource) -> Story | None:
    """The story with every check of `riotgame check` (graph checks included), for the
    authoring commands; its errors are printed and None returned when there are any."""
    from riotgame.engine.analysis.check import check_story

    story, problems, _ = check_story(source.story_dir, source.extra)
    if any(p.is_error for p in problems) or story is None:
        report_errors(problems)
        return None
    return story


def load_playable(source: StorySource) -> Story | None:
    """The story as the game plays it (engine.play.playable: the rule the app follows too);
    errors are printed and None returned when it cannot be played."""
    from riotgame.engine.play.playable import load_for_play

    story, errors = load_for_play(source.story_dir, source.extra, story_translations(source))
    if story is None:
        report_errors(errors)
    return story


def story_translations(source: StorySource) -> dict[str, str]:
    """The story's translations into the language to play in, and the app's words set to
    it; a catalogue that cannot be read is said, and the game is played in English."""
    from riotgame.l10n.language import play_language

    _, translations, said = play_language(source.lang, source.story_dir)
    if said:
        say_error(said)
    return translations


class Progress:
    """A progress bar on stderr, shown only on a terminal and once the work has taken more
    than a second, so quick runs and pipes see nothing."""

    def __init__(self, total: int | None, what: str, stream: TextIO | None = None):
        self.total, self.what = total, what
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.shown = False
        self.enabled = _is_tty(self.stream)

    def __call__(self, done: int) -> None:
        if not self.enabled or (done & 255):
            return
        if time.monotonic() - self.started < 1:
            return
        self.shown = True
        if self.total:
            filled = int(30 * done / self.total)
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\r[{bar}] {done:,}/{self.total:,} {self.what}")
        else:
            self.stream.write(f"\r{done:,} {self.what}")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
