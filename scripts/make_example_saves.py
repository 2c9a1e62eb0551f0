"""Write saves/examples/: saved runs of the shipped story that the test suite replays.

    python scripts/make_example_saves.py            # search, then write the example saves
    python scripts/make_example_saves.py --tries 20000

Re-run it when the story changes so much that `riotgame replay --all saves/examples`
reports a divergence the authors meant. Each example is found by a small seeded search:
random playthroughs (seed i picks the choices and seeds chance()), keeping the best run
for each wanted ending:

- king: the series' path (Juan stays and takes Calancho's place): the run to `king` that
  shares the most of the series' events (flags below), then the shortest;
- unmasked: an early unmasking: the run to `unmasked` that ends in the earliest chapter,
  then the shortest;
- helena: an ending in which Helena lives: the shortest run to `helena`.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from riotgame import paths
from riotgame.engine import Machine, load_story
from riotgame.engine.play.session import Session
from riotgame.engine.saves.format import save_of, write_save

# What happens on the series' path (story-bible.md), as the story's flags name it.
SERIES_FLAGS = (
    "disguised",
    "wrote_demands",
    "in_video",
    "carajo_dead",
    "body_hidden",
    "yori_dead",
    "took_hand",
    "knows_truth",
    "ramirez_dead",
    "has_briefcase",
)


def random_session(machine: Machine, seed: int, max_steps: int = 1000) -> Session:
    """A playthrough choosing at random among the available choices, to an ending."""
    pick = random.Random(seed)
    session = Session(machine, seed)
    while not session.ended and len(session.steps) < max_steps:
        views = [v for v in machine.choices(session.state) if v.enabled]
        if not views:
            break
        session.choose(pick.choice(views).id)
    return session


def chapter(session: Session) -> int:
    return session.story.nodes[session.state.node].chapter.number


# ending -> (label, how to rank the runs that reach it: lower is better)
WANTED = {
    "king": (
        "The series' path: Long Live the King",
        lambda s: (-sum(f in SERIES_FLAGS for f in s.story.flags_set(s.state)), len(s.steps)),
    ),
    "unmasked": ("Unmasked early", lambda s: (chapter(s), len(s.steps))),
    "helena": ("Helena lives", lambda s: len(s.steps)),
}


def search(machine: Machine, tries: int) -> dict[str, Session]:
    best: dict[str, tuple] = {}
    for seed in range(tries):
        session = random_session(machine, seed)
        ending = machine.ending(session.state)
        if ending in WANTED:
            rank = WANTED[ending][1](session)
            if ending not in best or rank < best[ending][0]:
                best[ending] = (rank, session)
    return {ending: session for ending, (_, session) in best.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tries", type=int, default=5000, help="random runs (default 5000)")
    parser.add_argument("--out", default=str(paths.CHECKOUT_DIR / "saves" / "examples"))
    args = parser.parse_args()
    story, _ = load_story(paths.story_dir())
    if story is None:
        print("The story does not load; run `riotgame check story` first.", file=sys.stderr)
        return 1
    found = search(Machine(story), args.tries)
    out = Path(args.out)
    for ending, (label, _) in WANTED.items():
        session = found.get(ending)
        if session is None:
            print(f"{ending}: not reached in {args.tries} runs; try more --tries", file=sys.stderr)
            continue
        path = write_save(
            out / f"{ending}.yaml", save_of(session, label=label, run=f"example-{ending}")
        )
        flags = [f for f in story.flags_set(session.state) if f in SERIES_FLAGS]
        print(
            f"{path}: {len(session.steps)} steps, ending {ending}, chapter "
            f"{chapter(session)}; series events: {', '.join(flags) or 'none'}"
        )
    return 0 if len(found) == len(WANTED) else 1


if __name__ == "__main__":
    sys.exit(main())
