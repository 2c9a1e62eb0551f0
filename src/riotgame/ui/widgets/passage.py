"""Story text on screen. The engine gives paragraphs of (style, text) runs; they become
Content spans directly, so no markup is ever read from story text."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from riotgame.engine.story.text import Paragraph, Passage

STYLES = {"": "", "em": "italic", "strong": "bold"}


def paragraph_content(paragraph: Paragraph) -> Content:
    return Content.assemble(*((text, STYLES.get(style, "")) for style, text in paragraph))


def passage_content(passage: Passage) -> Content:
    return Content("\n\n").join(paragraph_content(p) for p in passage)


def step_content(passage: Passage, chosen: Passage | None = None) -> Content:
    """A passage, with the choice that led to it (if any) above it."""
    body = passage_content(passage)
    if chosen is None:
        return body
    return Content.assemble(("› ", "bold"), passage_content(chosen), "\n\n", body)


class PassageView(Static):
    """One passage of the run, with the choice that led to it above it."""

    def __init__(self, passage: Passage, chosen: Passage | None = None, **kwargs: Any):
        super().__init__(step_content(passage, chosen), **kwargs)
