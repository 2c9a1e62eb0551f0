"""Files the saves layer writes and reads: atomic writes, and reads of regular files only.

A save, a quicksave or the player's records is written to a temporary file beside it and
renamed over it, so a crash leaves the old file or the new one, never half of each. A file
given to us to read may be anything: a FIFO would block for ever and `/dev/zero` never
ends, so `read_regular` opens without blocking, refuses what is not a regular file and
stops at a size cap.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from pathlib import Path

# A temporary file of atomic_write for a save: ".<name>.yaml.<pid>.<random>.tmp".
TEMP_NAME = re.compile(r"\..+\.yaml\.[0-9]+\.[0-9a-f]{8}\.tmp")


class NotReadable(OSError):
    """A path that is not a regular file we can read, or one too large; str() says why."""

    def __init__(self, reason: str):
        super().__init__(errno.EINVAL, reason)


def atomic_write(path: Path, data: bytes) -> None:
    """Temporary file in the same directory, flush + fsync, os.replace, fsync the directory.

    Temporary names start with "." so listings never show a half-written file (the shape
    is TEMP_NAME's). Raises OSError (a full disk, a read-only folder...): nothing is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable. Not possible on every platform (Windows): skip there."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path` when it is a regular file (or a link to one) of at most `limit`
    bytes. Raises NotReadable for a directory, a FIFO, a device or a larger file, and
    OSError when it cannot be opened."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise NotReadable("it is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable("not a regular file (a device, a FIFO or a socket)")
        if info.st_size > limit:
            raise NotReadable(f"{info.st_size:,} bytes is too large (at most {limit:,})")
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while we read it
                raise NotReadable(f"more than {limit:,} bytes is too large")
        return b"".join(chunks)
    finally:
        os.close(fd)


def reason(error: OSError) -> str:
    """What went wrong, in a few words: "No space left on device", "Read-only file system"."""
    return error.strerror or str(error) or type(error).__name__
