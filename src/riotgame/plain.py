"""The plain player: one line after another, for screen readers, pipes and scripts.

Passages print as paragraphs, choices as a numbered list (unavailable ones with their
reason), and every change of state is said in words. Choices are read from standard input,
so `printf '1\n2\n' | riotgame play --plain --seed 1` plays a scripted run; the end of the
input ends the game cleanly.
"""

from __future__ import annotations

import io
import itertools
from typing import TextIO

from riotgame.engine.play.machine import FlagChanged, Machine, StatChanged
from riotgame.engine.play.state import GameState
from riotgame.engine.story.text import plain

HELP = "Type the number of a choice. Other commands: s (status), h (help), q (quit)."


def describe_events(story, events) -> list[str]:
    """Stat and flag changes as sentences: "Suspicion rises to 35." """
    stats = {d.name: d for d in story.stats}
    flags = {d.name: d for d in story.flags}
    lines = []
    for event in events:
        if isinstance(event, StatChanged):
            d = stats[event.name]
            if d.hidden:
                continue
            verb = "rises" if event.new > event.old else "falls"
            lines.append(f"{d.label} {verb} to {event.new}.")
        elif isinstance(event, FlagChanged):
            label = flags[event.name].label
            lines.append(f"Noted: {label}." if event.value else f"No longer: {label}.")
    return lines


def status_lines(story, state: GameState) -> list[str]:
    lines = [
        f"{d.label}: {state.stats[i]} of {d.max}."
        for i, d in enumerate(story.stats)
        if not d.hidden
    ]
    shown = [d.label for d in story.shown_flags(state)]
    if shown:
        lines.append("Notes: " + "; ".join(shown) + ".")
    return lines


class PlainPlayer:
    def __init__(self, machine: Machine, out: TextIO, inp: TextIO, *, on_step=None):
        self.machine = machine
        self.story = machine.story
        self.out = out
        self.inp = inp
        self.on_step = on_step  # called with (state, choice_id, new_state) after each choice
        self.chapter = None

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def run(self, state: GameState, *, show_note: bool = True) -> GameState:
        story = self.story
        self.say(f"{story.title}")
        if show_note and story.content_note:
            self.say()
            self.say("Content note: " + story.content_note)
            self.say("Type q at any prompt to quit.")
        self.say(f"(seed {state.seed})")
        while True:
            self.show(state)
            ending = self.machine.ending(state)
            if ending:
                e = story.ending(ending)
                self.say()
                self.say(f"Ending: {e.title}. {e.description}")
                self.say("The end.")
                return state
            new = self.ask(state)
            if new is None:
                return state
            state = new

    def show(self, state: GameState) -> None:
        node = self.machine.node(state)
        chapter = (node.chapter.number, node.chapter.title)  # a branch file joins a chapter
        if chapter != self.chapter:
            self.chapter = chapter
            self.say()
            self.say(f"Chapter {node.chapter.number}: {node.chapter.title}")
        self.say()
        self.say(plain(self.machine.passage(state)))

    def ask(self, state: GameState) -> GameState | None:
        views = self.machine.choices(state)
        self.say()
        for i, view in enumerate(views, 1):
            text = plain(view.text)
            if view.enabled:
                self.say(f"{i}. {text}")
            else:
                self.say(f"{i}. (unavailable: {view.reason}) {text}")
        while True:
            self.out.write("> ")
            self.out.flush()
            line = self.inp.readline()
            if line and not _is_tty(self.inp):  # a scripted run: show what was "typed"
                self.say(line.rstrip("\n"))
            if not line:
                self.say()
                self.say("End of input: the run stops here.")
                return None
            answer = line.strip().lower()
            if answer in ("q", "quit"):
                self.say("You stop here.")
                return None
            if answer in ("h", "help", "?"):
                self.say(HELP)
                continue
            if answer in ("s", "status"):
                for text in status_lines(self.story, state):
                    self.say(text)
                continue
            if answer.isdigit() and 1 <= int(answer) <= len(views):
                view = views[int(answer) - 1]
                if not view.enabled:
                    self.say(f"That is not open to you: {view.reason}")
                    continue
                new, events = self.machine.choose(state, view.id)
                self.say(f"You chose: {plain(view.chosen)}")
                for text in describe_events(self.story, events):
                    self.say(text)
                if self.on_step:
                    self.on_step(state, view.id, new)
                return new
            self.say(f"Type a number from 1 to {len(views)}, or h for help.")


def write_transcript(machine: Machine, frames, out: TextIO) -> None:
    """A re-played run (replay.Frame list) as the plain player shows it: the recorded
    choices are typed in as their numbers, so the transcript is exactly a scripted run."""
    answers = []
    for before, after in itertools.pairwise(frames):
        ids = [view.id for view in machine.choices(before.state)]
        answers.append(f"{ids.index(after.step.choice) + 1}\n")
    PlainPlayer(machine, out, io.StringIO("".join(answers))).run(frames[0].state, show_note=False)


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
