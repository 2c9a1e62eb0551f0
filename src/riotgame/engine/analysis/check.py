"""Static checks over the story graph, run after loading: `riotgame check`.

Each check is a small function that takes the story and yields problems. They ignore
conditions (exploration in explore.py takes conditions into account).
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from riotgame.engine.story.codec_lazy import build_all
from riotgame.engine.story.compiledcache import Asked, load_checks, store_checks
from riotgame.engine.story.expr import Condition, Effect
from riotgame.engine.story.loader import read_story
from riotgame.engine.story.model import Loc, Node, Story
from riotgame.engine.story.problems import Problem, sort_problems
from riotgame.engine.story.text import Text
from riotgame.paths import cache_dir


@dataclass(frozen=True)
class Summary:
    files: int
    nodes: int
    choices: int
    words: int
    endings: int
    errors: int
    warnings: int
    partial: bool = False  # a file did not load: what follows from it waits until it does

    def line(self) -> str:
        waiting = "; checks that depend on what did not load wait for it" if self.partial else ""
        return (
            f"{self.files} files, {self.nodes} nodes, {self.choices} choices, "
            f"{self.words:,} words, {self.endings} endings: "
            f"{self.errors} errors, {self.warnings} warnings{waiting}"
        )


def check_story(
    root: str | Path, extra_files: Iterable[str | Path] = ()
) -> tuple[Story | None, list[Problem], Summary]:
    """Load and check. Returns the story (None when it has errors), problems and a summary."""
    extra = list(extra_files)
    story, problems = read_story(root, extra)
    if story is not None:
        build_all(story, units=False)  # a story from its compiled form: every node at once
    # A file that did not load (or a refused declaration) leaves the graph partial: every
    # node it defines would look unreachable and every flag it sets unset, so checks wait.
    if story is not None and story.complete:
        problems.extend(graph_problems(story, (root, extra, None)))
    problems = sort_problems(problems)
    errors = sum(p.is_error for p in problems)
    summary = Summary(
        files=len(story.files) if story else 0,
        nodes=len(story.nodes) if story else 0,
        choices=sum(len(n.choices) for n in story.nodes.values()) if story else 0,
        words=story.words() if story else 0,
        endings=len(story.endings) if story else 0,
        errors=errors,
        warnings=len(problems) - errors,
        partial=story is not None and not story.complete,
    )
    return (None if errors else story), problems, summary


def graph_problems(story: Story, asked: Asked) -> list[Problem]:
    """What CHECKS find in a complete story; kept beside its compiled form in the cache
    (compiledcache.py), so a story taken from there is not checked again."""
    cache = cache_dir()
    if cache is not None:
        kept = load_checks(cache, asked, story, _CHECKER)
        if kept is not None:
            return kept
    found = [problem for check in CHECKS for problem in check(story)]
    if cache is not None:
        store_checks(cache, asked, story, _CHECKER, found)
    return found


_CHECKER = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]  # this module's version


def _p(loc: Loc, code: str, message: str) -> Problem:
    return Problem(loc.path, loc.line, loc.col, code, message)


def reachable(story: Story) -> set[str]:
    """Nodes reachable from the start, ignoring conditions (interrupts can fire anywhere)."""
    seen = set()
    queue = deque([story.start, *(i.goto for i in story.interrupts)])
    while queue:
        nid = queue.popleft()
        if nid in seen or nid not in story.nodes:
            continue
        seen.add(nid)
        queue.extend(goto for goto, _ in story.nodes[nid].targets())
    return seen


def unreachable_nodes(story: Story) -> Iterator[Problem]:
    if story.start not in story.nodes:
        return
    seen = reachable(story)
    for nid, node in story.nodes.items():
        if nid not in seen:
            yield _p(node.loc, "W200", f'node "{nid}" cannot be reached from the start')


def unused_endings(story: Story) -> Iterator[Problem]:
    used = {n.ending for n in story.nodes.values() if n.ending}
    for ending in story.endings:
        if ending.id not in used:
            yield _p(
                ending.loc, "W201", f'ending "{ending.id}" is declared but no node ends with it'
            )


def _compiled(story: Story) -> Iterator[tuple[Condition | Effect, bool]]:
    """(compiled expression, is_effect) for every expression in the story."""
    for intr in story.interrupts:
        yield intr.cond, False
    for node in story.nodes.values():
        for effect in node.on_enter:
            yield effect, True
        for text in _texts(node):
            for cond in text.conditions:
                yield cond, False
        for choice in node.choices:
            for gate in (choice.cond, choice.disabled):
                if gate:
                    yield gate, False
            for effect in choice.effects:
                yield effect, True
        for route in node.next:
            if route.cond:
                yield route.cond, False


def _texts(node: Node) -> Iterator[Text]:
    yield node.text
    for c in node.choices:
        yield c.text
        yield c.reply
        if c.chosen is not None:
            yield c.chosen


def _text_reads(story: Story) -> set[str]:
    """Names interpolated into text ({suspicion}, {flags.x}) count as read."""
    names: set[str] = set()
    for node in story.nodes.values():
        for text in _texts(node):
            names |= text.reads
    return names


def unused_names(story: Story) -> Iterator[Problem]:
    reads, writes = _text_reads(story), set()
    for compiled, is_effect in _compiled(story):
        reads |= compiled.reads
        if is_effect and compiled.writes:
            writes.add(compiled.writes)
    for flag in story.flags:
        name = f"flags.{flag.name}"
        if name in writes and name not in reads:
            yield _p(flag.loc, "W202", f'flag "{flag.name}" is set but never read')
        elif name in reads and name not in writes:
            yield _p(
                flag.loc, "W203", f'flag "{flag.name}" is read but never set, so it is always false'
            )
        elif name not in reads:
            yield _p(flag.loc, "W207", f'flag "{flag.name}" is declared but never used')
    for stat in story.stats:
        if stat.name not in reads and stat.name in writes:
            yield _p(
                stat.loc, "W204", f'stat "{stat.name}" changes but no condition or text reads it'
            )
        elif stat.name not in reads:
            yield _p(stat.loc, "W207", f'stat "{stat.name}" is declared but never used')


def routing_loops(story: Story) -> Iterator[Problem]:
    """`next` routes that can only go round in a circle: the game would hang."""
    nodes = story.nodes
    for start_id, node in nodes.items():
        seen = [start_id]
        current = node
        while current.next and current.next[0].cond is None:
            target = current.next[0].goto
            if target not in nodes:
                break
            if target == start_id:
                yield _p(
                    node.loc, "E141", "next routing loops forever: " + " -> ".join([*seen, target])
                )
                break
            if target in seen:
                break
            seen.append(target)
            current = nodes[target]


CHECKS = (unreachable_nodes, unused_endings, unused_names, routing_loops)
