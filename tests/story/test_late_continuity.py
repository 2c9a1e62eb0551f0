"""Continuity in chapters 4-6: lines that must (or must not) appear on a given route.

Each test plays the shipped story with a scripted player: at the nodes it names it takes the
named choice (the first one available from its list); everywhere else it takes the choice
that leaves suspicion lowest, so the run survives to the scene under test."""

from __future__ import annotations

import random

from tests.support.scripted import play

# Chapter 3 choices that leave Carajo alive, free, and holding Juan's secret.
LIVING_CARAJO = {
    "c3_start": ["go_alone"],
    "c3_corridors": ["draught"],
    "c3_gap": ["back_away"],
    "c3_carajo_shadow": ["bargain"],
    "c3_carajo_bargain": ["offer_open"],
}


def test_the_ring_does_not_quote_a_lawyers_question_nobody_asked(machine):
    text, nodes, _ = play(
        machine,
        {
            "c4_chivo_news": ["yori_first"],
            "c4_yori_private": ["promise"],
            "c4_ring": ["refuse"],
            "c4_refuse": ["daughter"],
        },
        until="c4_mercy",
    )
    assert "c4_confession" in nodes and "c4_cross" not in nodes
    assert "How does he know to ask like that?" not in text


def test_stalling_carajo_gets_an_answer(machine):
    text, nodes, _state = play(
        machine, {**LIVING_CARAJO, "c4_carajo_threat": ["stall"]}, until="c4_hall"
    )
    assert "c4_carajo_threat" in nodes
    assert "I charge interest" in text


def test_the_colonel_does_not_replay_the_whole_wall_after_let_it_go(machine):
    text, nodes, _ = play(
        machine,
        {
            "c5_block": ["summons"],
            "c5_wall_call": ["go"],
            "c5_wall": ["proof", "agree"],
            "c5_wall_proof": ["drop_it"],
        },
        until="c5_raid_eve",
    )
    assert nodes.count("c5_wall") == 2 and "c5_wall_proof" in nodes
    assert text.count("You ask about Helena before he can say anything else.") == 1
    assert "Are we finished being unreasonable?" in text


def test_no_praise_from_the_colonel_for_a_man_who_gave_him_nothing(machine):
    text, nodes, state = play(
        machine,
        {
            "c3_ramirez": ["refuse"],
            "c3_gap": ["back_away"],
            "c5_block": ["summons"],
            "c5_wall_call": ["go"],
            "c5_wall": ["agree"],
        },
        until="c5_raid_eve",
    )
    flags = set(machine.story.flags_set(state))
    assert "c5_wall" in nodes and not {"c3_gave_baldor", "c5_gave_positions"} & flags
    assert "You did well." not in text
    assert "You've given me nothing so" in text


def test_the_bolt_deal_is_not_called_as_instructed(machine):
    text, nodes, _ = play(
        machine,
        {
            "c5_block": ["summons"],
            "c5_wall_call": ["go"],
            "c5_wall": ["agree"],
            "c5_raid_eve": ["door"],
        },
        until="c5_raid_toward",
    )
    assert "c5_raid" in nodes
    assert "as instructed" not in text


def test_plain_demands_are_not_praised_as_pretty_and_tiburon_is_met_first(machine):
    text, nodes, _ = play(
        machine,
        {"c2_demands": ["write_plain"], "c5_block": ["summons"], "c5_summons": ["take"]},
        until="c5_hand_after",
    )
    assert "c2_demands_plain" in nodes and "c5_hand_cut" in nodes
    assert "You wrote it pretty for them" not in text
    assert "You wrote it for them in our words" in text
    assert text.index("Tiburón, the bald giant") < text.index("Tiburón pins Baldor's left arm")


