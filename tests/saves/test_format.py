"""The save file: what it holds, and that it reads back to the same run."""

import yaml

from riotgame.engine.saves.format import FORMAT, dump_save, save_of
from riotgame.engine.saves.reading import parse_save, read_save


def test_a_save_reads_back_equal(session, store):
    save = save_of(session, kind="slot", label="Before the dice", run="r1")
    path = store.directory / "x.yaml"
    store.directory.mkdir()
    path.write_text(dump_save(save))
    assert read_save(path) == save


def test_the_file_holds_the_documented_fields(session):
    data = yaml.safe_load(dump_save(save_of(session, label="Here", run="r1")))
    assert data["format"] == FORMAT and data["min_format"] <= FORMAT
    assert data["story"]["id"] == "savetest"
    assert data["story"]["fingerprint"] == session.story.fingerprint
    assert data["rng"] == {"seed": 7, "position": 5}
    assert data["steps"].splitlines() == [
        "0 s_gate yes",
        "1 s_yard on",
        "2 s_yard dice",
        "3 s_yard dice",
        "4 s_yard dice",
    ]
    snap = data["snapshot"]
    assert snap["node"] == "s_yard" and snap["turn"] == 5
    assert snap["stats"]["trust.boss"] == 15 and snap["stats"]["suspicion"] == 14
    assert "disguised" in snap["flags"]
    assert snap["used"] == ["s_yard/on"]
    hashes = {n: session.story.nodes[n].content_hash for n in ("s_gate", "s_yard")}
    assert snap["visited"].splitlines() == [
        f"s_gate 1 0 {hashes['s_gate']}",
        f"s_yard 5 5 {hashes['s_yard']}",
    ]
    assert data["label"] == "Here" and data["kind"] == "slot"


def test_ids_that_yaml_1_1_reads_as_booleans_stay_ids(session):
    save = parse_save(dump_save(save_of(session, run="r1")))
    assert [s.choice for s in save.steps][:2] == ["yes", "on"]


def test_a_save_with_no_steps_reads_back(machine):
    from riotgame.engine.play.session import Session

    save = save_of(Session(machine, 3), run="r")
    assert parse_save(dump_save(save)) == save


def test_the_seed_and_steps_are_enough_to_rebuild_the_state(session, machine):
    from riotgame.engine.saves.restore import restore

    save = parse_save(dump_save(save_of(session, run="r1")))
    loaded = restore(save, machine)
    assert loaded.session.state == session.state
    assert loaded.session.steps == session.steps
    assert loaded.session.states == session.states  # the whole history, for undo
