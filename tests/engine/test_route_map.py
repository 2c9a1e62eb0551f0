"""The player's own chapter map: the path taken, known ways and locked ones, no spoilers."""

from __future__ import annotations

from riotgame.engine import Machine
from riotgame.engine.play.route_map import chapter_map
from riotgame.engine.play.session import Session
from tests.support.playtest import MANIFEST
from tests.support.stories import load, write_story

CROSSROADS = """\
nodes:
  start:
    text: A corridor splits three ways under a dead bulb.
    choices:
      - {id: left, text: Go left, goto: kitchen}
      - {id: right, text: Go right, goto: chapel}
      - {id: back, text: Go back, disabled_if: true, reason: The gate is shut., goto: gate}
  kitchen:
    text: The kitchen smells of burnt beans and bleach.
    choices:
      - {id: on, text: Eat, goto: end_loyal}
  chapel:
    text: Secret chapel words nobody should read yet.
    choices:
      - {id: on, text: Pray, goto: end_alone}
  gate:
    text: The gate.
    choices:
      - {id: on, text: Out, goto: end_alone}
  end_loyal:
    text: Fed and trusted, for now.
    ending: loyal
  end_alone:
    text: Alone.
    ending: alone
"""


def run(tmp_path, *choices):
    session = Session(Machine(load(write_story(tmp_path / "x", CROSSROADS, MANIFEST))), 1)
    for choice in choices:
        session.choose(choice)
    return session


def test_the_path_known_ways_and_locked_ones(tmp_path):
    session = run(tmp_path, "left", "on")
    number = session.story.nodes["start"].chapter.number
    m = chapter_map(session, number, seen_before=set())
    assert [s.node for s in m.stops] == ["start", "kitchen", "end_loyal"]
    left, right, back = m.stops[0].branches
    assert (left.text, left.taken, left.known) == ("Go left", True, True)
    assert left.leads_to.startswith("The kitchen smells")
    assert (right.taken, right.known, right.leads_to) == (False, False, "")
    assert back.enabled is False and back.known is False
    assert m.stops[-1].branches == ()  # the ending closes the map
    assert (m.seen, m.places) == (3, 6)


def test_a_place_seen_in_an_earlier_run_is_named_and_nothing_unseen_is(tmp_path):
    session = run(tmp_path, "left")
    number = session.story.nodes["start"].chapter.number
    m = chapter_map(session, number, seen_before={"chapel"})
    right = m.stops[0].branches[1]
    assert right.known and right.leads_to.startswith("Secret chapel")
    m = chapter_map(session, number, seen_before=set())
    text = repr(m)
    assert "Secret chapel" not in text and "The gate." not in text
