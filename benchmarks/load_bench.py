"""Loading a large story, side by side with a bare libyaml parse of the same files.

    python benchmarks/load_bench.py [--nodes 10000] [--rounds 5] [--against OLD/src]
        [--paths "cold;compiled, load"] [--no-peaks]

On `gen_story.py`'s story, every measurement is a fresh Python process (imports done
before the clock starts) that reports its CPU time, its wall time and, in a separate
process run with tracemalloc, the peak of what Python allocated during the measured part.
Each round runs every path once, in an order rotating from round to round, so every path
sees the same machine load; with `--against`, every path runs for both trees, taking
turns. The figures are medians over rounds of the CPU time and of its ratio to the bare
parse of the same round. The paths:

- bare: `yaml.load(text, Loader=yaml.CSafeLoader)` of every file (read before the clock),
  the floor a loader that keeps no positions and checks nothing would stand on;
- cold: `check_story` with every cache off (RIOTGAME_CACHE=off): parse, build, check;
- compiled, check: `check_story` of unchanged files (the compiled form and the graph
  checks' problems kept beside it): every node is built;
- compiled, load: `load_story` from the compiled form (what `riotgame play` loads), until
  it returns the Story;
- compiled, first choices: the same, then `Machine(story)` and `start()` and `choices()`:
  until a player could see the first choices;
- compiled, every node: the same load, then every node built as whole-story readers
  build it (`codec_lazy.build_all`: `check`, the machine's tables read whole, the search);
- compiled, + units: and then the text units (what translations read): the whole Story.

Each process checks what it got (the story's fingerprint and node count, the problems,
the first choices' texts) and the script stops when two runs of a path disagree.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
PATHS = ("bare", "cold", "compiled, check", "compiled, load", "compiled, first choices",
         "compiled, every node", "compiled, + units")  # fmt: skip


# -- one measurement, in a child process --------------------------------------------------------
def child(path: str, story_dir: Path, memory: bool) -> dict[str, object]:
    import tracemalloc

    import yaml

    from riotgame.engine import Machine
    from riotgame.engine.analysis.check import check_story
    from riotgame.engine.story.loader import load_story

    texts = [p.read_text(encoding="utf-8") for p in sorted(story_dir.glob("*.yaml"))]
    try:  # what whole-story readers call (a tree that builds every node at load has none)
        from riotgame.engine.story.codec_lazy import build_all
    except ImportError:

        def build_all(story: Any, units: bool = True) -> None:
            for node in story.nodes.values():
                _ = node.text, node.choices
            _ = story.text_units if units else None

    def run() -> object:
        if path == "bare":
            return [yaml.load(text, Loader=yaml.CSafeLoader) for text in texts]
        if path in ("cold", "compiled, check"):
            return check_story(story_dir)
        story, _ = load_story(story_dir)
        assert story is not None
        if path == "compiled, first choices":
            machine = Machine(story)
            state, _ = machine.start()
            return story, machine.choices(state)
        if path in ("compiled, every node", "compiled, + units"):
            build_all(story, units=path == "compiled, + units")
        return story

    if memory:
        tracemalloc.start()
    cpu, wall = time.process_time(), time.perf_counter()
    result = run()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = tracemalloc.get_traced_memory()[1] if memory else 0
    return {"cpu": cpu, "wall": wall, "peak": peak, "digest": digest(result)}


def digest(result: object) -> str:
    """What the run got, in a few words: equal for two runs that got the same."""
    if isinstance(result, list):
        return f"{len(result)} files"
    if isinstance(result, tuple) and len(result) == 3:  # check_story
        story, problems, summary = result
        seen = [story.fingerprint, len(story.nodes), [str(p) for p in problems], summary]
    elif isinstance(result, tuple):  # the first choices
        story, views = result
        seen = [story.fingerprint, len(story.nodes), [repr(v) for v in views]]
    else:
        seen = [result.fingerprint, len(result.nodes)]  # type: ignore[attr-defined]
    return hashlib.sha256(repr(seen).encode()).hexdigest()[:16]


# -- the rounds ---------------------------------------------------------------------------------
def measure(tree: Path, path: str, story_dir: Path, cache: Path, memory: bool) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    env["RIOTGAME_CACHE"] = "off" if path in ("bare", "cold") else str(cache)
    argv = [sys.executable, __file__, "--child", path, "--story", str(story_dir)]
    out = subprocess.run(argv + (["--memory"] if memory else []), env=env, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return dict(json.loads(out.splitlines()[-1]))


def prepare(tree: Path, story_dir: Path, cache: Path) -> None:
    """The compiled form and the graph checks' problems written, as a first load does."""
    measure(tree, "compiled, check", story_dir, cache, False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", type=Path, help="another tree's src/, measured in turns")
    parser.add_argument("--child"), parser.add_argument("--story", type=Path)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--paths", help="the paths to measure, separated by ; (bare always)")
    parser.add_argument("--no-peaks", action="store_true", help="CPU only: no tracemalloc runs")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.story, args.memory)))
        return
    sys.path.insert(0, str(HERE))
    from gen_story import generate

    trees = {"this tree": SRC, **({"against": args.against.resolve()} if args.against else {})}
    with tempfile.TemporaryDirectory() as tmp:
        story_dir = Path(tmp) / "story"
        generate(args.nodes, story_dir)
        size = sum(p.stat().st_size for p in story_dir.glob("*.yaml"))
        caches = {name: Path(tmp) / f"cache-{i}" for i, name in enumerate(trees)}
        paths = PATHS if not args.paths else [p for p in PATHS if p == "bare" or
                                              p in args.paths.split(";")]  # fmt: skip
        for name, tree in trees.items():
            if any(p.startswith("compiled") for p in paths):
                prepare(tree, story_dir, caches[name])
        runs = [(name, path) for path in paths for name in trees if path != "bare" or
                name == "this tree"]  # fmt: skip
        got: dict[tuple[str, str], list[dict]] = {run: [] for run in runs}
        for r in range(args.rounds):
            order = runs[r % len(runs) :] + runs[: r % len(runs)]
            for name, path in order:
                sample = measure(trees[name], path, story_dir, caches[name], False)
                got[name, path].append(sample)
        peaks = {run: 0 if args.no_peaks else
                 measure(trees[run[0]], run[1], story_dir, caches[run[0]], True)["peak"]
                 for run in runs}  # fmt: skip
        report(got, peaks, size, args)


def report(got: dict, peaks: dict, size: int, args: argparse.Namespace) -> None:
    for path in {p for _, p in got}:  # every run of a path, on either tree, got the same
        if len({s["digest"] for (_, p), runs in got.items() if p == path for s in runs}) != 1:
            sys.exit(f"{path}: the runs got different results")
    bare = [s["cpu"] for s in got["this tree", "bare"]]
    print(f"{args.nodes:,} nodes, {size / 1e6:.1f} MB of YAML, {args.rounds} rounds "
          f"(CPU time; ratio to the bare parse of the same round; peak allocated):")  # fmt: skip
    for (name, path), samples in got.items():
        cpu = [s["cpu"] for s in samples]
        ratio = statistics.median(c / b for c, b in zip(cpu, bare, strict=True))
        wall = statistics.median(s["wall"] for s in samples)
        peak = peaks[name, path]
        line = f"  {name:<9} {path:<24} {statistics.median(cpu):7.3f} s  {ratio:6.3f}x bare"
        print(f"{line}  (wall {wall:6.2f} s)  peak {peak / 1e6:6.1f} MB = {peak / size:5.2f}x YAML")


if __name__ == "__main__":
    main()
