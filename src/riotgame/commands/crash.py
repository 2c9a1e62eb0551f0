"""Unexpected errors: one line for the player, the traceback in a crash log, exit 70.

Whatever a command was doing, the player's saves are already on disk (every write is
atomic and made as play goes), so a crash loses nothing; the log is for a bug report."""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from riotgame import __version__, paths

CRASHED = 70  # EX_SOFTWARE in sysexits.h: an internal error
INTERRUPTED = 130


def guarded(run: Callable[[], int], command: str | None) -> int:
    """Run a command: ctrl+C is exit 130, a closed pipe is no error, anything unexpected
    is said in one line with the crash log's path."""
    try:
        return run()
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:  # `riotgame check | head` closing the pipe early
        return 0
    except Exception as error:  # the one place that catches everything: see the docstring
        log = write_crash_log(command or "play", getattr(error, "details", ""))
        where = f"the details are in {log}" if log else "no crash log could be written"
        print(
            f"riotgame: unexpected error ({type(error).__name__}: {_short(error)}); {where}. "
            "Your saves are untouched.",
            file=sys.stderr,
        )
        return CRASHED


def write_crash_log(command: str, details: str = "") -> Path | None:
    """The current exception's traceback (and `details`, the app's own traceback), in a
    new file in the user data folder's crashes/ (None when even that cannot be written)."""
    folder = paths.user_data_dir() / "crashes"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = (
        f"riotgame {__version__}, command {command}, Python {sys.version.split()[0]}, "
        f"{time.strftime('%Y-%m-%d %H:%M:%S %z')}\n\n{details}{traceback.format_exc()}"
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(100):
            path = folder / f"crash-{stamp}{'' if n == 0 else f'-{n}'}.log"
            try:
                with open(path, "x", encoding="utf-8") as out:
                    out.write(text)
                return path
            except FileExistsError:
                continue
    except OSError:
        pass
    return None


def _short(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else "no message"
    return text if len(text) <= 160 else text[:157] + "..."
