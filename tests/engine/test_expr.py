"""The condition and effect language: values, types, chance() and its faults."""

from __future__ import annotations

import pytest

from riotgame.engine.play.state import Scratch
from riotgame.engine.story.expr import ExprError, Scope, compile_condition, compile_effect, roll

SCOPE = Scope(
    {"suspicion": 0, "trust.boss": 1},
    {"disguised": 0, "lied": 1},
    {"suspicion": (0, 100), "trust.boss": (-10, 50)},
)


def scratch(suspicion=10, trust=5, flags=0, visits=None, last=None, turn=3, seed=7):
    return Scratch("a", [suspicion, trust], flags, visits or {}, last or {}, set(), turn, seed)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("suspicion >= 10", True),
        ("suspicion > 10", False),
        ("0 < suspicion < 11", True),
        ("0 < suspicion < 10", False),
        ("trust.boss + 5 == suspicion", True),
        ("-trust.boss == -5", True),
        ("not flags.disguised", True),
        ("flags.lied or suspicion == 10 and trust.boss == 5", True),
        ("(flags.lied or suspicion == 10) and trust.boss == 4", False),
        ("true and not false", True),
        ("flags.disguised == false", True),
        ("min(suspicion, trust.boss) == 5 and max(suspicion, 99) == 99", True),
        ("visited(\"gate\") == 2 and visited('nowhere') == 0", True),
        ('turns_since("gate") == 2 and turns_since("nowhere") == -1', True),
        ("  suspicion == 10  ", True),
    ],
)
def test_conditions(source, expected):
    c = compile_condition(source, SCOPE)
    assert c.fn(scratch(visits={"gate": 2}, last={"gate": 1})) is expected


def test_reads_and_visits_are_recorded():
    c = compile_condition('suspicion > 1 and flags.lied and visited("yard") > 0', SCOPE)
    assert c.reads == {"suspicion", "flags.lied"}
    assert c.visits == {"yard"}
    assert not c.uses_chance


@pytest.mark.parametrize(
    "source, before, after",
    [
        ("suspicion += 5", [10, 5], [15, 5]),
        ("suspicion -= 15", [10, 5], [0, 5]),  # clamped at min
        ("suspicion = 99", [10, 5], [99, 5]),
        ("trust.boss += suspicion", [45, 10], [45, 50]),  # clamped at max
        ("trust.boss -= suspicion + 100", [10, 5], [10, -10]),
        ("suspicion = trust.boss - 20", [10, 5], [0, 5]),
    ],
)
def test_stat_effects_clamp(source, before, after):
    s = scratch(*before)
    compile_effect(source, SCOPE).fn(s)
    assert s.stats == after


def test_flag_effects():
    s = scratch(flags=0b10)
    compile_effect("flags.disguised = true", SCOPE).fn(s)
    assert s.flags == 0b11
    compile_effect("flags.lied = false", SCOPE).fn(s)
    assert s.flags == 0b01
    compile_effect("flags.lied = suspicion > 5", SCOPE).fn(s)
    assert s.flags == 0b11
    compile_effect("flags.disguised = not flags.disguised", SCOPE).fn(s)
    assert s.flags == 0b10


def test_effect_reports_what_it_writes():
    assert compile_effect("flags.lied = true", SCOPE).writes == "flags.lied"
    assert compile_effect("trust.boss -= 1", SCOPE).writes == "trust.boss"


def test_chance_is_deterministic_per_seed_turn_and_site():
    c = compile_condition("chance(50)", SCOPE, "node/choice")
    rolls = [c.fn(scratch(seed=seed, turn=turn)) for seed in range(20) for turn in range(5)]
    again = [c.fn(scratch(seed=seed, turn=turn)) for seed in range(20) for turn in range(5)]
    assert rolls == again
    assert True in rolls and False in rolls
    assert c.uses_chance
    assert not any(compile_condition("chance(0)", SCOPE).fn(scratch(seed=s)) for s in range(50))
    assert all(compile_condition("chance(100)", SCOPE).fn(scratch(seed=s)) for s in range(50))


def test_roll_spreads_over_0_to_99():
    values = [roll(seed, 0, 1) for seed in range(2000)]
    assert min(values) == 0 and max(values) == 99
    assert 800 < sum(v < 50 for v in values) < 1200  # roughly fair, not a timing check


@pytest.mark.parametrize(
    "source, code, offset",
    [
        ("", "E130", 0),
        ("   ", "E130", 0),
        ("suspicion >=", "E130", 12),
        ("suspicion > 1\nand true", "E130", 0),
        ("suspcion > 1", "E131", 0),
        ("flags.disguise", "E131", 0),
        ("disguised", "E131", 0),
        ("suspicion > true", "E132", 12),
        ("flags.lied < true", "E132", 0),
        ("chance(true)", "E132", 7),
        ("suspicion * 2 > 1", "E133", 0),
        ("suspicion in (1, 2)", "E133", 0),
        ("suspicion if true else 1", "E133", 0),
        ("'text' == 'text'", "E133", 0),
        ("suspicion > 1000001", "E134", 12),
        ("suspicion > -1000001", "E134", 13),
        ("open('x')", "E137", 0),
        ("min(1)", "E137", 0),
        ("visited(gate) > 0", "E137", 0),
        ("chance(p=5)", "E137", 0),
        ("x" * 1001, "E133", 0),
    ],
)
def test_condition_faults(source, code, offset):
    with pytest.raises(ExprError) as info:
        compile_condition(source, SCOPE)
    assert (info.value.code, info.value.offset) == (code, offset)


@pytest.mark.parametrize(
    "source, code, offset",
    [
        ("suspicion", "E130", 0),
        ("suspicion += 1; trust.boss += 1", "E130", 0),
        ("a = b = 1", "E130", 0),
        ("suspicion *= 2", "E133", 0),
        ("del suspicion", "E133", 0),
        ("flags.lied += 1", "E132", 0),
        ("flags.lied = 1", "E132", 13),
        ("suspicion = true", "E132", 12),
        ("courage += 1", "E131", 0),
        ("flags.brave = true", "E131", 0),
        ("suspicion = 101", "E135", 12),
        ("suspicion = -1", "E135", 12),
        ("suspicion += 101", "E135", 13),
        ("trust.boss -= 61", "E135", 14),
    ],
)
def test_effect_faults(source, code, offset):
    with pytest.raises(ExprError) as info:
        compile_effect(source, SCOPE)
    assert (info.value.code, info.value.offset) == (code, offset)


def test_leading_spaces_shift_the_offset():
    with pytest.raises(ExprError) as info:
        compile_condition("   suspcion > 1", SCOPE)
    assert info.value.offset == 3


def test_offsets_count_characters_not_bytes():
    with pytest.raises(ExprError) as info:
        compile_condition('visited("ñó") == 0 and nope', SCOPE)
    assert (info.value.code, info.value.offset) == ("E131", 23)
