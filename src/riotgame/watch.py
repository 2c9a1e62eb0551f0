"""Notice edits to story files by polling their modification times (no new dependency).

The app calls `changed()` from a Textual timer; this module knows nothing of Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class StoryWatch:
    def __init__(self, root: str | Path, extra: Iterable[str | Path] = ()):
        self.root = Path(root)
        self.extra = [Path(p) for p in extra]
        self.seen = self.snapshot()

    def files(self) -> list[Path]:
        try:  # a folder renamed or removed while we look is a change, never an error
            found = sorted(self.root.rglob("*.yaml")) if self.root.is_dir() else []
        except OSError:
            found = []
        return found + self.extra

    def snapshot(self) -> dict[Path, int]:
        out: dict[Path, int] = {}
        for path in self.files():
            try:
                out[path] = path.stat().st_mtime_ns
            except OSError:
                out[path] = -1  # missing now: its return is a change too
        return out

    def changed(self) -> bool:
        """True once per change: a file edited, added or removed since the last call."""
        now = self.snapshot()
        if now == self.seen:
            return False
        self.seen = now
        return True
