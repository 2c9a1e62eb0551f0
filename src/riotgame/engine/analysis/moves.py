"""What random play does in place of `Machine.step` for the commonest choice (an inline
move), worked out once per story.

A move is a choice whose effects are constant (a plan) into a node where the story rests,
from a node no interrupt leads to, in a story whose interrupts read no visits of that
target, no turn and no chance(). Its step is the plan and the entering, and no interrupt
is checked unless the plan writes what one reads: where the story rested every
interrupt's condition was false (one would have fired: none leads there), effects that
leave what they read alone keep them false, and entering changes only visits. A run that
does not read texts leaves `prior` and `trail` as they were (only texts read them).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container

from riotgame.engine.play.machine import Machine
from riotgame.engine.play.state import Scratch
from riotgame.engine.play.tables import Test, tables
from riotgame.engine.story.model import Story

# the plan's stat shifts, flag bits set and kept (None: no flag written), the target, the
# interrupt conditions to test after the effects as one (None: none), whether the choice is
# once-only
Move = tuple[tuple[tuple[int, int, int, int], ...], int, int | None, str, Test | None, bool]
WritesRead = Callable[[Collection[int], int, int], bool]  # plan shifts, set bits, keep


def inline_moves(story: Story) -> dict[str, Move | None]:
    """Choice key -> the move random play makes in place of `Machine.step`, or None where
    it takes the step. Built once per story (kept in `Story.derived`; the check-only
    replay, saves/quick.py, takes the same moves)."""
    built = story.derived.get("moves")
    if isinstance(built, dict):
        return built
    plans = tables(story).plans
    starts, enters, writes_read, checks = _interrupt_reads(story)
    moves: dict[str, Move | None] = {}
    for nid, node in story.nodes.items():
        for c in node.choices:
            plan = plans[c.key]
            if plan is None or not plan[4] or nid in starts or c.goto in enters:
                moves[c.key] = None
                continue
            shifts, set_bits, keep, shifted, _ = plan
            flagged = keep != -1 or set_bits
            check = checks if writes_read(shifted, set_bits, keep) else None
            moves[c.key] = (shifts, set_bits, keep if flagged else None, c.goto, check, c.once)
    story.derived["moves"] = moves
    return moves


def _interrupt_reads(story: Story) -> tuple[Container[str], Container[str], WritesRead, Test]:
    """What the story's interrupts ask of a move: the nodes no move may start from (those an
    interrupt leads to), those none may enter (those one reads the visits of; every node,
    for both, when one reads turns or chance), whether a plan writes what one reads, and
    the one test of them all."""
    interrupts = story.interrupts
    starts: Container[str] = {i.goto for i in interrupts}
    enters: Container[str] = set().union(*(i.cond.visits for i in interrupts))
    if any(i.cond.uses_turns or i.cond.uses_chance for i in interrupts):
        starts = enters = story.nodes
    read = set().union(*(i.cond.reads for i in interrupts))
    stat_read = {n for n, d in enumerate(story.stats) if d.name in read}
    flag_read = sum(1 << n for n, d in enumerate(story.flags) if f"flags.{d.name}" in read)

    def writes_read(shifted: Collection[int], set_bits: int, keep: int) -> bool:
        return bool(stat_read.intersection(shifted) or flag_read & (set_bits | ~keep))

    return starts, enters, writes_read, _any_of(tuple(i.cond.fn for i in interrupts))


def _any_of(tests: tuple[Test, ...]) -> Test:
    """One test that holds when any of `tests` does (the test itself when it is alone)."""
    if len(tests) == 1:
        return tests[0]
    return lambda s: any(test(s) for test in tests)


def take(machine: Machine, s: Scratch, key: str, move: Move) -> None:
    """The move of the choice `key` on `s`: what `Machine.step` would do, `via` set, `prior`
    and `trail` left alone. (walks.plain and walks.counted write it out in their loops.)"""
    shifts, set_bits, keep, target, checks, once = move
    s.via, s.turn = key, s.turn + 1
    if once:
        s.used = s.used | {key}
    stats = s.stats
    for j, amount, lo, hi in shifts:
        v = stats[j] + amount
        stats[j] = lo if v < lo else hi if v > hi else v
    if keep is not None:
        s.flags = (s.flags & keep) | set_bits
    if checks is not None and checks(s):  # an interrupt: the machine takes over
        machine.enter(s, machine.interrupt(s, s.node) or target)
        return
    s.visits[target] = s.visits.get(target, 0) + 1
    s.last[target] = s.turn
    s.node = target
