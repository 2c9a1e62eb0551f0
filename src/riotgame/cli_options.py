"""From the command line to each command's typed options: one function per subcommand,
which reads argparse's Namespace (riotgame.cli) and calls the command (riotgame.commands)
with a frozen options dataclass. Commands are imported when they run, so `riotgame check`
never pays for the UI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from riotgame import paths

if TYPE_CHECKING:
    from riotgame.commands.common import StorySource


def story_source(args: argparse.Namespace, story: str | None = None) -> StorySource:
    from riotgame.commands.common import StorySource

    chosen = story or args.story
    return StorySource(
        paths.story_dir(chosen), tuple(Path(p) for p in args.extra), getattr(args, "lang", None)
    )


def _path(value: str | None) -> Path | None:  # an optional path option
    return Path(value) if value else None


def play(args: argparse.Namespace) -> int:
    from riotgame.commands.play import PlayOptions, run_play

    return run_play(
        PlayOptions(
            story_source(args),
            paths.saves_dir(args.saves_dir),
            plain=args.plain,
            seed=args.seed,
            continue_run=args.resume,
            load=args.load,
            watch=args.watch,
        )
    )


def check(args: argparse.Namespace) -> int:
    from riotgame.commands.check import CheckOptions, run_check

    if args.story_dir and args.story and args.story_dir != args.story:
        print("riotgame check: give the story once (STORY_DIR or --story)", file=sys.stderr)
        return 2
    source = story_source(args, args.story_dir)
    options = CheckOptions(source, args.strict, _path(args.against), args.format, args.lang)
    return run_check(options)


def l10n(args: argparse.Namespace) -> int:
    from riotgame.commands.l10n import L10nOptions, run_l10n

    if args.action == "update" and not args.lang:
        print("riotgame l10n update: say which language, e.g. --lang es", file=sys.stderr)
        return 2
    return run_l10n(L10nOptions(story_source(args), args.action, args.lang))


def explore(args: argparse.Namespace) -> int:
    from riotgame.commands.explore import ExploreOptions, run_explore

    options = ExploreOptions(
        story_source(args),
        random=args.random,
        seed=args.seed,
        max_states=args.max_states,
        player=args.player,
        players_file=_path(args.players),
        format=args.format,
        output=_path(args.output),
    )
    return run_explore(options)


def stats(args: argparse.Namespace) -> int:
    from riotgame.commands.stats import StatsOptions, run_stats

    saves = tuple(Path(p) for p in args.saves)
    options = StatsOptions(story_source(args), saves, args.format, _path(args.output))
    return run_stats(options)


def replay(args: argparse.Namespace) -> int:
    from riotgame.commands.replay import ReplayOptions, run_replay

    saves_dir = paths.saves_dir(args.saves_dir)
    options = ReplayOptions(story_source(args), saves_dir, args.save, _path(args.all), args.plain)
    return run_replay(options)


def schema(args: argparse.Namespace) -> int:
    from riotgame.engine.story.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def graph(args: argparse.Namespace) -> int:
    from riotgame.commands.graph import GraphOptions, run_graph

    return run_graph(GraphOptions(story_source(args), args.format, args.chapter))


def serve(args: argparse.Namespace) -> int:
    from riotgame.commands.serve import ServeOptions, run_serve

    where = (args.host, args.port, _path(args.saves_dir))
    return run_serve(ServeOptions(story_source(args), args.seed, *where))


def build_web(args: argparse.Namespace) -> int:
    from riotgame.web.cli import BuildWebOptions, run

    options = BuildWebOptions(
        out=Path(args.out),
        story_dir=paths.story_dir(args.story),
        extra=tuple(Path(p) for p in args.extra),
        pyodide=_path(args.pyodide),
        make_zip=args.zip,
        snapshot=not args.no_snapshot,
    )
    return run(options)