def test_that_part_was_true_only_after_hearing_the_colonel_say_it(machine):
    text, nodes, state = play(
        machine,
        {
            "c3_roof": ["broadcast"],
            "c3_broadcast": ["coded"],
            "c5_block": ["summons"],
            "c5_wall_call": ["ignore"],
            "c5_captured": ["ask"],
        },
        until="c5_carnalita",
    )
    assert "helena_warned" in set(machine.story.flags_set(state))
    assert "c5_truth_asked" in nodes and "c5_wall" not in nodes
    assert "That part was true" not in text


def test_chapter_six_opens_without_the_twist_and_its_clock_adds_up(machine):
    text, nodes, _ = play(machine, {}, until="c6_medics_arrive")
    assert "c6_start" in nodes and nodes.count("c6_night") >= 2
    assert "court transcript" not in text and "Midnight is three hours off" not in text
    assert "An hour gone. Then another." not in text
    assert "Midnight is two hours off" in text and "five to midnight" in text


def test_warning_calancho_about_the_lights_changes_the_blackout(machine):
    text, nodes, state = play(
        machine,
        {
            "c6_night": ["calancho", "medics"],
            "c6_calancho_night": ["lights"],
            "c6_medics_window": ["warn"],
            "c6_blackout_held": ["keep"],
        },
        until="c6_final_start",
    )
    assert "c6_blackout_held" in nodes and "c6_medics_blackout" not in nodes
    assert "c6_baldor_kept" in set(machine.story.flags_set(state))
    assert "Baldor is back on his mattress" in text


def test_the_reporter_is_named_on_screen_before_juan_names_her(machine):
    text, nodes, _ = play(
        machine,
        {"c6_medics_window": ["wait"], "c6_medics_blackout": ["grab"], "c6_final_start": ["case"]},
        until="c6_final_knife",
    )
    assert "c6_final_press" in nodes
    assert text.index("MARISELA IBARRA") < text.index("Marisela Ibarra, the one on the news")


def test_the_night_does_not_say_juan_owes_insulin_he_carried_to_the_gym(machine):
    promised = {"c4_hall": ["hostages", "infirmary", "calancho"], "c4_hostages": ["insulin"]}
    text, nodes, state = play(machine, {**promised, "c4_infirmary": ["straight"]}, until="c5_start")
    assert "c4_end" in nodes
    shown = [f.label for f in machine.story.shown_flags(state)]
    assert "You carried the insulin to the gym" in shown
    assert "Estela takes the blue box in both hands." in text
    assert "You still owe Estela a box of insulin." not in text
    text, nodes, _ = play(machine, {**promised, "c4_infirmary": ["leave_it"]}, until="c5_start")
    assert "c4_end" in nodes
    assert "You still owe Estela a box of insulin." in text


def test_javi_thanks_juan_only_for_what_he_did_and_never_after_the_alarm(machine):
    """Over random runs to the gate: the gurney only if Juan carried it, the walk out only
    if he let Javi go, and neither once Juan has raised the alarm on him."""
    story = machine.story
    bit = {f.name: i for i, f in enumerate(story.flags)}

    def on(state, name):
        return bool(state.flags >> bit[name] & 1)

    seen = set()
    for seed in range(2000):
        pick, (state, _) = random.Random(seed), machine.start(seed)
        while not machine.ending(state) and state.node != "c6_final_javi":
            state, _ = machine.choose(
                state, pick.choice([v.id for v in machine.choices(state) if v.enabled])
            )
        if state.node != "c6_final_javi":
            continue
        text = " ".join("".join(r for _, r in p) for p in machine.passage(state))
        owed = on(state, "c6_javi_owes") and not on(state, "c6_raised_alarm")
        carried = owed and on(state, "c6_helped_medics")
        let_go = owed and not on(state, "c6_helped_medics") and not on(state, "c6_javi_deal")
        assert ("You carried my gurney" in text) == carried, seed
        assert ("You told them to let me walk out" in text) == let_go, seed
        seen.add((carried, let_go, on(state, "c6_raised_alarm") and on(state, "c6_javi_owes")))
    assert {(True, False, False), (False, True, False), (False, False, True)} <= seen
