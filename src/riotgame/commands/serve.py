"""`riotgame serve`: the same game in a web browser, through textual-serve.

textual-serve runs a command per browser session; ours is `riotgame play` with the same
story options, started with this Python so it is the same installation."""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from riotgame.commands.common import StorySource, say_error


@dataclass(frozen=True)
class ServeOptions:
    source: StorySource
    seed: int | None = None
    host: str = "localhost"
    port: int = 8000
    saves_dir: Path | None = None  # None: each browser session uses the player's default


def play_command(options: ServeOptions) -> str:
    """The `python -m riotgame play ...` command line each browser session runs."""
    argv = [sys.executable, "-m", "riotgame", "play", "--story"]
    argv.append(str(options.source.story_dir.resolve()))
    for extra in options.source.extra:
        argv += ["--with", str(extra.resolve())]
    if options.seed is not None:
        argv += ["--seed", str(options.seed)]
    if options.saves_dir is not None:
        argv += ["--saves-dir", str(options.saves_dir.resolve())]
    return shlex.join(argv)


def url(options: ServeOptions) -> str:
    return f"http://{options.host}:{options.port}"


def run_serve(options: ServeOptions) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        say_error("riotgame serve needs textual-serve: pip install 'riotgame[serve]'")
        return 1
    print(f"Open {url(options)} in your browser to play (ctrl+c stops the server).", flush=True)
    Server(play_command(options), host=options.host, port=options.port, title="riotgame").serve()
    return 0
