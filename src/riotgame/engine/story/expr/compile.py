"""The two ways into the language: a condition (true/false, or a number in text) and an
effect. Each parses its source once and returns a Compiled: the closure, what it reads
and writes, and its tree."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from riotgame.engine.story.expr.effects import effect
from riotgame.engine.story.expr.language import (
    BOOL,
    EFFECT,
    Compiled,
    Condition,
    Effect,
    ExprError,
    Op,
    R,
    S,
    Scope,
)
from riotgame.engine.story.expr.syntax import Named, parse
from riotgame.engine.story.expr.values import Compiler


def compile_condition(
    source: str, scope: Scope, site_key: str = "", text: bool = False
) -> Condition:
    """Parse a condition (`suspicion >= 60 and flags.disguised`) into a closure -> bool.
    With `text`, the condition belongs to a text and may read `before.name`."""
    tree = parse(source, "eval")
    if scope.constants or scope.conditions:
        tree = Named(scope).visit(tree)
    compiler = Compiler(source.strip(), scope, site_key, text)
    with _faults_in(source):
        fn, kind = compiler.expr(tree.body)
    return _compiled(source, compiler, fn, tree.body, None, kind, site_key=site_key)


def compile_effect(source: str, scope: Scope, site_key: str = "") -> Effect:
    """Parse an effect (`suspicion += 10`, `flags.x = true`) into a closure that mutates."""
    tree = parse(source, "exec")
    if scope.constants or scope.conditions:
        tree = Named(scope).visit(tree)
    compiler = Compiler(source.strip(), scope, site_key)
    with _faults_in(source):
        fn, target, stmt, op = effect(compiler, tree)
    return _compiled(source, compiler, fn, stmt, target, EFFECT, op, site_key)


def _compiled(
    source: str,
    compiler: Compiler,
    fn: Callable[[S], R],
    tree: ast.expr | ast.stmt,
    writes: str | None,
    kind: str,
    op: Op | None = None,
    site_key: str = "",
) -> Compiled[S, R]:
    """The closure with what the compiler saw while building it."""
    return Compiled(
        source,
        fn,
        frozenset(compiler.reads),
        frozenset(compiler.visits),
        compiler.uses_turns,
        compiler.chance_sites > 0,
        tree,
        writes,
        kind,
        None,
        op,
        site_key if compiler.chance_sites else "",
    )


@contextmanager
def _faults_in(source: str) -> Iterator[None]:
    """Faults found by the compiler, placed in `source` as written (it counted from the
    stripped text); a tree too deep for Python's own recursion is a fault too."""
    try:
        yield
    except ExprError as exc:
        exc.offset += len(source) - len(source.lstrip())
        raise
    except RecursionError:
        raise ExprError("E133", "expression nested too deeply") from None


def parse_named(source: str, scope: Scope) -> ast.expr:
    """A named condition of story.yaml: checked as a condition (true/false), and returned
    as a tree with earlier names already in place. Raises ExprError."""
    compiled = compile_condition(source, scope)
    if compiled.kind != BOOL or not isinstance(compiled.tree, ast.expr):
        raise ExprError("E132", "a named condition must be true or false, not a number", 0)
    return compiled.tree
