"""Write a synthetic story of N nodes in the real format, for benchmarks.

    python benchmarks/gen_story.py 10000 /tmp/story10k

Nodes form a forward graph (each choice jumps 1 to 4 nodes ahead) split into chapter files
of 500 nodes, with conditions, disabled choices, effects, text segments and interpolation in
the proportions the real story uses, and an ending every 250 nodes.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = [
    "the",
    "yard",
    "is",
    "loud",
    "and",
    "the",
    "walls",
    "sweat",
    "under",
    "a",
    "white",
    "sky",
    "while",
    "men",
    "wait",
    "by",
    "the",
    "gate",
    "for",
    "news",
    "that",
    "never",
    "comes",
    "and",
    "you",
    "keep",
    "your",
    "hands",
    "in",
    "your",
    "pockets",
]
FLAGS = 20
PER_FILE = 500


def prose(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(n: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    endings = [i for i in range(n) if i % 250 == 249 or i == n - 1]
    files = []
    for start in range(0, n, PER_FILE):
        name = f"part{start // PER_FILE + 1}.yaml"
        files.append(name)
        lines = [
            f"chapter: {start // PER_FILE + 1}",
            f"title: Part {start // PER_FILE + 1}",
            "nodes:",
        ]
        for i in range(start, min(start + PER_FILE, n)):
            lines.append(f"  n{i}:")
            lines.append("    text:")
            lines.append(f"      - |\n        {prose(rng, 60)} Suspicion is {{suspicion}}.")
            lines.append(f"      - if: flags.f{rng.randrange(FLAGS)}")
            lines.append(f"        text: {prose(rng, 12)}")
            if i in endings:
                lines.append(f"    ending: e{endings.index(i)}")
                continue
            lines.append("    choices:")
            for c in range(3):
                target = min(i + 1 + rng.randrange(4), n - 1)
                lines.append(f"      - id: c{c}")
                lines.append(f"        text: {prose(rng, 6)}")
                if c == 1:
                    lines.append(f"        if: suspicion < {rng.randrange(50, 95)}")
                if c == 2:
                    lines.append(f"        disabled_if: trust.a < {rng.randrange(5, 30)}")
                    lines.append("        reason: Nobody trusts you enough yet.")
                lines.append(
                    f'        effects: ["suspicion += {rng.randrange(-6, 9)}", '
                    f'"trust.a += {rng.randrange(-3, 6)}", '
                    f'"flags.f{rng.randrange(FLAGS)} = true"]'
                )
                lines.append(f"        goto: n{target}")
        (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    manifest = [
        "id: synthetic",
        f"title: Synthetic {n}",
        "start: n0",
        "stats:",
        "  suspicion: {label: Suspicion, min: 0, max: 100, initial: 10, high_is: bad}",
        "  trust.a: {label: Trust, min: 0, max: 100, initial: 10, high_is: good}",
        "flags:",
        *[f"  f{i}: {{label: Flag {i}}}" for i in range(FLAGS)],
        "endings:",
        *[f"  - {{id: e{k}, title: Ending {k}}}" for k in range(len(endings))],
        "files: [" + ", ".join(files) + "]",
    ]
    (out / "story.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
