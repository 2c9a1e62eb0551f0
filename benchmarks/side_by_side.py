"""Load+check and random play of two source trees, measured side by side in one run.

    git worktree add --detach /tmp/before <commit>
    python benchmarks/engine_bench.py --against /tmp/before/src [--runs 5] [--sizes 1000]

Each sample is one child process with the chosen tree first on its PYTHONPATH; the two
trees take turns (before, after, before, after, ...), so both see the same machine load.
A child warms up once (imports, the first load), then times one load+check with the parse
cache off and one batch of random runs. The figures are the medians of `--runs` samples
per tree and their ratios (after / before; for steps per second, above 1 is faster).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS_PER_SAMPLE = 200


def child(story_dir: str) -> None:
    """One sample, printed as JSON: seconds for load+check, random-play steps per second."""
    os.environ["RIOTGAME_CACHE"] = "off"
    from riotgame.engine.analysis.check import check_story
    from riotgame.engine.analysis.explore import random_play

    story = check_story(story_dir)[0]  # warm-up: imports, first allocation
    start = time.perf_counter()
    check_story(story_dir)
    load = time.perf_counter() - start
    random_play(story, 20, seed=99)
    start = time.perf_counter()
    report = random_play(story, RUNS_PER_SAMPLE, seed=1)
    play = report.steps_total / (time.perf_counter() - start)
    print(json.dumps({"load": load, "play": play}))


def sample(src: Path, story_dir: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, str(HERE / "side_by_side.py"), "--child", str(story_dir)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def compare(before: Path, after: Path, story_dir: Path, runs: int) -> None:
    samples: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for _ in range(runs):
        samples["before"].append(sample(before, story_dir))
        samples["after"].append(sample(after, story_dir))
    med = {
        side: {k: statistics.median(s[k] for s in rows) for k in ("load", "play")}
        for side, rows in samples.items()
    }
    b, a = med["before"], med["after"]
    print(
        f"{story_dir.name}: load+check (no cache) {b['load']:.3f} s before, {a['load']:.3f} s "
        f"after (ratio {a['load'] / b['load']:.3f}); random play {b['play']:,.0f} steps/s "
        f"before, {a['play']:,.0f} after (ratio {a['play'] / b['play']:.3f}); "
        f"medians of {runs} samples each"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
