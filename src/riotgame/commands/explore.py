"""`riotgame explore`: random play-testing (with personas, reach and decided gates) and the
exhaustive search, reported as text, JSON or an HTML page. The engine plays; this prints."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from riotgame.commands.common import Progress, StorySource, load_checked, say_error
from riotgame.commands.explore_text import exhaustive_data, exhaustive_text, random_text
from riotgame.engine.story.model import Story

FORMATS = ("text", "json", "html")
ALL_PLAYERS = "all"


@dataclass(frozen=True)
class ExploreOptions:
    source: StorySource
    random: int | None = None  # N random runs; None: the exhaustive search
    seed: int = 1
    max_states: int = 2_000_000
    player: str = "random"  # a persona's name, or "all" for every persona side by side
    players_file: Path | None = None  # default: players.yaml beside story.yaml
    format: str = "text"
    output: Path | None = None  # where the report goes; None: standard output


def run_explore(options: ExploreOptions) -> int:
    story = load_checked(options.source)
    if story is None:
        return 1
    if options.random is None:
        return run_exhaustive(story, options)
    return run_random(story, options)


def run_random(story: Story, options: ExploreOptions) -> int:
    from riotgame.engine.analysis.players import story_players

    players, problems = story_players(story, options.players_file)
    if any(p.is_error for p in problems):
        from riotgame.commands.common import report_errors

        report_errors(problems, "the players file")
        return 1
    names = list(players) if options.player == ALL_PLAYERS else [options.player]
    unknown = [n for n in names if n not in players]
    if unknown:
        say_error(
            f'riotgame explore: no player "{unknown[0]}"; the players are '
            f"{', '.join(players)} (or all)"
        )
        return 2
    reports = [play_persona(story, players[name], options) for name in names]
    write_report(story, reports, options)
    return 1 if any(r["softlocks"] or r["loops"] for r in reports) else 0


def play_persona(story: Story, player: Any, options: ExploreOptions) -> dict[str, Any]:
    """One persona's runs, counted for reach and gates, as report data."""
    from riotgame.commands.playtest_report import random_data
    from riotgame.engine.analysis.explore import random_play
    from riotgame.engine.analysis.playtest import Tally

    assert options.random is not None
    tally = Tally()
    picker = None if player.name == "random" else player.picker(story)
    progress = Progress(options.random, f"runs ({player.name})")
    report = random_play(story, options.random, options.seed, progress, tally, picker)
    progress.close()
    return random_data(story, report, tally, player.name)


def write_report(story: Story, reports: list[dict[str, Any]], options: ExploreOptions) -> None:
    if options.format == "json":
        data: dict[str, Any] = (
            reports[0] if len(reports) == 1 else {"players": {r["player"]: r for r in reports}}
        )
        text = json.dumps(data, indent=2, ensure_ascii=False)
    elif options.format == "html":
        from riotgame.commands.playtest_html import page

        text = page(story, reports)
    else:
        text = random_text(story, reports)
    emit(text, options.output)


def emit(text: str, output: Path | None) -> None:
    """The report on standard output, or written to `output` (and said on stderr)."""
    if output is None:
        print(text)
        return
    output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    say_error(f"Report written to {output}")


def run_exhaustive(story: Story, options: ExploreOptions) -> int:
    from riotgame.engine.analysis.search import exhaustive

    if options.format == "html":
        say_error("riotgame explore: --format html is for --random runs; use text or json")
        return 2
    progress = Progress(None, "groups")
    report = exhaustive(story, options.max_states, options.seed, progress)
    progress.close()
    if options.format == "json":
        emit(json.dumps(exhaustive_data(report), indent=2), options.output)
    else:
        emit(exhaustive_text(story, report), options.output)
    failed = (
        report.softlocks
        or report.loops
        or report.unreachable_endings
        or report.unconfirmed
        or not report.complete
    )
    return 1 if failed else 0
