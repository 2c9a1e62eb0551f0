"""Bad save files: one line naming the file and the problem, the file left untouched, and
every other save still listed and loadable."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riotgame.engine.saves.format import SaveError, dump_save, save_of
from riotgame.engine.saves.reading import parse_save, read_save


def good_text(session):
    return dump_save(save_of(session, label="Good", run="r1"))


def corruptions(text):
    """(name, file bytes, expected code, words the message must contain)."""
    return [
        ("truncated", text[: len(text) // 2].encode(), None, None),
        ("empty", b"", "E107", "empty"),
        ("invalid_yaml", b"format: 1\nsteps: [1, 2\n", "E100", "YAML"),
        ("binary", bytes(range(256)), "E300", "UTF-8"),
        ("a_list", b"- 1\n- 2\n", "E302", "mapping"),
        ("wrong_type", text.replace("seed: 7", "seed: seven").encode(), "E302", '"seed"'),
        (
            "bool_stat",
            text.replace("suspicion: 14", "suspicion: true").encode(),
            "E302",
            '"suspicion" in stats must be a whole number',
        ),
        (
            "bad_step",
            text.replace("1 s_yard on\n", "1 s_yard\n").encode(),
            "E302",
            'line 2 of "steps" must be turn, node, choice',
        ),
        (
            "bad_id",
            text.replace("1 s_yard on\n", "1 ../etc on\n").encode(),
            "E302",
            'line 2 of "steps"',
        ),
        ("bad_visit", text.replace(" 5 5 ", " five 5 ").encode(), "E302", '"visited"'),
        (
            "newer",
            text.replace("format: 1\nmin_format: 1", "format: 3\nmin_format: 2").encode(),
            "E303",
            "newer",
        ),
        (
            "duplicate_key",
            text.replace("label: Good", "label: Good\nlabel: Bad").encode(),
            "E102",
            "duplicate",
        ),
        ("turn_mismatch", text.replace("turn: 5", "turn: 4").encode(), "E305", "steps"),
        (
            "step_turns",
            text.replace("2 s_yard dice", "7 s_yard dice").encode(),
            "E305",
            "step 3 is at turn 7",
        ),
        ("bad_time", text.replace("time: '", "time: 'yesterday ").encode(), "E302", "date"),
    ]


def test_each_kind_of_bad_file_gets_one_clear_line(session, tmp_path):
    for name, data, code, words in corruptions(good_text(session)):
        path = tmp_path / f"{name}.yaml"
        path.write_bytes(data)
        with pytest.raises(SaveError) as info:
            read_save(path)
        message = str(info.value)
        assert "\n" not in message, name
        assert message.startswith(str(path)), name
        if code:
            assert info.value.problem.code == code, (name, message)
        if words:
            assert words in message, (name, message)


def test_python_tags_construct_nothing(session, tmp_path):
    path = tmp_path / "tag.yaml"
    tagged = "label: !!python/object/apply:os.getcwd []"
    path.write_text(good_text(session).replace("label: Good", tagged))
    with pytest.raises(SaveError) as info:  # at most a list, which is no label
        read_save(path)
    assert info.value.problem.line == 5


@pytest.mark.parametrize(
    "old, new, code, words",
    [
        ("trust.boss: 15", "trust.boss: 50", "E305", "trust.boss"),  # snapshot vs its steps
        ("id: savetest", "id: cell211", "E304", "cell211"),  # another story
    ],
)
def test_files_that_read_but_do_not_fit_are_refused_on_load(
    session, machine, store, old, new, code, words
):
    store.directory.mkdir()
    path = store.directory / "bad.yaml"
    path.write_text(good_text(session).replace(old, new))
    with pytest.raises(SaveError) as info:
        store.load("bad", machine)
    assert info.value.problem.code == code
    assert words in str(info.value) and str(path) in str(info.value)


def test_bad_files_are_listed_with_their_problem_untouched_and_good_ones_still_load(
    session, machine, store
):
    text = good_text(session)
    store.write_slot(session, "Good one")
    store.directory.joinpath("other.yaml").write_text(text.replace("id: savetest", "id: x"))
    store.directory.joinpath("tampered.yaml").write_text(text.replace("turn: 5", "turn: 4"))
    for name, data, _, _ in corruptions(text):
        store.directory.joinpath(f"{name}.yaml").write_bytes(data)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in store.directory.iterdir()}

    listing = store.listing(machine.story, machine)

    good = [i for i in listing if i.ok]
    bad = [i for i in listing if not i.ok]
    assert [i.name for i in good] == ["good-one"]
    assert len(bad) == len(before) - 1
    for info in bad:
        assert info.problem.startswith(str(info.path)) and "\n" not in info.problem
    assert store.load("good-one", machine).session.state == session.state
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in store.directory.iterdir()}
    assert after == before


def test_an_unreadable_file_is_reported_not_raised(session, machine, store):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    store.write_slot(session, "locked").chmod(0)
    [info] = store.listing(machine.story, machine)
    assert "E300" in info.problem


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_damage_to_a_save_gives_a_save_or_a_save_error(session, data):
    """Cut, overwrite or insert characters anywhere: never a traceback."""
    text = good_text(session)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 20)))
    insert = data.draw(st.text(max_size=10))
    damaged = text[:start] + insert + text[end:]
    try:
        parse_save(damaged, "damaged.yaml")
    except SaveError as exc:
        assert str(exc).startswith("damaged.yaml:") and "\n" not in str(exc)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_save_error_not_a_traceback(text):
    with pytest.raises(SaveError):
        parse_save(text, "random.yaml")
