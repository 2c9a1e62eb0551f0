"""The condition and effect language: parsed once at load time into closures.

Story files are untrusted, so nothing here evaluates Python. We use Python's `ast` only as a
parser and accept an allow-list of node types; everything else is refused with the column of
the fault. The closures take a state-like object `s` with `stats` (indexable by stat
number), `flags` (an int bit mask), `visits` and `last` (node id -> count / last turn),
`turn` and `seed`. Both the immutable GameState and the machine's scratch state qualify.
"""

from __future__ import annotations

import ast
import operator
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_LENGTH = 1000  # characters in one expression
MAX_DEPTH = 40  # nesting of the parsed tree
MAX_INT = 1_000_000
_MASK = (1 << 64) - 1

INT, BOOL = "number", "true/false"
FUNCTIONS = ("visited", "turns_since", "chance", "min", "max")


class ExprError(Exception):
    """A fault in an expression: code, message and the 0-based character offset."""

    def __init__(self, code: str, message: str, offset: int = 0):
        super().__init__(message)
        self.code = code
        self.message = message
        self.offset = offset


@dataclass
class Scope:
    """What names mean in a story: stat and flag numbers, and bounds for range checks."""

    stats: dict[str, int]  # name -> index
    flags: dict[str, int]  # name -> bit index
    bounds: dict[str, tuple[int, int]] = field(default_factory=dict)  # stat -> (min, max)
    constants: dict[str, int] = field(default_factory=dict)  # story.yaml `constants:`
    conditions: dict[str, ast.expr] = field(default_factory=dict)  # parsed `conditions:`


@dataclass(frozen=True, slots=True)
class Compiled:
    """A parsed expression or effect: the closure and what it touches."""

    source: str
    fn: Callable
    reads: frozenset  # stat names and "flags.x" names it reads
    visits: frozenset  # node ids passed to visited()/turns_since()
    uses_turns: bool  # turns_since() depends on the turn counter
    uses_chance: bool
    writes: str | None = None  # the stat or "flags.x" an effect assigns
    kind: str = BOOL  # result type of an expression
    # For the exhaustive search (explore.py), what the expression does with stats:
    tests: tuple = ()  # (stat, op, number) comparisons such as ("suspicion", ">=", 60)
    opaque: frozenset = frozenset()  # stats used any other way (arithmetic, ==, ...)
    step: tuple | None = None  # an effect's ("add", n) or ("set", n) on its stat
    over: Callable | None = None  # the same, over sets of states (intervals.py)
    where: tuple[str, int, int] | None = None  # (path, line, col) of a condition's source


def roll(seed: int, turn: int, site: int) -> int:
    """A number in 0..99 from (seed, turn, call site): reproducible, no hidden state."""
    x = (seed * 0x9E3779B97F4A7C15 + turn * 0xBF58476D1CE4E5B9 + site * 0x94D049BB133111EB) & _MASK
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & _MASK
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & _MASK
    x ^= x >> 31
    return x % 100


_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


