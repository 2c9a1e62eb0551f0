"""The command line through subprocesses: plain play, check exit codes, import hygiene."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from riotgame.engine.play.machine import Machine
from riotgame.engine.play.session import Session
from riotgame.engine.story.loader import load_story
from riotgame.plain import PlainPlayer
from tests.support.stories import CHAPTER, MINI, write_story


def riotgame(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "riotgame", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


# -- plain mode ------------------------------------------------------------------------------


def test_plain_play_through_a_pipe(tmp_path):
    saves = tmp_path / "saves"
    run = riotgame(
        "play",
        "--plain",
        "--seed",
        "1",
        "--story",
        str(MINI),
        "--saves-dir",
        str(saves),
        stdin="1\n2\n",
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "1. Put on the shirt\n2. Shout that you are a lawyer\n" in out
    assert "3. (unavailable: The boss does not trust you yet.) Take over" in out
    assert "Suspicion falls to 5." in out
    assert "The boss's trust rises to 25." in out
    assert "Noted: Disguised." in out
    (autosave,) = saves.glob("autosave-*.yaml")
    assert out.rstrip().endswith("End of input: the run stops here.")
    assert run.stderr.splitlines()[-2:] == [
        f"Your run is saved in {autosave}.",
        f"To go on with it: riotgame play --plain --continue --story {MINI} --saves-dir {saves}",
    ]
    assert "Traceback" not in run.stderr


def test_plain_player_handles_bad_input_and_reaches_an_ending():
    story, _ = load_story(MINI)
    machine = Machine(story)
    out = io.StringIO()
    state = PlainPlayer(Session(machine, 1), out, io.StringIO("9\nx\nh\ns\n3\n2\n")).run()
    text = out.getvalue()
    assert "Type a number from 1 to 2, or h for help." in text
    assert "Type the number of a choice." in text
    assert "Suspicion: 10 of 100." in text
    assert machine.ending(state) == "caught"
    assert "Ending: Caught. They know." in text


def test_plain_player_refuses_a_disabled_choice():
    story, _ = load_story(MINI)
    machine = Machine(story)
    out = io.StringIO()
    state = PlainPlayer(Session(machine, 1), out, io.StringIO("1\n3\nq\n")).run()
    assert "That is not open to you: The boss does not trust you yet." in out.getvalue()
    assert state.node == "yard"


def test_play_with_a_broken_story_exits_1_with_positions(tmp_path):
    root = write_story(tmp_path / "s", CHAPTER.replace("goto: b", "goto: bb"))
    run = riotgame("play", "--plain", "--story", str(root), stdin="1\n")
    assert run.returncode == 1
    assert "one.yaml:9:15: E120" in run.stderr and "Traceback" not in run.stderr


# -- check exit codes ------------------------------------------------------------------------


def test_check_clean_story_exits_0():
    run = riotgame("check", str(MINI), "--strict")
    assert run.returncode == 0, run.stdout
    assert "0 errors, 0 warnings" in run.stdout


def test_check_errors_exit_1(tmp_path):
    root = write_story(tmp_path / "s", "nodes:\n  a: {text: x, ending: nope}\n")
    run = riotgame("check", str(root))
    assert run.returncode == 1
    assert f"{root / 'one.yaml'}:2:24: E121" in run.stdout


def test_check_warnings_exit_0_or_1_with_strict(tmp_path):
    root = write_story(tmp_path / "s", CHAPTER + "  island: {text: x, ending: done}\n")
    assert riotgame("check", str(root)).returncode == 0
    strict = riotgame("check", str(root), "--strict")
    assert strict.returncode == 1 and "W200" in strict.stdout


def test_check_json_format(tmp_path):
    root = write_story(tmp_path / "s", CHAPTER + "  island: {text: x, ending: done}\n")
    report = json.loads(riotgame("check", str(root), "--format", "json").stdout)
    assert [(p["code"], p["line"], p["col"]) for p in report["problems"]] == [("W200", 13, 3)]
    assert report["summary"]["warnings"] == 1


def test_check_missing_directory_exits_1(tmp_path):
    run = riotgame("check", str(tmp_path / "nowhere"))
    assert run.returncode == 1 and "E101" in run.stdout


@pytest.mark.parametrize(
    "args",
    [["check", "--bogus"], ["frobnicate"], ["check", "--format", "xml"], ["play", "--seed", "x"]],
)
def test_bad_usage_exits_2(args):
    run = riotgame(*args)
    assert run.returncode == 2 and "usage:" in run.stderr


def test_riotgame_check_does_not_import_textual(tmp_path):
    code = (
        "import sys\nfrom riotgame.cli import main\n"
        f"code = main(['check', {str(MINI)!r}])\n"
        "print('textual' in sys.modules, code)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.strip().splitlines()[-1] == "False 0", run.stderr
