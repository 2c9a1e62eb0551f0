"""The `riotgame` command. With no arguments it starts the game.

Exit codes: 0 success; 1 the story has problems, a check failed, or a replay diverged;
2 bad usage (unknown option, missing file argument).
"""

from __future__ import annotations

import argparse
import secrets
import sys

from riotgame import __version__, paths


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play", *(argv or [])])
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `riotgame check | head` closing the pipe early
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="riotgame",
        description="Cell 211: survive the riot at Cereso 38. Run with no arguments to play.",
    )
    parser.add_argument("--version", action="version", version=f"riotgame {__version__}")
    parser.set_defaults(command=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play the game (the default)")
    add_story_options(play)
    play.add_argument("--plain", action="store_true",
                      help="line-by-line mode for screen readers, pipes and scripts")
    play.add_argument("--seed", type=int, help="fix the randomness (default: a random seed)")
    play.add_argument("--saves-dir", metavar="DIR", help="where saves go")
    play.add_argument("--watch", action="store_true",
                      help="reload the story when a file changes (for authors)")
    play.set_defaults(run=run_play)

    check = sub.add_parser("check", help="check a story for problems")
    check.add_argument("story_dir", nargs="?", metavar="STORY_DIR", help="default: the game's story")
    check.add_argument("--with", dest="extra", action="append", default=[], metavar="FILE",
                       help="also load this branch file (repeatable)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=["concise", "full", "json", "github"],
                       default="concise", help="concise: path:line:col: CODE message (default); "
                       "full: with the source line and a caret")
    check.set_defaults(run=run_check)

    explore = sub.add_parser("explore", help="play-test the story automatically")
    add_story_options(explore)
    mode = explore.add_mutually_exclusive_group(required=True)
    mode.add_argument("--random", type=int, metavar="N", help="N random playthroughs")
    mode.add_argument("--exhaustive", action="store_true", help="search every distinct state")
    explore.add_argument("--seed", type=int, default=1, help="seed for --random (default 1)")
    explore.add_argument("--max-states", type=int, default=2_000_000, metavar="K",
                         help="stop the exhaustive search after K states (default 2,000,000)")
    explore.add_argument("--format", choices=["text", "json"], default="text")
    explore.set_defaults(run=run_explore)
    return parser


def add_story_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--story", metavar="DIR", help="the story directory to use")
    parser.add_argument("--with", dest="extra", action="append", default=[], metavar="FILE",
                        help="also load this branch file (repeatable)")


def load_or_report(args):
    """Load the story named by the options; print problems to stderr. None on errors."""
    from riotgame.engine.check import check_story
    from riotgame.engine.problems import format_problems

    story, problems, _ = check_story(paths.story_dir(args.story), args.extra)
    errors = [p for p in problems if p.is_error]
    if errors:
        print(format_problems(errors, "full"), file=sys.stderr)
        print(f"The story has {len(errors)} errors; fix them and try again.", file=sys.stderr)
        return None
    return story


def run_check(args) -> int:
    from riotgame.engine.check import check_story
    from riotgame.engine.problems import format_problems

    story_dir = paths.story_dir(args.story_dir)
    _, problems, summary = check_story(story_dir, args.extra)
    if args.format == "json":
        import json
        from dataclasses import asdict

        print(json.dumps({"problems": json.loads(format_problems(problems, "json")),
                          "summary": asdict(summary)}, indent=2, ensure_ascii=False))
    else:
        if problems:
            print(format_problems(problems, args.format))
        print(summary.line())
    failed = summary.errors or (args.strict and summary.warnings)
    return 1 if failed else 0


def run_play(args) -> int:
    seed = args.seed if args.seed is not None else secrets.randbits(32)
    if args.plain:
        from riotgame.engine.machine import Machine
        from riotgame.plain import PlainPlayer

        story = load_or_report(args)
        if story is None:
            return 1
        machine = Machine(story)
        state, _ = machine.start(seed)
        PlainPlayer(machine, sys.stdout, sys.stdin).run(state)
        return 0
    from riotgame.ui.app import run_app

    return run_app(args, seed)


def run_explore(args) -> int:
    from riotgame.engine import explore

    story = load_or_report(args)
    if story is None:
        return 1
    return explore.run_cli(story, args)
