"""What an edit does to saved runs: `riotgame check --against OLD_STORY_DIR`.

A save records its run as (node id, choice id) steps plus stat and flag values by name, so
any id it names must still exist for it to replay. We compare the old story with the new
one and sort the differences into:

- breaking: node or choice ids removed or renamed, stats, flags or endings removed, a new
  start node or story id. Renames are guesses: an id that disappeared while another with
  the same content (node.content_hash) or the same text appeared under a new id.
- changed: nodes whose content changed (their content_hash differs). Saves still find every
  id, but a replay may take another route (rules changed) or read differently (text).
- added: new ids, which never break a save.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeVar

from riotgame.engine.story.expr import Condition, Effect
from riotgame.engine.story.loader import load_story
from riotgame.engine.story.model import Choice, Loc, Node, Story
from riotgame.engine.story.problems import Problem
from riotgame.engine.story.text import Text

Key = Hashable  # what two items share when one may be the other renamed
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # node, choice, stat, flag, ending, start, story id
    old: str  # the id in the old story ("node/choice" for choices)
    new: str = ""  # the id it was renamed to, or the new value
    note: str = ""  # why we think it is a rename, or what changed
    where: str = ""  # path:line:col in the old story (removed) or the new one


@dataclass
class Impact:
    breaking: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)  # kind -> how many were added
    versions: tuple[int, int] = (1, 1)  # story.yaml's `version:`, old and new

    @property
    def version_raised(self) -> bool:
        return self.versions[1] > self.versions[0]

    @property
    def breaks_saves(self) -> bool:
        return bool(self.breaking)

    def as_dict(self) -> dict[str, object]:
        return {
            "breaks_saves": self.breaks_saves,
            "breaking": [asdict(c) for c in self.breaking],
            "changed": [asdict(c) for c in self.changed],
            "added": self.added,
            "versions": {"old": self.versions[0], "new": self.versions[1]},
        }


def text_key(text: Text) -> Key:
    """What a text says, independent of where it is written."""
    return text.signature


def _sources(compiled: Iterable[Condition | Effect]) -> tuple[str, ...]:
    return tuple(c.source for c in compiled)


def choice_key(c: Choice) -> Key:
    return (
        c.cond.source if c.cond else None,
        c.disabled.source if c.disabled else None,
        _sources(c.effects),
        c.goto,
        c.once,
    )


def reading_key(node: Node) -> Key:
    """Everything a player reads at a node: its text and its choices' texts."""
    return text_key(node.text), tuple(text_key(c.text) for c in node.choices)


def rules_key(node: Node) -> Key:
    """Everything about a node that decides where a run goes, but not what it reads."""
    return (
        _sources(node.on_enter),
        tuple((c.id, choice_key(c)) for c in node.choices),
        tuple((r.cond.source if r.cond else None, r.goto) for r in node.next),
        node.ending,
    )


def match_renames(
    removed: Mapping[str, T], added: Mapping[str, T], keys: Sequence[tuple[str, Callable[[T], Key]]]
) -> dict[str, tuple[str, str]]:
    """old id -> (new id, note) for removed ids whose content reappears under an added id.
    `keys` is a list of (note, function from item to a comparable key), tried in order."""
    renames: dict[str, tuple[str, str]] = {}
    taken: set[str] = set()
    for note, key in keys:
        index: dict[Key, list[str]] = {}
        for new_id, item in added.items():
            if new_id not in taken:
                index.setdefault(key(item), []).append(new_id)
        for old_id, item in removed.items():
            candidates = [n for n in index.get(key(item), []) if n not in taken]
            if old_id not in renames and candidates:
                renames[old_id] = (candidates[0], note)
                taken.add(candidates[0])
    return renames


def compare_with_dir(old_dir: str | Path, new: Story) -> tuple[Impact | None, list[Problem]]:
    """Load the old story and compare. (None, its errors) when the old story does not load."""
    old, problems = load_story(old_dir)
    if old is None:
        return None, [p for p in problems if p.is_error]
    return compare(old, new), []


