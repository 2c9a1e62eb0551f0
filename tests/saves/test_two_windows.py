"""Two processes on one run (two windows both choosing Continue): the second goes on as a
new run and says so; neither overwrites the other's autosave. Real processes, real locks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from riotgame.engine.saves.store import SaveStore
from tests.support.saves import STORY

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="runs are locked with flock")


def plain(saves, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-u", "-m", "riotgame", "play", "--plain", "--story", str(STORY)]
    return subprocess.Popen(
        [*command, "--saves-dir", str(saves), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_prompt(process: subprocess.Popen[str]) -> None:
    """Read the first window's output up to its first list of choices: by then it has
    loaded the run (and locked it)."""
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("1. "):
            return
    raise AssertionError("the game ended before offering a choice")


def steps_by_run(saves) -> dict[str, list[str]]:
    return {
        info.save.run: [s.choice for s in info.save.steps]
        for info in SaveStore(saves).listing()
        if info.save is not None and info.kind == "autosave"
    }


def test_two_windows_continuing_one_run_never_overwrite_each_other(tmp_path):
    saves = tmp_path / "saves"
    first = plain(saves, "--seed", "4")
    first.communicate("1\n", timeout=60)  # a run of one step: "yes"
    [run] = steps_by_run(saves)

    window_a = plain(saves, "--continue")
    wait_for_prompt(window_a)  # A plays the run and holds it
    window_b = plain(saves, "--continue")
    _, b_err = window_b.communicate("1\n", timeout=60)
    _, a_err = window_a.communicate("1\n2\n", timeout=60)

    assert window_a.returncode == 0 and window_b.returncode == 0
    assert "open in another window" in b_err and "another window" not in a_err
    runs = steps_by_run(saves)
    assert runs.pop(run) == ["yes", "on", "lead"]  # A's choices, all kept
    [b_steps] = runs.values()  # B went on as a new run, saved beside A's
    assert b_steps == ["yes", "on"]


def test_after_the_first_window_closes_the_run_is_free_again(tmp_path):
    saves = tmp_path / "saves"
    plain(saves, "--seed", "4").communicate("1\n", timeout=60)
    [run] = steps_by_run(saves)
    _, err = plain(saves, "--continue").communicate("1\n", timeout=60)
    assert "another window" not in err
    assert steps_by_run(saves) == {run: ["yes", "on"]}