class _Compiler:
    def __init__(self, source: str, scope: Scope, site_key: str, text: bool = False):
        self.source = source
        self.text = text  # text may read `before.name`: the value before the last choice
        self.scope = scope
        self.site_key = site_key
        self.reads: set[str] = set()
        self.visits: set[str] = set()
        self.uses_turns = False
        self.chance_sites = 0
        self.tests: list[tuple] = []
        self.opaque: set[str] = set()

    def offset(self, node) -> int:
        """Character offset of an ast node (ast counts UTF-8 bytes)."""
        raw = self.source.encode("utf-8")[: getattr(node, "col_offset", 0)]
        return len(raw.decode("utf-8", errors="ignore"))

    def fail(self, node, code: str, message: str):
        raise ExprError(code, message, self.offset(node))

    # -- names ---------------------------------------------------------------------------
    def dotted(self, node) -> str | None:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def name(self, node, depth):
        name = self.dotted(node)
        if name is None:
            self.fail(node, "E133", "only stat and flag names may use a dot")
        if "__" in name:
            self.fail(node, "E133", f'"{name}" is not allowed')
        if name in ("true", "false"):
            value = name == "true"
            return (lambda s: value), BOOL
        if name.startswith("before."):
            return self.before(node, name[7:])
        if name.startswith("flags."):
            flag = name[6:]
            if flag not in self.scope.flags:
                self.fail(node, "E131", f'unknown flag "{flag}"{_suggest(flag, self.scope.flags)}')
            bit = self.scope.flags[flag]
            self.reads.add(name)
            return (lambda s: (s.flags >> bit) & 1 == 1), BOOL
        if name not in self.scope.stats:
            names = [*self.scope.stats, *self.scope.constants, *self.scope.conditions]
            hint = _suggest(name, names + [f"flags.{f}" for f in self.scope.flags])
            if name in self.scope.flags:
                hint = f' (flags are written "flags.{name}")'
            self.fail(node, "E131", f'unknown stat "{name}"{hint}')
        index = self.scope.stats[name]
        self.reads.add(name)
        return (lambda s: s.stats[index]), INT

    def before(self, node, name: str):
        """`before.suspicion`, `before.flags.x`: the value before the last choice's effects."""
        if not self.text:
            self.fail(node, "E133", "before.name can only be read in text (a passage or reply)")
        if name.startswith("flags.") and name[6:] in self.scope.flags:
            bit = self.scope.flags[name[6:]]
            self.reads.add(name)
            return (lambda s: ((s.prior[1] if s.prior else s.flags) >> bit) & 1 == 1), BOOL
        if name not in self.scope.stats:
            hint = _suggest(name, list(self.scope.stats) + [f"flags.{f}" for f in self.scope.flags])
            self.fail(node, "E131", f'unknown stat "before.{name}"{hint}')
        index = self.scope.stats[name]
        self.reads.add(name)
        return (lambda s: (s.prior[0] if s.prior else s.stats)[index]), INT

    # -- expressions -----------------------------------------------------------------------
    def expr(self, node, depth=0):
        if depth > MAX_DEPTH:
            self.fail(node, "E133", "expression nested too deeply")
        depth += 1
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                return (lambda s: value), BOOL
            if isinstance(value, int):
                if abs(value) > MAX_INT:
                    self.fail(
                        node, "E134", f"number {value} is out of bounds (at most {MAX_INT:,})"
                    )
                return (lambda s: value), INT
            self.fail(node, "E133", f"{type(value).__name__} values are not allowed here")
        if isinstance(node, (ast.Name, ast.Attribute)):
            fn, kind = self.name(node, depth)
            if kind == INT:  # a stat used in a way the search cannot reason about
                self.opaque.add(self.dotted(node))
            return fn, kind
        if isinstance(node, ast.UnaryOp):
            inner, kind = self.expr(node.operand, depth)
            if isinstance(node.op, ast.Not):
                return (lambda s: not inner(s)), BOOL
            if isinstance(node.op, (ast.USub, ast.UAdd)):
                self.need(node.operand, kind, INT, "a sign")
                if isinstance(node.op, ast.UAdd):
                    return inner, INT
                if isinstance(node.operand, ast.Constant):
                    value = -node.operand.value
                    return (lambda s: value), INT
                return (lambda s: -inner(s)), INT
            self.fail(node, "E133", "this operator is not allowed")
        if isinstance(node, ast.BoolOp):
            parts = [self.expr(v, depth)[0] for v in node.values]
            if isinstance(node.op, ast.And):
                if len(parts) == 2:
                    a, b = parts
                    return (lambda s: bool(a(s) and b(s))), BOOL
                return (lambda s: all(p(s) for p in parts)), BOOL
            if len(parts) == 2:
                a, b = parts
                return (lambda s: bool(a(s) or b(s))), BOOL
            return (lambda s: any(p(s) for p in parts)), BOOL
        if isinstance(node, ast.BinOp):
            if not isinstance(node.op, (ast.Add, ast.Sub)):
                self.fail(node, "E133", "only + and - are allowed in arithmetic")
            left, lk = self.expr(node.left, depth)
            right, rk = self.expr(node.right, depth)
            self.need(node.left, lk, INT, "arithmetic")
            self.need(node.right, rk, INT, "arithmetic")
            if isinstance(node.op, ast.Add):
                return (lambda s: left(s) + right(s)), INT
            return (lambda s: left(s) - right(s)), INT
        if isinstance(node, ast.Compare):
            return self.compare(node, depth)
        if isinstance(node, ast.Call):
            fn, kind = self.call(node, depth)
            if _is_visited(node):  # a count used other than against a number
                self.opaque.add("@" + node.args[0].value)
            return fn, kind
        what = {
            ast.Subscript: "indexing",
            ast.Lambda: "lambda",
            ast.IfExp: "if-expressions",
            ast.NamedExpr: "assignment",
        }.get(type(node), type(node).__name__)
        self.fail(node, "E133", f"{what} is not allowed in story expressions")

    def need(self, node, kind, wanted, where):
        if kind != wanted:
            self.fail(node, "E132", f"{where} needs a {wanted}, not a {kind}")

    def is_stat(self, node) -> bool:
        name = self.dotted(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
        return name is not None and name in self.scope.stats

    def compare(self, node, depth):
        if any(type(op) not in _COMPARE for op in node.ops):  # `in`, `is`: before operands
            self.fail(node, "E133", "only ==, !=, <, <=, >, >= comparisons are allowed")
        if len(node.ops) == 1 and isinstance(node.ops[0], _ORDERING):
            test = self.stat_test(node.left, node.ops[0], node.comparators[0], depth)
            if test:
                return test
        sides = [node.left, *node.comparators]
        operands = []
        for i, side in enumerate(sides):
            neighbours = sides[max(i - 1, 0) : i] + sides[i + 1 : i + 2]
            fn, k = self.operand(side, neighbours, depth)
            operands.append((side, fn, k))
        tests = []
        for op, (ln, lf, lk), (rn, rf, rk) in zip(node.ops, operands, operands[1:], strict=False):
            if lk != rk:
                self.fail(rn, "E132", f"cannot compare a {lk} with a {rk}")
            if isinstance(op, _ORDERING) and lk == BOOL:
                self.fail(ln, "E132", "true/false values cannot be ordered with < or >")
            tests.append((_COMPARE[type(op)], lf, rf, rn))
        if len(tests) == 1:
            cmp, lf, rf, rn = tests[0]
            if isinstance(rn, ast.Constant):  # the common `stat >= 40`: one call fewer
                value = rn.value
                return (lambda s: cmp(lf(s), value)), BOOL
            return (lambda s: cmp(lf(s), rf(s))), BOOL
        pairs = [(cmp, lf, rf) for cmp, lf, rf, _ in tests]
        return (lambda s: all(cmp(lf(s), rf(s)) for cmp, lf, rf in pairs)), BOOL

    def operand(self, node, neighbours, depth):
        """One side of a comparison. `visited("x") > 2` is recorded as a count test, so the
        exhaustive search may treat every count above 2 alike."""
        numbers = [_literal(n) for n in neighbours]
        if _is_visited(node) and numbers and all(n is not None for n in numbers):
            for number in numbers:
                self.tests.append(("@" + node.args[0].value, "count", number))
            return self.call(node, depth)
        return self.expr(node, depth)

    def stat_test(self, left, op, right, depth):
        """`stat < 40` or `40 > stat`: compiled and recorded as a test on the stat."""
        flipped = {ast.Lt: ">", ast.LtE: ">=", ast.Gt: "<", ast.GtE: "<="}
        plain = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
        if self.is_stat(left) and _literal(right) is not None:
            stat, number, symbol = left, _literal(right), plain[type(op)]
        elif self.is_stat(right) and _literal(left) is not None:
            stat, number, symbol = right, _literal(left), flipped[type(op)]
        else:
            return None
        if abs(number) > MAX_INT:
            return None  # the general path reports it
        fn, _ = self.name(stat, depth)
        self.tests.append((self.dotted(stat), symbol, number))
        cmp = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}[symbol]
        return (lambda s: cmp(fn(s), number)), BOOL

    def call(self, node, depth):
        func = node.func.id if isinstance(node.func, ast.Name) else None
        if func not in FUNCTIONS:
            shown = self.dotted(node.func) or "this"
            self.fail(
                node,
                "E137",
                f'unknown function "{shown}"{_suggest(shown, FUNCTIONS)}; '
                f"allowed: {', '.join(FUNCTIONS)}",
            )
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            self.fail(node, "E137", f"{func}() takes plain arguments only")
        args = node.args
        if func in ("visited", "turns_since"):
            if len(args) != 1 or not (
                isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)
            ):
                self.fail(node, "E137", f'{func}() takes one node id in quotes: {func}("c1_dawn")')
            target = args[0].value
            self.visits.add(target)
            if func == "visited":
                return (lambda s: s.visits.get(target, 0)), INT
            self.uses_turns = True
            return (lambda s: s.turn - s.last[target] if target in s.last else -1), INT
        if func == "chance":
            if len(args) != 1:
                self.fail(node, "E137", "chance() takes one number: the percent, 0 to 100")
            percent, kind = self.expr(args[0], depth)
            self.need(args[0], kind, INT, "chance()")
            site = zlib.crc32(f"{self.site_key}#{self.chance_sites}".encode())
            self.chance_sites += 1
            return (lambda s: s.chance(site, percent(s))), BOOL
        if len(args) != 2:
            self.fail(node, "E137", f"{func}() takes two numbers")
        a, ak = self.expr(args[0], depth)
        b, bk = self.expr(args[1], depth)
        self.need(args[0], ak, INT, f"{func}()")
        self.need(args[1], bk, INT, f"{func}()")
        pick = min if func == "min" else max
        return (lambda s: pick(a(s), b(s))), INT


