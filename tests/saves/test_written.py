"""The quick reader of saves in the written shape (saves/written.py) and the full YAML reader
agree: on every save we write, on hand-edited ones, on damaged ones. The quick one reads
what we write, and gives way (None) on anything else, which the full reader then reads or
names the fault of at its line and column."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riotgame.engine.play.session import Step
from riotgame.engine.saves.format import KINDS, Save, SaveError, Snapshot, dump_save, save_of
from riotgame.engine.saves.reading import parse_save, parse_yaml_save
from riotgame.engine.saves.written import read_written

FIRST, REST = "ABCXYZabcxyz_", "ABCXYZabcxyz_0189"
IDS = st.builds("{}{}".format, st.sampled_from(FIRST), st.text(REST, max_size=10))
NAMES = IDS | st.builds("{}.{}".format, IDS, IDS)  # a stat or a flag: trust.boss
HASHES = st.text("0123456789abcdef", min_size=16, max_size=16)
NUMBERS = st.integers(-(2**63) + 1, 2**63 - 1) | st.integers(-5, 200)
# texts as players and authors write them, and texts with what YAML makes special
WORDS = st.text(st.sampled_from("abcxyzAZ019 _.,'()!-é日"), max_size=40)
TEXTS = WORDS | st.text(max_size=30) | st.sampled_from(["", "true", "null", "yes", "08", "1e5"])


@st.composite
def saves(draw, texts=TEXTS, numbers=NUMBERS) -> Save:
    """A Save of any shape the format allows (not of a story: the readers do not ask)."""
    steps = tuple(Step(i, draw(IDS), draw(IDS)) for i in range(draw(st.integers(0, 12))))
    turns = st.integers(0, 99) | st.integers(0, 10**18 - 1)  # a table's numbers: 18 digits
    visited = draw(st.dictionaries(IDS, st.tuples(turns, turns), min_size=1))
    offset = timedelta(minutes=draw(st.integers(-600, 600)))
    when = draw(st.datetimes(timezones=st.just(timezone(offset)))).replace(microsecond=0)
    snapshot = Snapshot(
        node=draw(IDS),
        turn=len(steps),
        stats=draw(st.dictionaries(NAMES, numbers, max_size=8)),
        flags=tuple(draw(st.lists(NAMES, max_size=40, unique=True))),
        visits={n: visits for n, (visits, _) in visited.items()},
        last={n: turn for n, (_, turn) in visited.items()},
        used=tuple(draw(st.lists(st.builds("{}/{}".format, IDS, IDS), max_size=5))),
        ending=draw(st.none() | IDS),
    )
    return Save(
        kind=draw(st.sampled_from(KINDS)),
        label=draw(texts),
        time=when,
        run=draw(texts),
        story_id=draw(IDS),
        story_title=draw(texts),
        fingerprint=draw(HASHES),
        chapter=draw(st.integers(0, 30)),
        chapter_title=draw(texts),
        seed=draw(numbers),
        steps=steps,
        node_hashes={n: draw(HASHES) for n in visited},
        snapshot=snapshot,
        story_version=draw(st.integers(0, 9)),
    )


def full(text: str) -> Save | SaveError:
    try:
        return parse_yaml_save(text)
    except SaveError as exc:
        return exc


def agree(text: str) -> Save | None:
    """What the quick reader reads of `text`, after checking that the full reader reads the
    very same (dicts in the same order); None when it gives way."""
    quick = read_written(text)
    if quick is not None:
        assert repr(quick) == repr(full(text))
    return quick


def test_a_written_save_is_read_by_the_quick_reader_as_the_full_reader_reads_it(session):
    text = dump_save(save_of(session, label="Chapter 1: it's 'late', no?", run="r1"))
    quick = agree(text)
    assert quick is not None and quick.label == "Chapter 1: it's 'late', no?"
    assert parse_save(text) == quick


@pytest.mark.parametrize(
    "old, new",
    [
        ("label: Good\n", "label: Good  # renamed\n"),  # a comment added
        ("label: Good\n", 'label: "Good"\n'),  # double quotes
        ("kind: slot\nlabel: Good\n", "label: Good\nkind: slot\n"),  # keys moved
        ("  turn: 5\n", "  turn:   5\n"),  # spaces
        ("\n", "\r\n"),  # Windows line ends
        ("rng: {seed: 7, position: 5}", "rng:\n  seed: 7\n  position: 5"),  # block style
        ("\n  1 s_yard on\n", "\n  01 s_yard on\n"),  # a turn written 01
        ("  ending: null\n", "  ending: ~\n"),
    ],
)
def test_a_hand_edited_save_still_reads_through_the_full_reader(session, old, new):
    text = dump_save(save_of(session, label="Good", run="r1"))
    assert old in text
    edited = text.replace(old, new)
    assert read_written(edited) is None
    assert parse_save(edited) == parse_save(text)


@pytest.mark.parametrize(
    "old, new, where",
    [
        ("  2 s_yard dice\n", "  7 s_yard dice\n", "step 3 is at turn 7"),
        ("  turn: 5\n", "  turn: 4\n", "the run has 5 steps"),
        ("time: '", "time: 'yesterday ", "is not a date and time"),
        ("kind: slot", "kind: slit", "kind must be"),
        ("  ending: null\n", "  ending: true\n", '"ending" in snapshot must be text'),
        ("  flags: [", "  flags: [null, ", '"flags" must list names'),
        ("format: 1\nmin_format: 1", "format: 3\nmin_format: 2", "newer"),
    ],
)
def test_a_fault_in_the_written_shape_is_named_by_the_full_reader(session, old, new, where):
    text = dump_save(save_of(session, label="Good", run="r1"))
    assert old in text
    damaged = text.replace(old, new, 1)
    assert read_written(damaged) is None
    with pytest.raises(SaveError) as info:
        parse_save(damaged, "s.yaml")
    assert str(info.value) == str(full_error(damaged)) and where in str(info.value)
    assert str(info.value).startswith("s.yaml:")


def full_error(text: str) -> SaveError:
    with pytest.raises(SaveError) as info:
        parse_yaml_save(text, "s.yaml")
    return info.value


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(save=saves())
def test_the_readers_agree_on_any_save_we_write(save):
    agree(dump_save(save))


PLAIN = WORDS.filter(lambda t: not t or (t[0].isalpha() and t.strip() == t))


@settings(max_examples=100, deadline=None)
@given(save=saves(texts=PLAIN, numbers=st.integers(-(10**18) + 1, 10**18 - 1)))
def test_the_quick_reader_reads_every_save_of_plain_texts(save):
    text = dump_save(save)
    quick = agree(text)
    if max(map(len, text.splitlines())) <= 100:  # longer lines: the writer wrapped a text
        assert quick is not None, text


MARKS = st.sampled_from([*" \n'\"#:,-{}[]|>0129az_.~!&*%@`\t\r\\é\x85\u2028\ufeff", "''"])


@st.composite
def mutated(draw) -> str:
    """A written save, damaged: characters put in, taken out or changed, lines doubled or
    swapped."""
    text = dump_save(draw(saves(texts=WORDS)))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        how = draw(st.sampled_from(["put", "cut", "change", "double", "swap"]))
        if how == "put":
            text = text[:at] + draw(MARKS) + text[at:]
        elif how == "cut":
            text = text[:at] + text[at + cut :]
        elif how == "change":
            text = text[:at] + draw(MARKS) + text[at + 1 :]
        else:
            lines = text.split("\n")
            i, j = at % len(lines), draw(st.integers(0, len(lines) - 1))
            if how == "double":
                lines.insert(i, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated())
def test_the_readers_agree_on_damaged_saves(text):
    agree(text)


def test_the_quick_reader_reads_naive_times_as_utc(session):
    save = save_of(session, label="Good", run="r1")
    text = dump_save(replace(save, time=datetime(2026, 1, 2, 3, 4, 5)))
    quick = agree(text)
    assert quick is not None and quick.time == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
