"""A run in progress: steps, undo, endings."""

from __future__ import annotations

import pytest

from riotgame.engine.play.machine import ChoiceError, Machine
from riotgame.engine.play.session import Session, Step
from riotgame.engine.story.loader import load_story
from tests.support.stories import MINI


@pytest.fixture
def session():
    story, _ = load_story(MINI)
    return Session(Machine(story), seed=5)


def test_steps_and_states(session):
    first = session.state
    session.choose("disguise")
    session.choose("look")
    assert session.steps == [Step(0, "gate", "disguise"), Step(1, "yard", "look")]
    assert len(session.states) == 3 and session.states[0] is first
    assert session.state.node == "yard" and not session.ended


def test_undo_goes_back_to_the_same_state(session):
    session.choose("disguise")
    before = session.state
    session.choose("look")
    assert session.undo() is True
    assert session.state == before and session.last_events == []
    assert session.undo() is True and session.undo() is False
    assert session.state.node == "gate" and session.steps == []


def test_a_refused_choice_changes_nothing(session):
    session.choose("disguise")
    with pytest.raises(ChoiceError):
        session.choose("lead")
    assert len(session.steps) == 1 and session.state.node == "yard"


def test_ended(session):
    session.choose("shout")
    assert session.ended and session.story.id == "mini"
