"""The same expressions, evaluated over *sets* of states, for the exhaustive search.

A set of states is described by exact flags and visit counts and, for each stat, an
interval (lo, hi) of values. A condition then gives a mask of what it *can* be: 1 = can be
true, 2 = can be false, 3 = either. An effect narrows or moves the intervals; an effect on a
flag whose value is not certain returns the flag's bit so the caller can split the set in
two. Everything over-approximates: if one state of the set can do something, the set can.

The functions here are built from a tree the expression compiler (story/expr) has already
accepted, so they need no error handling of their own.
"""

from __future__ import annotations

import ast

TRUE, FALSE = 1, 2
UNKNOWN = (-1_000_000, 1_000_000)


def _not(m: int) -> int:
    return ((m & 1) << 1) | ((m & 2) >> 1)


def _compare(op, x, y) -> int:
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


def _compare_bools(op, x: int, y: int) -> int:
    same = (x & 1 and y & 1) or (x & 2 and y & 2)
    differ = (x & 1 and y & 2) or (x & 2 and y & 1)
    equal = (TRUE if same else 0) | (FALSE if differ else 0)
    return equal if isinstance(op, ast.Eq) else _not(equal)


class _Abstract:
    def __init__(self, scope):
        self.scope = scope

    def dotted(self, node) -> str:
        if isinstance(node, ast.Name):
            return node.id
        return f"{self.dotted(node.value)}.{node.attr}"

    def expr(self, node):
        """(closure over an abstract state, is_bool)."""
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool):
                m = TRUE if v else FALSE
                return (lambda a: m), True
            return (lambda a: (v, v)), False
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = self.dotted(node)
            if name in ("true", "false"):
                m = TRUE if name == "true" else FALSE
                return (lambda a: m), True
            if name.startswith("before."):  # text only: the value before is not followed
                name = name[7:]
                if name.startswith("flags."):
                    return (lambda a: TRUE | FALSE), True
                span = self.scope.bounds[name]
                return (lambda a: span), False
            if name.startswith("flags."):
                bit = self.scope.flags[name[6:]]
                return (lambda a: TRUE if (a.flags >> bit) & 1 else FALSE), True
            i = self.scope.stats[name]
            return (lambda a: a.stats[i]), False
        if isinstance(node, ast.UnaryOp):
            inner, _is_bool = self.expr(node.operand)
            if isinstance(node.op, ast.Not):
                return (lambda a: _not(inner(a))), True
            if isinstance(node.op, ast.UAdd):
                return inner, False
            return (lambda a: (-inner(a)[1], -inner(a)[0])), False
        if isinstance(node, ast.BoolOp):
            parts = [self.expr(v)[0] for v in node.values]
            if isinstance(node.op, ast.And):

                def both(a):
                    masks = [p(a) for p in parts]
                    return (TRUE if all(m & 1 for m in masks) else 0) | (
                        FALSE if any(m & 2 for m in masks) else 0
                    )

                return both, True

            def either(a):
                masks = [p(a) for p in parts]
                return (TRUE if any(m & 1 for m in masks) else 0) | (
                    FALSE if all(m & 2 for m in masks) else 0
                )

            return either, True
        if isinstance(node, ast.BinOp):
            left, _ = self.expr(node.left)
            right, _ = self.expr(node.right)
            if isinstance(node.op, ast.Add):
                return (lambda a: _add(left(a), right(a))), False
            return (lambda a: _sub(left(a), right(a))), False
        if isinstance(node, ast.Compare):
            operands = [self.expr(node.left)] + [self.expr(c) for c in node.comparators]
            pairs = list(zip(node.ops, operands, operands[1:], strict=False))
            if len(pairs) == 1:  # the common case, called very often: no lists
                op, (lf, lb), (rf, _) = pairs[0]
                compare = _compare_bools if lb else _compare
                return (lambda a: compare(op, lf(a), rf(a))), True

            def chain(a):
                masks = [
                    (_compare_bools if lb else _compare)(op, lf(a), rf(a))
                    for op, (lf, lb), (rf, _) in pairs
                ]
                return (TRUE if all(m & 1 for m in masks) else 0) | (
                    FALSE if any(m & 2 for m in masks) else 0
                )

            return chain, True
        return self.call(node)

    def call(self, node):
        func = node.func.id
        if func == "visited":
            target = node.args[0].value
            return (lambda a: (a.visits.get(target, 0),) * 2), False
        if func == "turns_since":
            return (lambda a: UNKNOWN), False  # the turn is not part of an abstract state
        if func == "chance":
            percent, _ = self.expr(node.args[0])

            def roll(a):
                lo, hi = percent(a)
                return (TRUE if hi > 0 else 0) | (FALSE if lo < 100 else 0)

            return roll, True
        x, _ = self.expr(node.args[0])
        y, _ = self.expr(node.args[1])
        pick = min if func == "min" else max
        return (lambda a: (pick(x(a)[0], y(a)[0]), pick(x(a)[1], y(a)[1]))), False

    def effect(self, stmt):
        target = self.dotted(stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target)
        value, _ = self.expr(stmt.value)
        if target.startswith("flags."):
            bit = 1 << self.scope.flags[target[6:]]

            def set_flag(a):
                m = value(a)
                if m == TRUE:
                    a.flags |= bit
                elif m == FALSE:
                    a.flags &= ~bit
                else:
                    return bit  # the caller splits the set: flag set / flag clear
                return 0

            return set_flag
        i = self.scope.stats[target]
        lo, hi = self.scope.bounds.get(target, UNKNOWN)
        sign = 0 if isinstance(stmt, ast.Assign) else (1 if isinstance(stmt.op, ast.Add) else -1)

        def change(a):
            v = value(a)
            if sign == 1:
                v = _add(a.stats[i], v)
            elif sign == -1:
                v = _sub(a.stats[i], v)
            a.stats[i] = (min(max(v[0], lo), hi), min(max(v[1], lo), hi))
            return 0

        return change


def _add(x, y):
    return x[0] + y[0], x[1] + y[1]


def _sub(x, y):
    return x[0] - y[1], x[1] - y[0]


def abstract(compiled, scope):
    """A compiled condition over a group: a mask of what it can be; or a compiled effect
    applied to a group: 0, or the bit of a flag the caller must split on."""
    if isinstance(compiled.tree, ast.stmt):
        return _Abstract(scope).effect(compiled.tree)
    return _Abstract(scope).expr(compiled.tree)[0]
