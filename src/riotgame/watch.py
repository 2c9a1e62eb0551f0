"""Notice edits to story files by polling their modification times (no new dependency).

The app calls `changed()` from a Textual timer; this module knows nothing of Textual.

A file's modification time only moves on at the kernel's clock tick (a few milliseconds),
so two writes of the same size within one tick look alike. As git does with "racily clean"
files, a file modified within the last RACY_NS is also remembered by a digest of its
bytes, and the next look compares those too.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from pathlib import Path

RACY_NS = 2_000_000_000  # a modification time this recent cannot tell two writes apart

Seen = tuple[int, int]  # a file's modification time (ns) and size; (-1, -1): missing


class StoryWatch:
    def __init__(self, root: str | Path, extra: Iterable[str | Path] = ()):
        self.root = Path(root)
        self.extra = [Path(p) for p in extra]
        self.seen, self.digests = self.snapshot()

    def files(self) -> list[Path]:
        try:  # a folder renamed or removed while we look is a change, never an error
            found = sorted(self.root.rglob("*.yaml")) if self.root.is_dir() else []
        except OSError:
            found = []
        return found + self.extra

    def snapshot(self) -> tuple[dict[Path, Seen], dict[Path, str]]:
        """Each file's (time, size), and the digests of those modified too recently to trust."""
        seen: dict[Path, Seen] = {}
        digests: dict[Path, str] = {}
        now = time.time_ns()
        for path in self.files():
            try:
                stat = path.stat()
            except OSError:
                seen[path] = (-1, -1)  # missing now: its return is a change too
                continue
            seen[path] = (stat.st_mtime_ns, stat.st_size)
            if now - stat.st_mtime_ns < RACY_NS:
                digests[path] = _digest(path)
        return seen, digests

    def changed(self) -> bool:
        """True once per change: a file edited, added or removed since the last call."""
        seen, digests = self.snapshot()
        same = seen == self.seen and all(
            (digests[path] if path in digests else _digest(path)) == digest
            for path, digest in self.digests.items()
        )
        self.seen, self.digests = seen, digests
        return not same


def _digest(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""
