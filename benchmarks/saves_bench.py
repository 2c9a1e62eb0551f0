"""Save, load and replay benchmarks.

    python benchmarks/saves_bench.py              # synthetic 1,000-node story (+ the shipped
                                                  # story when it loads)
    python benchmarks/saves_bench.py --runs 7     # more repetitions

Targets from issue 5: save and load of a typical run under 10 ms each; replaying 1,000
saved runs under 2 s. Every figure is the median of several runs, printed beside its target
as a ratio (below 1.00 meets it). Nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "scripts")]

from engine_bench import median_time  # noqa: E402
from gen_story import generate  # noqa: E402
from make_example_saves import random_session  # noqa: E402

from riotgame import paths  # noqa: E402
from riotgame.commands.replay import replay_directory  # noqa: E402
from riotgame.engine import Machine, load_story  # noqa: E402
from riotgame.engine.saves.files import atomic_write  # noqa: E402
from riotgame.engine.saves.format import dump_save, save_of  # noqa: E402
from riotgame.engine.saves.reading import parse_save, read_save  # noqa: E402
from riotgame.engine.saves.replay import replay  # noqa: E402
from riotgame.engine.saves.store import SaveStore  # noqa: E402
from riotgame.engine.story.yamlfile import parse_yaml  # noqa: E402

SAVED_RUNS = 1000


def line(what: str, seconds: float, target: float) -> None:
    print(
        f"  {what:<44} {seconds * 1000:9.2f} ms   target {target * 1000:7.0f} ms   "
        f"ratio {seconds / target:5.2f}"
    )


def bench(name: str, machine: Machine, work: Path, runs: int) -> None:
    sessions = [random_session(machine, seed, max_steps=150) for seed in range(SAVED_RUNS)]
    steps = sorted(len(s.steps) for s in sessions)
    typical = next(s for s in sessions if len(s.steps) == steps[len(steps) // 2])  # median
    store = SaveStore(work / name)
    path = store.write_slot(typical, "typical")
    print(
        f"{name}: {len(machine.story.nodes):,} nodes; saved runs of {steps[0]} to "
        f"{steps[-1]} steps (median {steps[len(steps) // 2]}); typical save "
        f"{path.stat().st_size:,} bytes"
    )

    line(
        "save a typical run (atomic, fsync)",
        median_time(lambda: store.write_slot(typical, "typical"), runs * 5),
        0.010,
    )
    line(
        "  of which: build + YAML text",
        median_time(lambda: dump_save(save_of(typical)), runs * 5),
        0.010,
    )
    line(
        "load a typical run (read, check, replay)",
        median_time(lambda: store.load("typical", machine), runs * 5),
        0.010,
    )
    text = path.read_text()
    line(
        "  of which: parse + validate the file",
        median_time(lambda: parse_save(text), runs * 5),
        0.010,
    )

    probe = work / "fsync-probe"
    line(
        "  reference: write + fsync 10 KB, fsync dir",
        median_time(lambda: atomic_write(probe, b"x" * 10_000), runs * 5),
        0.010,
    )

    directory = work / f"{name}-runs"
    directory.mkdir()
    for i, session in enumerate(sessions):  # setup: no need for fsync here
        (directory / f"run-{i}.yaml").write_text(dump_save(save_of(session)))
    saves = [read_save(p) for p in SaveStore(directory).files()]
    line(
        f"replay {SAVED_RUNS:,} parsed runs (check only)",
        median_time(lambda: [replay(s, machine, frames=False) for s in saves], runs),
        2.0,
    )
    line(
        f"replay {SAVED_RUNS:,} parsed runs (every state kept)",
        median_time(lambda: [replay(s, machine) for s in saves], runs),
        2.0,
    )
    line(
        f"replay {SAVED_RUNS:,} save files (= replay --all)",
        median_time(lambda: replay_directory(directory, machine), runs),
        2.0,
    )
    lines, same = replay_directory(directory, machine)
    assert same, lines[-1]
    beside_bare_parse(directory, machine, runs * 3)


def beside_bare_parse(directory: Path, machine: Machine, rounds: int) -> None:
    """Issue 17: `replay --all` beside a bare parse of the same files (libyaml's parser and
    PyYAML's safe constructor, nothing checked), in interleaved rounds. CPU time: on this
    shared machine wall-clock time scatters by more than the effects measured."""
    files = SaveStore(directory).files()
    texts = [p.read_text() for p in files]
    saves = [read_save(p) for p in files]
    work = {
        "bare parse (yaml.CSafeLoader)": lambda: [
            yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in files
        ],
        "  the engine's YAML reader": lambda: [parse_yaml(t, "s") for t in texts],
        "  parse + check (read_save's work)": lambda: [parse_save(t) for t in texts],
        "  replay only (check-only, parsed)": lambda: [
            replay(s, machine, frames=False) for s in saves
        ],
        "  replay --all (read, check, replay)": lambda: replay_directory(directory, machine),
    }
    ratios: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(rounds):
        times = {name: cpu_time(fn) for name, fn in work.items()}
        bare = times["bare parse (yaml.CSafeLoader)"]
        for name, seconds in times.items():
            ratios[name].append(seconds / bare)
    for name, values in ratios.items():
        print(f"  {name:<44} {statistics.median(values):5.2f}x bare parse")


def cpu_time(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="repetitions per figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        generate(1000, work / "synthetic")
        story, _problems = load_story(work / "synthetic")
        bench("synthetic-1000", Machine(story), work, args.runs)
        shipped, _ = load_story(paths.story_dir())
        if shipped is None:
            print("shipped story: does not load yet; skipped")
        else:
            bench("shipped", Machine(shipped), work, args.runs)


if __name__ == "__main__":
    main()
