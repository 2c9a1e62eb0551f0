"""Continuity in chapters 1-3 (the editor's report, section 5, and the same kind found
after it): lines that must (or must not) appear on a given route, played by the scripted
player of tests/support/scripted.py."""

from __future__ import annotations

from riotgame.engine.story.text.markup import plain
from tests.support.scripted import play, suspicion

# Chapter 2 up to the demands, choosing a cover story and a pen.
PLAIN_PEN = {"c2_calancho": ["offer_pen"], "c2_demands": ["write_plain"]}
TO_THE_WALL = {"c3_start": ["go_alone"], "c3_corridors": ["draught"], "c3_gap": ["answer"]}


def offered(machine, state) -> list[str]:
    return [plain(v.text) for v in machine.choices(state)]


def test_chapter_three_opens_in_the_evening_after_chapter_two_ends_there(machine):
    text, nodes, _ = play(machine, {}, until="c3_corridors")
    assert "The North settles into the evening" in text and "c3_start" in nodes
    assert "By late afternoon" not in text
    assert "eight hours" in text


def test_helena_left_at_one_and_saw_the_video_on_the_way(machine):
    text, nodes, _ = play(
        machine, {"c2_video": ["read_on_camera"], **PLAIN_PEN, **TO_THE_WALL}, until="c3_ramirez"
    )
    assert "c2_video_face" in nodes
    assert "on the road by one" in text
    assert "came on the next bus" not in text


def test_plain_demands_are_not_called_a_judges_writing(machine):
    text, nodes, _ = play(machine, PLAIN_PEN, until="c2_end")
    assert "c2_demands_plain" in nodes and "c2_dusk" in nodes
    assert "you write like a judge" not in text
    assert "the same way both times" in text


def test_the_judge_line_stays_for_the_lawyers_pen(machine):
    text, nodes, _ = play(
        machine, {"c2_calancho": ["offer_pen"], "c2_demands": ["write_well"]}, until="c2_end"
    )
    assert "c2_demands_written" in nodes
    assert "you write like a judge" in text


def test_no_cousin_for_a_man_who_said_he_came_from_chihuahua(machine):
    _, nodes, state = play(
        machine, {"c2_start": ["transfer"], "c2_cover_transfer": ["isolation"]}, until="c2_dusk"
    )
    assert "c2_cover_transfer" in nodes
    choices = " ".join(offered(machine, state))
    assert "cousin" not in choices and "Chihuahua" in choices


def test_helena_answers_wait_for_me_with_waiting(machine):
    text, nodes, _ = play(
        machine,
        {
            "c1_riot": ["run_gate"],
            "c1_gate": ["shout_name"],
            "c2_gas_start": ["shout_police"],
            "c2_video": ["masked_row"],
            **TO_THE_WALL,
            "c3_ramirez": ["phone"],
            "c3_helena_call": ["promise"],
        },
        until="c3_carajo_shadow",
    )
    assert "c3_helena_hangup" in nodes
    assert "I'll wait" in text
    assert "I'm not leaving you in there alone" not in text


def test_the_colonel_knows_calancho_named_211_and_asks_for_eyes(machine):
    text, nodes, _ = play(machine, TO_THE_WALL, until="c3_ramirez")
    assert "c2_phone" in nodes and "The accountant stays in 211" in text
    assert "I don't know where" not in text
    assert "is he in 211" in text


def test_carajo_dusts_his_knees_only_after_being_pinned(machine):
    bargain = {"c3_start": ["go_alone"], "c3_corridors": ["draught"], "c3_gap": ["back_away"]}
    text, _, _ = play(
        machine,
        {**bargain, "c3_carajo_shadow": ["bargain"], "c3_carajo_bargain": ["offer_open"]},
        until="c3_carajo_collateral",
    )
    assert "dusts off his knees" not in text
    text, nodes, _ = play(
        machine,
        {
            **bargain,
            "c3_carajo_shadow": ["attack"],
            "c3_carajo_struggle": ["pin"],
            "c3_carajo_bargain": ["offer_open"],
        },
        until="c3_carajo_collateral",
    )
    assert "c3_carajo_struggle" in nodes and "dusts off his knees" in text


def test_yori_gave_away_his_pack_and_is_not_smoking_it(machine):
    text, nodes, _ = play(
        machine,
        {
            "c3_start": ["go_alone"],
            "c3_corridors": ["scrape", "draught"],
            "c3_yori_corridor": ["cigarettes"],
            "c3_gap": ["back_away"],
            "c3_carajo_shadow": ["bargain"],
            "c3_carajo_bargain": ["offer_open"],
            "c3_carajo_collateral": ["wait"],
        },
        until="c3_roof",
    )
    assert "c3_yori_pressed" in nodes and "c3_return" in nodes
    assert "smoking his Marlboros" not in text
    assert "most days" not in text and "since yesterday" not in text


def test_the_phone_in_chivos_boot_is_not_known_before_he_shows_it(machine):
    _, nodes, state = play(
        machine,
        {"c3_start": ["ask_chivo"], "c3_corridors": ["draught"], "c3_gap": ["back_away"]},
        until="c3_roof",
    )
    assert state.node == "c3_roof" and "c3_chivo_walk" in nodes
    assert not any("boot" in choice for choice in offered(machine, state))


