"""Reading a run back: what was chosen at each step, the meters over time, and the steps
that mattered most. Pure functions over a Session's states; no Textual, no game rules."""

from __future__ import annotations

from dataclasses import dataclass

from riotgame.engine.play.session import Session, Step
from riotgame.engine.play.state import GameState
from riotgame.engine.story.model import Story
from riotgame.engine.story.text import Passage, plain

FLAG_WEIGHT = 25  # a shown flag set counts like a swing of a quarter of a meter's range


def chosen_text(story: Story, step: Step, before: GameState) -> Passage:
    """The text of the choice taken at `step`, as it read in the state it was taken in."""
    node = story.nodes.get(step.node)
    choice = next((c for c in node.choices if c.id == step.choice), None) if node else None
    if choice is None:
        return [[("", step.choice)]]
    text = choice.chosen if choice.chosen is not None else choice.text
    return text.render(before, before.visits.get(before.node, 1))


def series(story: Story, states: list[GameState]) -> list[tuple[str, list[int]]]:
    """(label, values over the run) for every meter the player can see."""
    return [
        (d.label, [s.stats[i] for s in states]) for i, d in enumerate(story.stats) if not d.hidden
    ]


@dataclass(frozen=True, slots=True)
class TurningPoint:
    step: int  # 1-based number of the choice in the run
    choice: str  # its text, plain
    changes: tuple[tuple[str, int], ...]  # (meter label, change)
    flags: tuple[str, ...]  # labels of shown flags it set


def turning_points(session: Session, limit: int = 3) -> list[TurningPoint]:
    """The `limit` steps with the largest swings (as a share of each meter's range) or that
    set shown flags, in the order they happened."""
    story, states = session.story, session.states
    scored = []
    for n, step in enumerate(session.steps):
        before, after = states[n], states[n + 1]
        changes, score = [], 0.0
        for i, d in enumerate(story.stats):
            delta = after.stats[i] - before.stats[i]
            if delta and not d.hidden:
                changes.append((d.label, delta))
                score += 100 * abs(delta) / max(d.max - d.min, 1)
        was_shown = story.shown_flags(before)
        flags = tuple(d.label for d in story.shown_flags(after) if d not in was_shown)
        score += FLAG_WEIGHT * len(flags)
        if score:
            point = TurningPoint(
                n + 1, plain(chosen_text(story, step, before)), tuple(changes), flags
            )
            scored.append((score, point))
    best = sorted(scored, key=lambda sp: -sp[0])[:limit]
    return sorted((p for _, p in best), key=lambda p: p.step)