def _suggest(word, candidates) -> str:
    from riotgame.engine.story.problems import did_you_mean

    return did_you_mean(word, candidates)


def _parse(source: str, mode: str):
    if not isinstance(source, str) or not source.strip():
        raise ExprError("E130", "empty expression")
    if len(source) > MAX_LENGTH:
        raise ExprError("E133", f"expression longer than {MAX_LENGTH} characters")
    if "\n" in source.strip():
        raise ExprError("E130", "an expression must fit on one line")
    try:
        return ast.parse(source.strip(), mode=mode)
    except SyntaxError as exc:
        message = (exc.msg or "invalid syntax").replace("Perhaps you forgot a comma?", "").strip()
        lead = len(source) - len(source.lstrip())
        # Python gives no offset (0) for a fault at the end of the input: point there
        at = exc.offset - 1 if exc.offset else len(source.strip())
        raise ExprError("E130", f"syntax error: {message}", lead + at) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError("E133", "expression nested too deeply or malformed") from None


def compile_condition(
    source: str, scope: Scope, site_key: str = "", text: bool = False
) -> Compiled:
    """Parse a condition (`suspicion >= 60 and flags.disguised`) into a closure -> bool.
    With `text`, the condition belongs to a text and may read `before.name`."""

    from riotgame.engine.analysis.search.intervals import abstract_condition

    def build(compiler, tree):
        fn, kind = compiler.expr(tree.body)
        return fn, kind, None, None, abstract_condition(tree.body, scope)

    return _compile(source, scope, site_key, "eval", build, text)