def compare(old: Story, new: Story) -> Impact:
    """What changed from `old` to `new`, and what of it breaks saves and replays."""
    impact = Impact(versions=(old.version, new.version))
    _compare_header(old, new, impact.breaking)
    node_renames = _compare_nodes(old, new, impact)
    pairs = [
        (o, new.nodes[node_renames[o][0] if o in node_renames else o])
        for o in old.nodes
        if o in new.nodes or o in node_renames
    ]
    added_choices = 0
    for old_id, new_node in pairs:
        old_node = old.nodes[old_id]
        added_choices += compare_choices(old_node, new_node, impact.breaking)
        # a renamed node is already reported as breaking
        if old_node.content_hash != new_node.content_hash and old_id == new_node.id:
            impact.changed.append(_node_change(old_node, new_node))
    impact.added["choice"] = added_choices
    _compare_declarations(old, new, impact)
    return impact


def _compare_header(old: Story, new: Story, breaking: list[Change]) -> None:
    where = str(new.start_loc)
    if old.id != new.id:
        note = "saves name the story they belong to"
        breaking.append(Change("story id", old.id, new.id, note, where))
    if old.start != new.start:
        breaking.append(Change("start", old.start, new.start, "every replay begins there", where))


def _compare_nodes(old: Story, new: Story, impact: Impact) -> dict[str, tuple[str, str]]:
    """Report removed and renamed nodes; returns the renames (old id -> (new id, note))."""
    gone = {k: n for k, n in old.nodes.items() if k not in new.nodes}
    fresh = {k: n for k, n in new.nodes.items() if k not in old.nodes}
    renames = match_renames(
        gone,
        fresh,
        [
            ("same content", lambda n: n.content_hash),
            ("same text", lambda n: text_key(n.text)),
        ],
    )
    for old_id, node in gone.items():
        if old_id in renames:
            new_id, note = renames[old_id]
            impact.breaking.append(Change("node", old_id, new_id, note, str(new.nodes[new_id].loc)))
        else:
            impact.breaking.append(Change("node", old_id, where=str(node.loc)))
    impact.added["node"] = len(fresh) - len(renames)
    return renames


def _node_change(old_node: Node, new_node: Node) -> Change:
    aspects = [
        name
        for name, key in (("text", reading_key), ("rules", rules_key))
        if key(old_node) != key(new_node)
    ]
    note = " and ".join(aspects) or "formatting or tags"
    return Change("node", old_node.id, note=note, where=str(new_node.loc))


def _compare_declarations(old: Story, new: Story, impact: Impact) -> None:
    """Removed stats, flags and endings break saves; count the added ones."""
    kinds: list[tuple[str, list[tuple[str, Loc]], list[tuple[str, Loc]]]] = [
        ("stat", [(d.name, d.loc) for d in old.stats], [(d.name, d.loc) for d in new.stats]),
        ("flag", [(d.name, d.loc) for d in old.flags], [(d.name, d.loc) for d in new.flags]),
        ("ending", [(d.id, d.loc) for d in old.endings], [(d.id, d.loc) for d in new.endings]),
    ]
    for kind, old_defs, new_defs in kinds:
        new_ids = {name for name, _ in new_defs}
        for name, loc in old_defs:
            if name not in new_ids:
                impact.breaking.append(Change(kind, name, where=str(loc)))
        impact.added[kind] = len(new_ids - {name for name, _ in old_defs})


def compare_choices(old_node: Node, new_node: Node, breaking: list[Change]) -> int:
    """Report removed and renamed choices of one node; returns how many were added."""
    old_choices = {c.id: c for c in old_node.choices}
    new_choices = {c.id: c for c in new_node.choices}
    gone = {k: c for k, c in old_choices.items() if k not in new_choices}
    fresh = {k: c for k, c in new_choices.items() if k not in old_choices}
    renames = match_renames(
        gone,
        fresh,
        [
            ("same text and target", lambda c: (text_key(c.text), c.goto)),
            ("same text", lambda c: text_key(c.text)),
        ],
    )
    for cid, choice in gone.items():
        key = f"{old_node.id}/{cid}"
        if cid in renames:
            new_id, note = renames[cid]
            breaking.append(
                Change("choice", key, f"{new_node.id}/{new_id}", note, str(new_choices[new_id].loc))
            )
        else:
            breaking.append(Change("choice", key, where=str(choice.loc)))
    return len(fresh) - len(renames)
