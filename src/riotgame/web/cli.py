"""The `riotgame build-web` command: build, then say what was written and how big it is."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from riotgame.engine.story.problems import format_problems
from riotgame.web.build import BuildError, build_web


@dataclass(frozen=True)
class BuildWebOptions:
    """`riotgame build-web`, with the story's directory already decided (riotgame.paths)."""

    out: Path
    story_dir: Path
    extra: tuple[Path, ...] = ()
    pyodide: Path | None = None  # the npm package's folder; None: web/node_modules/pyodide
    make_zip: bool = False
    snapshot: bool = True


def run(options: BuildWebOptions) -> int:
    try:
        result, problems = build_web(
            options.out,
            options.story_dir,
            options.extra,
            pyodide=options.pyodide,
            make_zip=options.make_zip,
            snapshot=options.snapshot,
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
