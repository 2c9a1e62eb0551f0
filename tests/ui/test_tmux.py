"""The real installed command in a real terminal (tmux): start, play a few choices by key,
read the screen back, quit with ctrl+q. Skipped when tmux or `riotgame` is missing."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.support.stories import FIXTURES

# the command installed beside this interpreter (the README's .venv), else the one on PATH
RIOTGAME = shutil.which("riotgame", path=str(Path(sys.executable).parent)) or shutil.which(
    "riotgame"
)

pytestmark = pytest.mark.skipif(
    not (shutil.which("tmux") and RIOTGAME), reason="needs tmux and the installed riotgame command"
)

PATIENCE = 30.0  # seconds to wait for the screen to show something (a shared, slow machine)


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


class Terminal:
    def __init__(self, command: str):
        self.name = f"riotgame-test-{uuid.uuid4().hex[:8]}"
        tmux("new-session", "-d", "-s", self.name, "-x", "100", "-y", "30", command)
        tmux("set-option", "-t", self.name, "remain-on-exit", "on")

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        tmux("send-keys", "-t", self.name, *keys)

    def exited(self) -> bool:
        return tmux("display-message", "-p", "-t", self.name, "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminal(tmp_path):
    command = (
        f"env RIOTGAME_DATA={shlex.quote(str(tmp_path / 'data'))} {shlex.quote(RIOTGAME or 'riotgame')} play "
        f"--story {shlex.quote(str(FIXTURES / 'mini'))} --seed 1 "
        f"--saves-dir {shlex.quote(str(tmp_path / 'saves'))}"
    )
    term = Terminal(command)
    yield term
    term.close()


def test_play_a_few_choices_in_tmux_and_quit(terminal, tmp_path):
    terminal.wait_for("Content note")
    terminal.keys("Enter")
    terminal.wait_for("New game")
    terminal.keys("Enter")
    terminal.wait_for("Nobody looks up.")
    terminal.keys("1")
    # each text is waited for on its own: a capture can be taken mid-render
    for text in ("The yard is loud.", "▼ -5", "Take over", "Disguised"):
        terminal.wait_for(text)
    terminal.keys("4")
    terminal.wait_for("You are out.")
    terminal.keys("1")
    terminal.wait_for("Endings found: 1 of 3")
    terminal.wait_for("Free")
    terminal.keys("C-q")
    deadline = time.monotonic() + PATIENCE
    while not terminal.exited() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert terminal.exited()
    assert "Traceback" not in terminal.screen()
    assert list((tmp_path / "saves").glob("autosave-*.yaml"))
