"""What the player keeps across runs: endings discovered and content notes seen.

One small JSON file in the user data directory, written atomically (temporary file, fsync,
rename) so a crash never leaves half a file. An unreadable file is moved aside to
`records.json.bad`, never overwritten, and the game starts from empty records.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from riotgame.engine.saves.files import atomic_write, read_regular

FILE_NAME = "records.json"
MAX_BYTES = 5_000_000  # endings and places of many stories fit in a few kilobytes


class Records:
    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / FILE_NAME
        self.problem = ""  # set when the file could not be read or written
        self.data: dict[str, Any] = self._read()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(read_regular(self.path, MAX_BYTES).decode("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("stories", {}), dict):
            self.problem = f"{self.path}: unreadable, kept as {self.path.name}.bad"
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_name(self.path.name + ".bad"))
            return {}
        return data

    def _story(self, story_id: str) -> dict[str, Any]:
        story = self.data.setdefault("stories", {}).setdefault(story_id, {})
        return story if isinstance(story, dict) else {}

    def endings(self, story_id: str) -> set[str]:
        found = self._story(story_id).get("endings", [])
        return {e for e in found if isinstance(e, str)} if isinstance(found, list) else set()

    def discover(self, story_id: str, ending_id: str) -> bool:
        """Remember an ending; True when it is new. Written to disk at once."""
        found = self.endings(story_id)
        if ending_id in found:
            return False
        self._story(story_id)["endings"] = sorted(found | {ending_id})
        self.save()
        return True

    def places(self, story_id: str) -> set[str]:
        """Node ids the player has entered in any run (for their own chapter maps)."""
        seen = self._story(story_id).get("places", [])
        return {n for n in seen if isinstance(n, str)} if isinstance(seen, list) else set()

    def remember_places(self, story_id: str, nodes: Iterable[str]) -> None:
        """Add the nodes of a run; written only when something is new."""
        known = self.places(story_id)
        new = known | set(nodes)
        if new != known:
            self._story(story_id)["places"] = sorted(new)
            self.save()

    def note_seen(self, story_id: str) -> bool:
        return self._story(story_id).get("content_note_seen") is True

    def mark_note_seen(self, story_id: str) -> None:
        self._story(story_id)["content_note_seen"] = True
        self.save()

    def save(self) -> None:
        """Atomic write; a failure (read-only disk...) loses only this update, never the file."""
        try:
            atomic_write(self.path, json.dumps(self.data, indent=2, sort_keys=True).encode())
        except OSError as error:
            self.problem = f"{self.path}: could not save ({error.strerror})"
