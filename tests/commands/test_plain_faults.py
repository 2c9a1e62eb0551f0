"""The plain player cannot be broken from its prompt, and every way out keeps the run:
hostile answers (hypothesis), end of input, ctrl+C, a closed stdin; and a crash in any
command is one line, a crash log and exit 70."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from riotgame.cli import main
from riotgame.commands.crash import CRASHED
from riotgame.engine import Machine, load_story
from riotgame.engine.play.session import Session
from riotgame.engine.saves.reading import read_save
from riotgame.plain import PlainPlayer, choice_number, wrap
from tests.support.stories import MINI

STORY, _ = load_story(MINI)
assert STORY is not None

HOSTILE = [
    "9" * 5000,
    "²",
    "①",
    "\x00\x01\x1b[2J\x7f",
    "-1",
    "0",
    "1.0",
    "0x1",
    "+1",
    "\ufffd",
    "١",  # an Arabic-Indic one: a real digit, choice 1
    "u",
    "s",
]


def play(text: str) -> tuple[Session, str]:
    session = Session(Machine(STORY), 1)
    out = io.StringIO()
    PlainPlayer(session, out, io.StringIO(text)).run()
    return session, out.getvalue()


@given(st.lists(st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE)), max_size=12))
def test_no_answer_breaks_the_prompt(answers):
    _session, out = play("".join(a.replace("\n", " ") + "\n" for a in answers))
    assert out.rstrip().endswith(
        ("End of input: the run stops here.", "You stop here.", "The end.")
    )
    assert "\x1b" not in out and "\x00" not in out  # typed control characters are not echoed


@given(st.text())
def test_a_choice_number_is_a_short_decimal_in_range(answer):
    number = choice_number(answer, 3)
    assert number is None or (1 <= number <= 3 and answer.isdecimal())


def test_unicode_digits_that_are_not_decimals_are_refused():
    assert [choice_number(a, 3) for a in ("²", "①", "9" * 5000, "١", "２")] == [
        None, None, None, 1, 2
    ]  # fmt: skip


def test_a_line_longer_than_any_answer_is_skipped_whole():
    session, out = play("1" * 100_000 + "\n1\n")
    assert out.count("Type a number from 1 to 2") == 1
    assert [s.choice for s in session.steps] == ["disguise"]


def test_undo_goes_back_one_choice_and_says_so():
    session, out = play("1\nu\nu\n2\n")
    assert "You take back your last choice." in out
    assert "Nothing to undo: this is the start of the run." in out
    assert [s.choice for s in session.steps] == ["shout"]


def test_text_wraps_at_word_boundaries_with_hanging_choices():
    text = wrap("1. Tell her the truth. It could take the whole night to say it.", 24)
    assert text.split("\n") == [
        "1. Tell her the truth.",
        "   It could take the",
        "   whole night to say",
        "   it.",
    ]


# -- the ways out, through a real process --------------------------------------------------
def start(saves: Path, *extra: str) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "riotgame", "play", "--plain", "--seed", "1"]
    argv += ["--story", str(MINI), "--saves-dir", str(saves), *extra]
    return subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # ctrl+C as on a terminal, even when the tests run in the background (a shell
        # starts background jobs with SIGINT ignored, and the child would inherit that)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def test_end_of_input_saves_and_says_how_to_continue(tmp_path):
    game = start(tmp_path)
    out, err = game.communicate("1\n", timeout=60)
    assert game.returncode == 0, err
    (autosave,) = tmp_path.glob("autosave-*.yaml")
    assert [s.choice for s in read_save(autosave).steps] == ["disguise"]
    assert out.rstrip().endswith("End of input: the run stops here.")
    assert f"Your run is saved in {autosave}." in err
    assert f"--continue --story {MINI} --saves-dir {tmp_path}" in err
    again = start(tmp_path, "--continue")
    out, err = again.communicate("2\n", timeout=60)
    assert again.returncode == 0 and f"Continuing the run saved in {autosave}." in err
    assert [s.choice for s in read_save(autosave).steps] == ["disguise", "lie"]


def test_ctrl_c_at_the_prompt_saves_and_exits_130(tmp_path):
    game = start(tmp_path)
    assert game.stdin is not None
    game.stdin.write("1\n")
    game.stdin.flush()
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("autosave-*.yaml")) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait for the first choice's autosave: the game is at the prompt
    time.sleep(0.2)
    game.send_signal(signal.SIGINT)
    out, err = game.communicate(timeout=60)
    assert game.returncode == 130
    assert "Stopped (ctrl+C)." in out and "Your run is saved in" in err
    assert "Traceback" not in err


def test_a_closed_stdin_is_an_empty_one(tmp_path):
    argv = [sys.executable, "-m", "riotgame", "play", "--plain", "--story", str(MINI)]
    run = subprocess.run(
        [*argv, "--saves-dir", str(tmp_path)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(0),
    )
    assert run.returncode == 0, run.stderr
    assert "End of input" in run.stdout and "Traceback" not in run.stderr


def test_an_unexpected_error_is_one_line_and_a_crash_log(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("RIOTGAME_DATA", str(tmp_path))

    def broken(options):
        raise ValueError("Exceeds the limit (4300 digits)")

    monkeypatch.setattr("riotgame.commands.check.run_check", broken)
    assert main(["check", "--story", str(MINI)]) == CRASHED
    err = capsys.readouterr().err
    (log,) = (tmp_path / "crashes").glob("crash-*.log")
    assert err == (
        "riotgame: unexpected error (ValueError: Exceeds the limit (4300 digits)); "
        f"the details are in {log}. Your saves are untouched.\n"
    )
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")
    assert "command check" in log.read_text(encoding="utf-8")
