"""Small random stories for the property tests that hold fast paths (random play's inline
moves and menus, the check-only replay) to the machine's rules: interrupts, routes,
on_enter effects, conditions and once-choices."""

from __future__ import annotations

from hypothesis import strategies as st

MANIFEST = """\
id: t
title: T
start: a
stats:
  x: {min: 0, max: 100, initial: 0}
  y: {min: 0, max: 100, initial: 50}
flags:
  f: F
endings:
  - {id: good, title: Good}
  - {id: bad, title: Bad}
  - {id: caught, title: Caught}
files: [one.yaml]
"""
INTERRUPTS = st.sampled_from(  # the last two make every choice take the machine's step
    [
        "x >= 60",
        "y <= 20",
        "flags.f and x > 30",
        'visited("n1") > 2',
        'turns_since("a") > 6',
        "chance(5)",
    ]
)
EFFECTS = st.sampled_from(["x += 30", "x -= 10", "y += 15", "y -= 20", "flags.f = true",
                           "flags.f = not flags.f", "x = y"])  # fmt: skip
CONDITIONS = st.sampled_from(["x >= 10", "x < 40", "y > 60", "flags.f", "not flags.f",
                              'visited("n2") > 0'])  # fmt: skip

OUT = 'x >= 50 or y >= 80 or turns_since("a") > 8'  # most runs end, after a few choices


@st.composite
def stories(draw):
    """A manifest with 0-2 interrupts and a chapter of 3-6 nodes: choices with `if`,
    `disabled_if`, `once` and effects; some nodes route on with `next` (by a condition, or
    always) or have on_enter."""
    size = draw(st.integers(3, 6))
    targets = [f"n{j}" for j in range(size)] * 3 + ["b"]  # an ending now and then
    lines = ["nodes:"]
    for i in range(size):
        lines += [f"  n{i}:", "    text: T."]
        if draw(st.booleans()):
            lines.append(f"    on_enter: ['{draw(EFFECTS)}']")
        route = draw(st.integers(0, 5)) if i else 5
        if route == 0:  # a routing node, by a condition
            lines += ["    next:", f"      - {{if: '{draw(CONDITIONS)}', goto: {draw(st.sampled_from(targets))}}}",
                      f"      - {{goto: {draw(st.sampled_from(targets))}}}"]  # fmt: skip
            continue
        if route == 1:  # a node that always routes on (random play's far moves go through)
            lines += ["    next:", f"      - {{goto: {draw(st.sampled_from(targets))}}}"]
            continue
        lines += ["    choices:", f"      - {{id: out, text: Out, if: '{OUT}', goto: g}}"]
        for c in range(draw(st.integers(1, 3))):
            lines += [f"      - id: c{c}", "        text: C."]
            if draw(st.booleans()):
                lines.append(f"        if: '{draw(CONDITIONS)}'")
            if draw(st.booleans()):
                lines += [f"        disabled_if: '{draw(CONDITIONS)}'", "        reason: R."]
            if draw(st.booleans()):
                lines.append("        once: true")
            lines.append(f"        effects: ['{draw(EFFECTS)}']")
            lines.append(f"        goto: {draw(st.sampled_from(targets))}")
    lines += ["  g: {text: G., ending: good}", "  b: {text: B., ending: bad}",
              "  caught: {text: C., ending: caught}"]  # fmt: skip
    intr = draw(st.lists(INTERRUPTS, min_size=1, max_size=2, unique=True))
    to = draw(st.sampled_from(["caught", "n1"]))  # an ending, or a node runs go on from
    manifest = MANIFEST + "".join(
        f"{'interrupts:' if k == 0 else ''}\n  - {{if: '{c}', goto: {to}}}"
        for k, c in enumerate(intr)
    )
    return "\n".join(lines).replace("n0", "a") + "\n", manifest + "\n"
