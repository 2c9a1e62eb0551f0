"""Loading a large story, side by side with a bare libyaml parse of the same files.

    python benchmarks/load_bench.py [--nodes 10000] [--rounds 5]

On `gen_story.py`'s story, each round times in turn (the order rotating from round to
round, so every path sees the same machine load):

- bare: `yaml.load(text, Loader=yaml.CSafeLoader)` of every file, the floor a loader
  that keeps no positions and checks nothing would stand on (and "bare, no gc": the
  same with the collector paused, as the loader pauses it);
- cold: `check_story` with every cache off (RIOTGAME_CACHE=off): parse, build, check;
- parse cache warm: `check_story` with the parse cache filled but no compiled form used;
- compiled form: `check_story` taking the story from its compiled form (and the graph
  checks' problems kept beside it), as a second load of unchanged files does;
- compiled, play: `read_story` from the compiled form (what `riotgame play` loads).

Before timing, it checks that every path gives the same problems and the same story
(fingerprint and node count). Figures are medians over rounds of each time and of its
ratio to bare in the same round. Peak memory (tracemalloc) of a cold load and of a
compiled load is measured once each, as a multiple of the YAML's size.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_story import generate  # noqa: E402

from riotgame.engine.analysis.check import check_story  # noqa: E402
from riotgame.engine.story import loader  # noqa: E402


@contextlib.contextmanager
def cache(setting: str, compiled: bool = True) -> Iterator[None]:
    """RIOTGAME_CACHE set; with `compiled` off, no compiled form is read or written."""
    os.environ["RIOTGAME_CACHE"] = setting
    saved = loader.load_cached, loader.store
    if not compiled:
        loader.load_cached = lambda *args: None  # type: ignore[assignment]
        loader.store = lambda *args: None  # type: ignore[assignment]
    try:
        yield
    finally:
        loader.load_cached, loader.store = saved


def paths(story_dir: Path, cache_dir: Path) -> dict[str, Callable[[], object]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(story_dir.glob("*.yaml"))]

    def bare() -> object:
        return [yaml.load(text, Loader=yaml.CSafeLoader) for text in texts]

    def bare_no_gc() -> object:
        gc.disable()  # as the loader does
        try:
            return bare()
        finally:
            gc.enable()

    def cold() -> object:
        with cache("off"):
            return check_story(story_dir)

    def parse_warm() -> object:
        with cache(str(cache_dir), compiled=False):
            return check_story(story_dir)

    def compiled() -> object:
        with cache(str(cache_dir)):
            return check_story(story_dir)

    def compiled_play() -> object:
        with cache(str(cache_dir)):
            return loader.load_story(story_dir)

    return {"bare": bare, "bare, no gc": bare_no_gc, "cold": cold, "parse cache warm": parse_warm,
            "compiled form": compiled, "compiled, play": compiled_play}  # fmt: skip


def same_results(runs: dict[str, Callable[[], object]]) -> None:
    """Every path loads the same story with the same problems, or the script stops."""
    results = {name: fn() for name, fn in runs.items() if not name.startswith("bare")}
    checked = [r for r in results.values() if isinstance(r, tuple) and len(r) == 3]
    first_story, first_problems, _ = checked[0]
    for story, problems, _ in checked:  # type: ignore[misc]
        assert problems == first_problems, "the paths report different problems"
        assert story.fingerprint == first_story.fingerprint
        assert len(story.nodes) == len(first_story.nodes)
    played, _ = results["compiled, play"]  # type: ignore[misc]
    assert played.fingerprint == first_story.fingerprint


def peak(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        story_dir, cache_dir = Path(tmp) / "story", Path(tmp) / "cache"
        generate(args.nodes, story_dir)
        size = sum(p.stat().st_size for p in story_dir.glob("*.yaml"))
        runs = paths(story_dir, cache_dir)
        runs["compiled form"]()  # fills the parse cache and writes the compiled form
        same_results(runs)
        times: dict[str, list[float]] = {name: [] for name in runs}
        ratios: dict[str, list[float]] = {name: [] for name in runs}
        names = list(runs)
        for r in range(args.rounds):
            order = names[r % len(names) :] + names[: r % len(names)]
            taken = {}
            for name in order:
                start = time.perf_counter()
                runs[name]()
                taken[name] = time.perf_counter() - start
            for name in names:
                times[name].append(taken[name])
                ratios[name].append(taken[name] / taken["bare"])
        print(f"{args.nodes:,} nodes, {size / 1e6:.1f} MB of YAML, {args.rounds} rounds:")
        for name in names:
            print(f"  {name:<18} {statistics.median(times[name]):7.3f} s   "
                  f"{statistics.median(ratios[name]):5.2f}x bare")  # fmt: skip
        cold_peak = peak(runs["cold"])
        compiled_peak = peak(runs["compiled form"])
        print(
            f"  peak memory: cold {cold_peak / 1e6:.0f} MB ({cold_peak / size:.1f}x the YAML), "
            f"compiled form {compiled_peak / 1e6:.0f} MB ({compiled_peak / size:.1f}x)"
        )


if __name__ == "__main__":
    main()
