"""How a front end picks a run back up: `--continue`, `--load NAME`, the title's Continue."""

from __future__ import annotations

import os

from riotgame.engine.play.machine import Machine
from riotgame.engine.saves.restore import Loaded
from riotgame.engine.saves.store import SaveStore


def resume(
    store: SaveStore, machine: Machine, name: str | os.PathLike[str] | None
) -> Loaded | None:
    """The save called `name` (a listing name, a file name or a path), or with None the
    newest unfinished run of this story that loads (None when there is none).

    Raises SaveError for a named save that does not load; Continue skips such saves, as
    the save list does (`SaveStore.listing` verifies each against its own steps)."""
    if name is not None:
        return store.load(name, machine)
    latest = store.latest(machine.story, machine)
    if latest is None or latest.save is None:
        return None
    return store.open(latest.save, machine)
