"""`riotgame replay` and the plain player's autosave, through the command line."""

import io
import sys

from riotgame.cli import main
from riotgame.engine.saves.reading import read_save
from tests.support.saves import STORY, edit


def test_replay_of_an_unchanged_story_says_so(session, store, capsys):
    path = store.write_slot(session, "s")
    code = main(["replay", str(path), "--story", str(STORY)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith(f"{path}: same state as the save after 5 steps (s_yard)")


def test_replay_finds_a_save_by_name_in_the_saves_dir(session, store, capsys):
    store.write_slot(session, "my run")
    code = main(["replay", "my-run", "--story", str(STORY), "--saves-dir", str(store.directory)])
    assert code == 0 and "same state" in capsys.readouterr().out


def test_replay_on_an_edited_story_reports_the_divergence(session, store, story_copy, capsys):
    path = store.write_slot(session, "s")
    edit(story_copy, "id: dice", "id: play_dice")
    edit(story_copy, "The yard is loud.", "The yard roars.")
    code = main(["replay", str(path), "--story", str(story_copy)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0] == (
        f'{path}: diverges at step 3 (turn 2, node s_yard, choice "dice"): '
        "the choice no longer exists"
    )
    assert out[1] == "  visited nodes changed since the save: s_yard"


def test_replay_plain_prints_the_run_as_a_transcript(session, store, capsys):
    session.choose("leave")
    path = store.write_slot(session, "s")
    assert main(["replay", "--plain", str(path), "--story", str(STORY)]) == 0
    out = capsys.readouterr().out
    assert "You chose: Put on the shirt" in out and "Suspicion falls to 5." in out
    assert out.count("You chose:") == 6
    assert "Ending: Free. You walk out." in out
    assert out.rstrip().splitlines()[-1].endswith("(s_free, ending free)")


def test_replay_all_is_a_regression_suite(session, machine, store, story_copy, capsys):
    store.write_slot(session, "dice run")
    from riotgame.engine.play.session import Session

    short = Session(machine, 3)
    short.choose("yes")
    short.choose("leave")
    store.write_slot(short, "walk out")
    assert main(["replay", "--all", str(store.directory), "--story", str(STORY)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "same      dice-run.yaml: 5 steps",
        "same      walk-out.yaml: 2 steps, ending free",
        "2 saves: 2 same, 0 diverged, 0 unreadable",
    ]

    edit(story_copy, "id: dice", "id: play_dice")
    assert main(["replay", "--all", str(store.directory), "--story", str(story_copy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("DIVERGED  dice-run.yaml: diverges at step 3")
    assert lines[-1] == "2 saves: 1 same, 1 diverged, 0 unreadable"


def test_replay_all_counts_bad_files_as_failures(store, capsys):
    store.directory.mkdir()
    (store.directory / "junk.yaml").write_text("format: [")
    assert main(["replay", "--all", str(store.directory), "--story", str(STORY)]) == 1
    out = capsys.readouterr().out
    assert "BAD       " in out and "junk.yaml:" in out and "0 diverged, 1 unreadable" in out


def test_replay_of_a_bad_file_is_one_line_on_stderr(store, capsys):
    store.directory.mkdir()
    path = store.directory / "junk.yaml"
    path.write_text("format: 1\n")
    assert main(["replay", str(path), "--story", str(STORY)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"{path}:")


def test_replay_needs_one_save_or_all(capsys):
    assert main(["replay", "--story", str(STORY)]) == 2
    assert "give one SAVE, or --all DIR" in capsys.readouterr().err


def play_plain(args, answers, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    return main(["play", "--plain", "--story", str(STORY), *args])


def test_plain_play_autosaves_after_every_choice_and_continue_resumes(store, monkeypatch, capsys):
    saves = ["--saves-dir", str(store.directory)]
    assert play_plain(["--seed", "5", *saves], "1\n1\n", monkeypatch) == 0
    [path] = store.files()
    assert path.name.startswith("autosave-")
    save = read_save(path)
    assert [s.choice for s in save.steps] == ["yes", "on"] and save.seed == 5

    assert play_plain(["--continue", *saves], "3\n", monkeypatch) == 0  # Walk to the gate
    assert "Ending: Free" in capsys.readouterr().out
    [path] = store.files()  # the same run's autosave, rolled on
    assert [s.choice for s in read_save(path).steps] == ["yes", "on", "leave"]


def test_plain_play_load_of_a_bad_save_fails_cleanly(store, monkeypatch, capsys):
    store.directory.mkdir()
    (store.directory / "bad.yaml").write_text("nonsense")
    assert play_plain(["--load", "bad", "--saves-dir", str(store.directory)], "", monkeypatch) == 1
    assert "bad.yaml" in capsys.readouterr().err


def test_replay_all_of_an_empty_directory_fails(tmp_path, capsys):
    assert main(["replay", "--all", str(tmp_path), "--story", str(STORY)]) == 1
    assert "0 saves" in capsys.readouterr().out
