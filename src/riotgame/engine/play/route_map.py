"""The player's own map of a chapter: the path they took, and the ways they did not.

At every place the run rested in the chapter, the map lists the choices that were on offer
then: the one taken, those leading somewhere the player has seen (in this run or an earlier
one, from the records), and those leading somewhere never seen, which show no text of what
lies behind them. Nothing about unseen places is given away; the choice texts themselves
were on the player's screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from riotgame.engine.play.session import Session
from riotgame.engine.story.model import Story
from riotgame.engine.story.text import Passage

LABEL_WORDS = 8


@dataclass(frozen=True, slots=True)
class Branch:
    text: str  # the choice as it was shown
    taken: bool
    known: bool  # where it leads has been seen, in this run or an earlier one
    leads_to: str  # a few words of that place when known, else ""
    enabled: bool


@dataclass(frozen=True, slots=True)
class Stop:
    node: str
    label: str  # the first words of what the player read there
    branches: tuple[Branch, ...]


@dataclass(frozen=True, slots=True)
class ChapterMap:
    number: int
    title: str
    stops: tuple[Stop, ...]
    seen: int  # places of this chapter seen in any run
    places: int  # places of this chapter that show text


def plain(passage: Passage) -> str:
    return " ".join("".join(text for _, text in paragraph) for paragraph in passage)


def label(passage: Passage) -> str:
    words = plain(passage).split()
    return " ".join(words[:LABEL_WORDS]) + (" …" if len(words) > LABEL_WORDS else "")


def chapter_of(story: Story, node_id: str) -> int:
    return story.nodes[node_id].chapter.number


def chapter_map(session: Session, number: int, seen_before: set[str]) -> ChapterMap:
    """The map of chapter `number` for the run in `session`."""
    machine, story = session.machine, session.story
    seen = set(seen_before) | set(session.state.visits)
    stops = []
    for state, step in zip(session.states, session.steps, strict=False):
        if chapter_of(story, state.node) != number:
            continue
        node = machine.node(state)
        targets = {c.id: c.goto for c in node.choices}
        branches = []
        for view in machine.choices(state):
            target = targets[view.id]
            known = target in seen
            leads_to = label(story.nodes[target].text.render(state)) if known else ""
            branches.append(
                Branch(plain(view.text), view.id == step.choice, known, leads_to, view.enabled)
            )
        stops.append(Stop(state.node, label(machine.passage(state)), tuple(branches)))
    final = session.state
    if chapter_of(story, final.node) == number and machine.ending(final):
        stops.append(Stop(final.node, label(machine.passage(final)), ()))
    chapter = next(c for c in story.chapters if c.number == number)
    places = [n for n in story.nodes.values() if n.chapter.number == number and n.text.words]
    return ChapterMap(
        number, chapter.title, tuple(stops), sum(1 for n in places if n.id in seen), len(places)
    )