def test_the_status_panel_forgets_carajos_grudge_once_he_is_dead(machine):
    _, nodes, state = play(
        machine,
        {
            "c2_carajo_hands": ["pull_back"],
            "c3_start": ["go_alone"],
            "c3_corridors": ["boiler", "draught"],
            "c3_boiler": ["take_wrench"],
            "c3_gap": ["back_away"],
            "c3_carajo_shadow": ["attack"],
            "c3_carajo_struggle": ["wrench"],
        },
        until="c3_carajo_body",
    )
    assert "c3_carajo_falls" in nodes
    labels = [f.label for f in machine.story.shown_flags(state)]
    assert "Carajo is dead" in labels
    assert "Carajo has a grudge against you" not in labels


def test_calancho_answers_the_gap_and_the_refused_reading(machine):
    text, nodes, _ = play(
        machine,
        {
            **PLAIN_PEN,
            "c2_video": ["masked_row"],
            "c3_start": ["go_alone"],
            "c3_corridors": ["draught"],
            "c3_gap": ["back_away"],
            "c3_carajo_shadow": ["bargain"],
            "c3_carajo_bargain": ["offer_open"],
            "c3_carajo_collateral": ["wait"],
            "c3_return": ["report_gap"],
        },
        until="c3_roof",
    )
    assert "A man who writes a thing and won't read it" in text
    assert "your sentences in his mouth" in text
    assert "Talk through" in text and "c3_roof" in nodes


def test_rolling_in_soot_takes_the_creases_out(machine):
    text, nodes, _ = play(
        machine,
        {"c1_dis_corridor": ["take_laundry"], "c1_dis_laundry": ["roll_soot"]},
        until="c1_dis_after",
    )
    assert "c1_dis_flame" in nodes
    assert "sharp as paper" not in text


def test_the_letter_travels_at_juans_waist_whatever_happens_to_the_suit(machine):
    text, nodes, _ = play(
        machine,
        {
            "c1_meeting_b": ["take_letter"],
            "c1_dis_papers": ["burn_papers"],
            "c2_yard": ["find_bomba", "to_hall"],
        },
        until="c2_phone",
    )
    assert "c2_yard_bomba" in nodes
    assert "kept my" in text and "letter" in text
    assert "it burned with everything else" not in text


def test_a_coded_line_on_the_news_is_remembered_on_the_bus(machine):
    text, nodes, _ = play(
        machine,
        {
            "c2_calancho": ["offer_pen"],
            "c2_demands": ["write_plain"],
            "c3_roof": ["broadcast"],
            "c3_broadcast": ["coded"],
            "c3_broadcast__coded": ["ice_cream"],
            "c4_chivo_news": ["together"],  # Chivo lends his phone only to a man he trusts
            "c4_charge": ["look_safe"],
            "c4_charge_safe": ["call_home"],
        },
        until="c4_end",
    )
    assert "c3_broadcast__coded" in nodes and "c4_call_home" in nodes
    assert "The rematch" in text
    assert "I let you win" in text


def test_a_newcomer_who_never_slips_is_talked_about_at_night(machine):
    text, nodes, state = play(machine, {}, until="c4_start")
    assert "c3_too_quiet" in nodes
    assert "Nobody's that lucky on his first day." in text
    assert suspicion(machine, state) >= 10


def test_a_newcomer_already_doubted_is_not_called_too_lucky(machine):
    # Warning the families on the roof's broadcast is the kind of slip the men talk about.
    text, nodes, _ = play(
        machine, {"c3_roof": ["broadcast"], "c3_broadcast": ["families"]}, until="c4_start"
    )
    assert "c3_night" in nodes and "c3_too_quiet" not in nodes
    assert "Nobody's that lucky" not in text


def phone_after(machine, wanted: dict, told_baldor: bool):
    """The Colonel's offer of a call to Helena, at the gap (after telling him Baldor's cell)."""
    wall = {**PLAIN_PEN, **TO_THE_WALL, **wanted}
    if told_baldor:
        _, _, state = play(machine, {**wall, "c3_ramirez": ["baldor"]}, until="c3_ramirez_baldor")
        state, _ = machine.choose(state, "back")
    else:
        _, _, state = play(machine, wall, until="c3_ramirez")
    assert state.node == "c3_ramirez"
    return next(v for v in machine.choices(state) if v.id.startswith("phone"))


def test_the_colonel_puts_no_call_through_for_free(machine):
    phone = phone_after(machine, {"c2_video": ["masked_row"]}, told_baldor=False)
    assert not phone.enabled
    assert "paid him too little" in phone.reason


def test_baldor_buys_the_call(machine):
    assert phone_after(machine, {"c2_video": ["masked_row"]}, told_baldor=True).enabled


def test_the_colonel_does_no_favours_for_the_face_on_the_news(machine):
    phone = phone_after(machine, {"c2_video": ["read_on_camera"]}, told_baldor=True)
    assert not phone.enabled
    assert "Calancho's secretary" in phone.reason
