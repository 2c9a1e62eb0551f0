"""Play-testing reports: the data of random, persona and real players' runs shaped for JSON,
and the same data as text. `playtest_html` draws it as charts. One dict feeds all three, so
the formats can never disagree."""

from __future__ import annotations

from typing import Any

from riotgame.engine.analysis.explore import RandomReport
from riotgame.engine.analysis.playtest import Tally, saturation
from riotgame.engine.play.machine import Machine
from riotgame.engine.saves.playtest import SavedRuns
from riotgame.engine.story.model import Story

RARE = 0.01  # nodes reached by fewer than this share of runs are listed
SATURATED = 0.2  # a stat at a bound in more runs than this, on entering a chapter, is flagged


def _share(n: float, total: float) -> float:
    return round(n / total, 4) if total else 0.0


def tally_data(story: Story, tally: Tally) -> dict[str, Any]:
    reach = {k: round(v, 4) for k, v in tally.node_reach(story).items()}
    texts = {k: round(v, 4) for k, v in tally.text_reach(story).items()}
    return {
        "reach": {
            "nodes": reach,
            "choices": {k: round(v, 4) for k, v in tally.choice_split(story).items()},
            "texts": texts,
        },
        "rare_nodes": sorted(n for n, v in reach.items() if v < RARE),
        "unshown_texts": [
            {"key": k, "file": loc.path, "line": loc.line, "col": loc.col}
            for k, loc in sorted(story.alternative_locs.items(), key=lambda kv: kv[1])
            if texts[k] == 0
        ],
        "gates": [
            {
                "file": g.path,
                "line": g.line,
                "col": g.col,
                "expr": g.source,
                "evaluated": g.evaluated,
                "true_share": round(g.true_share, 4),
                "decided": g.decided,
            }
            for g in tally.gates
        ],
        "text_runs": tally.text_runs,
        "alternative_runs": tally.alternative_runs,
    }


