"""A story in another language: the translated labels, titles and reasons.

The loader reads passages, replies and choice texts from the translations as it parses
them (textload, text.inline), so a translation may use every inline construct; what is
left are the plain strings read elsewhere, replaced here by key. A key without a
translation keeps its source text: a missing translation falls back for that string alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from riotgame.engine.story.model import Chapter, Loc, Node, Story
from riotgame.engine.story.textload import exact_loc
from riotgame.engine.story.yamlfile import split_lines


def localised(
    story: Story,
    translations: Mapping[str, str],
    rejected: dict[str, list[tuple[str, str, int]]] | None = None,
) -> Story:
    """The story with every label, title and disabled reason that `translations` holds."""

    def tr(key: str, source: str) -> str:
        return translations.get(key) or source

    chapters = {
        c.path: replace(c, title=tr(f"chapter.{Path(c.path).stem}.title", c.title))
        for c in story.chapters
    }
    return replace(
        story,
        title=tr("story.title", story.title),
        content_note=tr("story.content_note", story.content_note),
        stats=tuple(replace(d, label=tr(f"stat.{d.name}.label", d.label)) for d in story.stats),
        flags=tuple(replace(d, label=tr(f"flag.{d.name}.label", d.label)) for d in story.flags),
        endings=tuple(
            replace(
                e,
                title=tr(f"ending.{e.id}.title", e.title),
                description=tr(f"ending.{e.id}.description", e.description),
            )
            for e in story.endings
        ),
        chapters=tuple(chapters.values()),
        nodes={nid: _node(n, chapters, tr) for nid, n in story.nodes.items()},
        rejected=dict(rejected or {}),
    )


def _node(node: Node, chapters: dict[str, Chapter], tr) -> Node:  # type: ignore[no-untyped-def]
    choices = tuple(
        replace(c, reason=tr(f"{node.id}.choice.{c.id}.reason", c.reason)) if c.reason else c
        for c in node.choices
    )
    return replace(node, chapter=chapters.get(node.chapter.path, node.chapter), choices=choices)


def exact_places(story: Story) -> dict[str, Loc]:
    """Where each paragraph starts in its file (Story.texts() gives the start of the string
    a paragraph is in): read from the files as they are on disk now."""
    lines: dict[str, list[str]] = {}
    out: dict[str, Loc] = {}
    for unit in story.text_units:
        if unit.at >= 0 and unit.loc.path not in lines:
            try:
                text = Path(unit.loc.path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            lines[unit.loc.path] = split_lines(text)
        out[unit.key] = exact_loc(unit, lines.get(unit.loc.path, []))
    return out
