"""Compile an expression tree into a closure, one small method per kind of node.

The allow-list is the table at the end (`HANDLERS`, as in simpleeval): a node type with
no entry is refused with the column of the fault. Every method returns the closure and
the kind of value it gives (INT or BOOL), and checks the kinds of what it combines.
"""

from __future__ import annotations

import ast
import operator
import zlib
from collections.abc import Callable
from typing import Any, NoReturn

from riotgame.engine.story.expr.language import (
    BOOL,
    FUNCTIONS,
    INT,
    MAX_DEPTH,
    MAX_INT,
    ExprError,
    Readable,
    Scope,
)
from riotgame.engine.story.expr.syntax import dotted, literal
from riotgame.engine.story.problems import did_you_mean

Value = Callable[[Readable], int]  # a number, or true/false (a bool is an int)
Typed = tuple[Value, str]  # the closure and its kind

COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_REFUSED = {
    ast.Subscript: "indexing",
    ast.Lambda: "lambda",
    ast.IfExp: "if-expressions",
    ast.NamedExpr: "assignment",
}


class Compiler:
    """Compiles the trees of one source text; records what they read as it goes."""

    def __init__(self, source: str, scope: Scope, site_key: str, text: bool = False):
        self.source = source
        self.text = text  # text may read `before.name`: the value before the last choice
        self.scope = scope
        self.site_key = site_key
        self.reads: set[str] = set()
        self.visits: set[str] = set()
        self.uses_turns = False
        self.chance_sites = 0

    def offset(self, node: ast.AST) -> int:
        """Character offset of an ast node (ast counts UTF-8 bytes)."""
        raw = self.source.encode("utf-8")[: getattr(node, "col_offset", 0)]
        return len(raw.decode("utf-8", errors="ignore"))

    def fail(self, node: ast.AST, code: str, message: str) -> NoReturn:
        raise ExprError(code, message, self.offset(node))

    def need(self, node: ast.AST, kind: str, wanted: str, where: str) -> None:
        if kind != wanted:
            self.fail(node, "E132", f"{where} needs a {wanted}, not a {kind}")

    def unknown_stat(
        self, node: ast.AST, name: str, shown: str, more: list[str], flag_hint: bool = True
    ) -> NoReturn:
        """E131 for a name that is no stat, with the nearest name that is one (or that
        flags are written "flags.x", when it names a flag)."""
        candidates = [*self.scope.stats, *more, *(f"flags.{f}" for f in self.scope.flags)]
        hint = did_you_mean(name, candidates)
        if flag_hint and name in self.scope.flags:
            hint = f' (flags are written "flags.{name}")'
        self.fail(node, "E131", f'unknown stat "{shown}"{hint}')

    def expr(self, node: ast.expr, depth: int = 0) -> Typed:
        if depth > MAX_DEPTH:
            self.fail(node, "E133", "expression nested too deeply")
        handler = HANDLERS.get(type(node))
        if handler is None:
            what = _REFUSED.get(type(node), type(node).__name__)
            self.fail(node, "E133", f"{what} is not allowed in story expressions")
        result: Typed = handler(self, node, depth + 1)
        return result

    # -- leaves ----------------------------------------------------------------------------
    def constant(self, node: ast.Constant, depth: int) -> Typed:
        value = node.value
        if isinstance(value, bool):
            return (lambda s: value), BOOL
        if isinstance(value, int):
            if abs(value) > MAX_INT:
                self.fail(node, "E134", f"number {value} is out of bounds (at most {MAX_INT:,})")
            return (lambda s: value), INT
        self.fail(node, "E133", f"{type(value).__name__} values are not allowed here")

    def name(self, node: ast.Name | ast.Attribute, depth: int) -> Typed:
        name = dotted(node)
        if name is None:
            self.fail(node, "E133", "only stat and flag names may use a dot")
        if "__" in name:
            self.fail(node, "E133", f'"{name}" is not allowed')
        if name in ("true", "false"):
            truth = name == "true"
            return (lambda s: truth), BOOL
        if name.startswith("before."):
            return self.before(node, name[7:])
        if name.startswith("flags."):
            flag = name[6:]
            if flag not in self.scope.flags:
                hint = did_you_mean(flag, self.scope.flags)
                self.fail(node, "E131", f'unknown flag "{flag}"{hint}')
            mask = 1 << self.scope.flags[flag]
            self.reads.add(name)
            return (lambda s: s.flags & mask != 0), BOOL
        if name not in self.scope.stats:
            self.unknown_stat(node, name, name, [*self.scope.constants, *self.scope.conditions])
        index = self.scope.stats[name]
        self.reads.add(name)
        return (lambda s: s.stats[index]), INT

    def before(self, node: ast.AST, name: str) -> Typed:
        """`before.suspicion`, `before.flags.x`: the value before the last choice's effects."""
        if not self.text:
            self.fail(node, "E133", "before.name can only be read in text (a passage or reply)")
        if name.startswith("flags.") and name[6:] in self.scope.flags:
            bit = self.scope.flags[name[6:]]
            self.reads.add(name)
            return (lambda s: ((s.prior[1] if s.prior else s.flags) >> bit) & 1 == 1), BOOL
        if name not in self.scope.stats:
            self.unknown_stat(node, name, f"before.{name}", [], flag_hint=False)
        index = self.scope.stats[name]
        self.reads.add(name)
        return (lambda s: (s.prior[0] if s.prior else s.stats)[index]), INT

    # -- operators -------------------------------------------------------------------------
    def unary(self, node: ast.UnaryOp, depth: int) -> Typed:
        inner, kind = self.expr(node.operand, depth)
        if isinstance(node.op, ast.Not):
            flag = dotted(node.operand) if isinstance(node.operand, ast.Attribute) else None
            if flag and flag.startswith("flags.") and flag[6:] in self.scope.flags:
                mask = 1 << self.scope.flags[flag[6:]]  # `not flags.x`: one call, not two
                return (lambda s: not s.flags & mask), BOOL
            return (lambda s: not inner(s)), BOOL
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            self.fail(node, "E133", "this operator is not allowed")
        self.need(node.operand, kind, INT, "a sign")
        if isinstance(node.op, ast.UAdd):
            return inner, INT
        number = literal(node.operand)
        if number is not None:
            negated = -number
            return (lambda s: negated), INT
        return (lambda s: -inner(s)), INT

    def boolean(self, node: ast.BoolOp, depth: int) -> Typed:
        parts = [self.expr(v, depth)[0] for v in node.values]
        if len(parts) == 2:  # the common case, called very often: no generator
            a, b = parts
            if isinstance(node.op, ast.And):
                return (lambda s: bool(a(s) and b(s))), BOOL
            return (lambda s: bool(a(s) or b(s))), BOOL
        if isinstance(node.op, ast.And):
            return (lambda s: all(p(s) for p in parts)), BOOL
        return (lambda s: any(p(s) for p in parts)), BOOL

    def arithmetic(self, node: ast.BinOp, depth: int) -> Typed:
        if not isinstance(node.op, (ast.Add, ast.Sub)):
            self.fail(node, "E133", "only + and - are allowed in arithmetic")
        left, lk = self.expr(node.left, depth)
        right, rk = self.expr(node.right, depth)
        self.need(node.left, lk, INT, "arithmetic")
        self.need(node.right, rk, INT, "arithmetic")
        if isinstance(node.op, ast.Add):
            return (lambda s: left(s) + right(s)), INT
        return (lambda s: left(s) - right(s)), INT

    def compare(self, node: ast.Compare, depth: int) -> Typed:
        if any(type(op) not in COMPARE for op in node.ops):  # `in`, `is`: before operands
            self.fail(node, "E133", "only ==, !=, <, <=, >, >= comparisons are allowed")
        sides = [node.left, *node.comparators]
        operands = [self.expr(side, depth) for side in sides]
        for i, op in enumerate(node.ops):
            (_, lk), (_, rk) = operands[i], operands[i + 1]
            if lk != rk:
                self.fail(sides[i + 1], "E132", f"cannot compare a {lk} with a {rk}")
            if isinstance(op, ORDERING) and lk == BOOL:
                self.fail(sides[i], "E132", "true/false values cannot be ordered with < or >")
        if len(node.ops) > 1:
            chain = [
                (COMPARE[type(op)], operands[i][0], operands[i + 1][0])
                for i, op in enumerate(node.ops)
            ]
            return (lambda s: all(cmp(lf(s), rf(s)) for cmp, lf, rf in chain)), BOOL
        cmp = COMPARE[type(node.ops[0])]
        (lf, _), (rf, _) = operands
        right, left = _fixed(sides[1]), _fixed(sides[0])
        stat = dotted(sides[0]) if isinstance(sides[0], (ast.Name, ast.Attribute)) else None
        if right is not None and stat in self.scope.stats:  # `stat >= 40`: one call
            return _stat_against(type(node.ops[0]), self.scope.stats[stat], right), BOOL
        if right is not None:
            return (lambda s: cmp(lf(s), right)), BOOL
        if left is not None:
            return (lambda s: cmp(left, rf(s))), BOOL
        return (lambda s: cmp(lf(s), rf(s))), BOOL

    # -- functions -------------------------------------------------------------------------
    def call(self, node: ast.Call, depth: int) -> Typed:
        func = node.func.id if isinstance(node.func, ast.Name) else None
        if func not in FUNCTIONS:
            shown = dotted(node.func) or "this"
            self.fail(
                node,
                "E137",
                f'unknown function "{shown}"{did_you_mean(shown, FUNCTIONS)}; '
                f"allowed: {', '.join(FUNCTIONS)}",
            )
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            self.fail(node, "E137", f"{func}() takes plain arguments only")
        if func in ("visited", "turns_since"):
            return self.count(node, func)
        if func == "chance":
            return self.chance(node, depth)
        args = node.args
        if len(args) != 2:
            self.fail(node, "E137", f"{func}() takes two numbers")
        a, ak = self.expr(args[0], depth)
        b, bk = self.expr(args[1], depth)
        self.need(args[0], ak, INT, f"{func}()")
        self.need(args[1], bk, INT, f"{func}()")
        pick = min if func == "min" else max
        return (lambda s: pick(a(s), b(s))), INT

    def count(self, node: ast.Call, func: str) -> Typed:
        """visited("x"): times entered; turns_since("x"): turns since, or -1 if never."""
        args = node.args
        if len(args) != 1 or not (
            isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)
        ):
            self.fail(node, "E137", f'{func}() takes one node id in quotes: {func}("c1_dawn")')
        target: str = args[0].value
        self.visits.add(target)
        if func == "visited":
            return (lambda s: s.visits.get(target, 0)), INT
        self.uses_turns = True
        return (lambda s: s.turn - s.last[target] if target in s.last else -1), INT

    def chance(self, node: ast.Call, depth: int) -> Typed:
        """chance(n): true n times in 100, rolled from (seed, turn, this call's site)."""
        if len(node.args) != 1:
            self.fail(node, "E137", "chance() takes one number: the percent, 0 to 100")
        percent, kind = self.expr(node.args[0], depth)
        self.need(node.args[0], kind, INT, "chance()")
        site = zlib.crc32(f"{self.site_key}#{self.chance_sites}".encode())
        self.chance_sites += 1
        return (lambda s: s.chance(site, percent(s))), BOOL


def _stat_against(op: type[ast.cmpop], i: int, n: int) -> Value:
    """`stat OP number` as one closure: the commonest condition, met at every step."""
    if op is ast.Lt:
        return lambda s: s.stats[i] < n
    if op is ast.LtE:
        return lambda s: s.stats[i] <= n
    if op is ast.Gt:
        return lambda s: s.stats[i] > n
    if op is ast.GtE:
        return lambda s: s.stats[i] >= n
    if op is ast.Eq:
        return lambda s: s.stats[i] == n
    return lambda s: s.stats[i] != n


def _fixed(node: ast.AST) -> int | None:
    """The value of a side written out as a number or a Python bool constant, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    return literal(node)


# The allow-list: every node type an expression may contain, and the method for it.
HANDLERS: dict[type[ast.expr], Callable[..., Typed]] = {
    ast.Constant: Compiler.constant,
    ast.Name: Compiler.name,
    ast.Attribute: Compiler.name,
    ast.UnaryOp: Compiler.unary,
    ast.BoolOp: Compiler.boolean,
    ast.BinOp: Compiler.arithmetic,
    ast.Compare: Compiler.compare,
    ast.Call: Compiler.call,
}
