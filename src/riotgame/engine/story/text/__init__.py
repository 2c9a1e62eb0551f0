"""Story text: paragraphs, inline constructs and variation, parsed once at load.

A rendered passage is a list of paragraphs; a paragraph is a list of (style, text) runs with
style "" (plain), "em" or "strong". The UI turns runs into styled content without ever
reading markup from the story, so story text cannot inject markup of any kind.

- `markup`: paragraphs, offsets and plain text helpers
- `inline`: the parser of one string (`{name}`, `{if ...}`, `{seq: ...}`, `*emphasis*`)
- `pieces`: what a parsed string is made of, and how it renders
- `blocks`: a whole text (segments, if/elif/else chains, variations) and how it renders
"""

from riotgame.engine.story.text.blocks import Block, Chain, Segment, Text, Vary
from riotgame.engine.story.text.markup import (
    Paragraph,
    Passage,
    Run,
    TextError,
    plain,
    word_count,
)
from riotgame.engine.story.text.pieces import Template, pick

__all__ = [
    "Block",
    "Chain",
    "Paragraph",
    "Passage",
    "Run",
    "Segment",
    "Template",
    "Text",
    "TextError",
    "Vary",
    "pick",
    "plain",
    "word_count",
]
