"""`riotgame serve`: the same game in a web browser, through textual-serve.

textual-serve runs a command per browser session; ours is `riotgame play` with the same
story options, started with this Python so it is the same installation.
"""

from __future__ import annotations

import shlex
import sys
from argparse import Namespace
from pathlib import Path


def play_command(args: Namespace) -> str:
    """The `python -m riotgame play ...` command line each browser session runs."""
    argv = [sys.executable, "-m", "riotgame", "play"]
    if args.story:
        argv += ["--story", str(Path(args.story).resolve())]
    for extra in args.extra:
        argv += ["--with", str(Path(extra).resolve())]
    if args.seed is not None:
        argv += ["--seed", str(args.seed)]
    return shlex.join(argv)


def serve(args: Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        print("riotgame serve needs textual-serve: pip install 'riotgame[serve]'", file=sys.stderr)
        return 1
    print(f"Serving on http://{args.host}:{args.port} (ctrl+c stops)", file=sys.stderr)
    Server(play_command(args), host=args.host, port=args.port, title="riotgame").serve()
    return 0
