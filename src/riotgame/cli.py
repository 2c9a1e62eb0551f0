"""The `riotgame` command. With no arguments it starts the game.

Exit codes: 0 success; 1 the story has problems, a check failed, or a replay diverged;
2 bad usage (unknown option, missing file argument).
"""

from __future__ import annotations

import argparse
import random
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
    play.add_argument(
        "--plain",
        action="store_true",
        help="line-by-line mode for screen readers, pipes and scripts",
    )
    play.add_argument("--seed", type=int, help="fix the randomness (default: a random seed)")
    play.add_argument("--saves-dir", metavar="DIR", help="where saves go")
    resume = play.add_mutually_exclusive_group()
    resume.add_argument(
        "--continue",
        dest="resume",
        action="store_true",
        help="go on with the newest unfinished saved run",
    )
    resume.add_argument("--load", metavar="SAVE", help="load a save (its name or path)")
    play.add_argument(
        "--watch", action="store_true", help="reload the story when a file changes (for authors)"
    )
    play.set_defaults(run=run_play)

    check = sub.add_parser("check", help="check a story for problems")
    check.add_argument(
        "story_dir", nargs="?", metavar="STORY_DIR", help="default: the game's story"
    )
    check.add_argument(
        "--with",
        dest="extra",
        action="append",
        default=[],
        metavar="FILE",
        help="also load this branch file (repeatable)",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
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
        help="concise: path:line:col: CODE message (default); "
        "full: with the source line and a caret",
    )
    check.set_defaults(run=run_check)

    explore = sub.add_parser("explore", help="play-test the story automatically")
    add_story_options(explore)
    mode = explore.add_mutually_exclusive_group(required=True)
    mode.add_argument("--random", type=int, metavar="N", help="N random playthroughs")
    mode.add_argument("--exhaustive", action="store_true", help="search every distinct state")
    explore.add_argument("--seed", type=int, default=1, help="seed for --random (default 1)")
    explore.add_argument(
        "--max-states",
        type=int,
        default=2_000_000,
        metavar="K",
        help="stop the exhaustive search after K states (default 2,000,000)",
    )
    explore.add_argument("--format", choices=["text", "json"], default="text")
    explore.set_defaults(run=run_explore)

    replay = sub.add_parser("replay", help="re-run saved runs on the story; report divergence")
    add_story_options(replay)
    replay.add_argument("save", nargs="?", metavar="SAVE", help="a save (its name or path)")
    replay.add_argument(
        "--all",
        metavar="DIR",
        help="replay every save in DIR, one line each (exit 1 on any divergence)",
    )
    replay.add_argument("--plain", action="store_true", help="print the run as a transcript")
    replay.add_argument("--saves-dir", metavar="DIR", help="where to find SAVE by name")
    replay.set_defaults(run=run_replay)

    schema = sub.add_parser("schema", help="print the JSON Schema of story files (for editors)")
    schema.set_defaults(run=run_schema)

    graph = sub.add_parser("graph", help="print the story map (Graphviz dot or Mermaid)")
    add_story_options(graph)
    graph.add_argument(
        "--format",
        choices=["dot", "mermaid"],
        default="dot",
        help="dot (default; render with Graphviz) or mermaid",
    )
    graph.add_argument("--chapter", type=int, metavar="N", help="only chapter N")
    graph.set_defaults(run=run_graph)

    serve = sub.add_parser("serve", help="play in a web browser (needs riotgame[serve])")
    add_story_options(serve)
    serve.add_argument("--seed", type=int, help="fix the randomness")
    serve.add_argument("--host", default="localhost", help="default: localhost")
    serve.add_argument("--port", type=int, default=8000, help="default: 8000")
    serve.set_defaults(run=run_serve)

    web = sub.add_parser("build-web", help="write a static web build that plays in any browser")
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
    web.set_defaults(run=run_build_web)
    return parser


def add_story_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--story", metavar="DIR", help="the story directory to use")
    parser.add_argument(
        "--with",
        dest="extra",
        action="append",
        default=[],
        metavar="FILE",
        help="also load this branch file (repeatable)",
    )


def load_or_report(args):
    """Load the story named by the options; print problems to stderr. None on errors."""
    from riotgame.engine.analysis.check import check_story
    from riotgame.engine.story.problems import format_problems

    story, problems, _ = check_story(paths.story_dir(args.story), args.extra)
    errors = [p for p in problems if p.is_error]
    if errors:
        print(format_problems(errors, "full"), file=sys.stderr)
        print(f"The story has {len(errors)} errors; fix them and try again.", file=sys.stderr)
        return None
    return story


