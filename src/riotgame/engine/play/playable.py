"""What a front end may play: one rule for the Textual app, the plain player and `serve`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from riotgame.engine.story.loader import load_story
from riotgame.engine.story.model import Story
from riotgame.engine.story.problems import Problem


def load_for_play(
    root: str | Path,
    extra: Sequence[str | Path] = (),
    translations: Mapping[str, str] | None = None,
) -> tuple[Story | None, list[Problem]]:
    """The story in `root` (plus branch files) and its errors; None when there are any.

    A story is playable when it loads without errors. Warnings and the graph checks of
    `riotgame check` (unreachable nodes, a `next` route that loops, E141) do not stop a
    game: a run that meets a loop is told so by the machine (RoutingLoop) and keeps its
    place, and skipping the checks keeps start-up fast."""
    story, problems = load_story(root, extra, translations)
    return story, [p for p in problems if p.is_error]
