"""The story model: immutable objects built once by the loader.

Every object that came from a file keeps its `Loc` so checks and the UI can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from riotgame.engine.story.expr import Compiled
from riotgame.engine.story.text import Passage, Template


class Loc(NamedTuple):
    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


NOWHERE = Loc("", 0, 0)  # the place of something not read from a file


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


@dataclass(frozen=True, slots=True)
class EndingDef:
    id: str
    title: str
    description: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Segment:
    """Part of a text: paragraphs shown when `cond` is None or holds."""

    cond: Compiled | None
    paragraphs: tuple[Template, ...]


@dataclass(frozen=True, slots=True)
class Text:
    segments: tuple[Segment, ...]
    words: int

    def render(self, state) -> Passage:
        out: Passage = []
        for seg in self.segments:
            if seg.cond is None or seg.cond.fn(state):
                out.extend(t.render(state) for t in seg.paragraphs)
        return out


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    text: Text
    goto: str
    cond: Compiled | None = None
    disabled: Compiled | None = None
    reason: str = ""
    effects: tuple[Compiled, ...] = ()
    once: bool = False
    loc: Loc = NOWHERE
    goto_loc: Loc = NOWHERE
    key: str = ""  # "node/choice": identifies a once-choice in the state
    tags: tuple[str, ...] = ()  # e.g. "risky": for play-testing personas and analysis


@dataclass(frozen=True, slots=True)
class Route:
    """One entry of a node's `next:` list."""

    cond: Compiled | None
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
    on_enter: tuple[Compiled, ...] = ()
    choices: tuple[Choice, ...] = ()
    next: tuple[Route, ...] = ()
    ending: str | None = None
    ending_loc: Loc | None = None
    content_hash: str = ""

    def targets(self):
        """(goto, loc) of every way out of this node."""
        for choice in self.choices:
            yield choice.goto, choice.goto_loc
        for route in self.next:
            yield route.goto, route.loc


@dataclass(frozen=True, slots=True)
class Interrupt:
    cond: Compiled
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
    stat_index: dict[str, int] = field(default_factory=dict)
    flag_index: dict[str, int] = field(default_factory=dict)

    def ending(self, ending_id: str) -> EndingDef:
        return next(e for e in self.endings if e.id == ending_id)

    def stat_values(self, state) -> dict[str, int]:
        return {d.name: state.stats[i] for i, d in enumerate(self.stats)}

    def flags_set(self, state) -> list[str]:
        return [d.name for i, d in enumerate(self.flags) if (state.flags >> i) & 1]

    def words(self) -> int:
        return sum(n.text.words + sum(c.text.words for c in n.choices) for n in self.nodes.values())
