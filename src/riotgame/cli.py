"""The `riotgame` command: the argument table (riotgame.cli_options builds the options).

With no arguments it starts the game. The commands themselves are in riotgame.commands;
this module only reads the command line. Every subcommand takes its story the same way,
`--story DIR` (default: the game's own) and `--with FILE` for branch files.

Exit codes: 0 success; 1 the story has problems, a check failed, or a replay diverged;
2 bad usage (unknown option, missing file argument); 70 an unexpected error (a bug: the
message names the crash log); 130 stopped with ctrl+C.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from riotgame import __version__
from riotgame import cli_options as handlers

Handler = Callable[[argparse.Namespace], int]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play", *(argv if argv is not None else sys.argv[1:])])
    handler: Handler = args.run
    from riotgame.commands.crash import guarded

    return guarded(lambda: handler(args), args.command)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples as written (they are laid out by hand)."""


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    examples: str,
    run: Handler,
) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog="examples:\n" + examples,
        formatter_class=_Formatter,
    )
    parser.set_defaults(run=run)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="riotgame",
        description="Cell 211: survive the riot at Cereso 38. Run with no arguments to play.",
        epilog="examples:\n  riotgame\n  riotgame play --plain\n  riotgame check\n"
        "Each command has its own --help, with examples.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"riotgame {__version__}")
    parser.set_defaults(command=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = _command(
        sub,
        "play",
        "play the game (the default command)",
        "  riotgame play --seed 42\n  riotgame play --plain --continue\n"
        "  printf '1\\n2\\n' | riotgame play --plain --seed 1",
        handlers.play,
    )
    add_story_options(play)
    play.add_argument(
        "--plain",
        action="store_true",
        default=None,
        help="line-by-line mode for screen readers, pipes and scripts "
        "(the default without a terminal, or with TERM=dumb)",
    )
    play.add_argument("--seed", type=int, help="fix the randomness (default: a random seed)")
    add_saves_dir(play)
    resume = play.add_mutually_exclusive_group()
    resume.add_argument(
        "--continue",
        dest="resume",
        action="store_true",
        help="go on with the newest unfinished saved run",
    )
    resume.add_argument("--load", metavar="SAVE", help="open a save (its name or path)")
    play.add_argument("--watch", action="store_true", help="reload edited story files (authors)")
    add_lang(play, "the language to play in (default: the one chosen last, else the locale)")

    check = _command(
        sub,
        "check",
        "check a story for problems, each at its path:line:col",
        "  riotgame check\n  riotgame check --story my-story --strict\n"
        "  riotgame check --with my-branch.yaml --format full\n"
        "  riotgame check --against /tmp/released/story",
        handlers.check,
    )
    check.add_argument(
        "story_dir", nargs="?", metavar="STORY_DIR", help="the same as --story STORY_DIR"
    )
    add_story_options(check)
    check.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    check.add_argument(
        "--against",
        metavar="OLD_STORY_DIR",
        help="also report what the edits since OLD_STORY_DIR do to saves "
        "(exit 1 when saves would break)",
    )
    check.add_argument(
        "--format",
        choices=["concise", "full", "json", "github"],
        default="concise",
        help="concise: path:line:col: CODE message (default); full: with the source line and "
        "a caret; json: for tools; github: annotations for GitHub Actions",
    )
    add_lang(check, "also check the catalogue STORY/locales/LANG.po and print its share")

    l10n = _command(
        sub,
        "l10n",
        "write the translation template, or update a language's catalogue",
        "  riotgame l10n extract\n  riotgame l10n update --lang es",
        handlers.l10n,
    )
    l10n.add_argument(
        "action",
        choices=["extract", "update"],
        help="extract: write STORY/locales/story.pot; update: merge it into LANG.po "
        "(changed -> fuzzy, removed -> obsolete, new -> empty)",
    )
    add_story_options(l10n)
    add_lang(l10n, "the language to update (update only)")

    explore = _command(
        sub,
        "explore",
        "play-test the story automatically: random runs, personas, or every state",
        "  riotgame explore --random 10000\n  riotgame explore --random 2000 --player all\n"
        "  riotgame explore --random 10000 --format html --output report.html\n"
        "  riotgame explore --exhaustive",
        handlers.explore,
    )
    add_story_options(explore)
    mode = explore.add_mutually_exclusive_group(required=True)
    mode.add_argument(
        "--random",
        type=int,
        metavar="N",
        help="N random runs: endings, reach, decided gates, stats at each chapter",
    )
    mode.add_argument("--exhaustive", action="store_true", help="search every state (a proof)")
    explore.add_argument("--seed", type=int, default=1, help="seed of the runs (default 1)")
    explore.add_argument(
        "--player",
        default="random",
        metavar="NAME",
        help="who plays the random runs: a persona from players.yaml, a built-in one "
        "(random, explorer), or all of them side by side (default: random)",
    )
    explore.add_argument(
        "--players",
        metavar="FILE",
        help="read the personas from FILE (default: players.yaml beside story.yaml)",
    )
    explore.add_argument(
        "--max-states",
        type=int,
        default=2_000_000,
        metavar="K",
        help="stop the exhaustive search after K states (default 2,000,000)",
    )
    add_report_options(explore)

    stats = _command(
        sub,
        "stats",
        "report what real players did, from their save files",
        "  riotgame stats ~/playtests/*/\n  riotgame stats saves/ --format json\n"
        "  riotgame stats saves/ --format html --output players.html",
        handlers.stats,
    )
    stats.add_argument(
        "saves", nargs="+", metavar="SAVES", help="save files, or folders of them (*.yaml)"
    )
    add_story_options(stats)
    add_report_options(stats)

    replay = _command(
        sub,
        "replay",
        "re-run saved runs on the story and say where they diverge",
        "  riotgame replay my-slot --plain\n  riotgame replay --all saves/examples",
        handlers.replay,
    )
    add_story_options(replay)
    replay.add_argument("save", nargs="?", metavar="SAVE", help="a save (its name or path)")
    replay.add_argument(
        "--all",
        metavar="DIR",
        help="replay every save in DIR, one line each (exit 1 on any divergence)",
    )
    replay.add_argument("--plain", action="store_true", help="print the run as a transcript")
    add_saves_dir(replay, "where to find SAVE by name")

    _command(sub, "schema", "print the JSON Schema of story files (for editors)",
             "  riotgame schema > story.schema.json", handlers.schema)  # fmt: skip

    graph = _command(
        sub,
        "graph",
        "print the story map (Graphviz dot or Mermaid)",
        "  riotgame graph | dot -Tsvg -o story-map.svg\n"
        "  riotgame graph --chapter 1 --format mermaid",
        handlers.graph,
    )
    add_story_options(graph)
    graph.add_argument(
        "--format",
        choices=["dot", "mermaid"],
        default="dot",
        help="dot (default; render with Graphviz) or mermaid",
    )
    graph.add_argument("--chapter", type=int, metavar="N", help="only chapter N")

    serve = _command(
        sub,
        "serve",
        "play in a web browser through a local server (needs riotgame[serve])",
        "  riotgame serve\n  riotgame serve --port 8765 --saves-dir ~/riot-saves",
        handlers.serve,
    )
    add_story_options(serve)
    serve.add_argument("--seed", type=int, help="fix the randomness of every game")
    serve.add_argument("--host", default="localhost", help="the address to serve on (localhost)")
    serve.add_argument("--port", type=int, default=8000, help="the port to serve on (8000)")
    add_saves_dir(serve)

    web = _command(
        sub,
        "build-web",
        "write a static web build that plays in any browser, with no server",
        "  riotgame build-web site/ --zip\n  riotgame build-web site/ --no-snapshot",
        handlers.build_web,
    )
    add_story_options(web)
    web.add_argument(
        "out", metavar="OUT", help="the folder to write (empty, new or a previous build)"
    )
    web.add_argument("--zip", action="store_true", help="also write OUT.zip (for itch.io)")
    web.add_argument(
        "--pyodide",
        metavar="DIR",
        help="the npm pyodide package (default: web/node_modules/pyodide)",
    )
    web.add_argument(
        "--no-snapshot",
        action="store_true",
        help="skip the start-up snapshot (smaller, slower to start; needs no node)",
    )
    return parser


def add_story_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--story", metavar="DIR", help="the story directory (default: the game's own story)"
    )
    parser.add_argument(
        "--with",
        dest="extra",
        action="append",
        default=[],
        metavar="FILE",
        help="also load this branch file (repeatable)",
    )


def add_lang(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--lang", metavar="LANG", help=f"{what}; e.g. es")


def add_saves_dir(parser: argparse.ArgumentParser, what: str = "where saves go") -> None:
    parser.add_argument(
        "--saves-dir",
        metavar="DIR",
        help=f"{what} (default: saves/ in a checkout, else "
        "the user data folder; or $RIOTGAME_SAVES)",
    )


def add_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=["text", "json", "html"],
        default="text",
        help="text (default); json, for tools; html, one page of charts that opens offline",
    )
    parser.add_argument(
        "--output", metavar="FILE", help="write the report to FILE instead of standard output"
    )
