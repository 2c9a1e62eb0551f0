"""Building and running the app: `make_app` is the one way to build it (`run_app`, for the
`riotgame play` command, and the tests both go through it); `run_app` runs it in the
terminal, keeps Textual's traceback of an unhandled error for the crash log, and turns the
outcome into an exit code. Imports nothing the first frame does not need (see app.py).
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from riotgame.ui.app import RiotApp
from riotgame.watch import StoryWatch

if TYPE_CHECKING:
    from riotgame.engine.story.model import Story
    from riotgame.engine.story.problems import Problem


def make_app(
    story: Story | None = None, problems: Sequence[Problem] = (), **options: object
) -> RiotApp:
    """The app for a loaded story, or its load problems when `story` is None, or (no story,
    no problems, `story_dir=`) the story loaded in the background after the first frame."""
    return RiotApp(story, problems, **options)  # type: ignore[arg-type]


def run_app(
    *,
    story_dir: Path,
    extra: Sequence[Path] = (),
    seed: int = 0,
    saves_dir: Path | None = None,
    watch: bool = False,
    open_first: str | None = None,
    lang: str | None = None,
) -> int:
    """`riotgame play` in the terminal (commands/play.py decides the options). Exit code 1
    when the story could not be loaded."""
    app = make_app(
        story_dir=story_dir,
        extra=extra,
        seed=seed,
        saves_dir=saves_dir,
        watch=StoryWatch(story_dir, extra) if watch else None,
        open_first=open_first,
        lang=lang,
    )
    app.error_console = Console(file=(crash := io.StringIO()), width=100, color_system=None)
    app.run()
    if app.return_code:  # an unhandled error: Textual wrote its traceback into `crash`
        raise AppCrashed(crash.getvalue())
    sys.stderr.write(crash.getvalue())
    return 1 if app.story is None and app.problems else 0


ERROR_LINE = re.compile(r"[A-Za-z_][\w.]*(Error|Exception|Warning)\b")  # "ValueError: ..."


class AppCrashed(Exception):
    """The app stopped on an unhandled error; `details` is Textual's traceback, for the
    crash log (commands/crash.py), and the message its last line."""

    def __init__(self, details: str):
        errors = [line for line in details.splitlines() if ERROR_LINE.match(line)]
        super().__init__(errors[-1].strip() if errors else "the app stopped on an error")
        self.details = details
