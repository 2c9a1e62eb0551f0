"""The exhaustive search: every ending, softlock and dead branch, with proof.

Enumerating concrete states (every stat value, every flag) explodes on a real story, so
the search works in two stages:

1. **Over-approximation** (groups.py, abstract_machine.py, intervals.py). States are
   grouped by an *abstract key* (keys.py): the node, the live flags, the live visit counts
   and used once-choices (liveness.py). Each group keeps, per stat, an interval that
   contains the values of every state in it. Conditions are evaluated over intervals
   ("can be true", "can be false"), so the groups reach everything the real states can
   reach, and possibly more. Whatever the groups cannot reach, no player can: these are
   the "unreachable" results, and they are sound.
2. **Witnesses** (witness.py). For each ending the groups can reach (and each group that
   might get stuck), we look for a real path: first the shortest of a few thousand random
   runs, then, for what they miss, a search over real states guided by the distance in the
   group graph. Real states count as the same when they agree on the node, the live flags,
   visits and once-choices, and on which side of every threshold that can still matter
   each stat lies (liveness.stat_splits); see docs/exploration.md. An ending the groups
   reach but no witness confirms is reported as unconfirmed.

chance() rolls are taken both ways everywhere. search.py is the driver that runs the
phases in order.
"""

from riotgame.engine.analysis.search.search import ExhaustiveReport, exhaustive

__all__ = ["ExhaustiveReport", "exhaustive"]