def stats_data(story: Story, stats_at_chapter: dict[int, list[tuple[int, ...]]]) -> dict[str, Any]:
    """Per chapter, per stat: percentiles on entering it, and the shares at min and max."""
    sat = saturation(story, stats_at_chapter)
    out: dict[str, Any] = {}
    for chapter, rows in sorted(stats_at_chapter.items()):
        cells = {}
        for i, d in enumerate(story.stats):
            values = sorted(r[i] for r in rows)
            p10, p50, p90 = (values[min(len(values) - 1, len(values) * q // 10)] for q in (1, 5, 9))
            at_min, at_max = sat[chapter][d.name]
            cells[d.name] = {
                "p10": p10,
                "median": p50,
                "p90": p90,
                "at_min": round(at_min, 4),
                "at_max": round(at_max, 4),
            }
        out[str(chapter)] = {"runs": len(rows), "stats": cells}
    return out


def raw_stats(story: Story, stats_at_chapter: dict[int, list[tuple[int, ...]]]) -> dict[str, Any]:
    """Chapter -> stat -> the value of every run as it entered the chapter."""
    names = [d.name for d in story.stats]
    return {
        str(n): dict(zip(names, (list(column) for column in zip(*rows, strict=True)), strict=True))
        for n, rows in sorted(stats_at_chapter.items())
    }


def random_data(
    story: Story, report: RandomReport, tally: Tally, player: str = "random"
) -> dict[str, Any]:
    """Everything `explore --random` reports: endings as counts of runs, the rest as shares."""
    runs = report.runs
    return {
        "kind": "random",
        "story": story.title,
        "player": player,
        "runs": runs,
        "seed": report.seed,
        "endings": {e.id: report.endings.get(e.id, 0) for e in story.endings},
        "softlocks": [list(s) for s in report.softlocks],
        "cut_short": report.cut_short,
        "loops": [list(loop) for loop in report.loops],
        "average_steps": round(report.steps_total / max(runs, 1), 2),
        "average_words": round(report.words_total / max(runs, 1), 1),
        "unseen_nodes": report.unseen_nodes,
        "untaken_choices": report.untaken_choices,
        "stats_at_ending": ending_stats(story, report.stats_at_ending),
        "stats_at_chapter": raw_stats(story, report.stats_at_chapter),
        "saturation": stats_data(story, report.stats_at_chapter),
        **tally_data(story, tally),
    }


def ending_stats(story: Story, rows_by_ending: dict[str, list[tuple[int, ...]]]) -> dict[str, Any]:
    """Ending -> stat -> [min, mean, max] over the runs that reached it."""
    out = {}
    for ending, rows in rows_by_ending.items():
        columns = zip(*rows, strict=True)
        out[ending] = {
            d.name: [min(c), round(sum(c) / len(c), 1), max(c)]
            for d, c in zip(story.stats, columns, strict=True)
        }
    return out


def saved_data(machine: Machine, saved: SavedRuns) -> dict[str, Any]:
    story = machine.story
    runs = saved.runs
    return {
        "kind": "saves",
        "story": story.title,
        "files": saved.files,
        "runs": runs,
        "endings": {e.id: saved.endings.get(e.id, 0) for e in story.endings},
        "unfinished": {n: c for n, c in saved.stopped.most_common()},
        "one_sided": [
            {"choice": key, "share": round(share, 4), "visits": visits}
            for key, share, visits in saved.one_sided(machine)
        ],
        "diverged": [{"file": f, "message": m} for f, m in saved.diverged],
        "unreadable": saved.unreadable,
        "stats_at_chapter": raw_stats(story, saved.stats_at_chapter),
        "saturation": stats_data(story, saved.stats_at_chapter),
        **tally_data(story, saved.tally),
    }


def ending_share(data: dict[str, Any], ending: str) -> float:
    return _share(data["endings"][ending], data["runs"])


# -- text --------------------------------------------------------------------------------------
def _pct(share: float) -> str:
    return f"{100 * share:5.1f}%"


def endings_lines(story: Story, reports: list[dict[str, Any]]) -> list[str]:
    """Endings with one column per report (one per persona with --player all)."""
    head = "  " + " " * 16 + "".join(f"{r.get('player', 'saves'):>10}" for r in reports)
    lines = ["Endings:", head]
    for e in story.endings:
        cells = "".join(f"{_pct(ending_share(r, e.id)):>10}" for r in reports)
        lines.append(f"  {e.id:<16}{cells}  {e.title}")
    return lines


def playtest_lines(story: Story, data: dict[str, Any]) -> list[str]:
    """Reach, decided gates and saturation, as text."""
    lines = [f"Nodes reached by fewer than {RARE:.0%} of runs: {len(data['rare_nodes'])}"]
    reach = data["reach"]["nodes"]
    lines += [f"  {n:<28} {_pct(reach[n])}" for n in data["rare_nodes"][:40]]
    unshown = data["unshown_texts"]
    lines += [
        "",
        f"Text alternatives never shown in {data['alternative_runs']:,} runs read: {len(unshown)}",
    ]
    lines += [f"  {t['file']}:{t['line']}:{t['col']}: {t['key']}" for t in unshown[:40]]
    decided = [g for g in data["gates"] if g["decided"]]
    lines += ["", f"Decided gates (true or false in over 95% of evaluations): {len(decided)}"]
    for g in decided[:60]:
        side = "always true" if g["true_share"] > 0.5 else "always false"
        lines.append(
            f"  {g['file']}:{g['line']}:{g['col']}: W501 {side} ({_pct(g['true_share'])} of "
            f"{g['evaluated']:,}): {g['expr']}"
        )
    lines += ["", "Stats pinned at a bound on entering a chapter (min / max share of runs):"]
    flagged = 0
    for chapter, cell in data["saturation"].items():
        for name, s in cell["stats"].items():
            if s["at_min"] > SATURATED or s["at_max"] > SATURATED:
                flagged += 1
                lines.append(
                    f"  chapter {chapter:<3} {name:<18} at min {_pct(s['at_min'])}  "
                    f"at max {_pct(s['at_max'])}"
                )
    if not flagged:
        lines.append(f"  none over {SATURATED:.0%}")
    return lines


def saved_text(story: Story, data: dict[str, Any]) -> str:
    lines = [f"{data['runs']:,} runs from {data['files']:,} save files", ""]
    lines += endings_lines(story, [data])
    lines += ["", "Where unfinished runs stopped:"]
    lines += [f"  {n:<28} {c:>6,}" for n, c in list(data["unfinished"].items())[:20]] or ["  -"]
    lines += ["", "One-sided choices (over 90% of the players who were there):"]
    lines += [
        f"  {c['choice']:<36} {_pct(c['share'])} of {c['visits']:,}" for c in data["one_sided"]
    ] or ["  -"]
    if data["diverged"]:
        lines += ["", f"Runs that no longer fit the story: {len(data['diverged'])}"]
        lines += [f"  {d['file']}: {d['message']}" for d in data["diverged"][:20]]
    if data["unreadable"]:
        lines += ["", f"Files that could not be read: {len(data['unreadable'])}"]
        lines += [f"  {u}" for u in data["unreadable"][:20]]
    lines += ["", *playtest_lines(story, data)]
    return "\n".join(lines)
