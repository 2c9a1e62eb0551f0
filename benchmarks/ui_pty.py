"""Shared by the ui_* benchmarks: run a command in a pseudo-terminal of a given size and
time how long until given text appears in what it writes."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import tempfile
import termios
import time

# Compiled bytecode is kept, as an installed wheel has it (pip compiles it at install), in a
# private folder: PYTHONDONTWRITEBYTECODE in the environment would otherwise recompile
# riotgame's modules on every start (5 to 10 ms) while Textual's come precompiled.
BYTECODE = {
    "PYTHONDONTWRITEBYTECODE": "",
    "PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="riotgame-bench-pyc-"),
}


class PtyApp:
    def __init__(self, argv: list[str], size=(80, 24), env: dict | None = None):
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the app
            os.execvpe(
                argv[0], argv, {**os.environ, **BYTECODE, "TERM": "xterm-256color", **(env or {})}
            )
        self.pid, self.fd = pid, fd
        cols, rows = size
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.buffer = b""

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Seconds (perf_counter) when `text` first appeared in the output since last reset."""
        wanted = text.encode()
        deadline = time.perf_counter() + timeout
        while wanted not in self.buffer:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{text!r} never appeared")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    raise TimeoutError(f"the app ended before {text!r} appeared") from None
                self.buffer += chunk
                if len(self.buffer) > 1_000_000:
                    self.buffer = self.buffer[-100_000:]
        return time.perf_counter()

    def drain(self) -> None:
        """Read whatever is pending now, then forget the output so far."""
        while select.select([self.fd], [], [], 0.05)[0]:
            try:
                os.read(self.fd, 65536)
            except OSError:
                break
        self.buffer = b""

    def press(self, key: bytes) -> float:
        self.buffer = b""
        now = time.perf_counter()
        os.write(self.fd, key)
        return now

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
