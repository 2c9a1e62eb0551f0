"""Saves folders that cannot be written: a patched writer (always), and real ones where the
machine lets us make them (a small full tmpfs, a read-only mount or a chmod-ed folder)."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from pathlib import Path

import pytest

import riotgame.engine.saves.format as format_module


class BrokenDisk:
    """Patches the saves writer to fail with `error` until `heal()`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, code: int = errno.ENOSPC):
        self.error = OSError(code, os.strerror(code))
        self.broken = True
        real = format_module.atomic_write

        def write(path: Path, data: bytes) -> None:
            if self.broken:
                raise self.error
            real(path, data)

        monkeypatch.setattr(format_module, "atomic_write", write)

    def heal(self) -> None:
        self.broken = False


def _mount(target: Path, options: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@contextlib.contextmanager
def read_only_folder(target: Path):
    """`target` as a folder no one can write to: a read-only tmpfs as root (chmod does not
    stop root), a chmod-ed folder otherwise."""
    if os.geteuid() != 0:
        target.mkdir(parents=True)
        target.chmod(0o555)
        try:
            yield target
        finally:
            target.chmod(0o755)
        return
    if not _mount(target, "ro,size=64k"):
        pytest.skip("cannot mount a read-only tmpfs here")
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=False)


@contextlib.contextmanager
def full_folder(target: Path):
    """A 64 KiB tmpfs at `target`, filled up; yields (folder, free) where free() makes
    room again. Needs root (mount)."""
    if os.geteuid() != 0 or not _mount(target, "size=64k"):
        pytest.skip("cannot mount a small tmpfs here")
    filler = target / "filler"
    try:
        with contextlib.suppress(OSError), open(filler, "wb", buffering=0) as f:
            while True:
                f.write(b"x" * 4096)
        yield target, lambda: filler.unlink()
    finally:
        subprocess.run(["umount", str(target)], check=False)