def compile_effect(source: str, scope: Scope, site_key: str = "") -> Compiled:
    """Parse an effect (`suspicion += 10`, `flags.x = true`) into a closure that mutates."""

    from riotgame.engine.analysis.search.intervals import abstract_effect

    def build(compiler, tree):
        fn, target, step = _effect(compiler, tree)
        return fn, "effect", target, step, abstract_effect(tree.body[0], scope)

    return _compile(source, scope, site_key, "exec", build)


def _compile(source: str, scope: Scope, site_key: str, mode: str, build, text=False) -> Compiled:
    tree = _parse(source, mode)
    if scope.constants or scope.conditions:
        tree = _Named(scope).visit(tree)
    lead = len(source) - len(source.lstrip())
    compiler = _Compiler(source.strip(), scope, site_key, text)
    try:
        fn, kind, target, step, over = build(compiler, tree)
    except ExprError as exc:
        exc.offset += lead  # the compiler counted from the stripped source
        raise
    except RecursionError:
        raise ExprError("E133", "expression nested too deeply") from None
    return Compiled(
        source,
        fn,
        frozenset(compiler.reads),
        frozenset(compiler.visits),
        compiler.uses_turns,
        compiler.chance_sites > 0,
        target,
        kind,
        tuple(compiler.tests),
        frozenset(compiler.opaque),
        step,
        over,
    )


class _Named(ast.NodeTransformer):
    """Put each named constant and condition of story.yaml in place of its name, placed at
    the name, so every check and the exhaustive search see the expression it stands for."""

    def __init__(self, scope: Scope):
        self.scope = scope

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        return node  # `trust.calancho`, `flags.x`: a dotted name is never a constant

    def visit_Call(self, node: ast.Call) -> ast.AST:
        node.args = [self.visit(a) for a in node.args]  # the function's own name stays
        return node

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in self.scope.constants:
            return ast.copy_location(ast.Constant(self.scope.constants[node.id]), node)
        named = self.scope.conditions.get(node.id)
        if named is None:
            return node
        copy = copy_tree(named)
        for part in ast.walk(copy):
            if hasattr(part, "col_offset"):
                part.col_offset = node.col_offset
                part.end_col_offset = node.end_col_offset
        return copy


