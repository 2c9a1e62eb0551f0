"""The same expressions, evaluated over *sets* of states, for the exhaustive search.

A set of states is described by exact flags and visit counts and, for each stat, an
interval (lo, hi) of values. A condition then gives a mask of what it *can* be: 1 = can be
true, 2 = can be false, 3 = either. An effect narrows or moves the intervals; an effect on a
flag whose value is not certain returns the flag's bit so the caller can split the set in
two. Everything over-approximates: if one state of the set can do something, the set can.

The functions here are built from a tree the expression compiler (story/expr) has already
accepted, so they need no error handling of their own. As in the compiler, one small
method per node type: `_MASKS` for what is true/false, `_SPANS` for what is a number.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from typing import Protocol

from riotgame.engine.story.expr import Condition, Effect, Scope
from riotgame.engine.story.expr.syntax import dotted, visited_target

TRUE, FALSE = 1, 2
UNKNOWN = (-1_000_000, 1_000_000)

Interval = tuple[int, int]


class AbstractState(Protocol):
    """A set of states: groups.Group."""

    stats: list[Interval]
    flags: int

    @property
    def visits(self) -> Mapping[str, int]: ...


Mask = Callable[[AbstractState], int]  # what a condition can be: TRUE | FALSE
Span = Callable[[AbstractState], Interval]  # the values a number can take
Change = Callable[[AbstractState], int]  # an effect: 0, or the bit of a flag to split on


def abstract(compiled: Condition | Effect, scope: Scope) -> Mask | Change:
    """A compiled condition over a group: a mask of what it can be; or a compiled effect
    applied to a group: 0, or the bit of a flag the caller must split on."""
    if isinstance(compiled.tree, ast.stmt):
        assert isinstance(compiled.tree, (ast.Assign, ast.AugAssign))  # all effects are
        return _Abstract(scope).effect(compiled.tree)
    return _Abstract(scope).mask(compiled.tree)


def _not(m: int) -> int:
    return ((m & 1) << 1) | ((m & 2) >> 1)


def _all(masks: list[int]) -> int:
    """`and` of masks: true only if all can be, false if any can be."""
    return (TRUE if all(m & 1 for m in masks) else 0) | (FALSE if any(m & 2 for m in masks) else 0)


def _compare(op: ast.cmpop, x: Interval, y: Interval) -> int:
    (a, b), (c, d) = x, y
    if isinstance(op, ast.Lt):
        return (TRUE if a < d else 0) | (FALSE if b >= c else 0)
    if isinstance(op, ast.LtE):
        return (TRUE if a <= d else 0) | (FALSE if b > c else 0)
    if isinstance(op, ast.Gt):
        return (TRUE if b > c else 0) | (FALSE if a <= d else 0)
    if isinstance(op, ast.GtE):
        return (TRUE if b >= c else 0) | (FALSE if a < d else 0)
    equal = (TRUE if a <= d and c <= b else 0) | (0 if a == b == c == d else FALSE)
    return equal if isinstance(op, ast.Eq) else _not(equal)


def _below(i: int, t: int) -> Mask:  # stat < t
    def test(a: AbstractState) -> int:
        lo, hi = a.stats[i]
        return (TRUE if lo < t else 0) | (FALSE if hi >= t else 0)

    return test


def _at_most(i: int, t: int) -> Mask:  # stat <= t
    return _below(i, t + 1)


def _at_least(i: int, t: int) -> Mask:  # stat >= t
    def test(a: AbstractState) -> int:
        lo, hi = a.stats[i]
        return (TRUE if hi >= t else 0) | (FALSE if lo < t else 0)

    return test


def _above(i: int, t: int) -> Mask:  # stat > t
    return _at_least(i, t + 1)


_STAT_TESTS = {ast.Lt: _below, ast.LtE: _at_most, ast.GtE: _at_least, ast.Gt: _above}
_FLIP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.Gt,
    ast.LtE: ast.GtE,
    ast.Gt: ast.Lt,
    ast.GtE: ast.LtE,
}


def _compare_masks(op: ast.cmpop, x: int, y: int) -> int:
    same = (x & 1 and y & 1) or (x & 2 and y & 2)
    differ = (x & 1 and y & 2) or (x & 2 and y & 1)
    equal = (TRUE if same else 0) | (FALSE if differ else 0)
    return equal if isinstance(op, ast.Eq) else _not(equal)


def _truth(span: Interval) -> int:
    """A number used as true/false (`not suspicion`): true unless 0."""
    lo, hi = span
    return (TRUE if (lo, hi) != (0, 0) else 0) | (FALSE if lo <= 0 <= hi else 0)


def _add(x: Interval, y: Interval) -> Interval:
    return x[0] + y[0], x[1] + y[1]


def _sub(x: Interval, y: Interval) -> Interval:
    return x[0] - y[1], x[1] - y[0]


def is_bool(node: ast.expr) -> bool:
    """Whether an accepted expression is true/false (else it is a number)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, bool)
    if isinstance(node, (ast.Name, ast.Attribute)):
        name = dotted(node) or ""
        return name in ("true", "false") or name.startswith(("flags.", "before.flags."))
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.Not)
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id == "chance"
    return isinstance(node, (ast.BoolOp, ast.Compare))


