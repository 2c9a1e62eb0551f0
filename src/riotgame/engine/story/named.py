"""Named constants and conditions of story.yaml, usable in every expression.

    constants:
      tense: 60
    conditions:
      trusted: trust.calancho >= 60 and not flags.unmasked

A constant is a whole number; a condition is an expression that is true or false, and
may use the constants and the conditions written above it. Each use is replaced by what
the name stands for when an expression is compiled, so checks and the exhaustive search
see through names.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from riotgame.engine.story.expr import FUNCTIONS, MAX_INT, ExprError, parse_named
from riotgame.engine.story.model import Loc
from riotgame.engine.story.yamlfile import Pos, YMap

if TYPE_CHECKING:
    from riotgame.engine.story.reader import Reader, StoryFile

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
RESERVED = {"true", "false", "and", "or", "not", "flags", "before", *FUNCTIONS}


@dataclass(frozen=True, slots=True)
class NamedDef:
    name: str
    kind: str  # "constant" or "condition"
    source: str  # the number or the expression, as written
    loc: Loc


def read_named(loader: Reader, manifest: StoryFile) -> dict[str, NamedDef]:
    """Read `constants:` then `conditions:` into loader.scope; report faults in place."""
    path, m = manifest.path, manifest.data
    out: dict[str, NamedDef] = {}
    scope = loader.scope
    families = {name.split(".")[0] for name in scope.stats}
    for section in ("constants", "conditions"):
        table = loader.typed(path, m, section, YMap, "story.yaml", YMap((1, 1)))
        for name, value in table.items():
            pos = table.kpos(name)
            if not _good_name(loader, path, pos, name, families, out):
                continue
            vpos = table.vpos(name)
            if section == "constants":
                if type(value) is not int or abs(value) > MAX_INT:
                    loader.add(
                        path,
                        vpos,
                        "E103",
                        f'constant "{name}" must be a whole number, at most {MAX_INT:,} in size',
                    )
                    continue
                scope.constants[name] = value
                out[name] = NamedDef(name, "constant", str(value), Loc(path, *pos))
                continue
            if not isinstance(value, str):
                loader.add(path, vpos, "E103", f'condition "{name}" must be an expression')
                continue
            try:
                scope.conditions[name] = parse_named(value, scope)
            except ExprError as exc:
                style = table.style(name)
                loader.add_inside(path, vpos, style, value, exc.offset, exc.code, exc.message)
                continue
            out[name] = NamedDef(name, "condition", value, Loc(path, *pos))
    return out


def _good_name(
    loader: Reader, path: str, pos: Pos, name: object, families: set[str], seen: dict[str, NamedDef]
) -> bool:
    if not isinstance(name, str) or not NAME.match(name):
        loader.add(path, pos, "E106", f'name "{name}" must be letters, digits and _')
        return False
    if name in RESERVED or keyword.iskeyword(name) or name.startswith("__"):
        loader.add(path, pos, "E106", f'"{name}" is a reserved word')
        return False
    if name in families or name in loader.scope.flags:
        loader.add(path, pos, "E110", f'"{name}" is already the name of a stat or flag')
        return False
    if name in seen:
        loader.add(path, pos, "E110", f'"{name}" is already declared at {seen[name].loc}')
        return False
    return True
