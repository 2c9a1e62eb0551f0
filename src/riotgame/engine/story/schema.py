"""The JSON Schema (draft 2020-12) of story files, shipped inside the package.

One schema covers both kinds of file: a file with any of the manifest's own keys is checked
as `story.yaml` (`$defs/manifest`), any other as a chapter or branch file
(`$defs/chapter`). Editors use it for completion and validation while typing; the loader
remains the authority (it also checks names, references and expressions).
"""

from __future__ import annotations

from importlib.resources import files

SCHEMA_FILE = "story.schema.json"


def schema_text() -> str:
    """The schema as shipped: what `riotgame schema` prints."""
    return files("riotgame.engine.story").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
