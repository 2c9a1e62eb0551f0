"""The exhaustive search: time and peak memory, alone or beside another tree (issue 17).

    python benchmarks/search_bench.py [--sizes 1000 2000 5000 10000] [--shipped] [--runs 3]
    git worktree add --detach /tmp/before-search <commit>
    python benchmarks/search_bench.py --against /tmp/before-search/src --shipped --runs 3

Every sample is one child process (`--child`) with the chosen tree first on its
PYTHONPATH: it loads the story, runs `exhaustive` once and prints its CPU and wall time,
its peak resident memory before and after the search (`ru_maxrss`: the story alone, then
the whole process) and a digest of the whole report. With `--against` the two trees take
turns, sample by sample, on the same story files (the synthetic stories of
`gen_story.py`, and the shipped story as the earlier tree has it), and the script stops
if their reports differ. The figures are medians over `--runs` samples per tree; ratios
are taken inside each pair of samples, then their median.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_story import generate  # noqa: E402


def child(story_dir: str, max_states: int) -> None:
    """One sample, printed as JSON."""
    import dataclasses
    import hashlib
    import resource
    import time

    from riotgame.engine.analysis.check import check_story
    from riotgame.engine.analysis.search import exhaustive

    story = check_story(story_dir)[0]
    assert story is not None, story_dir
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu, wall = time.process_time(), time.perf_counter()
    report = exhaustive(story, max_states=max_states)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = json.dumps(dataclasses.asdict(report), sort_keys=True, default=sorted)
    sample = {
        "cpu": cpu,
        "wall": wall,
        "story_mb": loaded / 1024,
        "peak_mb": peak / 1024,
        "groups": report.states,
        "digest": hashlib.sha256(text.encode()).hexdigest()[:16],
    }
    print(json.dumps(sample))


def sample(src: Path | None, story_dir: Path, max_states: int) -> dict[str, float | str]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    cmd = [sys.executable, str(Path(__file__)), "--child", str(story_dir), str(max_states)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    result: dict[str, float | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _median(rows: list[dict[str, float | str]], key: str) -> float:
    return statistics.median(float(r[key]) for r in rows)


def alone(story_dir: Path, name: str, runs: int, max_states: int) -> None:
    rows = [sample(None, story_dir, max_states) for _ in range(runs)]
    print(
        f"{name}: {_median(rows, 'cpu'):.2f} s CPU ({_median(rows, 'wall'):.2f} s wall), "
        f"peak {_median(rows, 'peak_mb'):.0f} MB (story alone {_median(rows, 'story_mb'):.0f} MB), "
        f"{int(rows[0]['groups']):,} groups; medians of {runs}"
    )


def side_by_side(before: Path, story_dir: Path, name: str, runs: int, max_states: int) -> None:
    after = HERE.parent / "src"
    pairs = []
    for i in range(runs):  # ABBA...: each tree goes first in half the pairs
        order = [(before, "b"), (after, "a")] if i % 2 == 0 else [(after, "a"), (before, "b")]
        got = {side: sample(src, story_dir, max_states) for src, side in order}
        if got["b"]["digest"] != got["a"]["digest"]:
            sys.exit(f"{name}: the two trees' reports differ ({got['b']} / {got['a']})")
        pairs.append(got)
    b = [p["b"] for p in pairs]
    a = [p["a"] for p in pairs]
    cpu_ratio = statistics.median(float(p["b"]["cpu"]) / float(p["a"]["cpu"]) for p in pairs)
    print(
        f"{name} ({int(a[0]['groups']):,} groups, same report): "
        f"CPU {_median(b, 'cpu'):.2f} s before, {_median(a, 'cpu'):.2f} s after "
        f"({cpu_ratio:.2f}x faster); wall {_median(b, 'wall'):.2f} / {_median(a, 'wall'):.2f} s; "
        f"peak {_median(b, 'peak_mb'):.0f} / {_median(a, 'peak_mb'):.0f} MB "
        f"(story alone {_median(a, 'story_mb'):.0f} MB); medians of {runs} pairs"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--shipped", action="store_true", help="also the shipped story")
    parser.add_argument("--max-states", type=int, default=2_000_000)
    parser.add_argument("--against", type=Path, metavar="SRC", help="another tree's src/")
    args = parser.parse_args()
    stories: list[tuple[str, Path]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            generate(n, Path(tmp) / f"story{n}")
            stories.append((f"{n:,} nodes", Path(tmp) / f"story{n}"))
        if args.shipped:
            root = args.against.resolve().parent if args.against else HERE.parent
            stories.append(("shipped story", root / "story"))
        for name, story_dir in stories:
            if args.against:
                side_by_side(args.against.resolve(), story_dir, name, args.runs, args.max_states)
            else:
                alone(story_dir, name, args.runs, args.max_states)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
