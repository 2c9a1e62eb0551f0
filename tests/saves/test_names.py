"""Slot names from the player never leave the saves directory."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riotgame.engine.saves.store import SaveNameError, SaveStore, slot_file_name, slugify


@pytest.mark.parametrize(
    "name, file",
    [
        ("Before the Yard!", "before-the-yard.yaml"),
        ("  Día 2: la celda  ", "dia-2-la-celda.yaml"),
        ("run_2", "run_2.yaml"),
    ],
)
def test_names_become_readable_slugs(name, file):
    assert slot_file_name(name) == file


@pytest.mark.parametrize(
    "name",
    [
        "../escape",
        "a/b",
        "a\\b",
        "/etc/passwd",
        "..",
        "...",
        "a..b",
        "",
        "   ",
        "CON",
        "nul",
        "com1",
        "LPT9",
        "quicksave",
        "Autosave-123",
        "autosave",
        "tab\tname",
    ],
)
def test_dangerous_or_reserved_names_are_refused(name):
    with pytest.raises(SaveNameError):
        slot_file_name(name)


def test_names_without_latin_letters_still_get_distinct_files():
    assert slot_file_name("救援") != slot_file_name("逃跑")
    assert slot_file_name("救援").endswith(".yaml")


@given(st.text(max_size=80))
def test_any_name_is_refused_or_stays_inside_the_directory(tmp_path_factory, name):
    store = SaveStore("/srv/saves")
    try:
        path = store.slot_path(name)
    except SaveNameError:
        return
    assert path.parent == store.directory
    assert not path.name.startswith(".")
    assert path.name.endswith(".yaml") and "/" not in path.name and "\\" not in path.name


def test_slugify_keeps_it_short():
    assert len(slugify("x" * 500)) <= 60
