"""What a compiled story decodes on first use: its nodes, its expressions, its text units.

Loading a form (codec.decode) builds only what the whole story needs at once: the
declarations, the chapters, the interrupts and the graph (each node's id, ending and
targets), so it can check that every way out of a node leads to one. A node is a Node
whose fields are filled from its line of JSON the first time any of them is read (and
the line let go); an expression is compiled the first time a node or a text names it; the
text units (what translations and `check` read) are decoded the first time they are read.
Until then a node or the story is an instance of a subclass of the same name that only
differs in knowing how to build itself; once built it is a plain Node or Story.

A line turns out damaged only when it is read. Then `rescue`, when the loader gave one,
loads the same sources from their YAML and the node (or the units) are taken from there;
without one (or when the sources changed since), FormError says what was wrong.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from typing import Any

from riotgame.engine.story.codec_text import FormError
from riotgame.engine.story.model import Node, Story

EXPRS_A_LINE = 1000
_FIELDS = tuple(Node.__dataclass_fields__)  # in the order of Node's slots, the id first
Rescue = Callable[[], Story | None]  # the same sources loaded from their YAML (or None)
BuildNode = Callable[[list[Any]], Node]  # a node's decoded line -> a plain Node


def faulted(exc: Exception) -> FormError:
    """Any fault in reading the data, as the one-line FormError."""
    if isinstance(exc, FormError):
        return exc
    return FormError(f"not a compiled story: {type(exc).__name__} {str(exc)[:80]}")


FAULTS = (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError)


def row_of(line: Any) -> list[Any]:
    """One line of JSON that must be a list."""
    if type(line) is not str:
        raise FormError("a line of a compiled story must be text")
    row = json.loads(line)
    if type(row) is not list:
        raise FormError("a line of a compiled story's nodes or units must be a list")
    return row


class Rescuer:
    """The YAML story, loaded once when the first damaged line is met."""

    def __init__(self, rescue: Rescue | None, fingerprint: str):
        self.rescue, self.fingerprint = rescue, fingerprint
        self.story: Story | None = None
        self.failed = False  # the rescue was tried, and gave no story of these sources

    def __call__(self, what: str, fault: FormError) -> Story:
        if self.story is None and self.rescue is not None:
            story, self.rescue = self.rescue(), None
            if story is not None and story.fingerprint == self.fingerprint:
                self.story = story
            self.failed = self.story is None
        if self.story is not None:
            return self.story
        if not self.failed:
            raise fault
        raise FormError(f"{what} in the compiled story is damaged ({fault}) and the story"
                        " could not be loaded again from its files: load it again")  # fmt: skip


class LazyNodes:
    """The nodes of one story: each built from its line on first read."""

    def __init__(self, lines: dict[str, str], build: BuildNode, rescuer: Rescuer):
        self.lines, self.build, self.rescuer = lines, build, rescuer
        self.pending = _pending_node_class(self)

    def shell(self, nid: str) -> Node:
        node = object.__new__(self.pending)
        object.__setattr__(node, "id", nid)
        return node

    def fill(self, node: Node) -> None:
        """Give `node` (still pending) its fields, and make it a plain Node."""
        nid = node.id
        if _has_fields(node):  # a copy made with its fields (dataclasses.replace)
            object.__setattr__(node, "__class__", Node)
            return
        try:
            built = self.build(row_of(self.lines.pop(nid)))
            if built.id != nid:
                raise FormError(f'the line of node "{nid[:40]}" holds another node')
        except FAULTS as exc:
            built = self.rescuer(f'node "{nid[:40]}"', faulted(exc)).nodes[nid]
        for name in _FIELDS[1:]:  # the id is the shell's already
            object.__setattr__(node, name, getattr(built, name))
        object.__setattr__(node, "__class__", Node)


def _has_fields(node: Node) -> bool:
    try:
        object.__getattribute__(node, _FIELDS[-1])
    except AttributeError:
        return False
    return True


def _pending_node_class(nodes: LazyNodes) -> type[Node]:
    def __getattr__(node: Node, name: str) -> Any:  # only for a field not yet filled
        if type(node) is not Node:
            nodes.fill(node)
        return object.__getattribute__(node, name)

    def __eq__(node: Node, other: object) -> bool:
        if type(node) is not Node:
            nodes.fill(node)
        return node == other

    def __hash__(node: Node) -> int:
        if type(node) is not Node:
            nodes.fill(node)
        return hash(node)

    body = {"__slots__": (), "__getattr__": __getattr__, "__eq__": __eq__, "__hash__": __hash__,
            "__module__": Node.__module__, "__qualname__": "Node"}  # fmt: skip
    return type("Node", (Node,), body)


class PendingStory(Story):
    """A Story whose text units are decoded on first read (`units` set by codec)."""

    units: Callable[[], tuple[Any, ...]]

    @property
    def text_units(self) -> tuple[Any, ...]:
        units = type(self).units()
        self.__dict__["text_units"] = units  # the field, which this property hides
        object.__setattr__(self, "__class__", Story)
        return units

    def __eq__(self, other: object) -> bool:
        _ = self.text_units  # decoded: a plain Story from here on
        return self == other

    __hash__ = Story.__hash__


def pending(story: Story, units: Callable[[], tuple[Any, ...]]) -> Story:
    """`story` (built with no units) made to decode its units with `units` on first read."""
    body = {"units": staticmethod(units), "__module__": Story.__module__}
    object.__setattr__(story, "__class__", type("Story", (PendingStory,), body))
    return story


def build_all(story: Story, units: bool = True) -> None:
    """Build every node (and the text units) now: what reads the whole story calls it
    first, so the collector is paused as a load pauses it (it doubles the time); for a
    story that is built already it is a look at each node."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        for node in story.nodes.values():
            _ = node.text
        if units:
            _ = story.text_units
    finally:
        if enabled:
            gc.enable()


class LazyExprs:
    """The form's table of expressions, EXPRS_A_LINE to a line: a line is parsed, and
    an expression compiled (by `make`, from its row), the first time it is asked for."""

    def __init__(self, lines: tuple[str, ...], make: Callable[[list[Any]], Any]):
        self.lines: list[Any] = list(lines)
        self.make = make
        self.done: dict[int, Any] = {}

    def __getitem__(self, i: int) -> Any:
        compiled = self.done.get(i)
        if compiled is None:
            chunk, at = divmod(i, EXPRS_A_LINE)
            rows = self.lines[chunk]
            if type(rows) is not list:
                rows = self.lines[chunk] = row_of(rows)
            row = rows[at]
            if type(row) is not list or len(row) != 4:
                raise FormError("an expression is [mode, source, site, place]")
            compiled = self.done[i] = self.make(row)
            rows[at] = None  # compiled: its row is not needed again
        return compiled
