"""What the search needs to know of one expression, read from its tree.

- `tests`: the comparisons of a stat with a number (`suspicion >= 60`, `40 > trust.x`) and
  of a visit count with numbers (`visited("yard") > 2`): ("suspicion", ">=", 60) or
  ("@yard", "count", 2). Two values on the same side of every test behave alike.
- `opaque`: the stats and "@node" counts used any other way (arithmetic, ==, min, another
  stat): the search keeps those exact.
- `step`: what an effect does to its stat when that is a plain ("add", n) or ("set", n).

The tree is one the compiler accepted (story/expr), so every name in it is known: a bare or
dotted name is a stat unless it is true/false, flags.x or before.x.
"""

from __future__ import annotations

import ast
from typing import NamedTuple
from weakref import WeakKeyDictionary

from riotgame.engine.story.expr import Condition, Effect
from riotgame.engine.story.expr.syntax import dotted, literal, visited_target

Test = tuple[str, str, int]  # (stat or "@node", comparison or "count", number)
Step = tuple[str, int]  # ("add", n) or ("set", n)

_ORDER = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_FLIPPED = {ast.Lt: ">", ast.LtE: ">=", ast.Gt: "<", ast.GtE: "<="}


class Facts(NamedTuple):
    tests: tuple[Test, ...]
    opaque: frozenset[str]
    step: Step | None


_KNOWN: WeakKeyDictionary[ast.AST, Facts] = WeakKeyDictionary()  # by tree: read once


def facts(c: Condition | Effect) -> Facts:
    """The facts of a compiled condition or effect (worked out once per tree)."""
    known = _KNOWN.get(c.tree)
    if known is None:
        known = _KNOWN[c.tree] = _Reader().read(c.tree)
    return known


class _Reader:
    def __init__(self) -> None:
        self.tests: list[Test] = []
        self.opaque: set[str] = set()

    def read(self, tree: ast.AST) -> Facts:
        step = None
        if isinstance(tree, (ast.Assign, ast.AugAssign)):
            step = self.effect(tree)
        elif isinstance(tree, ast.expr):
            self.expr(tree)
        return Facts(tuple(self.tests), frozenset(self.opaque), step)

    def effect(self, stmt: ast.Assign | ast.AugAssign) -> Step | None:
        self.expr(stmt.value)
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
        name = dotted(target) or ""
        if name.startswith("flags."):
            return None
        number = literal(stmt.value)
        if number is None:
            self.opaque.add(name)
            return None
        if isinstance(stmt, ast.Assign):
            return ("set", number)
        return ("add", number if isinstance(stmt.op, ast.Add) else -number)

    def expr(self, node: ast.expr) -> None:
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = dotted(node) or ""
            if _is_number(name):
                self.opaque.add(name)
        elif isinstance(node, ast.Compare):
            self.compare(node)
        elif isinstance(node, ast.Call):
            target = visited_target(node)
            if target is not None:  # a count used other than against a number
                self.opaque.add("@" + target)
            for arg in node.args:
                self.expr(arg)
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    self.expr(child)

    def compare(self, node: ast.Compare) -> None:
        if len(node.ops) == 1 and type(node.ops[0]) in _ORDER:
            test = _stat_test(node.left, node.ops[0], node.comparators[0])
            if test is not None:
                self.tests.append(test)
                return
        sides = [node.left, *node.comparators]
        for i, side in enumerate(sides):
            numbers = [literal(n) for n in sides[max(i - 1, 0) : i] + sides[i + 1 : i + 2]]
            target = visited_target(side)
            if target is not None and numbers and all(n is not None for n in numbers):
                self.tests += [("@" + target, "count", n) for n in numbers if n is not None]
            else:
                self.expr(side)


def _stat_test(left: ast.expr, op: ast.cmpop, right: ast.expr) -> Test | None:
    """`stat < 40` or `40 > stat` as ("stat", "<", 40); None for any other comparison."""
    for stat, number, symbols in ((left, right, _ORDER), (right, left, _FLIPPED)):
        name, value = _stat_name(stat), literal(number)
        if name is not None and value is not None:
            return (name, symbols[type(op)], value)
    return None


def _is_number(name: str) -> bool:
    """Whether a name the compiler accepted reads a number (a stat, now or before)."""
    return name not in ("true", "false") and not name.startswith(("flags.", "before.flags."))


def _stat_name(node: ast.expr) -> str | None:
    """The name of the stat a node reads as it is now, else None."""
    name = dotted(node)
    if name is None or not _is_number(name) or name.startswith("before."):
        return None
    return name
