"""The plain player: one line after another, for screen readers, pipes and scripts.

Passages print as paragraphs, choices as a numbered list (unavailable ones with their
reason), and every change of state is said in words. Choices are read from standard input,
so `printf '1\n2\n' | riotgame play --plain --seed 1` plays a scripted run; the end of the
input ends the game cleanly. It drives a Session, as the Textual app does, so `u` undoes.

No answer can break it: only decimal digits count as a number (not `²` or `①`), a number
is read only when it is short, a line is read in bounded pieces, and control characters
typed in are never echoed back.
"""

from __future__ import annotations

import io
import itertools
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from riotgame.engine.play.machine import (
    ChoiceError,
    ChoiceView,
    FlagChanged,
    Machine,
    RoutingLoop,
    StatChanged,
)
from riotgame.engine.play.session import Session
from riotgame.engine.play.state import GameState
from riotgame.engine.story.model import Story
from riotgame.engine.story.text import plain
from riotgame.l10n.app import _

if TYPE_CHECKING:
    from riotgame.engine.saves.replay import Frame

MAX_LINE = 4096  # characters of an answer that are read; the rest of a longer line is skipped
MAX_DIGITS = 6  # a longer number is no choice
ECHO = 200  # characters of a scripted answer shown back


def describe_events(story: Story, events: Sequence[object]) -> list[str]:
    """Stat and flag changes as sentences: "Suspicion rises to 35." """
    stats = {d.name: d for d in story.stats}
    flags = {d.name: d for d in story.flags}
    lines = []
    for event in events:
        if isinstance(event, StatChanged):
            d = stats[event.name]
            if d.hidden:
                continue
            said = _("{label} rises to {value}.") if event.new > event.old else None
            said = said or _("{label} falls to {value}.")
            lines.append(said.format(label=d.label, value=event.new))
        elif isinstance(event, FlagChanged):
            label = flags[event.name].label
            said = _("Noted: {label}.") if event.value else _("No longer: {label}.")
            lines.append(said.format(label=label))
    return lines


def status_lines(story: Story, state: GameState) -> list[str]:
    lines = [
        _("{label}: {value} of {max}.").format(label=d.label, value=state.stats[i], max=d.max)
        for i, d in enumerate(story.stats)
        if not d.hidden
    ]
    shown = [d.label for d in story.shown_flags(state)]
    if shown:
        lines.append(_("Notes: {notes}.").format(notes="; ".join(shown)))
    return lines


def choice_number(answer: str, count: int) -> int | None:
    """The choice an answer names (1-based), or None. Decimal digits of any script count
    (an Arabic-Indic ٢ is 2); superscripts, circled digits and long numbers do not."""
    if not answer.isdecimal() or len(answer) > MAX_DIGITS:
        return None
    number = int(answer)
    return number if 1 <= number <= count else None


def wrap(text: str, width: int) -> str:
    """Each line of `text` filled to `width` at word boundaries; a numbered choice's
    continuation lines are indented under its text."""
    out = []
    for line in text.split("\n"):
        number, dot, _rest = line.partition(". ")
        indent = " " * (len(number) + 2) if dot and number.isdecimal() else ""
        filled = textwrap.fill(
            line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
        )
        out.append(filled or line)
    return "\n".join(out)


def printable(text: str) -> str:
    """Typed text safe to show: control characters (escape sequences...) left out."""
    return "".join(c for c in text if unicodedata.category(c)[0] != "C")[:ECHO]


