"""The condition and effect language: parsed once at load time into closures.

Story files are untrusted, so nothing here evaluates Python. We use Python's `ast` only as a
parser and accept an allow-list of node types (values.HANDLERS); everything else is refused
with the column of the fault. Sizes are bounded: the length of a source, the depth of its
tree, every number. The closures take a state-like object `s` (language.Readable) with
`stats` (indexable by stat number), `flags` (an int bit mask), `visits` and `last` (node
id -> count / last turn), `turn` and `seed`; the immutable GameState and the machine's
scratch state both qualify.

- language.py: limits, kinds, faults, Scope, Compiled, roll()
- syntax.py: parsing, named constants and conditions put in place, questions on trees
- values.py: expressions, one method per node type
- effects.py: effects on stats and flags
- compile.py: compile_condition, compile_effect, parse_named
"""

from riotgame.engine.story.expr.compile import compile_condition, compile_effect, parse_named
from riotgame.engine.story.expr.language import (
    BOOL,
    EFFECT,
    FUNCTIONS,
    INT,
    MAX_DEPTH,
    MAX_INT,
    MAX_LENGTH,
    Compiled,
    Condition,
    Effect,
    ExprError,
    Readable,
    Scope,
    Writable,
    roll,
)

__all__ = [
    "BOOL",
    "EFFECT",
    "FUNCTIONS",
    "INT",
    "MAX_DEPTH",
    "MAX_INT",
    "MAX_LENGTH",
    "Compiled",
    "Condition",
    "Effect",
    "ExprError",
    "Readable",
    "Scope",
    "Writable",
    "compile_condition",
    "compile_effect",
    "parse_named",
    "roll",
]