def run_check(args) -> int:
    from riotgame.engine.analysis.check import check_story
    from riotgame.engine.story.problems import format_problems

    story_dir = paths.story_dir(args.story_dir)
    story, problems, summary = check_story(story_dir, args.extra)
    impact = against_old(story, args.against) if args.against and story else None
    if args.format == "json":
        import json
        from dataclasses import asdict

        report = {
            "problems": json.loads(format_problems(problems, "json")),
            "summary": asdict(summary),
        }
        if impact:
            report["against"] = impact.as_dict()
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        if problems:
            print(format_problems(problems, args.format))
        print(summary.line())
        if impact:
            from riotgame.engine.analysis.compare import format_impact

            print()
            print(format_impact(impact, args.against))
    failed = summary.errors or (args.strict and summary.warnings)
    saves_break = args.against and (impact is None or impact.breaks_saves)
    return 1 if failed or saves_break else 0


def against_old(story, old_dir):
    """Compare with the old story for `check --against`; None (reported) if it fails to load."""
    from riotgame.engine.analysis.compare import compare_with_dir
    from riotgame.engine.story.problems import format_problems

    impact, errors = compare_with_dir(old_dir, story)
    if impact is None:
        print(format_problems(errors, "full"), file=sys.stderr)
        print(f"Cannot compare: the old story in {old_dir} does not load.", file=sys.stderr)
    return impact


def run_play(args) -> int:
    # The OS's randomness, as secrets.randbits (which would import hashlib: ~3 ms at start-up).
    seed = args.seed if args.seed is not None else random.SystemRandom().getrandbits(32)
    if args.plain:
        from riotgame.engine.play.machine import Machine
        from riotgame.plain import PlainPlayer

        story = load_or_report(args)
        if story is None:
            return 1
        machine = Machine(story)
        started = plain_autosaver(args, machine, seed)
        if started is None:
            return 1
        state, autosaver = started
        PlainPlayer(machine, sys.stdout, sys.stdin, on_step=autosaver.on_step).run(state)
        return 0
    from riotgame.ui.app import run_app

    return run_app(args, seed)


def plain_autosaver(args, machine, seed: int):
    """The plain player's start state and rolling autosave: a new run, or the run that
    --continue/--load names (the autosave then carries on its steps). None when the save
    cannot be loaded."""
    from riotgame.engine.saves.store import Autosaver, SaveError, SaveStore, new_run_id

    store = SaveStore(paths.saves_dir(args.saves_dir))
    name = args.load
    if args.resume:
        latest = store.latest(machine.story, machine)
        if latest is None:
            print(
                f"No unfinished run to continue in {store.directory}; starting a new one.",
                file=sys.stderr,
            )
        name = latest.path if latest else None
    if name is None:
        state, _ = machine.start(seed)
        return state, Autosaver(store, machine.story, seed, new_run_id(), warn=print_error)
    try:
        loaded = store.load(name, machine)
    except SaveError as exc:
        print_error(str(exc))
        return None
    if loaded.note:
        print_error(loaded.note)
    session = loaded.session
    return session.state, Autosaver(
        store, machine.story, session.seed, loaded.run, session.steps, warn=print_error
    )


def print_error(text: str) -> None:
    print(text, file=sys.stderr)


def run_replay(args) -> int:
    from riotgame.engine.play.machine import Machine
    from riotgame.engine.saves.replay import replay, replay_directory, report
    from riotgame.engine.saves.store import SaveError, SaveStore, read_save
    from riotgame.plain import write_transcript

    if (args.save is None) == (args.all is None):
        print("riotgame replay: give one SAVE, or --all DIR", file=sys.stderr)
        return 2
    story = load_or_report(args)
    if story is None:
        return 1
    machine = Machine(story)
    if args.all:
        lines, same = replay_directory(args.all, machine)
        print("\n".join(lines))
        return 0 if same else 1
    path = SaveStore(paths.saves_dir(args.saves_dir)).resolve(args.save)
    try:
        result = replay(read_save(path), machine)
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.plain:
        write_transcript(machine, result.frames, sys.stdout)
        print()
    print("\n".join(report(result, str(path))))
    return 0 if result.ok else 1


def run_explore(args) -> int:
    from riotgame.engine.analysis import explore

    story = load_or_report(args)
    if story is None:
        return 1
    return explore.run_cli(story, args)


def run_schema(args) -> int:
    from riotgame.engine.story.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def run_graph(args) -> int:
    from riotgame.engine.analysis.graph import FORMATS

    story = load_or_report(args)
    if story is None:
        return 1
    chapters = sorted({n.chapter.number for n in story.nodes.values()})
    if args.chapter is not None and args.chapter not in chapters:
        print(
            f"no chapter {args.chapter}; the story has chapters {', '.join(map(str, chapters))}",
            file=sys.stderr,
        )
        return 2
    sys.stdout.write(FORMATS[args.format](story, args.chapter))
    return 0


def run_serve(args) -> int:
    from riotgame.ui.serve import serve

    return serve(args)


def run_build_web(args) -> int:
    from pathlib import Path

    from riotgame.web.cli import BuildWebOptions, run

    options = BuildWebOptions(
        out=Path(args.out),
        story_dir=paths.story_dir(args.story),
        extra=tuple(Path(p) for p in args.extra),
        pyodide=Path(args.pyodide) if args.pyodide else None,
        make_zip=args.zip,
        snapshot=not args.no_snapshot,
    )
    return run(options)
