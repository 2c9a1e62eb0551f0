"""`riotgame replay`: re-run saved runs on the current story and say where they diverge."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from riotgame.commands.common import StorySource, load_checked, say_error
from riotgame.engine.play.machine import Machine
from riotgame.engine.saves.format import SaveError
from riotgame.engine.saves.reading import parse_save, read_save, read_text
from riotgame.engine.saves.replay import Replay, check_written, replay
from riotgame.engine.saves.store import SaveStore


@dataclass(frozen=True)
class ReplayOptions:
    source: StorySource
    saves_dir: Path  # where SAVE is looked up by name
    save: str | None = None  # one save (a listing name or a path) ...
    all_in: Path | None = None  # ... or every save in a folder
    plain: bool = False  # print the run as a transcript first


def run_replay(options: ReplayOptions) -> int:
    if (options.save is None) == (options.all_in is None):
        say_error("riotgame replay: give one SAVE, or --all DIR")
        return 2
    story = load_checked(options.source)
    if story is None:
        return 1
    machine = Machine(story)
    if options.all_in is not None:
        lines, same = replay_directory(options.all_in, machine)
        print("\n".join(lines))
        return 0 if same else 1
    assert options.save is not None
    try:  # a wrong name is a SaveError too (NoSuchSave: a sentence naming the saves there)
        path = SaveStore(options.saves_dir).resolve(options.save)
        result = replay(read_save(path), machine)
    except SaveError as exc:
        say_error(str(exc))
        return 1
    if options.plain:
        from riotgame.plain import write_transcript

        write_transcript(machine, result.frames, sys.stdout)
        print()
    print("\n".join(report(result, str(path))))
    return 0 if result.ok else 1


def report(result: Replay, shown: str) -> list[str]:
    """The outcome of one replay as lines for a terminal: the verdict first."""
    if result.ok:
        ending = result.save.snapshot.ending
        where = result.state.node + (f", ending {ending}" if ending else "")
        lines = [f"{shown}: same state as the save after {result.steps_done} steps ({where})"]
        if result.story_changed:
            lines.append("  the story was edited since the save; the run still fits")
    else:
        assert result.divergence is not None
        lines = [f"{shown}: {result.divergence.line()}"]
    if result.changed_nodes:
        lines.append("  visited nodes changed since the save: " + ", ".join(result.changed_nodes))
    if result.removed_nodes:
        lines.append("  visited nodes no longer in the story: " + ", ".join(result.removed_nodes))
    return lines


def replay_directory(directory: Path, machine: Machine) -> tuple[list[str], bool]:
    """Replay every save in `directory`: one line each and a summary. Returns (lines, all
    the same): saved runs used as regression tests."""
    lines, same, diverged, bad = [], 0, 0, 0
    for path in SaveStore(directory).files():
        try:
            text = read_text(path)
            # a save as we write it that re-plays to its snapshot: read no further than that
            quick = check_written(text, machine)
            if quick is None:
                result = replay(parse_save(text, str(path), path), machine, frames=False)
                quick = (result.steps_done, result.save.snapshot.ending) if result.ok else None
        except SaveError as exc:
            bad += 1
            lines.append(f"BAD       {exc}")
            continue
        if quick is not None:
            same += 1
            done, ending = quick
            lines.append(
                f"same      {path.name}: {done} steps" + (f", ending {ending}" if ending else "")
            )
        else:
            diverged += 1
            assert result.divergence is not None
            lines.append(f"DIVERGED  {path.name}: {result.divergence.line()}")
    total = same + diverged + bad
    lines.append(f"{total} saves: {same} same, {diverged} diverged, {bad} unreadable")
    return lines, total > 0 and same == total
