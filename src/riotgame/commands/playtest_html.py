"""Play-testing reports as one self-contained HTML page: inline SVG charts and CSS, no script
and no network, so it opens in any browser, from a mail attachment or a USB stick.

Every chart is an `<svg role="img">` with a text alternative, and the numbers behind it are
in a table beside it: nobody has to read a colour or a bar length to get the figures.
"""

from __future__ import annotations

from html import escape
from typing import Any

from riotgame.commands.playtest_report import ending_share
from riotgame.engine.story.model import Story

WIDTH = 640
BAR = 18  # height of one bar, px
LABEL = 170  # width of the label column, px
COLOURS = ["#3b6ea8", "#c0603a", "#4f8f4a", "#8a5fa8", "#a88a2f", "#3a9a9a", "#a8435f"]

CSS = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #1d1d1d; background: #fdfdfb; }
h1, h2 { line-height: 1.2; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg text { font: 12px system-ui, sans-serif; fill: #1d1d1d; }
code { font-size: 0.9rem; }
.note { color: #555; }
@media (prefers-color-scheme: dark) {
  body { color: #e8e8e8; background: #161616; } svg text { fill: #e8e8e8; }
  th, td { border-color: #555; } .note { color: #aaa; }
}
"""


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%"


def bar_chart(title: str, rows: list[tuple[str, list[float]]], series: list[str]) -> str:
    """Horizontal bars, one group per row and one bar per series (shares 0..1)."""
    legend_rows = 1 + sum(len(n) for n in series) * 8 // (WIDTH - LABEL) if len(series) > 1 else 0
    height = len(rows) * (BAR * len(series) + 8) + 16 * legend_rows + 8
    top = max((v for _, values in rows for v in values), default=0) or 1.0
    scale = (WIDTH - LABEL - 60) / top  # the longest bar spans the chart
    parts = [
        f'<svg role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    y = 4
    for label, values in rows:
        parts.append(f'<text x="0" y="{y + BAR - 5}">{escape(label[:26])}</text>')
        for i, value in enumerate(values):
            w = max(1, round(value * scale)) if value else 0  # a share, drawn to the longest
            colour = COLOURS[i % len(COLOURS)]
            parts.append(
                f'<rect x="{LABEL}" y="{y}" width="{w}" height="{BAR - 3}" fill="{colour}">'
                f"<title>{escape(series[i])}: {_pct(value)}</title></rect>"
                f'<text x="{LABEL + w + 4}" y="{y + BAR - 5}">{_pct(value)}</text>'
            )
            y += BAR
        y += 8
    if len(series) > 1:
        x = LABEL
        for i, name in enumerate(series):
            colour = COLOURS[i % len(COLOURS)]
            parts.append(
                f'<rect x="{x}" y="{y}" width="10" height="10" fill="{colour}"/>'
                f'<text x="{x + 14}" y="{y + 9}">{escape(name)}</text>'
            )
            x += 14 + 8 * len(name) + 16
            if x > WIDTH - 80 and i < len(series) - 1:
                x, y = LABEL, y + 16
    parts.append("</svg>")
    return "".join(parts)


def table(head: list[str], rows: list[list[Any]]) -> str:
    cells = "".join(f"<th scope='col'>{escape(h)}</th>" for h in head)
    body = []
    for row in rows:
        tds = "".join(
            f"<td class='n'>{escape(str(c))}</td>"
            if isinstance(c, (int, float))
            else f"<td>{escape(str(c))}</td>"
            for c in row
        )
        body.append(f"<tr>{tds}</tr>")
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def endings_section(story: Story, reports: list[dict[str, Any]]) -> str:
    series = [r.get("player", "saved runs") for r in reports]
    rows = [(e.title, [ending_share(r, e.id) for r in reports]) for e in story.endings]
    rows += unended_rows(reports)
    chart = bar_chart("Share of runs reaching each ending", rows, series)
    data = [[title, *map(_pct, shares)] for title, shares in rows]
    return f"<h2>Endings</h2>{chart}{table(['ending', *series], data)}"


def reach_section(data: dict[str, Any]) -> str:
    reach = data["reach"]["nodes"]
    buckets = [0] * 10
    for share in reach.values():
        buckets[min(int(share * 10), 9)] += 1
    total = max(len(reach), 1)
    rows = [(f"{10 * i}-{10 * i + 10}% of runs", [n / total]) for i, n in enumerate(buckets)]
    chart = bar_chart("Nodes by the share of runs that reached them", rows, ["nodes"])
    rare = [[n, _pct(reach[n])] for n in data["rare_nodes"]]
    return (
        f"<h2>Reach</h2><p>{len(reach)} nodes. Bars: the share of all nodes in each band.</p>"
        f"{chart}<h3>Nodes reached by fewer than 1% of runs ({len(rare)})</h3>"
        f"{table(['node', 'runs'], rare) if rare else '<p>None.</p>'}"
    )


def gates_section(data: dict[str, Any]) -> str:
    decided = [g for g in data["gates"] if g["decided"]]
    rows = [
        [f"{g['file']}:{g['line']}:{g['col']}", g["expr"], g["evaluated"], _pct(g["true_share"])]
        for g in decided
    ]
    note = (
        f"<p class='note'>Choice and route conditions are counted in every run; conditions "
        f"inside texts in {data['text_runs']:,} of {data['runs']:,} runs.</p>"
    )
    body = table(["where", "condition", "evaluated", "true"], rows) if rows else "<p>None.</p>"
    return (
        f"<h2>Decided gates ({len(decided)})</h2><p>Conditions true or false in more than 95% "
        f"of their evaluations: in practice they decide nothing.</p>{note}{body}"
    )


def saturation_section(story: Story, data: dict[str, Any]) -> str:
    chapters = data["saturation"]
    parts = ["<h2>Stats on entering each chapter</h2>"]
    for d in story.stats:
        rows = []
        for chapter, cell in chapters.items():
            s = cell["stats"][d.name]
            rows.append((f"chapter {chapter}", [s["at_min"], s["at_max"]]))
        title = f"{d.label}: share of runs at its minimum and at its maximum, by chapter"
        parts.append(f"<h3>{escape(d.label)} ({d.min} to {d.max})</h3>")
        parts.append(bar_chart(title, rows, [f"at {d.min}", f"at {d.max}"]))
        cells = [
            [f"chapter {c}", s["p10"], s["median"], s["p90"], _pct(s["at_min"]), _pct(s["at_max"])]
            for c, cell in chapters.items()
            for s in [cell["stats"][d.name]]
        ]
        parts.append(table(["", "10th pct", "median", "90th pct", "at min", "at max"], cells))
    return "".join(parts)


def saves_section(data: dict[str, Any]) -> str:
    stopped = [[n, c] for n, c in data["unfinished"].items()]
    sided = [[c["choice"], _pct(c["share"]), c["visits"]] for c in data["one_sided"]]
    diverged = [[d["file"], d["message"]] for d in data["diverged"]]
    return (
        f"<h2>Where unfinished runs stopped</h2>{table(['node', 'runs'], stopped)}"
        f"<h2>One-sided choices</h2><p>Taken by over 90% of the players who were there.</p>"
        f"{table(['choice', 'share', 'times the node was left'], sided)}"
        f"<h2>Runs that no longer fit the story ({len(diverged)})</h2>"
        f"{table(['file', 'where it diverges'], diverged) if diverged else '<p>None.</p>'}"
    )


def unended_rows(reports: list[dict[str, Any]]) -> list[tuple[str, list[float]]]:
    """Runs that reached no ending, by why (rows only for what some report has)."""
    counts = {
        "(stuck: no choice)": [len(r.get("softlocks", [])) for r in reports],
        "(routing loop)": [len(r.get("loops", [])) for r in reports],
        "(endless)": [r.get("cut_short", 0) for r in reports],
    }
    return [
        (why, [n / max(r["runs"], 1) for n, r in zip(ns, reports, strict=True)])
        for why, ns in counts.items()
        if any(ns)
    ]


def players_section(reports: list[dict[str, Any]]) -> str:
    """Reach per persona side by side: how much of the story each one sees, and the nodes
    some of them almost never reach."""
    names = [r["player"] for r in reports]
    seen = [
        (
            r["player"],
            [sum(1 for v in r["reach"]["nodes"].values() if v > 0) / len(r["reach"]["nodes"])],
        )
        for r in reports
    ]
    chart = bar_chart("Share of the story's nodes each player reached", seen, ["nodes reached"])
    rare = sorted({n for r in reports for n in r["rare_nodes"]})
    rows = [[n, *(_pct(r["reach"]["nodes"][n]) for r in reports)] for n in rare]
    body = table(["node", *names], rows) if rows else "<p>None.</p>"
    return (
        f"<h2>Reach per player</h2>{chart}"
        f"<h3>Nodes some player reaches in fewer than 1% of runs ({len(rare)})</h3>{body}"
    )


def page(story: Story, reports: list[dict[str, Any]]) -> str:
    """The whole report: endings side by side for every report, the rest for the first."""
    first = reports[0]
    if first["kind"] == "saves":
        heading = f"{first['runs']:,} real players' runs from {first['files']:,} save files"
    else:
        who = ", ".join(r["player"] for r in reports)
        heading = f"{first['runs']:,} random runs per player (seed {first['seed']}): {who}"
    sections = [endings_section(story, reports)]
    if len(reports) > 1:
        sections.append(players_section(reports))
    if first["kind"] == "saves":
        sections.append(saves_section(first))
    sections += [reach_section(first), gates_section(first), saturation_section(story, first)]
    title = f"{story.title}: play-testing report"
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body><main>"
        f"<h1>{escape(title)}</h1><p>{escape(heading)}</p>{''.join(sections)}"
        f"</main></body></html>\n"
    )
