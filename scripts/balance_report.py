"""Balance figures for the story: gates, stat saturation, endings overall and per persona.

    python scripts/balance_report.py [STORY_DIR] [--runs 10000] [--persona-runs 2000]
        [--chapters 4 5 6] [--seed 1]

Uses the engine's play-testing tools (`random_play` with a `Tally`, the personas of
players.yaml). What it prints:

- every stat check of a choice (`if`, `disabled_if`) or a `next` route in the chosen
  chapters: the share of its evaluations in random runs where it held, and for each
  persona whether it mostly passes (held in at least half its evaluations) or fails; a
  gate outside 15%-85%, or that no persona passes or none fails, is marked;
- the share of random runs at each stat's minimum and maximum entering each chapter;
- ending shares over the random runs and per persona;
- endings that only happen when chance() goes one way: the runs are played again with
  every roll forced true, then forced false, and an ending missing from either is listed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from riotgame import paths
from riotgame.engine import load_story
from riotgame.engine.analysis.explore import RandomReport, random_play
from riotgame.engine.analysis.players import story_players
from riotgame.engine.analysis.playtest import Tally, saturation
from riotgame.engine.play.state import Scratch
from riotgame.engine.story.model import Story

LOW, HIGH = 0.15, 0.85  # a check should hold in between these shares of random runs
ENDING_LOW, ENDING_HIGH = 0.03, 0.25


@dataclass(frozen=True)
class Check:
    """A stat check written in the story: where, what kind, and its source."""

    where: tuple[str, int, int]
    kind: str  # "if", "disabled_if" or "next"
    node: str
    source: str


def stat_checks(story: Story, chapters: set[int]) -> Iterator[Check]:
    """Every choice condition and route condition in `chapters` that reads a stat."""
    stats = {d.name for d in story.stats}
    for node in story.nodes.values():
        if node.chapter.number not in chapters:
            continue
        conds = [(c.cond, "if") for c in node.choices] + [
            (c.disabled, "disabled_if") for c in node.choices
        ]
        conds += [(r.cond, "next") for r in node.next]
        for compiled, kind in conds:
            if compiled is None or not (compiled.reads & stats) or compiled.where is None:
                continue
            yield Check(tuple(compiled.where), kind, node.id, compiled.source)


def played(story: Story, runs: int, seed: int, player=None) -> tuple[RandomReport, Tally]:
    tally = Tally()
    report = random_play(story, runs, seed, tally=tally, player=player)
    return report, tally


def shares(tally: Tally) -> dict[tuple[str, int, int], tuple[int, float]]:
    """Gate place -> (times evaluated, share true)."""
    return {(g.path, g.line, g.col): (g.evaluated, g.true_share) for g in tally.gates}


def gate_table(story: Story, chapters: set[int], overall: Tally, personas: dict) -> list[str]:
    base = shares(overall)
    by_persona = {name: shares(t) for name, (_, t) in personas.items()}
    names = list(personas)
    lines = [
        "Stat checks in chapters " + ", ".join(map(str, sorted(chapters))) + " (share of "
        "evaluations where it held: random runs, then each persona; - = never met):",
        f"  {'place':<18} {'kind':<11} {'random':>6} " + " ".join(f"{n[:5]:>5}" for n in names),
    ]
    bad = 0
    for check in sorted(stat_checks(story, chapters), key=lambda c: c.where):
        evaluated, share = base.get(check.where, (0, 0.0))
        cells, held = [], set()
        for name in names:
            n, s = by_persona[name].get(check.where, (0, 0.0))
            cells.append(f"{100 * s:>5.0f}" if n else "    -")
            if n:
                held.add(s >= 0.5)
        problems = []
        if not evaluated:
            problems.append("never met")
        elif not LOW <= share <= HIGH:
            problems.append("outside 15-85%")
        if True not in held:
            problems.append("no persona mostly true")
        if False not in held:
            problems.append("no persona mostly false")
        bad += bool(problems)
        place = f"{Path(check.where[0]).name.removeprefix('chapter')}:{check.where[1]}"
        lines.append(
            f"  {place:<18} {check.kind:<11} {100 * share:>5.1f}% "
            + " ".join(cells)
            + f"  {check.source}"
            + (f"   <- {', '.join(problems)}" if problems else "")
        )
    lines.append(f"  {bad} of {len(lines) - 2} checks miss a target")
    return lines


def saturation_table(story: Story, report: RandomReport) -> list[str]:
    lines = ["Share of random runs at a stat's min / max entering each chapter:"]
    for chapter, per_stat in saturation(story, report.stats_at_chapter).items():
        cells = [f"{name} {100 * lo:.0f}/{100 * hi:.0f}" for name, (lo, hi) in per_stat.items()]
        lines.append(f"  chapter {chapter}: " + ", ".join(cells))
    return lines


def persona_saturation(story: Story, personas: dict, chapter: int) -> list[str]:
    lines = [f"Per persona, share at a stat's min / max entering chapter {chapter}:"]
    for name, (report, _) in personas.items():
        per_stat = saturation(story, report.stats_at_chapter).get(chapter, {})
        cells = [f"{stat} {100 * lo:.0f}/{100 * hi:.0f}" for stat, (lo, hi) in per_stat.items()]
        lines.append(f"  {name:<9} " + ", ".join(cells))
    return lines


def percentiles(story: Story, report: RandomReport, chapter: int) -> list[str]:
    rows = report.stats_at_chapter.get(chapter, [])
    lines = [f"Stats entering chapter {chapter} (p10 / p50 / p90, {len(rows):,} runs):"]
    for i, d in enumerate(story.stats):
        values = sorted(r[i] for r in rows) or [0]
        p = [values[min(len(values) - 1, len(values) * q // 10)] for q in (1, 5, 9)]
        lines.append(f"  {d.name:<16} {p[0]:>4} {p[1]:>4} {p[2]:>4}")
    return lines


def ending_table(story: Story, overall: RandomReport, personas: dict) -> list[str]:
    names = list(personas)
    lines = [
        "Endings (share of runs):",
        f"  {'ending':<10} {'random':>7}  " + " ".join(f"{n[:8]:>8}" for n in names),
    ]
    for e in story.endings:
        share = overall.endings.get(e.id, 0) / overall.runs
        cells = []
        for name in names:
            r = personas[name][0]
            cells.append(f"{100 * r.endings.get(e.id, 0) / r.runs:>7.1f}%")
        mark = "" if ENDING_LOW <= share <= ENDING_HIGH else "   <- outside 3-25%"
        lines.append(f"  {e.id:<10} {100 * share:>6.1f}%  " + " ".join(cells) + mark)
    counts = []
    for name in names:
        reached = sum(1 for n in personas[name][0].endings.values() if n)
        counts.append(f"{name} {reached}" + ("" if reached >= 3 else " (<3)"))
    lines.append("  endings reached per persona: " + ", ".join(counts))
    return lines


def forced_rolls(story: Story, runs: int, seed: int) -> list[str]:
    """Endings that vanish when every chance() roll goes the same way."""
    original = Scratch.chance
    found = {}
    try:
        for outcome in (True, False):
            Scratch.chance = lambda self, site, percent, o=outcome: o
            found[outcome] = set(random_play(story, runs, seed).endings)
    finally:
        Scratch.chance = original
    lines = ["Endings that need a roll to go one way (all rolls forced true, then false):"]
    for e in story.endings:
        missing = [str(o).lower() for o in (True, False) if e.id not in found[o]]
        if missing:
            lines.append(f"  {e.id}: not reached with every roll {' or '.join(missing)}")
    if len(lines) == 1:
        lines.append("  none: every ending is reached either way")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("story", nargs="?", default=None)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--persona-runs", type=int, default=2_000)
    parser.add_argument("--chapters", type=int, nargs="+", default=[4, 5, 6])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    story, _ = load_story(paths.story_dir(args.story))
    if story is None:
        print("the story does not load: run riotgame check", file=sys.stderr)
        return 1
    players, problems = story_players(story)
    if problems:
        print("\n".join(p.line() for p in problems), file=sys.stderr)
    overall = played(story, args.runs, args.seed)
    personas = {
        name: played(story, args.persona_runs, args.seed, p.picker(story))
        for name, p in players.items()
        if name != "random"
    }
    chapters = set(args.chapters)
    out = gate_table(story, chapters, overall[1], personas)
    out += ["", *saturation_table(story, overall[0])]
    out += ["", *persona_saturation(story, personas, min(chapters))]
    for chapter in sorted(chapters):
        out += ["", *percentiles(story, overall[0], chapter)]
    out += ["", *ending_table(story, overall[0], personas)]
    out += ["", *forced_rolls(story, args.persona_runs, args.seed)]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
