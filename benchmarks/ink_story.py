"""Write the ink version of a `gen_story.py` story: the same graph for inkjs.

    python benchmarks/ink_story.py /tmp/story1000 /tmp/story1000.ink

Each node is a knot with the same text (the `if` segment as an inline `{flag: ...}`), each
choice a sticky choice (`+`) with the same condition, tagged with its riotgame key
(`#n12/c1`) so a run can tell which choice it was offered. ink has no disabled choices: a
`disabled_if` becomes the opposite condition on the choice, which is what random play sees
(a disabled choice cannot be taken). Stats are clamped to their bounds with MIN/MAX, as
riotgame's effects clamp; an ending knot carries the tag `ending: ID` and ends the story.
Only what gen_story writes is translated; anything else is refused (ValueError).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from reference_engine import safe_load

_SHIFT = re.compile(r"^\s*([a-z_][a-z0-9_.]*)\s*(\+=|-=)\s*(-?\d+)\s*$")
_SET = re.compile(r"^\s*flags\.([a-z_][a-z0-9_]*)\s*=\s*(true|false)\s*$")
_NAME = re.compile(r"\b(?:flags\.)?([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)?)\b")
_WORDS = re.compile(r"^[A-Za-z0-9 .,;:'!?{}_]*$")


def _var(name: str) -> str:
    return name.replace("flags.", "").replace(".", "_")


def _condition(source: str) -> str:
    if not re.fullmatch(r"[a-z0-9_. <>=!]+", source):
        raise ValueError(f"not translated to ink: {source!r}")
    return _NAME.sub(lambda m: _var(m.group(0)), source)


def _effect(source: str, bounds: dict[str, tuple[int, int]]) -> str:
    m = _SHIFT.match(source)
    if m:
        name, (lo, hi) = _var(m.group(1)), bounds[m.group(1)]
        sign = "+" if m.group(2) == "+=" else "-"
        return f"~ {name} = MAX({lo}, MIN({hi}, {name} {sign} {m.group(3)}))"
    m = _SET.match(source)
    if not m:
        raise ValueError(f"not translated to ink: {source!r}")
    return f"~ {m.group(1)} = {m.group(2)}"


def _text(value: Any) -> list[str]:
    """The node's text lines: plain paragraphs, and `{flag: text}` for an `if` segment."""
    out = []
    for block in value if isinstance(value, list) else [value]:
        if isinstance(block, str):
            line, cond = block.strip(), None
        else:
            line, cond = block["text"].strip(), _condition(block["if"])
        if not _WORDS.match(line) or (cond and ":" in line):
            raise ValueError(f"not translated to ink: {line!r}")
        out.append(f"{{{cond}: {line}}}" if cond else line)
    return out


def _knot(nid: str, node: dict[str, Any], bounds: dict[str, tuple[int, int]]) -> list[str]:
    lines = [f"=== {nid} ===", *_text(node["text"])]
    if node.get("ending"):
        return [*lines, f"# ending: {node['ending']}", "-> END"]
    for c in node["choices"]:
        tests = []
        if "if" in c:
            tests.append(f"{{{_condition(c['if'])}}}")
        if "disabled_if" in c:
            tests.append(f"{{not ({_condition(c['disabled_if'])})}}")
        gate = " ".join(tests) + " " if tests else ""
        lines.append(f"+ {gate}[{c['text'].strip()} #{nid}/{c['id']}]")
        lines.extend(f"  {_effect(e, bounds)}" for e in c.get("effects", ()))
        lines.append(f"  -> {c['goto']}")
    return lines


def write_ink(story_dir: str | Path, out: str | Path) -> None:
    root = Path(story_dir)
    manifest = safe_load(root / "story.yaml")
    bounds = {name: (d["min"], d["max"]) for name, d in manifest["stats"].items()}
    lines = [f"VAR {_var(name)} = {d['initial']}" for name, d in manifest["stats"].items()]
    lines += [f"VAR {name} = false" for name in manifest.get("flags") or {}]
    lines.append(f"-> {manifest['start']}")
    for name in manifest["files"]:
        for nid, node in safe_load(root / name)["nodes"].items():
            lines.extend(_knot(nid, node, bounds))
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_ink(sys.argv[1], sys.argv[2])
