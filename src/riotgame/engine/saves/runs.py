"""Runs: their ids, and the lock that keeps two windows from writing one run's autosave.

Two windows that both choose Continue would load the same run and overwrite each other's
autosave, the last writer silently winning. So the process that plays a run holds an
advisory lock on it (`flock` on a hidden `.autosave-<run>.lock` beside the autosave) for as
long as it plays; a second process that finds the run locked goes on as a new run, and
the player is told. The operating system drops the lock when the process ends, however it
ends, so a crash never leaves a run locked.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from riotgame.l10n.marks import N_

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: runs are not locked there
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"
IN_USE_NOTE = N_(
    "This run is open in another window. So that neither overwrites the other, this "
    "window goes on as a new run, with its own autosave."
)


def new_run_id() -> str:
    """A fresh id for a run: sortable by start time, unique enough for one player."""
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)


def lock_path(autosave: Path) -> Path:
    """The lock file of the run whose autosave is `autosave`."""
    return autosave.with_name(f".{autosave.stem}{LOCK_SUFFIX}")


class RunLock:
    """The lock on one run, held from `acquire` until `release` or the end of the process."""

    def __init__(self, path: Path, fd: int | None):
        self.path, self.fd = path, fd

    @classmethod
    def acquire(cls, path: Path) -> RunLock | None:
        """The lock at `path`; None when another process holds it. A folder where no lock
        file can be made (read-only, missing) gives a lock that holds nothing: no autosave
        can be written there either, and that failure is said when it happens."""
        if fcntl is None:
            return cls(path, None)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError:
            return cls(path, None)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except OSError:  # a file system without locks: play on unlocked
            os.close(fd)
            return cls(path, None)
        return cls(path, fd)

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor drops the flock
            self.fd = None


def is_locked(path: Path) -> bool:
    """Whether another process holds the lock at `path` (for tidying: a locked run's files
    stay)."""
    lock = RunLock.acquire(path) if path.exists() else None
    if lock is None:
        return path.exists()
    lock.release()
    return False
