"""riotgame beside inkjs and a reference engine, on the same graph with the same picks.

    (cd benchmarks && npm ci)        # inkjs 2.4.0 and its compiler, for this script only
    python benchmarks/runtimes_bench.py [--sizes 1000 10000] [--rounds 7] [--runs 200]

For each size, `gen_story.py` writes the story; `ink_story.py` writes the same graph in
ink, which inkjs's own compiler compiles (cached in benchmarks/out/ by the ink's hash: it
takes minutes at 10,000 nodes). First every runtime plays the same `--runs` random runs
once, and the script checks that they took exactly the same steps and were offered the
same choices (each step's node, choice keys offered and key taken, and each run's end);
riotgame's `random_play` is checked by its report (endings, steps, nodes seen, choices
taken, stats at each ending and chapter), which must equal the reference's. Then
`--rounds` interleaved rounds time one pass of each; a round's ratios are taken within
the round, and the figures are the medians over rounds. inkjs runs in a Node child that
warms up with one pass and times the next; it reads the picks from a file, where the
Python loops draw them (which costs them, not inkjs). Every runtime is timed in CPU
time (`time.process_time`, Node's `process.cpuUsage`), not wall time: on a shared machine
wall time counts whatever else ran.

Also timed in each round: `random_play` on the shipped story, with and without a Tally.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("RIOTGAME_CACHE", "off")

import reference_engine  # noqa: E402
from gen_story import generate  # noqa: E402
from ink_story import write_ink  # noqa: E402
from riot_loops import api_loop, step_loop  # noqa: E402

from riotgame.engine.analysis.check import check_story  # noqa: E402
from riotgame.engine.analysis.explore import RandomReport, random_play  # noqa: E402
from riotgame.engine.analysis.playtest import Tally  # noqa: E402
from riotgame.engine.story.model import Story  # noqa: E402

OUT = HERE / "out"
SEED = 1
Pass = Callable[[], int]  # one timed pass: returns the steps it took


def ink_json(story_dir: Path) -> Path:
    """The graph in ink, compiled by inkjs (cached by the ink source's hash)."""
    OUT.mkdir(exist_ok=True)
    ink = OUT / f"{story_dir.name}.ink"
    write_ink(story_dir, ink)
    digest = hashlib.sha256(ink.read_bytes()).hexdigest()[:16]
    compiled = OUT / f"{story_dir.name}-{digest}.json"
    if not compiled.exists():
        print(f"compiling {ink.name} with inkjs (cached once done)...", flush=True)
        out = node("compile", ink, compiled)
        print(f"  inkjs compiled it in {json.loads(out)['compile']:.1f} s", flush=True)
    return compiled


def node(*args: Any) -> str:
    cmd = ["node", str(HERE / "ink_runner.js"), *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()


def as_reference(report: RandomReport) -> dict[str, Any]:
    """A riotgame report in the reference engine's terms, for comparison."""
    return {
        "endings": report.endings,
        "steps": report.steps_total,
        "softlocks": report.softlocks,
        "cut_short": report.cut_short,
        "nodes_seen": report.nodes_seen,
        "choices_taken": report.choices_taken,
        "stats_at_ending": report.stats_at_ending,
        "stats_at_chapter": report.stats_at_chapter,
    }


def verify(story: Story, graph: dict[str, Any], ink: Path | None, runs: int) -> Path | None:
    """Play the same runs in every runtime; stop at the first difference. Returns the
    picks file inkjs reads (None without inkjs)."""
    expected: list[Any] = []
    ref_report = reference_engine.random_play(graph, runs, SEED, expected)
    plain = as_reference(random_play(story, runs, SEED))
    tallied = as_reference(random_play(story, runs, SEED, tally=Tally()))
    for name, got in (("random_play", plain), ("random_play with a Tally", tallied)):
        if got != ref_report:
            diff = [k for k in got if got[k] != ref_report[k]]
            sys.exit(f"{name}'s report differs from the reference's in {diff}")
    for name, loop in (("Machine.step loop", step_loop), ("start/choices/choose", api_loop)):
        trace: list[Any] = []
        loop(story, runs, SEED, trace)
        check_trace(name, trace, expected)
    if ink is None:
        return None
    picks_file = OUT / f"picks-{ink.stem}-{runs}.json"
    picks_file.write_text(json.dumps(picks(expected)), encoding="utf-8")
    check_trace("inkjs", json.loads(node("verify", ink, picks_file)), expected)
    return picks_file


def check_trace(name: str, trace: list[Any], expected: list[Any]) -> None:
    got = [list(row) for row in trace]
    want = [list(row) for row in expected]
    if got != want:
        at = next((i for i, (g, w) in enumerate(zip(got, want, strict=False)) if g != w), None)
        where = f"row {at}: {got[at]} against {want[at]}" if at is not None else "length"
        sys.exit(f"{name} did not play the reference's runs ({where})")


def picks(trace: list[Any]) -> list[list[int]]:
    """Per run, the index of the choice taken among those offered at each step."""
    out: list[list[int]] = [[]]
    for row in trace:
        if row[0] == "end":
            out.append([])
        else:
            out[-1].append(row[1].index(row[2]))
    return out[:-1]


def timed(one_pass: Pass) -> float:
    """Steps per second of CPU time (the machine is shared: wall time counts the others)."""
    start = time.process_time()
    steps = one_pass()
    return steps / (time.process_time() - start)


def passes(story: Story, graph: dict[str, Any], runs: int) -> dict[str, Pass]:
    return {
        "reference": lambda: reference_engine.random_play(graph, runs, SEED)["steps"],
        "random_play": lambda: random_play(story, runs, SEED).steps_total,
        "random_play+stats": lambda: random_play(story, runs, SEED, tally=Tally()).steps_total,
        "step loop": lambda: step_loop(story, runs, SEED),
        "public API": lambda: api_loop(story, runs, SEED),
    }


def rounds(named: dict[str, Pass], ink: tuple[Path, Path] | None, n: int) -> list[dict[str, float]]:
    """`n` rounds of steps/s per runtime, in turns; the order rotates from round to round."""
    out = []
    order = [*named, "inkjs"] if ink else list(named)
    for r in range(n):
        row: dict[str, float] = {}
        for name in order[r % len(order) :] + order[: r % len(order)]:
            if name == "inkjs" and ink:
                row[name] = json.loads(node("time", *ink))["per_s"]
            else:
                row[name] = timed(named[name])
        out.append(row)
    return out


def report(title: str, rows: list[dict[str, float]]) -> None:
    """Median steps/s per runtime and the medians of the per-round ratios."""
    print(f"\n{title}: medians of {len(rows)} rounds")
    print("| path | steps/s | vs inkjs | vs reference |")
    print("|---|---|---|---|")
    for name in rows[0]:
        if name in ("reference", "inkjs"):
            continue
        cells = [f"{statistics.median(r[name] for r in rows):,.0f}"]
        for base in ("inkjs", "reference"):
            has = base in rows[0]
            ratio = statistics.median(r[name] / r[base] for r in rows) if has else None
            cells.append(f"{ratio:.2f}x" if ratio else "")
        print(f"| {name} | " + " | ".join(cells) + " |")
    for base in ("reference", "inkjs"):
        if base in rows[0]:
            print(f"| ({base}) | {statistics.median(r[base] for r in rows):,.0f} | | |")
    if "random_play+stats" in rows[0]:
        slow = statistics.median(r["random_play"] / r["random_play+stats"] for r in rows)
        print(f"statistics on: {slow:.2f}x slower than off (target at most 1.25x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--runs", type=int, default=200, help="random runs in one pass")
    parser.add_argument("--no-ink", action="store_true", help="leave inkjs out")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    for n in args.sizes:
        story_dir = OUT / f"story{n}"
        generate(n, story_dir)
        story = check_story(story_dir)[0]
        assert story is not None, f"the {n}-node story does not load"
        graph = reference_engine.load(story_dir)
        compiled = None if args.no_ink else ink_json(story_dir)
        picks_file = verify(story, graph, compiled, args.runs)
        ink = (compiled, picks_file) if compiled and picks_file else None
        print(f"{n} nodes: every runtime played the same {args.runs} runs", flush=True)
        report(f"{n} nodes", rounds(passes(story, graph, args.runs), ink, args.rounds))
    shipped = check_story(HERE.parent / "story")[0]
    if shipped is not None:
        named = {k: v for k, v in passes(shipped, {}, args.runs).items() if "random" in k}
        report("shipped story (riotgame only)", rounds(named, None, args.rounds))


if __name__ == "__main__":
    main()
