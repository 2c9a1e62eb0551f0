"""Atomic writes: a process killed with SIGKILL at random moments while writing saves never
leaves a broken save behind: each file holds the old content or the new one."""

import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from riotgame.engine.play.session import Session
from riotgame.engine.saves.format import dump_save, save_of
from riotgame.engine.saves.reading import read_save
from riotgame.engine.saves.store import SaveStore

KILLS = 40
FILES = ["a.yaml", "b.yaml", "c.yaml"]

WRITER = textwrap.dedent(
    f"""
    import sys
    from pathlib import Path
    from riotgame.engine.saves.files import atomic_write
    directory = Path(sys.argv[1])
    versions = [Path(p).read_bytes() for p in sys.argv[2:]]
    print("ready", flush=True)
    i = 0
    while True:
        for name in {FILES!r}:
            atomic_write(directory / name, versions[i % len(versions)])
        i += 1
"""
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_writes_never_leaves_a_broken_save(machine, tmp_path):
    short = Session(machine, 1)
    short.choose("yes")
    long = Session(machine, 2)
    for choice in ["yes", "on"] + ["dice"] * 25:  # a bigger file: more time mid-write
        long.choose(choice)
    versions = [dump_save(save_of(s, label=f"v{i}", run="r")) for i, s in enumerate([short, long])]
    sources = []
    for i, text in enumerate(versions):
        sources.append(tmp_path / f"v{i}.src")
        sources[-1].write_text(text)
    directory = tmp_path / "saves"
    directory.mkdir()
    for name in FILES:
        (directory / name).write_text(versions[0])
    rng = random.Random(211)  # random moments, but the same ones on every run of the test

    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(directory), *map(str, sources)],
            stdout=subprocess.PIPE,
        )
        assert proc.stdout.readline() == b"ready\n"
        # sleep a random part of a few write cycles, then kill without warning
        time.sleep(rng.uniform(0, 0.03))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        for name in FILES:
            text = (directory / name).read_text()
            assert text in versions, f"{name} holds neither the old nor the new save"
            assert read_save(directory / name).label in ("v0", "v1")

    store = SaveStore(directory)
    assert sorted(p.name for p in store.files()) == FILES  # leftover temporaries are hidden
    assert all(info.ok for info in store.listing(machine.story, machine))
