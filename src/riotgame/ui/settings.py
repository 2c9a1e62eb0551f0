"""The player's preferences, kept between launches: the theme, for now.

One small JSON file, `settings.json`, in the user config folder (riotgame.paths). It is
read as untrusted input: a size cap, a mapping of known keys with values of the right
type, anything else ignored (and a damaged file is replaced on the next change, never
read as anything else). Written atomically, like the saves.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

FILE_NAME = "settings.json"
MAX_BYTES = 64_000  # a settings file is a few dozen bytes
MAX_VALUE = 100  # characters: a theme name


class Settings:
    def __init__(self, config_dir: Path):
        self.path = Path(config_dir) / FILE_NAME
        self.problem = ""  # set when the file could not be read or written
        self.values: dict[str, str] = self._read()

    def _read(self) -> dict[str, str]:
        try:
            info = self.path.stat()
            if not stat.S_ISREG(info.st_mode):  # a FIFO would block the start for ever
                self.problem = f"{self.path}: not a regular file; ignored"
                return {}
            if info.st_size > MAX_BYTES:
                self.problem = f"{self.path}: too large to be our settings; ignored"
                return {}
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            self.problem = f"{self.path}: unreadable ({error}); ignored"
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            k: v
            for k, v in data.items()
            if isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_VALUE
        }

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    def set(self, key: str, value: str) -> None:
        """Remember `value`; written at once. A failure is kept in `problem`, never raised:
        a preference not kept is no reason to stop the game."""
        if self.values.get(key) == value:
            return
        self.values[key] = value
        from riotgame.engine.saves.files import atomic_write  # not for the first frame

        try:
            atomic_write(self.path, json.dumps(self.values, indent=2, sort_keys=True).encode())
        except OSError as error:
            self.problem = f"{self.path}: could not save ({error.strerror or error})"
