"""Parse the shipped story's files with the engine's YAML reader, with each backend.

    python benchmarks/yaml_bench.py [--runs 7] [STORY_DIR]

Prints the median time of `--runs` runs per backend (libyaml, pure Python) and their
ratio, measured side by side in one run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from riotgame.engine.story import yamlfile


def median_seconds(texts: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            yamlfile.parse_yaml(text, "bench.yaml")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("story", nargs="?", default=Path(__file__).parents[1] / "story")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.story).glob("*.yaml"))]
    medians = {}
    for name, loader in yamlfile.LOADERS.items():
        yamlfile.LOADER = loader
        medians[name] = median_seconds(texts, args.runs)
        print(f"{name}: {medians[name] * 1000:.0f} ms for {len(texts)} files")
    if len(medians) == 2:
        print(f"python / libyaml: {medians['python'] / medians['libyaml']:.1f}")


if __name__ == "__main__":
    main()