class _Abstract:
    def __init__(self, scope: Scope):
        self.scope = scope

    def mask(self, node: ast.expr) -> Mask:
        """What a true/false expression can be over a group."""
        handler = _MASKS.get(type(node))
        if handler is None or not is_bool(node):
            span = self.span(node)
            return lambda a: _truth(span(a))
        return handler(self, node)

    def span(self, node: ast.expr) -> Span:
        """The values a number can take over a group."""
        return _SPANS[type(node)](self, node)

    # -- true/false ------------------------------------------------------------------------
    def bool_constant(self, node: ast.Constant) -> Mask:
        m = TRUE if node.value else FALSE
        return lambda a: m

    def bool_name(self, node: ast.Name | ast.Attribute) -> Mask:
        name = dotted(node) or ""
        if name in ("true", "false"):
            m = TRUE if name == "true" else FALSE
            return lambda a: m
        if name.startswith("before."):  # text only: the value before is not followed
            return lambda a: TRUE | FALSE
        bit = self.scope.flags[name[6:]]
        return lambda a: TRUE if (a.flags >> bit) & 1 else FALSE

    def negation(self, node: ast.UnaryOp) -> Mask:
        name = dotted(node.operand) if isinstance(node.operand, ast.Attribute) else None
        if name is not None and name.startswith("flags."):  # `not flags.x`: one closure
            bit = self.scope.flags[name[6:]]
            return lambda a: FALSE if (a.flags >> bit) & 1 else TRUE
        inner = self.mask(node.operand)
        return lambda a: _not(inner(a))

    def boolean(self, node: ast.BoolOp) -> Mask:
        parts = tuple(self.mask(v) for v in node.values)
        if isinstance(node.op, ast.And):

            def conjunction(a: AbstractState) -> int:  # true if all can be, false if one can
                can_hold, can_fail = TRUE, 0
                for p in parts:
                    m = p(a)
                    if not m & TRUE:
                        can_hold = 0
                    if m & FALSE:
                        can_fail = FALSE
                return can_hold | can_fail

            return conjunction

        def disjunction(a: AbstractState) -> int:  # true if one can be, false if all can
            can_hold, can_fail = 0, FALSE
            for p in parts:
                m = p(a)
                if m & TRUE:
                    can_hold = TRUE
                if not m & FALSE:
                    can_fail = 0
            return can_hold | can_fail

        return disjunction

    def compare(self, node: ast.Compare) -> Mask:
        sides = [node.left, *node.comparators]
        if is_bool(node.left):  # the compiler let only like be compared with like
            masks = [self.mask(side) for side in sides]
            pairs = list(zip(node.ops, masks, masks[1:], strict=False))
            return lambda a: _all([_compare_masks(op, x(a), y(a)) for op, x, y in pairs])
        if len(node.ops) == 1 and (test := self.stat_test(node)) is not None:
            return test
        spans = [self.span(side) for side in sides]
        if len(node.ops) == 1:  # the common case, called very often: no lists
            op, left, right = node.ops[0], spans[0], spans[1]
            return lambda a: _compare(op, left(a), right(a))
        chain = list(zip(node.ops, spans, spans[1:], strict=False))
        return lambda a: _all([_compare(op, x(a), y(a)) for op, x, y in chain])

    def stat_test(self, node: ast.Compare) -> Mask | None:
        """`stat < 40` or `40 > stat`, the commonest condition, as one closure (it is what
        _compare does with the number's interval (40, 40)); None for anything else."""
        op, left, right = type(node.ops[0]), node.left, node.comparators[0]
        if op not in _FLIP:
            return None
        if isinstance(left, ast.Constant):
            op, left, right = _FLIP[op], right, left
        name = dotted(left) if isinstance(left, (ast.Name, ast.Attribute)) else None
        if not isinstance(right, ast.Constant) or name is None or name not in self.scope.stats:
            return None
        i, t = self.scope.stats[name], right.value
        assert isinstance(t, int)  # the compiler accepts no other number
        return _STAT_TESTS[op](i, t)

    def chance(self, node: ast.Call) -> Mask:
        percent = self.span(node.args[0])

        def roll(a: AbstractState) -> int:
            lo, hi = percent(a)
            return (TRUE if hi > 0 else 0) | (FALSE if lo < 100 else 0)

        return roll

    # -- numbers ---------------------------------------------------------------------------
    def number(self, node: ast.Constant) -> Span:
        v = node.value
        assert isinstance(v, int)  # the compiler accepts no other number
        return lambda a: (v, v)

    def stat(self, node: ast.Name | ast.Attribute) -> Span:
        name = dotted(node) or ""
        if name.startswith("before."):  # text only: the value before is not followed
            span = self.scope.bounds[name[7:]]
            return lambda a: span
        i = self.scope.stats[name]
        return lambda a: a.stats[i]

    def sign(self, node: ast.UnaryOp) -> Span:
        inner = self.span(node.operand)
        if isinstance(node.op, ast.UAdd):
            return inner
        return lambda a: (-inner(a)[1], -inner(a)[0])

    def arithmetic(self, node: ast.BinOp) -> Span:
        left, right = self.span(node.left), self.span(node.right)
        if isinstance(node.op, ast.Add):
            return lambda a: _add(left(a), right(a))
        return lambda a: _sub(left(a), right(a))

    def call(self, node: ast.Call) -> Span:
        func = node.func.id if isinstance(node.func, ast.Name) else ""
        if func == "visited":
            target = visited_target(node) or ""
            return lambda a: (a.visits.get(target, 0),) * 2
        if func == "turns_since":
            return lambda a: UNKNOWN  # the turn is not part of an abstract state
        x, y = self.span(node.args[0]), self.span(node.args[1])
        pick = min if func == "min" else max
        return lambda a: (pick(x(a)[0], y(a)[0]), pick(x(a)[1], y(a)[1]))

    # -- effects ---------------------------------------------------------------------------
    def effect(self, stmt: ast.Assign | ast.AugAssign) -> Change:
        target = dotted(stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target) or ""
        if target.startswith("flags."):
            return self.flag_effect(self.scope.flags[target[6:]], self.mask(stmt.value))
        value = self.span(stmt.value)
        i = self.scope.stats[target]
        lo, hi = self.scope.bounds.get(target, UNKNOWN)
        sign = 0 if isinstance(stmt, ast.Assign) else (1 if isinstance(stmt.op, ast.Add) else -1)

        def change(a: AbstractState) -> int:
            v = value(a)
            if sign == 1:
                v = _add(a.stats[i], v)
            elif sign == -1:
                v = _sub(a.stats[i], v)
            a.stats[i] = (min(max(v[0], lo), hi), min(max(v[1], lo), hi))
            return 0

        return change

    @staticmethod
    def flag_effect(index: int, value: Mask) -> Change:
        bit = 1 << index

        def set_flag(a: AbstractState) -> int:
            m = value(a)
            if m == TRUE:
                a.flags |= bit
            elif m == FALSE:
                a.flags &= ~bit
            else:
                return bit  # the caller splits the set: flag set / flag clear
            return 0

        return set_flag


_MASKS: dict[type[ast.expr], Callable[..., Mask]] = {
    ast.Constant: _Abstract.bool_constant,
    ast.Name: _Abstract.bool_name,
    ast.Attribute: _Abstract.bool_name,
    ast.UnaryOp: _Abstract.negation,
    ast.BoolOp: _Abstract.boolean,
    ast.Compare: _Abstract.compare,
    ast.Call: _Abstract.chance,
}
_SPANS: dict[type[ast.expr], Callable[..., Span]] = {
    ast.Constant: _Abstract.number,
    ast.Name: _Abstract.stat,
    ast.Attribute: _Abstract.stat,
    ast.UnaryOp: _Abstract.sign,
    ast.BinOp: _Abstract.arithmetic,
    ast.Call: _Abstract.call,
}
