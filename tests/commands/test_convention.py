"""One command-line convention: every subcommand takes its story as `--story DIR`, explains
itself and each option in `--help` with examples; with no terminal to draw on (TERM=dumb)
`play` is the plain player by itself, and on a terminal it wraps at the terminal's width."""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

import pytest

from riotgame.cli import build_parser, main
from tests.support.stories import MINI


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_subcommand_explains_itself_and_each_option(name):
    parser = subcommands()[name]
    assert parser.description and parser.description.endswith(".")
    assert parser.epilog and parser.epilog.startswith("examples:\n  riotgame ")
    for action in parser._actions:
        assert action.help, f"{name} {action.option_strings or action.dest} has no help"


@pytest.mark.parametrize("name", sorted(set(subcommands()) - {"schema"}))
def test_every_story_command_takes_story_and_with(name):
    options = {o for a in subcommands()[name]._actions for o in a.option_strings}
    assert {"--story", "--with"} <= options


def test_check_takes_the_story_both_ways(capsys):
    assert main(["check", "--story", str(MINI)]) == 0
    assert main(["check", str(MINI)]) == 0
    assert capsys.readouterr().out.count("0 errors") == 2
    assert main(["check", str(MINI), "--story", "elsewhere"]) == 2


def run_on_a_terminal(argv: list[str], keys: bytes, columns: int, env: dict[str, str]) -> str:
    """Run `argv` with a pseudo-terminal of `columns` columns as its stdin and stdout, type
    `keys` once it asks, and return everything it wrote."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    game = subprocess.Popen(argv, stdin=follower, stdout=follower, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    out = b""
    deadline = time.monotonic() + 60
    typed = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the game closed the terminal
                break
            out += chunk
        if not typed and out.endswith(b"> "):
            os.write(leader, keys)
            typed = True
        if game.poll() is not None and not ready:
            break
    game.wait(timeout=60)
    os.close(leader)
    return out.decode("utf-8", "replace").replace("\r\n", "\n")


def test_term_dumb_plays_plain_and_wraps_at_the_width(tmp_path):
    env = dict(os.environ, TERM="dumb")
    argv = [sys.executable, "-m", "riotgame", "play", "--seed", "1", "--story", str(MINI)]
    out = run_on_a_terminal([*argv, "--saves-dir", str(tmp_path)], b"q\n", 30, env)
    assert "(seed 1)" in out and "You stop here." in out  # the plain player, unasked
    assert "\x1b[" not in out  # no screen drawing
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 29
    assert "The gate slams behind you." in lines  # wrapped at a word, not inside one


def test_a_crash_in_the_terminal_app_is_one_line_a_log_and_exit_70(tmp_path):
    """Textual catches the error and draws its traceback; the command turns that into the
    one-line message and the crash log every command gives (commands/crash.py)."""
    code = (
        "import riotgame.ui.app as app\n"
        "def broken(self): raise ValueError('the app broke')\n"
        "app.RiotApp.on_mount = broken\n"
        "from riotgame.cli import main\n"
        f"raise SystemExit(main(['play', '--story', {str(MINI)!r}]))\n"
    )
    env = dict(os.environ, TERM="xterm-256color", RIOTGAME_DATA=str(tmp_path))
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    game = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    os.close(follower)
    while select.select([leader], [], [], 30)[0]:  # drain the screen until it closes
        try:
            if not os.read(leader, 65536):
                break
        except OSError:
            break
    err = game.stderr.read() if game.stderr else ""
    assert game.wait(timeout=60) == 70
    os.close(leader)
    (log,) = (tmp_path / "crashes").glob("crash-*.log")
    shown = re.sub(r"\x1b(\[[?>=<]?[\d;$]*[a-zA-Z]|\][^\x07]*\x07)|\x07", "", err)
    assert shown.strip().splitlines() == [
        f"riotgame: unexpected error (AppCrashed: ValueError: the app broke); the details "
        f"are in {log}. Your saves are untouched."
    ]
    assert "the app broke" in log.read_text(encoding="utf-8")


def test_serve_prints_the_address_to_open(monkeypatch, capsys, tmp_path):
    from riotgame.commands.visitors import GameServer

    started = []
    # textual-serve's serve() would serve until ctrl+C
    monkeypatch.setattr(GameServer, "serve", lambda server: started.append(server))
    saves = tmp_path / "visits"
    assert main(["serve", "--port", "8765", "--story", str(MINI), "--saves-dir", str(saves)]) == 0
    assert "Open http://localhost:8765 in your browser to play" in capsys.readouterr().out
    (server,) = started
    assert (server.host, server.port) == ("localhost", 8765)
    assert f"--story {MINI.resolve()}" in server.command
    assert server.visitors == saves.resolve() / "visitors"  # each visitor's folder goes here
