"""Playing the shipped story in Spanish: no app English on screen, and saves that do not
care which language they were played in."""

from __future__ import annotations

import io
import re
from pathlib import Path

import polib
import pytest

from riotgame.cli import main
from riotgame.engine import Machine, load_story
from riotgame.l10n import app
from tests.support.app_words import app_strings, english_fragments

REPO = Path(__file__).resolve().parents[2]
STORY = REPO / "story"
SOURCES = REPO / "src" / "riotgame"
APP_CATALOGUE = SOURCES / "locales" / "es.po"


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    app.use("en")


def test_every_app_string_has_a_spanish_translation():
    po = polib.pofile(str(APP_CATALOGUE))
    done = {e.msgid: e.msgstr for e in po if e.msgstr and "fuzzy" not in e.flags}
    strings = app_strings()
    assert len(strings) > 20
    assert {s: where for s, where in strings.items() if s not in done} == {}
    # the same placeholders, and Spanish punctuation where a question or exclamation is
    for source, translation in done.items():
        assert sorted(re.findall(r"\{\w+\}", source)) == sorted(re.findall(r"\{\w+\}", translation))
        assert translation.count("?") == translation.count("¿")
        assert translation.count("!") == translation.count("¡")


def play_spanish(monkeypatch, capsys, tmp_path, answers: str) -> str:
    monkeypatch.setenv("RIOTGAME_DATA", str(tmp_path / "data"))
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    argv = ["play", "--plain", "--lang", "es", "--seed", "3", "--story", str(STORY)]
    code = main([*argv, "--saves-dir", str(tmp_path / "saves")])
    out = capsys.readouterr()
    assert code == 0
    return out.out + out.err


def first_open_answers(seed: int) -> tuple[str, str]:
    """The numbers typed by a player who always takes the first open choice, and the id of
    the ending that run reaches (a closed choice is shown, so it is not always 1)."""
    story, _ = load_story(STORY)
    machine = Machine(story)
    state, _ = machine.start(seed)
    answers = []
    while not machine.ending(state):
        views = machine.choices(state)
        number = next(n for n, view in enumerate(views, 1) if view.enabled)
        answers.append(f"{number}\n")
        state, _ = machine.choose(state, views[number - 1].id)
    return "".join(answers), machine.ending(state) or ""


def test_a_scripted_spanish_run_reaches_an_ending_with_no_app_english(
    monkeypatch, capsys, tmp_path
):
    answers, ending = first_open_answers(3)
    transcript = play_spanish(monkeypatch, capsys, tmp_path, answers)
    assert ending == "raid" and "\nFinal: Atrapado en el operativo." in transcript
    assert "Capítulo 1: Cambio de planes" in transcript
    assert "Humanidad: sube a 75." in transcript
    left = sorted(p for p in english_fragments() if p in transcript)
    assert left == []
    # the story's own labels are in Spanish too, where they are translated
    assert "Suspicion" not in transcript and "Chapter " not in transcript


def test_a_run_played_in_spanish_replays_and_continues_in_english(monkeypatch, capsys, tmp_path):
    play_spanish(monkeypatch, capsys, tmp_path, "1\n1\n1\n")
    (save,) = (tmp_path / "saves").glob("autosave-*.yaml")
    code = main(["replay", str(save), "--story", str(STORY)])
    out = capsys.readouterr().out
    assert code == 0 and "same state as the save after 3 steps" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    argv = ["play", "--plain", "--continue", "--lang", "en", "--story", str(STORY)]
    assert main([*argv, "--saves-dir", str(tmp_path / "saves")]) == 0
    out = capsys.readouterr()
    assert "Continuing the run saved in" in out.err
    assert "You stop here." in out.out


def test_a_save_that_cannot_be_used_is_said_in_spanish_with_its_place(
    monkeypatch, capsys, tmp_path
):
    play_spanish(monkeypatch, capsys, tmp_path, "1\n1\n")
    (save,) = (tmp_path / "saves").glob("autosave-*.yaml")
    text = save.read_text(encoding="utf-8")
    damaged = re.sub(r"(?m)^  turn: \d+$", "  turn: many", text)  # a field of the wrong type
    assert damaged != text
    save.write_text(damaged, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    argv = ["play", "--plain", "--lang", "es", "--story", str(STORY)]
    argv += ["--saves-dir", str(tmp_path / "saves")]
    assert main([*argv, "--load", save.name]) == 1
    err = capsys.readouterr().err
    said, detail = err.strip().splitlines()[:2]
    line = next(n for n, row in enumerate(damaged.splitlines(), 1) if row == "  turn: many")
    assert said.startswith(f"Esta partida guardada está dañada en la línea {line} y no se")
    assert detail.startswith(f"{save}:{line}:") and " E302 " in detail
    assert main([*argv, "--load", "nadie"]) == 1
    err = capsys.readouterr().err
    assert "No hay ninguna partida guardada llamada «nadie»" in err and save.stem in err
