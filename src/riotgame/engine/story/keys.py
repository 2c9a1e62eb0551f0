"""The keys each part of a story file may have, and the shape of ids and names.

The JSON schema for editors (schema.py, tests/authoring/test_schema.py) is checked against
these sets, so a key added here without the schema fails a test.
"""

from __future__ import annotations

import re

from riotgame.engine.story.expr import FUNCTIONS

MANIFEST = "story.yaml"

ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
STAT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\Z")
RESERVED = {"true", "false", "and", "or", "not", "flags", *FUNCTIONS}

MANIFEST_KEYS = {
    "id",
    "title",
    "start",
    "content_note",
    "version",
    "stats",
    "flags",
    "interrupts",
    "endings",
    "files",
    "constants",
    "conditions",
}
MANIFEST_REQUIRED = {"id", "title", "start", "endings", "files"}
CHAPTER_KEYS = {"chapter", "title", "stats", "flags", "nodes", "extend"}
STAT_KEYS = {"label", "min", "max", "initial", "high_is", "hidden"}
FLAG_KEYS = {"label", "show", "silent"}
ENDING_KEYS = {"id", "title", "description"}
NODE_KEYS = {"text", "tags", "on_enter", "choices", "next", "ending", "gather"}
CHOICE_KEYS = {
    "id",
    "text",
    "chosen",
    "reply",
    "if",
    "disabled_if",
    "reason",
    "effects",
    "goto",
    "once",
    "tags",
    "then",
}
ROUTE_KEYS = {"if", "goto"}
EXTEND_KEYS = {"choices"}
