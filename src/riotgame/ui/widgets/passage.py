"""Story text on screen. The engine gives paragraphs of (style, text) runs; they become
Content spans directly, so no markup is ever read from story text.

A step of the run reads, top to bottom: the choice that led to it (`› ...`), a chapter
heading when the chapter changed, the passage, and what the choice changed, in words
("Suspicion rises to 35 (+25).").
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from riotgame.engine.play.state import GameState
from riotgame.engine.story.model import Story
from riotgame.engine.story.text import Paragraph, Passage
from riotgame.l10n.app import _

STYLES = {"": "", "em": "italic", "strong": "bold"}


def paragraph_content(paragraph: Paragraph) -> Content:
    return Content.assemble(*((text, STYLES.get(style, "")) for style, text in paragraph))


def passage_content(passage: Passage) -> Content:
    return Content("\n\n").join(paragraph_content(p) for p in passage)


def chapter_heading(story: Story, before: GameState | None, after: GameState) -> str:
    """ "Chapter 2: More Humane Conditions" when `after` begins a chapter, else ""."""
    chapter = story.nodes[after.node].chapter
    if before is not None and story.nodes[before.node].chapter.number == chapter.number:
        return ""
    return _("Chapter {number}: {title}").format(number=chapter.number, title=chapter.title)


def changes_said(story: Story, before: GameState, after: GameState) -> list[str]:
    """What a step changed that the player can see, as sentences (as plain mode says it)."""
    lines = []
    for i, stat in enumerate(story.stats):
        old, new = before.stats[i], after.stats[i]
        if stat.hidden or old == new:
            continue
        said = _("{label} rises to {value} ({delta}).")
        said = said if new > old else _("{label} falls to {value} ({delta}).")
        lines.append(said.format(label=stat.label, value=new, delta=f"{new - old:+d}"))
    had = set(story.shown_flags(before))
    has = set(story.shown_flags(after))
    for flag in story.flags:
        if flag in has - had:
            lines.append(_("Noted: {label}.").format(label=flag.label))
        elif flag in had - has:
            lines.append(_("No longer: {label}.").format(label=flag.label))
    return lines


def step_content(
    passage: Passage,
    chosen: Passage | None = None,
    heading: str = "",
    changes: list[str] | tuple[str, ...] = (),
) -> Content:
    """A step of the run: the choice that led to it (if any), a chapter heading (if it
    begins one), the passage, and what changed."""
    parts = []
    if chosen is not None:
        parts.append(Content.assemble(("› ", "bold"), passage_content(chosen)))
    if heading:
        parts.append(Content.styled(heading, "bold underline"))
    parts.append(passage_content(passage))
    if changes:
        parts.append(Content.styled("  ".join(changes), "italic dim"))
    return Content("\n\n").join(parts)


def run_step(
    story: Story, states: list[GameState], n: int, passage: Passage, chosen: Passage | None
) -> Content:
    """Step `n` of a run whose states are `states` (0: the start)."""
    before = states[n - 1] if n else None
    changes = changes_said(story, before, states[n]) if before is not None else []
    return step_content(passage, chosen, chapter_heading(story, before, states[n]), changes)


class PassageView(Static):
    """One step of the run (see `step_content`)."""

    def __init__(self, content: Content, **kwargs: Any):
        super().__init__(content, **kwargs)
