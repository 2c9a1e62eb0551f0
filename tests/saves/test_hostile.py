"""Hostile saves in the folder: a 5,000-digit number, a FIFO, a link to /dev/zero, a
directory under a save's name. Each is one located problem; the title screen, Continue,
--load and replay --all still work for every other save."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from riotgame.commands.replay import replay_directory
from riotgame.engine.saves.format import SaveError, dump_save, save_of
from riotgame.engine.saves.reading import read_save
from tests.support.saves import STORY

HUGE = "9" * 5000


def good_text(session) -> str:
    return dump_save(save_of(session, kind="autosave", label="Autosave", run="good"))


def poisons(text: str) -> dict[str, tuple[str, str]]:
    """name -> (file text, where the problem must point: "line:col")."""
    lines = text.splitlines()
    steps = next(i for i, line in enumerate(lines) if line.startswith("steps:")) + 2
    visited = next(i for i, line in enumerate(lines) if line.strip().startswith("visited:")) + 2
    return {
        "format": (text.replace("format: 1\n", f"format: {HUGE}\n", 1), "2:9"),
        "seed": (text.replace("seed: 7", f"seed: {HUGE}", 1), None),
        "step_turn": (text.replace("\n  0 s_", f"\n  {HUGE} s_", 1), f"{steps}:3"),
        "visit_count": (
            text.replace(lines[visited - 1], lines[visited - 1].replace(" 1 ", f" {HUGE} ", 1)),
            f"{visited}:",
        ),
        "big_but_convertible": (text.replace("seed: 7", "seed: " + "9" * 40, 1), None),
    }


@pytest.mark.parametrize(
    "case", ["format", "seed", "step_turn", "visit_count", "big_but_convertible"]
)
def test_a_huge_number_is_one_located_problem(session, tmp_path, case):
    text, where = poisons(good_text(session))[case]
    path = tmp_path / "poison.yaml"
    path.write_text(text)
    with pytest.raises(SaveError) as info:
        read_save(path)
    message = str(info.value)
    assert message.startswith(f"{path}:") and len(message) < 300
    if where is not None:
        assert f"{path}:{where}" in message


def fill_folder(folder: Path, session) -> None:
    """One good autosave and every kind of poison beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    text = good_text(session)
    (folder / "autosave-good.yaml").write_text(text)
    for name, (poison, _) in poisons(text).items():
        (folder / f"poison-{name}.yaml").write_text(poison)
    (folder / "a-directory.yaml").mkdir()
    if sys.platform != "win32":
        os.mkfifo(folder / "fifo.yaml")
        (folder / "zero.yaml").symlink_to("/dev/zero")


def in_time(function, *args):
    """Run `function` in a thread; a hang (a read of a FIFO) fails instead of stalling."""
    out: list = []
    worker = threading.Thread(target=lambda: out.append(function(*args)), daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "it hung"
    return out[0] if out else None


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")
@pytest.mark.parametrize("name", ["fifo.yaml", "zero.yaml", "a-directory.yaml"])
def test_what_is_no_regular_file_is_refused_without_reading_it(session, tmp_path, name):
    fill_folder(tmp_path, session)

    def attempt() -> str:
        try:
            read_save(tmp_path / name)
        except SaveError as error:
            return str(error)
        return "read"

    message = in_time(attempt)
    assert message.startswith(f"{tmp_path / name}:0:0: E300") and "cannot be a save" in message


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")
def test_the_listing_and_continue_go_on_past_every_poison(session, machine, store):
    fill_folder(store.directory, session)
    infos = in_time(store.listing, machine.story, machine)
    good = [i for i in infos if i.ok]
    assert [i.name for i in good] == ["autosave-good"]
    bad = {i.name: i.problem for i in infos if not i.ok}
    assert len(bad) == len(list(store.directory.iterdir())) - 1  # every other entry is said
    assert all(problem.startswith(str(store.directory)) for problem in bad.values())
    latest = in_time(store.latest, machine.story, machine)
    assert latest is not None and latest.name == "autosave-good"
    lines, all_same = in_time(replay_directory, store.directory, machine)
    assert not all_same and lines[-1].startswith(f"{len(infos)} saves: 1 same, 0 diverged")


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")
def test_the_plain_game_continues_and_loads_beside_poisoned_saves(
    session, store, capsys, monkeypatch
):
    import io

    from riotgame.cli import main

    fill_folder(store.directory, session)
    saves = ["--story", str(STORY), "--saves-dir", str(store.directory)]
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert in_time(main, ["play", "--plain", "--continue", *saves]) == 0
    assert "Traceback" not in capsys.readouterr().err
    for name in ("poison-format", "fifo", "zero", "a-directory"):
        assert in_time(main, ["play", "--plain", "--load", name, *saves]) == 1
        err = capsys.readouterr().err
        assert f"{name}.yaml:" in err and "Traceback" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")
async def test_the_title_screen_and_continue_beside_poisoned_saves(tmp_path):
    from textual.widgets import OptionList

    from riotgame.ui.launch import make_app
    from riotgame.ui.screens.game import GameScreen
    from riotgame.ui.screens.title import TitleScreen
    from tests.support.ui import fixture_story, start_game

    folder = tmp_path / "saves"
    options = dict(seed=1, data_dir=tmp_path / "data", saves_dir=folder, flash_seconds=None)
    first = make_app(fixture_story("mini"), **options)
    async with first.run_test() as pilot:
        await start_game(first, pilot)
        await pilot.press("1")
        first.wait_for_saves(60)
    [autosave] = folder.glob("autosave-*.yaml")
    text = autosave.read_text()
    (folder / "poison.yaml").write_text(text.replace("format: 1\n", f"format: {HUGE}\n", 1))
    (folder / "a-directory.yaml").mkdir()
    os.mkfifo(folder / "fifo.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")

    again = make_app(fixture_story("mini"), **options)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert isinstance(again.screen, TitleScreen)
        menu = again.screen.query_one("#menu", OptionList)
        assert not menu.get_option("continue").disabled
        menu.highlighted = menu.get_option_index("continue")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, GameScreen)
        assert [s.choice for s in again.session.steps] == ["disguise"]
