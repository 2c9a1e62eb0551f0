"""The app's own English words, found in the code: for tests that the Spanish edition
leaves none of them on screen."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "src" / "riotgame"


# a call of _ or N_ by name (not an attribute, not the end of a longer name): a file
# without one holds no marked string, and is not parsed
_MARKED = re.compile(r"(?<![\w.])N?_\s*\(")


def app_strings() -> dict[str, str]:
    """Every literal string the code passes to _() or marks with N_(), with where it is."""
    return dict(_app_strings())


@functools.cache
def _app_strings() -> dict[str, str]:
    found = {}
    for path in sorted(SOURCES.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if not _MARKED.search(text):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "N_"):
                arg = node.args[0] if node.args else None
                if isinstance(arg, ast.Constant):
                    found.setdefault(arg.value, f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def english_fragments() -> set[str]:
    """The app's English strings cut at their placeholders: pieces of two words or more."""
    pieces = set()
    for source in app_strings():
        for piece in re.split(r"\{\w+\}", source):
            piece = piece.strip(" .:;,()")
            if len(piece.split()) >= 2:
                pieces.add(piece)
    return pieces
