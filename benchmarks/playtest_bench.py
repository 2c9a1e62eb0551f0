"""Play-testing benchmarks (issue 12's measures), on the shipped story.

    python benchmarks/playtest_bench.py [--runs 3] [--random 10000] [--saves 1000]

1. `explore --random N` with reach and gates (a Tally) against the same runs without,
   measured side by side: the two are interleaved (ABBA, so a drift in the machine's load
   falls on both), and each figure is the median of `--runs` pairs. Target: a ratio of at
   most 1.25.
2. `riotgame stats` on 1,000 save files (random runs of at most 150 steps, written by the
   game's own save code): in-process (collect + report) and as a whole process. Target:
   under 3 s.
Times are CPU seconds of the process (and of the child process for the whole command):
the machine is shared, and wall-clock time there varied by 2x between identical runs.
Nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "scripts")]

from make_example_saves import random_session  # noqa: E402

from riotgame import paths  # noqa: E402
from riotgame.commands.playtest_report import random_data, saved_data, saved_text  # noqa: E402
from riotgame.engine import Machine, load_story  # noqa: E402
from riotgame.engine.analysis.explore import random_play  # noqa: E402
from riotgame.engine.analysis.playtest import Tally  # noqa: E402
from riotgame.engine.saves.format import save_of, write_save  # noqa: E402
from riotgame.engine.saves.playtest import collect  # noqa: E402
from riotgame.engine.saves.store import SaveStore  # noqa: E402


def clock(fn) -> float:
    """CPU seconds of `fn`, this process's and its children's."""
    before = _cpu()
    fn()
    return _cpu() - before


def _cpu() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_explore(story, runs: int, n: int) -> None:
    def bare() -> None:
        random_play(story, n, seed=1)

    def counted() -> None:
        tally = Tally()
        report = random_play(story, n, seed=1, tally=tally)
        random_data(story, report, tally)  # the report's numbers, as the command builds them

    without, with_tally = [], []
    for i in range(runs):  # ABBA: interleaved, so both see the same machine load
        first, second = (bare, counted) if i % 2 == 0 else (counted, bare)
        times = {first: clock(first), second: clock(second)}
        without.append(times[bare])
        with_tally.append(times[counted])
    a, b = statistics.median(without), statistics.median(with_tally)
    print(f"explore --random {n:,} (median of {runs}, side by side):")
    print(f"  without reach and gates  {a:7.2f} s")
    print(f"  with reach and gates     {b:7.2f} s   ratio {b / a:.2f} (target <= 1.25)")


def bench_stats(story, runs: int, count: int, work: Path) -> None:
    machine = Machine(story)
    store = SaveStore(work / "saves")
    store.directory.mkdir()
    for seed in range(count):  # written directly: the store keeps only 20 autosaves
        run = f"run{seed:04d}"
        session = random_session(machine, seed, max_steps=150)
        write_save(store.autosave_path(run), save_of(session, kind="autosave", run=run))
    assert len(store.files()) == count

    def in_process() -> None:
        saved = collect([store.directory], machine)
        saved_text(story, saved_data(machine, saved))

    def whole() -> None:
        argv = [sys.executable, "-m", "riotgame", "stats", str(store.directory)]
        subprocess.run(argv, check=True, capture_output=True)

    inner = statistics.median(clock(in_process) for _ in range(runs))
    outer = statistics.median(clock(whole) for _ in range(runs))
    print(f"riotgame stats on {count:,} save files (median of {runs}):")
    print(f"  collect + text report    {inner:7.2f} s   ratio {inner / 3:.2f} (target < 3 s)")
    print(f"  whole process            {outer:7.2f} s   ratio {outer / 3:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--random", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=1_000)
    args = parser.parse_args()
    story, problems = load_story(paths.story_dir())
    assert story is not None, [p.concise() for p in problems]
    print(f"shipped story: {len(story.nodes)} nodes")
    bench_explore(story, args.runs, args.random)
    with tempfile.TemporaryDirectory() as work:
        bench_stats(story, args.runs, args.saves, Path(work))


if __name__ == "__main__":
    main()
