"""The `riotgame build-web` command: build, then say what was written and how big it is."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from riotgame import paths
from riotgame.engine.story.problems import format_problems
from riotgame.web.build import BuildError, build_web


def build_web_command(args: argparse.Namespace) -> int:
    try:
        result, problems = build_web(
            Path(args.out),
            paths.story_dir(args.story),
            args.extra,
            pyodide=Path(args.pyodide) if args.pyodide else None,
            make_zip=args.zip,
            snapshot=not args.no_snapshot,
        )
    except BuildError as exc:
        print(f"riotgame build-web: {exc}", file=sys.stderr)
        return 1
    if result is None:
        errors = [p for p in problems if p.is_error]
        print(format_problems(errors, "full"), file=sys.stderr)
        print(f"The story has {len(errors)} errors; fix them and build again.", file=sys.stderr)
        return 1
    print("\n".join(result.lines()))
    return 0
