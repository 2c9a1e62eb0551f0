"""Expressions as trees: parsed with Python's `ast` (as a parser only, never to run
anything), with the named constants and conditions of story.yaml put in place, and the
small questions both the compiler and the analyses ask of a tree."""

from __future__ import annotations

import ast
import copy
from typing import Literal, overload

from riotgame.engine.story.expr.language import MAX_LENGTH, ExprError, Scope


@overload
def parse(source: str, mode: Literal["eval"]) -> ast.Expression: ...
@overload
def parse(source: str, mode: Literal["exec"]) -> ast.Module: ...
def parse(source: str, mode: Literal["eval", "exec"]) -> ast.Expression | ast.Module:
    """The tree of one expression ("eval") or effect ("exec"), within the size limits."""
    if not isinstance(source, str) or not source.strip():
        raise ExprError("E130", "empty expression")
    if len(source) > MAX_LENGTH:
        raise ExprError("E133", f"expression longer than {MAX_LENGTH} characters")
    if "\n" in source.strip():
        raise ExprError("E130", "an expression must fit on one line")
    try:
        tree = ast.parse(source.strip(), mode=mode)
    except SyntaxError as exc:
        message = (exc.msg or "invalid syntax").replace("Perhaps you forgot a comma?", "").strip()
        lead = len(source) - len(source.lstrip())
        # Python gives no offset (0) for a fault at the end of the input: point there
        at = exc.offset - 1 if exc.offset else len(source.strip())
        raise ExprError("E130", f"syntax error: {message}", lead + at) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError("E133", "expression nested too deeply or malformed") from None
    assert isinstance(tree, (ast.Expression, ast.Module))  # what the two modes give
    return tree


class Named(ast.NodeTransformer):
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
        tree = copy.deepcopy(named)
        for part in ast.walk(tree):
            if isinstance(part, ast.expr):
                part.col_offset = node.col_offset
                part.end_col_offset = node.end_col_offset
        return tree


def dotted(node: ast.AST) -> str | None:
    """`trust.calancho` for a name or a chain of attributes, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def literal(node: ast.AST) -> int | None:
    """The whole number a node writes out (`40`, `-5`), else None."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = literal(node.operand)
        return None if inner is None else -inner
    return None


def constant_bool(node: ast.AST) -> bool | None:
    """True or False when the node writes one out, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Name) and node.id in ("true", "false"):
        return node.id == "true"
    return None


def visited_target(node: ast.AST) -> str | None:
    """ "x" for a well-formed `visited("x")`, else None."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "visited"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return None