class PlainPlayer:
    """Plays a Session line by line. `on_change(session)` runs after each choice and undo
    (the autosave); `width` wraps paragraphs at word boundaries (None: no wrapping)."""

    def __init__(
        self,
        session: Session,
        out: TextIO,
        inp: TextIO,
        *,
        width: int | None = None,
        on_change: Callable[[Session], object] | None = None,
    ):
        self.session = session
        self.machine: Machine = session.machine
        self.story = session.story
        self.out, self.inp = out, inp
        self.width = width
        self.on_change = on_change
        self.chapter: tuple[int, str] | None = None
        self.stopped = ""  # why the run stopped: "ending", "quit" or "end of input"

    def say(self, text: str = "") -> None:
        self.out.write((wrap(text, self.width) if self.width else text) + "\n")

    def run(self, *, show_note: bool = True) -> GameState:
        """Play until an ending, `q` or the end of the input; returns the last state.
        KeyboardInterrupt (ctrl+C) is left to the caller, which saves and says so."""
        story = self.story
        self.say(f"{story.title}")
        if show_note and story.content_note:
            self.say()
            self.say(_("Content note: {note}").format(note=story.content_note))
            self.say(_("Type q at any prompt to quit."))
        self.say(_("(seed {seed})").format(seed=self.session.seed))
        while True:
            state = self.session.state
            self.show(state)
            ending = self.machine.ending(state)
            if ending:
                e = story.ending(ending)
                self.say()
                self.say(
                    _("Ending: {title}. {description}").format(
                        title=e.title, description=e.description
                    )
                )
                self.say(_("The end."))
                self.stopped = "ending"
                return state
            if not self.ask():
                return self.session.state

    def show(self, state: GameState) -> None:
        node = self.machine.node(state)
        chapter = (node.chapter.number, node.chapter.title)  # a branch file joins a chapter
        # an ending has its own heading, whichever chapter file holds its node
        if chapter != self.chapter and self.machine.ending(state) is None:
            self.chapter = chapter
            self.say()
            self.say(
                _("Chapter {number}: {title}").format(
                    number=node.chapter.number, title=node.chapter.title
                )
            )
        self.say()
        self.say(plain(self.machine.passage(state)))

    def ask(self) -> bool:
        """Read answers until one moves the run (a choice, an undo). False: stop."""
        views = self.machine.choices(self.session.state)
        self.say()
        for i, view in enumerate(views, 1):
            text = plain(view.text)
            if not view.enabled:
                text = _("(unavailable: {reason}) {text}").format(reason=view.reason, text=text)
            self.say(f"{i}. {text}")
        while True:
            answer = self.read_answer()
            if answer is None:
                self.say()
                self.say(_("End of input: the run stops here."))
                self.stopped = "end of input"
                return False
            answer = answer.strip().lower()
            if answer in ("q", "quit"):
                self.say(_("You stop here."))
                self.stopped = "quit"
                return False
            if self.command(answer):
                if answer in ("u", "undo") and self.undo():
                    return True
                continue
            number = choice_number(answer, len(views))
            if number is not None and self.choose(views[number - 1]):
                return True
            if number is None:
                self.say(
                    _("Type a number from 1 to {count}, or h for help.").format(count=len(views))
                )

    def command(self, answer: str) -> bool:
        """Help and status are answered here; True for any command word (undo included)."""
        if answer in ("h", "help", "?"):
            self.say(
                _(
                    "Type the number of a choice. Other commands: s (status), "
                    "u (undo the last choice), h (help), q (quit)."
                )
            )
        elif answer in ("s", "status"):
            for text in status_lines(self.story, self.session.state):
                self.say(text)
        return answer in ("h", "help", "?", "s", "status", "u", "undo")

    def undo(self) -> bool:
        if not self.session.undo():
            self.say(_("Nothing to undo: this is the start of the run."))
            return False
        self.say(_("You take back your last choice."))
        self.chapter = None  # say the chapter again: it may be another one
        if self.on_change:
            self.on_change(self.session)
        return True

    def choose(self, view: ChoiceView) -> bool:
        if not view.enabled:
            self.say(_("That is not open to you: {reason}").format(reason=view.reason))
            return False
        try:
            events = self.session.choose(view.id)
        except (ChoiceError, RoutingLoop) as error:  # a story bug: say it, keep the run
            self.say(_("The story cannot go on from this choice: {error}").format(error=error))
            return False
        self.say(_("You chose: {choice}").format(choice=plain(view.chosen)))
        for text in describe_events(self.story, events):
            self.say(text)
        if self.on_change:
            self.on_change(self.session)
        return True

    def read_answer(self) -> str | None:
        """One line of input (None at its end), read in bounded pieces: the rest of an
        over-long line is skipped, so no line can fill the memory."""
        self.out.write("> ")
        self.out.flush()
        line = self.inp.readline(MAX_LINE)
        if not line:
            return None
        rest = line
        while len(rest) == MAX_LINE and not rest.endswith("\n"):
            rest = self.inp.readline(MAX_LINE)
            line = "!"  # too long to be an answer
        if not _is_tty(self.inp):  # a scripted run: show what was "typed"
            self.out.write(printable(line.rstrip("\n")) + "\n")
        return line


def write_transcript(machine: Machine, frames: Sequence[Frame], out: TextIO) -> None:
    """A re-played run (replay.Frame list) as the plain player shows it: the recorded
    choices are typed in as their numbers, so the transcript is exactly a scripted run."""
    answers = []
    for before, after in itertools.pairwise(frames):
        ids = [view.id for view in machine.choices(before.state)]
        assert after.step is not None
        answers.append(f"{ids.index(after.step.choice) + 1}\n")
    session = Session(machine, frames[0].state.seed)
    PlainPlayer(session, out, io.StringIO("".join(answers))).run(show_note=False)


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