def copy_tree(tree: ast.expr) -> ast.expr:
    import copy

    return copy.deepcopy(tree)


def parse_named(source: str, scope: Scope) -> ast.expr:
    """A named condition of story.yaml: checked as a condition (true/false), and returned
    as a tree with earlier names already in place. Raises ExprError."""
    compiled = compile_condition(source, scope)
    if compiled.kind != BOOL:
        raise ExprError("E132", "a named condition must be true or false, not a number", 0)
    tree = _parse(source, "eval")
    return _Named(scope).visit(tree).body


def _effect(c: _Compiler, tree):
    if len(tree.body) != 1:
        raise ExprError("E130", "one effect per entry: write each on its own line of the list")
    stmt = tree.body[0]
    if isinstance(stmt, ast.Assign):
        if len(stmt.targets) != 1:
            c.fail(stmt, "E130", "assign one name at a time")
        target_node, op = stmt.targets[0], None
    elif isinstance(stmt, ast.AugAssign):
        if not isinstance(stmt.op, (ast.Add, ast.Sub)):
            c.fail(stmt, "E133", "effects use =, += or -=")
        target_node, op = stmt.target, stmt.op
    elif isinstance(stmt, ast.Expr):
        c.fail(stmt, "E130", "an effect assigns: write `stat += 5` or `flags.name = true`")
    else:
        c.fail(stmt, "E133", f"{type(stmt).__name__} is not allowed in an effect")
    name = c.dotted(target_node)
    if name is None or "__" in name:
        c.fail(target_node, "E133", "an effect assigns to a stat or flags.name")
    value, kind = c.expr(stmt.value)
    if name.startswith("flags."):
        flag = name[6:]
        if flag not in c.scope.flags:
            c.fail(target_node, "E131", f'unknown flag "{flag}"{_suggest(flag, c.scope.flags)}')
        if op is not None:
            c.fail(stmt, "E132", "flags are true or false: use =, not += or -=")
        if kind != BOOL:
            c.fail(stmt.value, "E132", f'flag "{flag}" needs true or false, not a {kind}')
        bit = 1 << c.scope.flags[flag]
        clear = ~bit
        constant = _constant_bool(stmt.value)
        if constant is True:

            def set_flag(s):
                s.flags |= bit

            return set_flag, name, None
        if constant is False:

            def clear_flag(s):
                s.flags &= clear

            return clear_flag, name, None

        def assign_flag(s):
            s.flags = (s.flags | bit) if value(s) else (s.flags & clear)

        return assign_flag, name, None
    if name not in c.scope.stats:
        hint = _suggest(name, list(c.scope.stats) + [f"flags.{f}" for f in c.scope.flags])
        if name in c.scope.flags:
            hint = f' (flags are written "flags.{name}")'
        c.fail(target_node, "E131", f'unknown stat "{name}"{hint}')
    if kind != INT:
        c.fail(stmt.value, "E132", f'stat "{name}" needs a number, not a {kind}')
    index = c.scope.stats[name]
    lo, hi = c.scope.bounds.get(name, (-MAX_INT, MAX_INT))
    literal = _literal(stmt.value)
    if literal is not None:
        if op is None and not lo <= literal <= hi:
            c.fail(stmt.value, "E135", f'{literal} is outside the range of "{name}" ({lo} to {hi})')
        if op is not None and abs(literal) > hi - lo:
            c.fail(
                stmt.value,
                "E135",
                f'a change of {literal} is larger than the whole range of "{name}" ({lo} to {hi})',
            )
    if op is None:

        def assign(s):
            v = value(s)
            s.stats[index] = lo if v < lo else hi if v > hi else v

        if literal is None:
            c.opaque.add(name)
        return assign, name, (("set", literal) if literal is not None else None)
    if literal is not None:  # the common `stat += 10`
        step = literal if isinstance(op, ast.Add) else -literal

        def shift(s):
            v = s.stats[index] + step
            s.stats[index] = lo if v < lo else hi if v > hi else v

        return shift, name, ("add", step)
    sign = 1 if isinstance(op, ast.Add) else -1

    def add(s):
        v = s.stats[index] + sign * value(s)
        s.stats[index] = lo if v < lo else hi if v > hi else v

    c.opaque.add(name)
    return add, name, None


def _is_visited(node) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "visited"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def _constant_bool(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Name) and node.id in ("true", "false"):
        return node.id == "true"
    return None


def _literal(node):
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _literal(node.operand)
        return None if inner is None else -inner
    return None
