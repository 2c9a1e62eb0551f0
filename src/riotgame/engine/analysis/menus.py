"""Random play's tables of a story, built once per story (kept in `Story.derived`): each
node's row and each of its menus (the choices it offers in a state) by their signature.

A node whose choices are always there offers its row's tuple. At any other node the walk
works out a signature: the node's number plus a bit for each of its conditional choices
that was skipped (a once-choice used), shown (its `if` held, or it has none) and disabled
(its `disabled_if` held). The signature is the key of the menu, built the first time it
is met, so a step builds no list. With a Tally a step counts one number, the signature
and the index of the choice taken; `RandomTables.count_into` derives the choices taken
and every gate's counts from those counters when the runs are over.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from riotgame.engine.analysis.moves import Far, Move, Shifts, far_moves, inline_moves
from riotgame.engine.analysis.playtest import Tally
from riotgame.engine.play.tables import Test, tables
from riotgame.engine.story.model import Choice, Node, Story

# a choice as a walk takes it: its key, the choice, and its inline move (moves.py): stat
# shifts (None: no inline move), flag bits set, kept (None: no flag written), the target,
# the interrupts to test (None: none), once-only; then its far move (moves.chained; None:
# Machine.step takes a choice that has no move)
Entry = tuple[str, Choice, Shifts | None, int, int | None, str, Test | None, bool, Far | None]
# a conditional choice as a signature reads it: its `if` (None: none), the weight of being
# shown, its `disabled_if` (None: none), the weight of being disabled; at a node with a
# once-choice, led by its key when it is once-only ("": never used) and the weight of
# being skipped
OptionTest = tuple[Test | None, int, Test | None, int]
OnceTest = tuple[str, int, Test | None, int, Test | None, int]
Tests = tuple[OptionTest, ...] | tuple[OnceTest, ...]
Sign = Callable[[object, Any], int]
# a menu: its entries, how many, the bits a draw among them takes
Menu = tuple[tuple[Entry, ...], int, int]
# a node: its chapter's number, its words, its menu when every choice is always there (else
# None, 0, 0), how its signature is read, its conditional choices' tests, its number
Row = tuple[int, int, tuple[Entry, ...] | None, int, int, Sign, Tests, int]
SKIPPED, SHOWN, DISABLED = 1, 2, 4  # a conditional choice's bits in a signature
PER_CHOICE = 3  # bits
TAKEN = SHOWN | DISABLED  # of the bits, those that say whether a choice can be taken


def signature(s: object, tests: tuple[OptionTest, ...]) -> int:
    """What a state makes of a node's conditional choices (`Machine.available`'s rule:
    `if`, then `disabled_if`), at a node without a once-choice."""
    sig = 0
    for shown, held, blocked, off in tests:
        if shown is None or shown(s):
            sig += held
            if blocked is not None and blocked(s):
                sig += off
    return sig


def once_signature(s: object, tests: tuple[OnceTest, ...]) -> int:
    """`signature` at a node with a once-choice: one already used is skipped unseen."""
    sig, used = 0, getattr(s, "used")  # noqa: B009 (any state: Scratch or GameState)
    for once, skipped, shown, held, blocked, off in tests:
        if once in used:
            sig += skipped
        elif shown is None or shown(s):
            sig += held
            if blocked is not None and blocked(s):
                sig += off
    return sig


class RandomTables:
    """The rows of a story's nodes and the menus met so far (`menus[signature]`)."""

    def __init__(self, story: Story):
        self.nodes: list[Node] = list(story.nodes.values())
        most = max((len(n.choices) for n in self.nodes), default=0)
        self.pick_bits = most.bit_length()  # a count's low bits: the index of the pick
        self.stuck = (1 << self.pick_bits) - 1  # the "pick" where a run stops: none
        self.menus = Menus(self)
        self._outcomes: dict[int, list[tuple[bool | None, bool | None]]] = {}
        moves, far, places = inline_moves(story), far_moves(story), tables(story).places
        self.rows: dict[str, Row] = {}
        self.entries: list[tuple[Entry, ...]] = []  # node index -> every choice's entry
        self.gated: list[bool] = []  # node index -> whether it has a conditional choice
        for index, node in enumerate(self.nodes):
            entries = tuple(_entry(c, moves[c.key], far[c.key]) for c in node.choices)
            self.entries.append(entries)
            conditional = [c for c in node.choices if _conditional(c)]
            self.gated.append(bool(conditional))
            once = any(c.once for c in conditional)
            tests: Tests = tuple(self._test(c, q, once) for q, c in enumerate(conditional))  # type: ignore[assignment]
            fixed = _menu(entries) if not conditional else (None, 0, 0)
            sign = once_signature if once else signature
            chapter, words = places[node.id].chapter, places[node.id].words
            self.rows[node.id] = (chapter, words, *fixed, sign, tests, index)

    def _test(self, c: Choice, q: int, once: bool) -> OptionTest | OnceTest:
        shown = c.cond.fn if c.cond is not None else None
        blocked = c.disabled.fn if c.disabled is not None else None
        skipped, held, off = (
            len(self.nodes) * bit << PER_CHOICE * q for bit in (SKIPPED, SHOWN, DISABLED)
        )
        test = (shown, held, blocked, off)
        return (c.key if c.once else "", skipped, *test) if once else test

    def decode(self, sig: int) -> tuple[int, list[int | None]]:
        """A signature's node (its index) and the bits of each of its choices, in story
        order (None: always there)."""
        bits, index = divmod(sig, len(self.nodes))
        out: list[int | None] = []
        conditional = 0
        for c in self.nodes[index].choices:
            if _conditional(c):
                out.append(bits >> PER_CHOICE * conditional & 7)
                conditional += 1
            else:
                out.append(None)
        return index, out

    def menu(self, sig: int) -> Menu:
        """The entries of the choices a signature says can be taken, in story order."""
        index, choices = self.decode(sig)
        entries = zip(self.entries[index], choices, strict=True)
        return _menu(
            [e for e, bits in entries if bits is None or bits & (SHOWN | DISABLED) == SHOWN]
        )

    def outcomes(self, sig: int) -> list[tuple[bool | None, bool | None]]:
        """Per choice of a signature's node, whether its `if` and its `disabled_if` held
        (None: not evaluated); kept, like the menus."""
        known = self._outcomes.get(sig)
        if known is None:
            index, choices = self.decode(sig)
            node = self.nodes[index]
            known = self._outcomes[sig] = [
                _outcome(c, bits) for c, bits in zip(node.choices, choices, strict=True)
            ]
        return known

    def count_into(self, counts: Mapping[int, int], tally: Tally) -> tuple[str, ...]:
        """Put a walk's counts (signature << pick_bits | pick -> steps) into the tally: the
        choices taken and every gate of the menus met. Returns the keys of the choices
        taken."""
        menus, stuck, shift, size = self.menus, self.stuck, self.pick_bits, len(self.nodes)
        met: Counter[int] = Counter()
        taken: dict[str, None] = {}
        for key, n in counts.items():
            sig, pick = key >> shift, key & stuck
            if self.gated[sig % size]:  # a node with conditional choices: gates count
                met[sig] += n
            if pick != stuck:
                chosen = menus[sig][0][pick][0]
                tally.taken[chosen] += n
                taken[chosen] = None
        for sig, n in met.items():
            tally.count_menu(self.nodes[sig % size].id, self.outcomes(sig), n)
        return tuple(taken)


