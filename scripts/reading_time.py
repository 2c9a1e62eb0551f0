"""How long a playthrough takes to read, and how long each chapter is.

    python scripts/reading_time.py [STORY_DIR] [--runs 300] [--wpm 230]

Two model players, each over many seeds: "explorer" picks uniformly among the available
choices (it takes every side trip a hub offers); "direct" never takes a once-only side
trip when another choice exists. Words are those actually shown (conditions applied, the
text of nodes passed through included). Prints medians and the 10th-90th percentiles; a
chapter's median is over the runs that reached it. "Continues" are the choices made where
only one option was shown.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections import Counter
from pathlib import Path

from riotgame import paths
from riotgame.engine import Machine, load_story
from riotgame.engine.story.text import plain


def play(machine: Machine, seed: int, direct: bool) -> tuple[int, int, Counter, int]:
    """(choices, words shown, words shown per chapter number, continues) of one run."""
    pick = random.Random(seed)
    state, _ = machine.start(seed)
    by_chapter = Counter()
    by_chapter[machine.node(state).chapter.number] += len(plain(machine.passage(state)).split())
    choices = continues = 0
    while not machine.ending(state) and choices < 1000:
        node = machine.node(state)
        options = machine.available(state, node)
        continues += len(machine.visible(state, node)) == 1  # one button shown: "continue"
        if direct:
            options = [c for c in options if not c.once] or options
        state, _ = machine.choose(state, pick.choice(options).id)
        by_chapter[machine.node(state).chapter.number] += len(plain(machine.passage(state)).split())
        choices += 1
    return choices, sum(by_chapter.values()), by_chapter, continues


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("story", nargs="?", default=None)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--wpm", type=int, default=230, help="reading speed, words a minute")
    args = parser.parse_args()
    story, _problems = load_story(paths.story_dir(args.story))
    if story is None:
        print("the story does not load: run riotgame check", file=sys.stderr)
        return 1
    machine = Machine(story)
    for chapter in story.chapters:
        nodes = [n for n in story.nodes.values() if n.chapter == chapter]
        words = sum(n.text.words + sum(c.text.words for c in n.choices) for n in nodes)
        longest = max(n.text.words for n in nodes)
        print(
            f"chapter {chapter.number} ({Path(chapter.path).name}): {len(nodes)} nodes, "
            f"{words:,} words, longest node {longest} words (all variants)"
        )
    for name, direct in (("explorer", False), ("direct", True)):
        runs = [play(machine, seed, direct) for seed in range(args.runs)]
        words = sorted(r[1] for r in runs)
        choices = statistics.median(r[0] for r in runs)
        continues = statistics.median(r[3] / max(r[0], 1) for r in runs)
        p10, p50, p90 = (words[int(len(words) * q)] for q in (0.1, 0.5, 0.9))
        print(
            f"{name}: median {choices:.0f} choices, {p50:,} words shown "
            f"(10-90%: {p10:,}-{p90:,}), about {p50 / args.wpm:.0f} minutes at {args.wpm} wpm; "
            f"continues {100 * continues:.0f}% of a run's choices"
        )
        per_chapter = {
            c.number: statistics.median([r[2][c.number] for r in runs if c.number in r[2]] or [0])
            for c in story.chapters
        }
        print(
            "  median words shown per chapter (runs that reached it): "
            + ", ".join(f"{n}: {w:,.0f}" for n, w in per_chapter.items())
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
