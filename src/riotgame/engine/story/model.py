"""The story model: immutable objects built once by the loader.

Every object that came from a file keeps its `Loc` so checks and the UI can point at it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from riotgame.engine.story.expr import Condition, Effect
from riotgame.engine.story.text import Text
from riotgame.engine.story.text.blocks import EMPTY_TEXT

if TYPE_CHECKING:
    from riotgame.engine.story.named import NamedDef
    from riotgame.engine.story.textload import TextUnit


class Loc(NamedTuple):
    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


NOWHERE = Loc("", 0, 0)  # the place of something not read from a file


class HasStats(Protocol):
    """What reading stats needs of a state."""

    @property
    def stats(self) -> Sequence[int]: ...


class HasFlags(Protocol):
    """What reading flags needs of a state (the play layer's GameState has it)."""

    @property
    def flags(self) -> int: ...


@dataclass(frozen=True, slots=True)
class StatDef:
    name: str
    label: str
    min: int
    max: int
    initial: int
    high_is: str  # "good", "bad" or "neutral"
    hidden: bool
    loc: Loc


@dataclass(frozen=True, slots=True)
class FlagDef:
    name: str
    label: str
    show: bool
    loc: Loc
    silent: bool = False  # bookkeeping: never announced or shown


@dataclass(frozen=True, slots=True)
class EndingDef:
    id: str
    title: str
    description: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    text: Text  # the button
    goto: str
    reply: Text = EMPTY_TEXT  # shown right after the choice, before the next node's text
    chosen: Text | None = None  # what the run's record says was chosen (default: text)
    cond: Condition | None = None
    disabled: Condition | None = None
    reason: str = ""
    effects: tuple[Effect, ...] = ()
    once: bool = False
    loc: Loc = NOWHERE
    goto_loc: Loc = NOWHERE
    key: str = ""  # "node/choice": identifies a once-choice in the state
    tags: tuple[str, ...] = ()  # e.g. "risky": for play-testing personas and analysis


@dataclass(frozen=True, slots=True)
class Route:
    """One entry of a node's `next:` list."""

    cond: Condition | None
    goto: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Chapter:
    number: int
    title: str
    path: str


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    text: Text
    chapter: Chapter
    loc: Loc
    tags: tuple[str, ...] = ()
    on_enter: tuple[Effect, ...] = ()
    choices: tuple[Choice, ...] = ()
    next: tuple[Route, ...] = ()
    ending: str | None = None
    ending_loc: Loc | None = None
    content_hash: str = ""

    def targets(self) -> Iterator[tuple[str, Loc]]:
        """(goto, loc) of every way out of this node."""
        for choice in self.choices:
            yield choice.goto, choice.goto_loc
        for route in self.next:
            yield route.goto, route.loc


@dataclass(frozen=True, slots=True)
class Interrupt:
    cond: Condition
    goto: str
    loc: Loc


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    start: str
    root: str  # the story directory
    content_note: str
    stats: tuple[StatDef, ...]
    flags: tuple[FlagDef, ...]
    endings: tuple[EndingDef, ...]
    interrupts: tuple[Interrupt, ...]
    nodes: dict[str, Node]
    chapters: tuple[Chapter, ...]
    files: tuple[str, ...]
    fingerprint: str  # hash of every file's content: any edit changes it
    start_loc: Loc = NOWHERE
    version: int = 1  # story.yaml's `version:`, raised when an edit breaks old saves
    named: dict[str, NamedDef] = field(default_factory=dict)  # constants and conditions
    text_units: tuple[TextUnit, ...] = ()
    alternative_locs: dict[str, Loc] = field(default_factory=dict)  # arm/variant key -> place
    complete: bool = True  # False: a file did not load or a declaration was refused (check)
    # translations loaded with the story that could not be used: key -> their faults,
    # (code, message, offset in the translation); the source text shows instead
    rejected: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    # what a higher layer derives from the story on first use and keeps with it (the
    # machine's tables: engine/play/tables.py), so loading and checking never build it
    derived: dict[str, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def ending(self, ending_id: str) -> EndingDef:
        return next(e for e in self.endings if e.id == ending_id)

    def stat_values(self, state: HasStats) -> dict[str, int]:
        return {d.name: state.stats[i] for i, d in enumerate(self.stats)}

    def flags_set(self, state: HasFlags) -> list[str]:
        """The names of the flags set in `state`, in story order: a walk over its set bits
        (a run sets a few of a story's hundreds of flags)."""
        flags, defs, names = state.flags & ((1 << len(self.flags)) - 1), self.flags, []
        while flags:
            low = flags & -flags
            names.append(defs[low.bit_length() - 1].name)
            flags ^= low
        return names

    def shown_flags(self, state: HasFlags) -> tuple[FlagDef, ...]:
        """The flags set in `state` that the player is shown (`show: true`), in story order."""
        return tuple(d for i, d in enumerate(self.flags) if d.show and (state.flags >> i) & 1)

    def words(self) -> int:
        return sum(
            n.text.words + sum(c.text.words + c.reply.words for c in n.choices)
            for n in self.nodes.values()
        )

    def texts(self) -> dict[str, tuple[str, Loc]]:
        """Every piece of text a player can read, by a stable key derived from ids and
        place (docs/story-format.md, "Text keys"): key -> (source as written, where), in
        the order of the files. Translation catalogues are keyed on it."""
        out: dict[str, tuple[str, Loc]] = {"story.title": (self.title, self.start_loc)}
        if self.content_note:
            out["story.content_note"] = (self.content_note, self.start_loc)
        for stat in self.stats:
            out[f"stat.{stat.name}.label"] = (stat.label, stat.loc)
        for flag in self.flags:
            if not flag.silent:
                out[f"flag.{flag.name}.label"] = (flag.label, flag.loc)
        for ending in self.endings:
            out[f"ending.{ending.id}.title"] = (ending.title, ending.loc)
            if ending.description:
                out[f"ending.{ending.id}.description"] = (ending.description, ending.loc)
        for chapter in self.chapters:
            out[f"chapter.{Path(chapter.path).stem}.title"] = (
                chapter.title,
                Loc(chapter.path, 1, 1),
            )
        order = {path: i for i, path in enumerate(self.files)}
        units = sorted(
            self.text_units,
            key=lambda u: (order.get(u.loc.path, len(order)), u.loc.line, u.loc.col, u.at),
        )
        for unit in units:
            out[unit.key] = (unit.source, unit.loc)
        return out
