"""Engine benchmarks: load+check, random play, exhaustive search, `riotgame check` startup.

    python benchmarks/engine_bench.py            # 1,000 and 10,000 node synthetic stories
    python benchmarks/engine_bench.py --runs 7   # more repetitions
    python benchmarks/engine_bench.py --against /tmp/before/src   # two trees side by side

Every figure is the median of several runs in this process (or of several processes, for
the whole-command timing). Nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_story import generate  # noqa: E402
from side_by_side import compare  # noqa: E402

from riotgame.engine.analysis.check import check_story  # noqa: E402
from riotgame.engine.analysis.explore import random_play  # noqa: E402
from riotgame.engine.analysis.search import exhaustive  # noqa: E402


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_story(n: int, root: Path, runs: int) -> None:
    story_dir = root / f"story{n}"
    generate(n, story_dir)
    size = sum(f.stat().st_size for f in story_dir.iterdir()) / 1e6
    cold_cache = root / f"cache{n}"

    def cold():
        os.environ["RIOTGAME_CACHE"] = "off"
        check_story(story_dir)

    def warm():
        os.environ["RIOTGAME_CACHE"] = str(cold_cache)
        check_story(story_dir)

    warm()  # fill the cache
    t_cold = median_time(cold, runs)
    t_warm = median_time(warm, runs)
    story, _, _ = check_story(story_dir)

    steps = []

    def play():
        report = random_play(story, 200, seed=len(steps) + 1)
        steps.append(report.steps_total)

    t_play = median_time(play, runs)
    steps_per_s = statistics.median(steps) / t_play

    counted = []

    def search():
        counted.append(exhaustive(story, max_states=100_000).states)

    t_search = median_time(search, max(1, runs // 2))
    print(
        f"{n:>6} nodes ({size:.1f} MB): load+check {t_cold:.2f} s without cache, "
        f"{t_warm:.2f} s with the parse cache; random play {steps_per_s:,.0f} steps/s; "
        f"exhaustive {t_search:.2f} s ({int(statistics.median(counted)):,} groups of states)"
    )


def bench_shipped(runs: int) -> None:
    story, _, _ = check_story(HERE.parent / "story")
    if story is None:
        print("the shipped story does not load: skipped")
        return
    groups = []
    t = median_time(lambda: groups.append(exhaustive(story).states), max(1, runs // 2))
    print(
        f"shipped story: exhaustive search {t:.1f} s ({groups[-1]:,} groups of states; target 30 s)"
    )


def bench_command(runs: int) -> None:
    cmd = [sys.executable, "-m", "riotgame", "check", "story"]
    root = HERE.parent

    def once():
        subprocess.run(cmd, cwd=root, capture_output=True, check=False)

    once()

    def bare() -> None:
        subprocess.run([sys.executable, "-c", "pass"], check=True)

    print(
        f"`riotgame check story` as a whole process: {median_time(once, runs):.3f} s "
        f"(python -c pass: {median_time(bare, runs):.3f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument(
        "--against",
        type=Path,
        metavar="SRC",
        help="another tree's src/ folder: load+check and random play of both, side by side",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            if args.against:
                story_dir = Path(tmp) / f"story{n}"
                generate(n, story_dir)
                compare(args.against.resolve(), HERE.parent / "src", story_dir, args.runs)
            else:
                bench_story(n, Path(tmp), args.runs)
    if args.against:
        shipped = args.against.resolve().parent / "story"  # as that tree has it: both load it
        compare(args.against.resolve(), HERE.parent / "src", shipped, args.runs)
        return
    bench_shipped(args.runs)
    bench_command(args.runs)


if __name__ == "__main__":
    main()
