"""`riotgame stats SAVES...`: what real play-testers did, from the save files they send.

Each run is re-played on the current story (engine.saves.playtest.collect); the report has
the same shape as `explore --random`'s, in text, JSON or one HTML page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from riotgame.commands.common import StorySource, load_checked, say_error
from riotgame.commands.explore import emit

FORMATS = ("text", "json", "html")


@dataclass(frozen=True)
class StatsOptions:
    source: StorySource
    saves: tuple[Path, ...]  # save files, and folders of them
    format: str = "text"
    output: Path | None = None


def run_stats(options: StatsOptions) -> int:
    from riotgame.commands.playtest_report import saved_data, saved_text
    from riotgame.engine.play.machine import Machine
    from riotgame.engine.saves.playtest import collect

    missing = [p for p in options.saves if not p.exists()]
    if missing:
        say_error(f"riotgame stats: {missing[0]}: no such file or folder")
        return 1
    story = load_checked(options.source)
    if story is None:
        return 1
    machine = Machine(story)
    saved = collect(options.saves, machine)
    if saved.runs == 0:
        say_error(f"riotgame stats: no readable save of this story among {saved.files} files")
        for line in saved.unreadable[:20]:
            say_error(f"  {line}")
        return 1
    data = saved_data(machine, saved)
    if options.format == "json":
        emit(json.dumps(data, indent=2, ensure_ascii=False), options.output)
    elif options.format == "html":
        from riotgame.commands.playtest_html import page

        emit(page(story, [data]), options.output)
    else:
        emit(saved_text(story, data), options.output)
    return 0