def _conditional(c: Choice) -> bool:
    return c.cond is not None or c.disabled is not None or c.once


def _entry(c: Choice, move: Move | None, far: Far | None) -> Entry:
    if move is None:
        return (c.key, c, None, 0, None, c.goto, None, c.once, far)
    shifts, set_bits, keep, target, checks, once = move
    return (c.key, c, shifts, set_bits, keep, target, checks, once, None)


def _menu(entries: Sequence[Entry]) -> Menu:
    return tuple(entries), len(entries), len(entries).bit_length()


def _outcome(c: Choice, bits: int | None) -> tuple[bool | None, bool | None]:
    """Whether a choice's `if` and `disabled_if` held (None: not evaluated) by its bits."""
    if bits is None or bits & SKIPPED:
        return None, None
    held = bool(bits & SHOWN)
    off = bool(bits & DISABLED) if held and c.disabled is not None else None
    return (held if c.cond is not None else None), off


class Menus(dict[int, Menu]):
    """Signature -> the menu it says, built when first met."""

    def __init__(self, tables: RandomTables):
        super().__init__()
        self.tables = tables

    def __missing__(self, sig: int) -> Menu:
        menu = self[sig] = self.tables.menu(sig)
        return menu


def random_tables(story: Story) -> RandomTables:
    """The story's tables, built on first use and kept with the story."""
    built = story.derived.get("random")
    if not isinstance(built, RandomTables):
        built = story.derived["random"] = RandomTables(story)
    return built
