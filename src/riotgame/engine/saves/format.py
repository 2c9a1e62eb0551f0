"""The save format: what a save holds (`Save`, `Snapshot`), how one is made from a run, and
how it is written (`dump_save`, `write_save`: one small YAML file, written atomically).

A save records the run itself (seed + the steps taken), not a pointer into the story: the
run is restored by re-playing the steps (replay.py, restore.py), and the snapshot of the
final state is kept to check that the re-played run is the one that was saved. The format
is described in docs/saves.md; reading.py reads it back as untrusted input.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from riotgame.engine.play.counts import as_dict
from riotgame.engine.play.session import Session, Step
from riotgame.engine.play.state import GameState
from riotgame.engine.saves.files import atomic_write
from riotgame.engine.saves.notice import SaveNotice
from riotgame.engine.saves.runs import new_run_id
from riotgame.engine.story.model import Story
from riotgame.engine.story.problems import Problem
from riotgame.engine.story.yamlfile import Pos
from riotgame.l10n.marks import N_

if TYPE_CHECKING:  # both write the same YAML: typed as the pure-Python one
    from yaml import SafeDumper as _BaseDumper
else:
    try:  # libyaml writes several times faster; the output is the same
        from yaml import CSafeDumper as _BaseDumper
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeDumper as _BaseDumper


class _Table(str):
    """Lines of space-separated ids and numbers, written as a `|` block: one YAML value for
    the whole table keeps a long run fast to read and easy to diff."""


class _Dumper(_BaseDumper):
    pass


# Text our reader would take for something else (a number, true/false, null: "08", "1.0e5",
# "NULL") is quoted. PyYAML follows YAML 1.1, where "08" is no number, and would leave it bare.
_LOOKS_LIKE_DATA = re.compile(r"[-+.0-9~]|(?i:true|false|null)\Z|\Z")


def _text(dumper: _Dumper, text: str) -> yaml.ScalarNode:
    style = "'" if _LOOKS_LIKE_DATA.match(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(
    _Table,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|"),
)

FORMAT = 1  # the format this version writes
MIN_FORMAT = 1  # the oldest reader that can read what we write
READS = 1  # the newest format this version reads
KINDS = ("slot", "quicksave", "autosave")
HEADER = "# A saved run of riotgame. Human-readable; the format is in docs/saves.md.\n"

# Problem codes for save files (story files use E1xx and W2xx).
UNREADABLE, BAD_SHAPE, TOO_NEW, OTHER_STORY, MISMATCH = "E300", "E302", "E303", "E304", "E305"


# What a player is told of a save that cannot be used, by its problem's code: a sentence
# to translate, then the problem's own line (path:line:col, for a bug report) as {detail}.
UNUSABLE = {
    UNREADABLE: N_(
        "This save cannot be read: it is missing, unreadable, too large or not a save file. "
        "Nothing was changed.\n{detail}"
    ),
    BAD_SHAPE: N_(
        "This save is damaged at line {line} and cannot be loaded. The file is kept as it "
        "was.\n{detail}"
    ),
    TOO_NEW: N_(
        "This save was written by a newer riotgame: update the game to load it. The file is "
        "kept as it was.\n{detail}"
    ),
    OTHER_STORY: N_(
        "This save belongs to another story and cannot be loaded here. The file is kept as "
        "it was.\n{detail}"
    ),
    MISMATCH: N_(
        "This save does not agree with its own steps (damaged, or edited by hand) and cannot "
        "be loaded. The file is kept as it was.\n{detail}"
    ),
}


class SaveError(Exception):
    """A save that cannot be used. `problem` locates it; str() is the one-line message (for
    authors' tools); `notice` is what a player is told (front ends translate it)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.concise())
        self.problem = problem

    @property
    def notice(self) -> SaveNotice:
        problem = self.problem
        values = {"line": str(problem.line), "detail": problem.concise()}
        # any other code is the YAML reader's (E1xx: syntax, nesting, size): a damaged file
        message = UNUSABLE.get(problem.code, UNUSABLE[BAD_SHAPE])
        return SaveNotice(message, values, failed=True)


def save_error(shown: str, pos: Pos, code: str, message: str) -> SaveError:
    return SaveError(Problem(shown, pos[0], pos[1], code, message))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The state at the end of the saved run, by name (independent of story order)."""

    node: str
    turn: int
    stats: dict[str, int]
    flags: tuple[str, ...]  # the flags that are set
    visits: dict[str, int]
    last: dict[str, int]  # node -> turn when last entered (for turns_since)
    used: tuple[str, ...]  # "node/choice" keys of once-choices taken
    ending: str | None


@dataclass(frozen=True, slots=True)
class Save:
    kind: str  # "slot", "quicksave" or "autosave"
    label: str
    time: datetime  # when it was written, timezone-aware (UTC)
    run: str  # id of the run; an autosave is rolled per run
    story_id: str
    story_title: str
    fingerprint: str  # Story.fingerprint when saved: any edit of the story changes it
    chapter: int
    chapter_title: str
    seed: int  # chance() depends only on (seed, turn, call site): the position is the turn
    steps: tuple[Step, ...]
    node_hashes: dict[str, str]  # Node.content_hash of every node the run entered
    snapshot: Snapshot
    format: int = FORMAT
    story_version: int = 1  # story.yaml's `version:` when saved (absent in older saves: 1)
    path: Path | None = field(default=None, compare=False)


# -- building and writing ----------------------------------------------------------------------
def snapshot_of(story: Story, state: GameState) -> Snapshot:
    node = story.nodes[state.node]
    return Snapshot(
        node=state.node,
        turn=state.turn,
        stats=story.stat_values(state),
        flags=tuple(story.flags_set(state)),
        visits=as_dict(state.visits),
        last=as_dict(state.last),
        used=tuple(sorted(state.used)),
        ending=node.ending,
    )


def make_save(
    story: Story,
    seed: int,
    steps: Iterable[Step],
    state: GameState,
    *,
    kind: str = "slot",
    label: str = "",
    run: str = "",
) -> Save:
    """A Save of the run `steps` (from `seed`) that ended in `state`."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    chapter = story.nodes[state.node].chapter
    return Save(
        kind=kind,
        label=label or f"Chapter {chapter.number}: {chapter.title}",
        time=datetime.now(UTC).replace(microsecond=0),
        run=run or new_run_id(),
        story_id=story.id,
        story_title=story.title,
        story_version=story.version,
        fingerprint=story.fingerprint,
        chapter=chapter.number,
        chapter_title=chapter.title,
        seed=seed,
        steps=tuple(steps),
        node_hashes={n: story.nodes[n].content_hash for n in sorted(state.visits)},
        snapshot=snapshot_of(story, state),
    )


def save_of(session: Session, *, kind: str = "slot", label: str = "", run: str = "") -> Save:
    """A Save of the session's run as it stands (after any undo)."""
    return make_save(
        session.story, session.seed, session.steps, session.state, kind=kind, label=label, run=run
    )


def dump_save(save: Save) -> str:
    snap = save.snapshot
    data = {
        "format": save.format,
        "min_format": MIN_FORMAT,
        "kind": save.kind,
        "label": save.label,
        "time": save.time.isoformat(),
        "run": save.run,
        "story": {
            "id": save.story_id,
            "title": save.story_title,
            "version": save.story_version,
            "fingerprint": save.fingerprint,
        },
        "chapter": {"number": save.chapter, "title": save.chapter_title},
        "rng": {"seed": save.seed, "position": snap.turn},
        "steps": _Table("".join(f"{s.turn} {s.node} {s.choice}\n" for s in save.steps)),
        "snapshot": {
            "node": snap.node,
            "turn": snap.turn,
            "ending": snap.ending,
            "stats": snap.stats,
            "flags": list(snap.flags),
            "used": list(snap.used),
            "visited": _Table(
                "".join(
                    f"{n} {snap.visits[n]} {snap.last.get(n, 0)} {save.node_hashes[n]}\n"
                    for n in sorted(snap.visits)
                )
            ),
        },
    }
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=100,
    )
    # Say what the table columns are, right above each table.
    text = text.replace("\nsteps: ", "\n# One line per choice: turn, node, choice.\nsteps: ", 1)
    return HEADER + text.replace(
        "\n  visited: ",
        "\n  # One line per node entered: node, times entered, turn last "
        "entered, content hash.\n  visited: ",
        1,
    )


def write_save(path: str | os.PathLike[str], save: Save) -> Path:
    """Write atomically: the file holds either its old content or the new, never a mix."""
    path = Path(path)
    atomic_write(path, dump_save(save).encode("utf-8"))
    return path


def check_story(save: Save, story: Story) -> None:
    """Refuse a save of another story (a different story id). Raises SaveError."""
    if save.story_id != story.id:
        raise save_error(
            str(save.path or "<save>"),
            (0, 0),
            OTHER_STORY,
            f'a save of story "{save.story_id}", not of "{story.id}"',
        )
