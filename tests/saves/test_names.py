"""Slot names from the player never leave the saves directory."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riotgame.engine.saves.format import SaveError, dump_save, save_of
from riotgame.engine.saves.reading import parse_save, read_save
from riotgame.engine.saves.store import (
    NoSuchSave,
    SaveNameError,
    SaveStore,
    slot_file_name,
    slugify,
)


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


# -- whatever the player names a slot, the game reads it back --------------------------------
TRICKY = [
    "08",
    "09",
    "0123456789",
    "-08",
    "+08",
    "1.0e5",
    ".5",
    "yes",
    "null",
    "~",
    "NULL",
    "True",
    "false",
    "007",
    "1e5",
    "0x1F",
    "😀",
    "🔒 run",
    "#1",
    "a: b",
    "'q'",
    '"dq"',
    "- item",
    "[x]",
    "{x}",
    "!tag",
    "&anchor",
    "*alias",
    "%",
    "@",
    "`",
    "x" * 500,
    "0" * 500,
    "9" * 5000,
]


def accepted(name: str) -> bool:
    try:
        slot_file_name(name)
    except SaveNameError:
        return False
    return True


@pytest.mark.parametrize("name", [n for n in TRICKY if accepted(n)])
def test_tricky_slot_names_round_trip_through_the_files(session, machine, store, name):
    path = store.write_slot(session, name)
    assert read_save(path).label == name
    [info] = [i for i in store.listing(machine.story, machine) if i.path == path]
    assert info.ok and info.label == name


@given(
    name=st.text(min_size=1, max_size=600).filter(accepted),
    title=st.text(max_size=200),
    chapter=st.text(max_size=200),
)
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_slot_name_and_any_title_is_written_so_the_reader_reads_it_back(
    session, tmp_path_factory, name, title, chapter
):
    """Writer and reader together: the label the player typed, and story and chapter titles
    (which authors write), come back exactly, whatever they look like to YAML."""
    store = SaveStore(tmp_path_factory.mktemp("slots"))
    save = replace(save_of(session, label=name.strip()), story_title=title, chapter_title=chapter)
    back = parse_save(dump_save(save))
    assert (back.label, back.story_title, back.chapter_title) == (name.strip(), title, chapter)
    path = store.write_slot(session, name)
    assert read_save(path).label == name.strip()


# -- a save is found by the name the player typed ----------------------------------------------
def test_a_slot_is_found_by_its_label_and_a_wrong_name_gets_a_sentence(session, machine, store):
    store.write_slot(session, "At the Gate")
    for typed in ("At the Gate", "at the gate", "at-the-gate", "at-the-gate.yaml"):
        assert store.load(typed, machine).save.label == "At the Gate", typed
    with pytest.raises(SaveError) as caught:  # NoSuchSave is a SaveError: callers say it
        store.load("nosuch", machine)
    assert str(caught.value) == (
        f'No save called "nosuch" in {store.directory}. Saves there: at-the-gate.'
    )
    assert isinstance(caught.value, NoSuchSave)


def test_no_saves_at_all_is_said_too(machine, tmp_path):
    with pytest.raises(NoSuchSave, match=r"There are no saves there yet\."):
        SaveStore(tmp_path / "empty").load("x", machine)
