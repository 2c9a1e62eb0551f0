"""Loading a save: re-play it (replay.py) into a Session to play on, and the quick check a
save listing runs. Both refuse a snapshot that does not match its own steps (E305)."""

from __future__ import annotations

from dataclasses import dataclass

from riotgame.engine.play.machine import Machine
from riotgame.engine.play.session import Session
from riotgame.engine.saves.format import MISMATCH, Save, save_error
from riotgame.engine.saves.notice import SaveNotice
from riotgame.engine.saves.replay import Replay, replay
from riotgame.engine.saves.runs import new_run_id
from riotgame.l10n.marks import N_


@dataclass
class Loaded:
    """A save read back into a playable Session (see restore)."""

    session: Session
    save: Save
    run: str  # the run id to go on autosaving under
    note: SaveNotice | None = None  # for the player when the story changed since the save


# What a player is told when the story changed since the save. The detail (which step, node
# and choice no longer fit) is for authors: `riotgame replay SAVE` prints it.
FITS_UP_TO = N_(
    "The story has changed since this save: the run fits it up to choice {done} of {total} "
    "and goes on from there. The save file is unchanged."
)
ENDS_ELSEWHERE = N_(
    "The story has changed since this save: its {total} choices now lead to another state, "
    "and the run goes on from there. The save file is unchanged."
)


def restore(save: Save, machine: Machine) -> Loaded:
    """Load `save` into a playable Session, with its whole history for undo.

    Same story version: the re-played run must match the snapshot, or the file is bad
    (SaveError E305). Edited story: the run resumes at the last step that still fits and
    `note` tells the player so; the save file itself is never changed. A clean load of an
    autosave or of the quicksave goes on under the run it was saved from (a quickload rewinds
    that run: one autosave per run, however often F9 is pressed); a slot, or an edited story,
    becomes a new run, so its autosave never overwrites the run it came from."""
    result = _consistent(replay(save, machine))
    assert result.session is not None  # replayed with frames
    if result.ok or result.divergence is None:
        run = save.run if save.kind in ("autosave", "quicksave") and save.run else new_run_id()
        return Loaded(result.session, save, run)
    total = str(len(save.steps))
    if result.divergence.step is None:
        note = SaveNotice(ENDS_ELSEWHERE, {"total": total}, failed=False)
    else:
        done = str(result.steps_done)
        note = SaveNotice(FITS_UP_TO, {"done": done, "total": total}, failed=False)
    return Loaded(result.session, save, new_run_id(), note)


def verify(save: Save, machine: Machine) -> Replay:
    """The quick check a save listing runs: raises SaveError for another story, or for a
    snapshot that does not match its own steps on the story it was saved with."""
    return _consistent(replay(save, machine, frames=False))


def _consistent(result: Replay) -> Replay:
    if result.ok or result.story_changed:
        return result
    assert result.divergence is not None
    raise save_error(
        str(result.save.path or "<save>"),
        (0, 0),
        MISMATCH,
        f"the snapshot does not match its own steps: {result.divergence.line()}",
    )
