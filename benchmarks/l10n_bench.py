"""Loading the story with a translation catalogue against loading it without, side by side.

    python benchmarks/l10n_bench.py [--runs 9] [--story story]

Three loads, interleaved in each round so the shared machine's noise falls on all of them
alike (parse cache warm, as a player's second start is): the story alone; the story with
its shipped Spanish catalogue (as `play --lang es` reads it: polib's result cached by
the file's hash); a full catalogue in which every string is translated (each one the
source again, so every paragraph is parsed from the catalogue: the worst case); and the
full one read with polib every time (a first start, or the cache turned off). Medians of
--runs rounds, and each median as a ratio of the plain one (target: at most 1.2).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from riotgame.engine.story.loader import load_story
from riotgame.l10n.catalogue import (
    catalogue_path,
    load_translations,
    read_po,
    template,
    translations,
    write_po,
)


def full_catalogue(story_dir: Path, out: Path) -> Path:
    story, problems = load_story(story_dir)
    assert story is not None, problems
    pot = template(story)
    for entry in pot:
        entry.msgstr = entry.msgid
    write_po(pot, out)
    return out


def timed(load) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    story, _ = load()
    elapsed = time.perf_counter() - start
    assert story is not None
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--story", default="story")
    args = parser.parse_args()
    root = Path(args.story)
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp)  # a story directory's stand-in: its locales/xx.po
        full_po = full_catalogue(root, catalogue_path(full, "xx"))
        loads = {
            "no catalogue": lambda: load_story(root),
            "shipped es.po": lambda: load_story(root, translations=load_translations(root, "es")),
            "full catalogue": lambda: load_story(root, translations=load_translations(full, "xx")),
            "full, no cache": lambda: load_story(root, translations=translations(read_po(full_po))),
        }
        timed(loads["no catalogue"])  # warm the parse cache
        times: dict[str, list[float]] = {name: [] for name in loads}
        for _ in range(args.runs):
            for name, load in loads.items():
                times[name].append(timed(load))
    base = statistics.median(times["no catalogue"])
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:15} {median * 1000:7.1f} ms  ratio {median / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
