"""The text (and the exhaustive search's JSON) that `riotgame explore` prints.

Random reports are read from the same dict the JSON and HTML formats print
(commands.playtest_report.random_data), so the three can never disagree."""

from __future__ import annotations

from typing import Any

from riotgame.commands.playtest_report import endings_lines, playtest_lines
from riotgame.engine.analysis.explore import MAX_STEPS
from riotgame.engine.analysis.search import ExhaustiveReport
from riotgame.engine.story.model import Story

BARS = " ▁▂▃▄▅▆▇█"
BINS = 10
LISTED = 50  # names listed under each "never reached" heading


def _percent(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "-"


def random_text(story: Story, reports: list[dict[str, Any]]) -> str:
    """One persona in full; several side by side (endings and the rarely reached nodes)."""
    if len(reports) > 1:
        return "\n".join(personas_lines(story, reports))
    r = reports[0]
    player = "" if r["player"] == "random" else f", player {r['player']}"
    lines = [f"{r['runs']:,} random runs (seed {r['seed']}{player})", ""]
    lines += endings_count_lines(story, r)
    lines += [
        "",
        f"Average run: {r['average_steps']:.1f} choices, {r['average_words']:,.0f} words",
        "",
        "Stats at each ending (min / mean / max):",
    ]
    for ending, cells in r["stats_at_ending"].items():
        shown = (f"{name} {lo}/{mean:.0f}/{hi}" for name, (lo, mean, hi) in cells.items())
        lines.append(f"  {ending}: " + ", ".join(shown))
    lines += ["", *chapter_histograms(story, r["stats_at_chapter"])]
    lines += ["", f"Nodes never reached: {len(r['unseen_nodes'])}"]
    lines += [f"  {n}" for n in r["unseen_nodes"][:LISTED]]
    lines += [f"Choices never taken: {len(r['untaken_choices'])}"]
    lines += [f"  {c}" for c in r["untaken_choices"][:LISTED]]
    lines += ["", *playtest_lines(story, r)]
    return "\n".join(lines)


def endings_count_lines(story: Story, r: dict[str, Any]) -> list[str]:
    runs, lines = r["runs"], ["Endings:"]
    for e in story.endings:
        n = r["endings"][e.id]
        lines.append(f"  {e.id:<14} {n:>7,}  {_percent(n, runs):>6}  {e.title}")
    stuck = r["softlocks"]
    if stuck:
        lines.append(
            f"  (stuck)        {len(stuck):>7,}  {_percent(len(stuck), runs):>6}"
            f"  e.g. at {stuck[0][1]}"
        )
    if r["cut_short"]:
        lines.append(f"  (endless)      {r['cut_short']:>7,}  runs longer than {MAX_STEPS:,} steps")
    if r["loops"]:
        _, key, message = r["loops"][0]
        n = len(r["loops"])
        share = _percent(n, runs)
        lines.append(f"  (routing loop) {n:>7,}  {share:>6}  e.g. after {key}: {message}")
    return lines


def personas_lines(story: Story, reports: list[dict[str, Any]]) -> list[str]:
    first = reports[0]
    names = [r["player"] for r in reports]
    lines = [f"{first['runs']:,} runs per player (seed {first['seed']}): {', '.join(names)}", ""]
    lines += endings_lines(story, reports)
    head = "  " + " " * 28 + "".join(f"{n:>10}" for n in names)
    lines += ["", "Per player:", head]
    rows = {
        "choices per run": [f"{r['average_steps']:.1f}" for r in reports],
        "nodes never reached": [str(len(r["unseen_nodes"])) for r in reports],
        "choices never taken": [str(len(r["untaken_choices"])) for r in reports],
        "stuck runs": [str(len(r["softlocks"])) for r in reports],
        "decided gates": [str(sum(g["decided"] for g in r["gates"])) for r in reports],
    }
    lines += [f"  {label:<28}" + "".join(f"{v:>10}" for v in vs) for label, vs in rows.items()]
    rare = sorted({n for r in reports for n in r["rare_nodes"]})
    lines += ["", f"Nodes some player reaches in fewer than 1% of runs: {len(rare)}", head]
    for node in rare[:LISTED]:
        cells = "".join(f"{100 * r['reach']['nodes'][node]:>9.1f}%" for r in reports)
        lines.append(f"  {node:<28}{cells}")
    return lines


def histogram(values: list[int], lo: int, hi: int) -> str:
    """One line of BINS bars over lo..hi; every bin that holds a run shows at least ▁."""
    counts = [0] * BINS
    for v in values:
        counts[min((v - lo) * BINS // (hi - lo + 1), BINS - 1)] += 1
    top = max(counts)
    return "".join(BARS[-(-c * (len(BARS) - 1) // top)] if c else "·" for c in counts)


def chapter_histograms(story: Story, chapters: dict[str, dict[str, list[int]]]) -> list[str]:
    """For each stat, its spread when runs enter each chapter: an author can see where a
    threshold such as `suspicion >= 60` would fall."""
    lines = [
        f"Stats on entering each chapter ({BINS} bins from min to max; 10th percentile, "
        "median, 90th percentile; runs that got there):"
    ]
    for d in story.stats:
        lines.append(f"  {d.name} ({d.min} to {d.max})")
        for number, columns in chapters.items():
            values = sorted(columns[d.name])
            p10, p50, p90 = (values[min(len(values) - 1, len(values) * q // 10)] for q in (1, 5, 9))
            lines.append(
                f"    chapter {number:<3} |{histogram(values, d.min, d.max)}|  "
                f"{p10:>4} {p50:>4} {p90:>4}  {len(values):>7,} runs"
            )
    return lines


def _path(p: list[tuple[str, str]]) -> str:
    return " ".join(f"{n}/{c}" for n, c in p)


def exhaustive_text(story: Story, r: ExhaustiveReport) -> str:
    lines = [
        f"Exhaustive search: {r.states:,} groups of states"
        + ("" if r.complete else " (STOPPED at --max-states: the search is incomplete)")
    ]
    lines += [f"note: {n}" for n in r.notes]
    lines += ["", "Endings, with the shortest path found to each:"]
    for e in story.endings:
        if e.id in r.ending_paths:
            p = r.ending_paths[e.id]
            lines.append(f"  {e.id} in {len(p)} choices: {_path(p)}")
    if r.unconfirmed:
        lines += [
            "",
            "Endings the search could not rule out but found no path to "
            "(raise --max-states or check their conditions):",
        ]
        lines += [f"  {e}" for e in r.unconfirmed]
    if r.unreachable_endings:
        lines += ["", "Endings no player can reach" + ("" if r.complete else " (so far)") + ":"]
        lines += [f"  {e}" for e in r.unreachable_endings]
    lines += ["", f"Softlocks (no available choice, not an ending): {len(r.softlocks)}"]
    lines += [f"  at {node} after: {_path(p)}" for node, p in r.softlocks[:20]]
    lines += [f"  possibly at {n} (not confirmed by a real path)" for n in r.possible_softlocks]
    lines += [f"  routing loop after {n}/{c}: {message}" for n, c, message in r.loops[:20]]
    if r.complete:
        lines += ["", f"Nodes no player can reach: {len(r.unreached_nodes)}"]
        lines += [f"  {n}" for n in r.unreached_nodes[:LISTED]]
        lines += [f"Choices no player can take: {len(r.untaken_choices)}"]
        lines += [f"  {c}" for c in r.untaken_choices[:LISTED]]
        places = story.alternative_locs
        lines += [f"Text no player can see (branches and variants): {len(r.unseen_texts)}"]
        lines += [f"  {places.get(k, '?')}: {k}" for k in r.unseen_texts[:LISTED]]
    return "\n".join(lines)


def exhaustive_data(r: ExhaustiveReport) -> dict[str, Any]:
    return {
        "states": r.states,
        "complete": r.complete,
        "ending_paths": {e: [f"{n}/{c}" for n, c in p] for e, p in r.ending_paths.items()},
        "softlocks": [{"node": n, "path": [f"{a}/{b}" for a, b in p]} for n, p in r.softlocks],
        "possible_softlocks": r.possible_softlocks,
        "unreachable_endings": r.unreachable_endings,
        "unconfirmed_endings": r.unconfirmed,
        "unreached_nodes": r.unreached_nodes,
        "untaken_choices": r.untaken_choices,
        "unseen_texts": r.unseen_texts,
        "notes": r.notes,
    }
