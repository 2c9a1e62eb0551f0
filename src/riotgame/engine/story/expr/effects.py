"""Compile an effect (`suspicion += 10`, `flags.x = true`) into a closure that changes the
machine's scratch state. A stat stays within its bounds; a flag takes true or false."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import NamedTuple

from riotgame.engine.story.expr.language import (
    BOOL,
    CLEAR,
    INT,
    MAX_INT,
    SET,
    SHIFT,
    ExprError,
    Op,
    Writable,
)
from riotgame.engine.story.expr.syntax import constant_bool, dotted, literal
from riotgame.engine.story.expr.values import Compiler, Value
from riotgame.engine.story.problems import did_you_mean

Change = Callable[[Writable], None]


def effect(c: Compiler, tree: ast.Module) -> tuple[Change, str, ast.stmt, Op | None]:
    """(the closure, the stat or "flags.x" it writes, the assignment's tree, the effect
    as data when it is a constant shift or a constant flag: language.Op)."""
    if len(tree.body) != 1:
        raise ExprError("E130", "one effect per entry: write each on its own line of the list")
    stmt, target, op = _assignment(c, tree.body[0])
    name = dotted(target)
    if name is None or "__" in name:
        c.fail(target, "E133", "an effect assigns to a stat or flags.name")
    value, kind = c.expr(stmt.value)
    a = _Assignment(stmt, target, name, op, value, kind)
    fn = _flag(c, a) if name.startswith("flags.") else _stat(c, a)
    return fn, name, stmt, _as_data(c, a)


def _as_data(c: Compiler, a: _Assignment) -> Op | None:
    """The effect as language.Op, when it is one of the common constant forms."""
    if a.name.startswith("flags."):
        constant = constant_bool(a.stmt.value)
        if constant is None:
            return None
        return (SET if constant else CLEAR, 1 << c.scope.flags[a.name[6:]], 0, 0, 0)
    number = literal(a.stmt.value)
    if a.op is None or number is None:
        return None
    lo, hi = c.scope.bounds.get(a.name, (-MAX_INT, MAX_INT))
    step = number if isinstance(a.op, ast.Add) else -number
    return (SHIFT, c.scope.stats[a.name], step, lo, hi)


class _Assignment(NamedTuple):
    """One effect, taken apart: `target op= value`."""

    stmt: ast.Assign | ast.AugAssign
    target: ast.expr
    name: str  # the stat or "flags.x"
    op: ast.operator | None  # ast.Add, ast.Sub, or None for =
    value: Value
    kind: str  # of the value


def _assignment(
    c: Compiler, stmt: ast.stmt
) -> tuple[ast.Assign | ast.AugAssign, ast.expr, ast.operator | None]:
    """`x = ...`, `x += ...` or `x -= ...`: the statement, its target and its operator
    (None for =). Any other statement is refused."""
    if isinstance(stmt, ast.Assign):
        if len(stmt.targets) != 1:
            c.fail(stmt, "E130", "assign one name at a time")
        return stmt, stmt.targets[0], None
    if isinstance(stmt, ast.AugAssign):
        if not isinstance(stmt.op, (ast.Add, ast.Sub)):
            c.fail(stmt, "E133", "effects use =, += or -=")
        return stmt, stmt.target, stmt.op
    if isinstance(stmt, ast.Expr):
        c.fail(stmt, "E130", "an effect assigns: write `stat += 5` or `flags.name = true`")
    c.fail(stmt, "E133", f"{type(stmt).__name__} is not allowed in an effect")


def _flag(c: Compiler, a: _Assignment) -> Change:
    flag = a.name[6:]
    if flag not in c.scope.flags:
        c.fail(a.target, "E131", f'unknown flag "{flag}"{did_you_mean(flag, c.scope.flags)}')
    if a.op is not None:
        c.fail(a.stmt, "E132", "flags are true or false: use =, not += or -=")
    if a.kind != BOOL:
        c.fail(a.stmt.value, "E132", f'flag "{flag}" needs true or false, not a {a.kind}')
    bit = 1 << c.scope.flags[flag]
    clear = ~bit
    value = a.value
    constant = constant_bool(a.stmt.value)
    if constant is True:

        def set_flag(s: Writable) -> None:
            s.flags |= bit

        return set_flag
    if constant is False:

        def clear_flag(s: Writable) -> None:
            s.flags &= clear

        return clear_flag

    def assign_flag(s: Writable) -> None:
        s.flags = (s.flags | bit) if value(s) else (s.flags & clear)

    return assign_flag


def _stat(c: Compiler, a: _Assignment) -> Change:
    name, op, value = a.name, a.op, a.value
    if name not in c.scope.stats:
        c.unknown_stat(a.target, name, name, [])
    if a.kind != INT:
        c.fail(a.stmt.value, "E132", f'stat "{name}" needs a number, not a {a.kind}')
    index = c.scope.stats[name]
    lo, hi = c.scope.bounds.get(name, (-MAX_INT, MAX_INT))
    number = literal(a.stmt.value)
    if number is not None:
        _check_range(c, a.stmt.value, name, number, op is not None, (lo, hi))
    # The clamp is written out in each closure: effects run on every step of every run.
    if op is None:

        def assign(s: Writable) -> None:
            v = value(s)
            s.stats[index] = lo if v < lo else hi if v > hi else v

        return assign
    if number is not None:  # the common `stat += 10`
        step = number if isinstance(op, ast.Add) else -number

        def shift(s: Writable) -> None:
            v = s.stats[index] + step
            s.stats[index] = lo if v < lo else hi if v > hi else v

        return shift
    sign = 1 if isinstance(op, ast.Add) else -1

    def add(s: Writable) -> None:
        v = s.stats[index] + sign * value(s)
        s.stats[index] = lo if v < lo else hi if v > hi else v

    return add


def _check_range(
    c: Compiler, node: ast.expr, name: str, number: int, change: bool, bounds: tuple[int, int]
) -> None:
    """A number written out must fit the stat: as a value, or as a change of it."""
    lo, hi = bounds
    if not change and not lo <= number <= hi:
        c.fail(node, "E135", f'{number} is outside the range of "{name}" ({lo} to {hi})')
    if change and abs(number) > hi - lo:
        c.fail(
            node,
            "E135",
            f'a change of {number} is larger than the whole range of "{name}" ({lo} to {hi})',
        )
