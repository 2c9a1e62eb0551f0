"""`riotgame serve`: the same game in a web browser, through textual-serve.

textual-serve runs a command per browser session; ours is `riotgame play` with the same
story options, started with this Python so it is the same installation. The server
(commands/visitors.py) accepts only the page's own origin and gives each visitor their own
saves and records under `visitors_dir`."""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from riotgame import paths
from riotgame.commands.common import StorySource, say_error


@dataclass(frozen=True)
class ServeOptions:
    source: StorySource
    seed: int | None = None
    host: str = "localhost"
    port: int = 8000
    saves_dir: Path | None = None  # visitors' folders go under it (None: the default saves)


def play_command(options: ServeOptions) -> str:
    """The `python -m riotgame play ...` command line each browser session runs."""
    argv = [sys.executable, "-m", "riotgame", "play", "--story"]
    argv.append(str(options.source.story_dir.resolve()))
    for extra in options.source.extra:
        argv += ["--with", str(extra.resolve())]
    if options.seed is not None:
        argv += ["--seed", str(options.seed)]
    return shlex.join(argv)  # the saves folder is the visitor's (RIOTGAME_SAVES)


def visitors_dir(options: ServeOptions) -> Path:
    """Where each visitor's folder goes: `visitors/` in the saves folder."""
    return (options.saves_dir or paths.saves_dir()).resolve() / "visitors"


def url(options: ServeOptions) -> str:
    return f"http://{options.host}:{options.port}"


def run_serve(options: ServeOptions) -> int:
    try:
        from riotgame.commands.visitors import GameServer
        from riotgame.ui.serve_page import page_templates
    except ImportError:
        say_error("riotgame serve needs textual-serve: pip install 'riotgame[serve]'")
        return 1
    print(f"Open {url(options)} in your browser to play (ctrl+c stops the server).", flush=True)
    server = GameServer(
        play_command(options),
        visitors=visitors_dir(options),
        host=options.host,
        port=options.port,
        title="riotgame",
        templates_path=page_templates(paths.cache_dir() or visitors_dir(options).parent / "page"),
    )
    server.serve()
    return 0
