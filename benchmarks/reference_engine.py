"""A tight pure-Python reference engine: the floor riotgame's random play is measured against.

    from reference_engine import load, random_play
    report = random_play(load("/tmp/story1000"), runs=200, seed=1)

It reads the stories `gen_story.py` writes (the riotgame format, but only what that
generator uses: stats, flags, choices with `if`/`disabled_if` of the form `stat < N` or
`[not] flags.x`, effects `stat += N` and `flags.x = true|false`, endings) into plain dicts,
lists and tuples, compiles each condition to one closure at load time, keeps effects as
tuples run inline, and plays random runs the way `riotgame explore --random` does: the
same picks (`random.Random(seed)`, a draw only where more than one choice is available),
the same report (endings, steps, nodes seen, choices taken, stats at endings and at each
chapter's first node). Text is not built: random play never reads it.

Anything else in a story is refused (ValueError): this is a measuring stick, not a loader.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

MAX_STEPS = 5_000  # as riotgame's random play: a longer run is cut short
Test = Callable[[list[int], int], bool]
_COMPARE = re.compile(r"^\s*([a-z_][a-z0-9_.]*)\s*(<|<=|>|>=|==|!=)\s*(-?\d+)\s*$")
_FLAG = re.compile(r"^\s*(not\s+)?flags\.([a-z_][a-z0-9_]*)\s*$")
_SHIFT = re.compile(r"^\s*([a-z_][a-z0-9_.]*)\s*(\+=|-=)\s*(-?\d+)\s*$")
_SET = re.compile(r"^\s*flags\.([a-z_][a-z0-9_]*)\s*=\s*(true|false)\s*$")
SHIFT, SET, CLEAR = 0, 1, 2  # effect kinds


def safe_load(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def _condition(source: str, stats: dict[str, int], flags: dict[str, int]) -> Test:
    """One closure per condition, specialised on its operator (no dispatch at run time)."""
    m = _FLAG.match(source)
    if m:
        bit = 1 << flags[m.group(2)]
        if m.group(1):
            return lambda st, fl: not fl & bit
        return lambda st, fl: bool(fl & bit)
    m = _COMPARE.match(source)
    if not m:
        raise ValueError(f"the reference engine cannot read the condition {source!r}")
    i, op, n = stats[m.group(1)], m.group(2), int(m.group(3))
    tests: dict[str, Test] = {
        "<": lambda st, fl: st[i] < n,
        "<=": lambda st, fl: st[i] <= n,
        ">": lambda st, fl: st[i] > n,
        ">=": lambda st, fl: st[i] >= n,
        "==": lambda st, fl: st[i] == n,
        "!=": lambda st, fl: st[i] != n,
    }
    return tests[op]


def _effect(source: str, stats: dict[str, int], flags: dict[str, int]) -> tuple[int, int, int]:
    """(kind, stat index or flag mask, amount) as a flat tuple, run inline by the loop."""
    m = _SHIFT.match(source)
    if m:
        i = stats[m.group(1)]
        amount = int(m.group(3)) * (1 if m.group(2) == "+=" else -1)
        return (SHIFT, i, amount)
    m = _SET.match(source)
    if not m:
        raise ValueError(f"the reference engine cannot run the effect {source!r}")
    bit = 1 << flags[m.group(1)]
    return (SET, bit, 0) if m.group(2) == "true" else (CLEAR, ~bit, 0)


def load(story_dir: str | Path) -> dict[str, Any]:
    """The story as plain data: node id -> (ending, chapter, choices), each choice a tuple
    (key, condition, disabled condition, effects, goto)."""
    root = Path(story_dir)
    manifest = safe_load(root / "story.yaml")
    stats = {name: i for i, name in enumerate(manifest["stats"])}
    bounds = [(d["min"], d["max"]) for d in manifest["stats"].values()]
    flags = {name: i for i, name in enumerate(manifest.get("flags") or {})}
    nodes: dict[str, tuple[str | None, int, tuple[Any, ...]]] = {}
    for name in manifest["files"]:
        chapter = safe_load(root / name)
        for nid, node in chapter["nodes"].items():
            choices = []
            for c in node.get("choices") or ():
                cond = _condition(c["if"], stats, flags) if "if" in c else None
                off = _condition(c["disabled_if"], stats, flags) if "disabled_if" in c else None
                effects = tuple(_effect(e, stats, flags) for e in c.get("effects", ()))
                choices.append((f"{nid}/{c['id']}", cond, off, effects, c["goto"]))
            nodes[nid] = (node.get("ending"), chapter["chapter"], tuple(choices))
    initial = [d["initial"] for d in manifest["stats"].values()]
    return {"start": manifest["start"], "initial": initial, "bounds": bounds, "nodes": nodes}


def new_report() -> dict[str, Any]:
    return {
        "endings": Counter(),
        "steps": 0,
        "softlocks": [],
        "cut_short": 0,
        "nodes_seen": set(),
        "choices_taken": set(),
        "stats_at_ending": {},
        "stats_at_chapter": {},
    }


def random_play(graph: dict[str, Any], runs: int, seed: int = 1,
                trace: list[Any] | None = None) -> dict[str, Any]:  # fmt: skip
    """`runs` random runs. With `trace`, each step appends (node, offered keys, picked key)
    and each run ("end", ending or stuck node or None)."""
    nodes, start, initial = graph["nodes"], graph["start"], graph["initial"]
    lows = [lo for lo, _ in graph["bounds"]]
    highs = [hi for _, hi in graph["bounds"]]
    report = new_report()
    endings, taken, at_ending, at_chapter = (
        report["endings"], report["choices_taken"], report["stats_at_ending"],
        report["stats_at_chapter"],
    )  # fmt: skip
    getrandbits = random.Random(seed).getrandbits
    for run in range(runs):
        stats, flags, visits, turn, node_id = initial[:], 0, {start: 1}, 0, start
        chapters: set[int] = set()
        outcome = None
        while True:
            if turn == MAX_STEPS:
                report["cut_short"] += 1
                break
            ending, chapter, choices = nodes[node_id]
            if chapter not in chapters:
                chapters.add(chapter)
                at_chapter.setdefault(chapter, []).append(tuple(stats))
            if ending:
                endings[ending] += 1
                at_ending.setdefault(ending, []).append(tuple(stats))
                outcome = ending
                break
            options = [
                c for c in choices
                if (c[1] is None or c[1](stats, flags)) and (c[2] is None or not c[2](stats, flags))
            ]  # fmt: skip
            if not options:
                report["softlocks"].append((run, node_id))
                outcome = node_id
                break
            if (n := len(options)) > 1:  # random.randrange(n), without its two calls
                k = n.bit_length()
                i = getrandbits(k)
                while i >= n:
                    i = getrandbits(k)
                choice = options[i]
            else:
                choice = options[0]
            if trace is not None:
                trace.append((node_id, [c[0] for c in options], choice[0]))
            taken.add(choice[0])
            for kind, a, b in choice[3]:
                if kind == SHIFT:
                    v = stats[a] + b
                    stats[a] = lows[a] if v < lows[a] else highs[a] if v > highs[a] else v
                elif kind == SET:
                    flags |= a
                else:
                    flags &= a
            node_id = choice[4]
            visits[node_id] = visits.get(node_id, 0) + 1
            turn += 1
        if trace is not None:
            trace.append(("end", outcome))
        report["steps"] += turn
        report["nodes_seen"].update(visits)
    return report
