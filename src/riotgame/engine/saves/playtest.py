"""What real players did: saved runs collected from play-testers, counted like random runs.

Each run is re-played on the current story by its stable ids (`replay`, frames off), so
reach, choice splits and stats at each chapter boundary are those of the run as it would go
today. A save from an older version of the story counts up to the step where it no longer
fits, and the divergence is reported. A play-tester's folder holds several saves of one run
(the autosave, slots, quicksaves): each run is counted once, from its longest save.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from riotgame.engine.analysis.playtest import Tally
from riotgame.engine.play.machine import Machine
from riotgame.engine.play.state import Scratch
from riotgame.engine.saves.format import Save, SaveError
from riotgame.engine.saves.reading import read_save
from riotgame.engine.saves.replay import replay

ONE_SIDED = 0.9  # a choice taken in more than this share of the visits to its node
MIN_VISITS = 10  # ... counts as one-sided only when the node was left this often


@dataclass
class SavedRuns:
    files: int = 0
    tally: Tally = field(default_factory=Tally)
    endings: Counter[str] = field(default_factory=Counter)
    stopped: Counter[str] = field(default_factory=Counter)  # where unfinished runs rest
    stats_at_chapter: dict[int, list[tuple[int, ...]]] = field(default_factory=dict)
    diverged: list[tuple[str, str]] = field(default_factory=list)  # (file, what no longer fits)
    unreadable: list[str] = field(default_factory=list)  # one line per file that did not load

    @property
    def runs(self) -> int:
        return self.tally.runs

    def one_sided(self, machine: Machine) -> list[tuple[str, float, int]]:
        """(choice key, share, times its node was left) of choices over ONE_SIDED."""
        split = self.tally.choice_split(machine.story)
        out = []
        for node in machine.story.nodes.values():
            left = sum(self.tally.taken.get(c.key, 0) for c in node.choices)
            if len(node.choices) < 2 or left < MIN_VISITS:
                continue
            out += [(c.key, split[c.key], left) for c in node.choices if split[c.key] > ONE_SIDED]
        return out


def save_files(paths: Iterable[Path]) -> list[Path]:
    """The .yaml files named, and those directly inside the folders named."""
    out: list[Path] = []
    for path in paths:
        out += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return out


def collect(paths: Iterable[Path], machine: Machine) -> SavedRuns:
    result = SavedRuns()
    longest: dict[str, Save] = {}
    for path in save_files(paths):
        result.files += 1
        try:
            save = read_save(path)
        except SaveError as exc:
            result.unreadable.append(str(exc))
            continue
        key = save.run or str(path)
        if key not in longest or len(save.steps) > len(longest[key].steps):
            longest[key] = save
    for save in longest.values():
        _count(result, save, machine)
    return result


def _count(result: SavedRuns, save: Save, machine: Machine) -> None:
    story = machine.story
    chapters: set[int] = set()

    def watch(s: Scratch) -> None:
        number = story.nodes[s.node].chapter.number
        if number not in chapters:
            chapters.add(number)
            result.stats_at_chapter.setdefault(number, []).append(tuple(s.stats))

    shown = str(save.path or save.run)
    try:
        outcome = replay(save, machine, frames=False, watch=watch)
    except SaveError as exc:  # a save of another story
        result.unreadable.append(str(exc))
        return
    for step in save.steps[: outcome.steps_done]:
        result.tally.taken[f"{step.node}/{step.choice}"] += 1
    result.tally.end_run(dict(outcome.state.visits), False)
    ending = story.nodes[outcome.state.node].ending
    if ending:
        result.endings[ending] += 1
    else:
        result.stopped[outcome.state.node] += 1
    if outcome.divergence is not None and outcome.divergence.step is not None:
        result.diverged.append((shown, outcome.divergence.line()))
