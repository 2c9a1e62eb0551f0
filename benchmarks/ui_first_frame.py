"""Time to first frame: `riotgame play` against a minimal Textual app, same machine, same run.

Each sample starts a fresh process in an 80x24 pseudo-terminal and stops the clock when the
first screen's text appears in its output. The two are interleaved so load on the shared
machine hits both alike; the report is medians and their ratio (target: at most 1.25).
For riotgame it also times "ready": the story loaded and the menu live (Continue says there
is no run to continue: the saves directory is empty), which the first frame does not wait for.

    python3 benchmarks/ui_first_frame.py [--runs 9] [--story DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from ui_pty import PtyApp

HERE = Path(__file__).resolve().parent
TARGET = 1.25


def first_frame(argv, *markers, env=None) -> list[float]:
    """Seconds from start until each marker has appeared, in order."""
    app = PtyApp(argv, env=env)
    try:
        return [app.wait_for(marker) - app.started for marker in markers]
    finally:
        app.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--story", default=None, help="default: the game's story")
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="riotgame-bench-")
    saves = tempfile.mkdtemp(prefix="riotgame-bench-saves-")
    # The content note has been seen, so the first frame is the title screen with its menu.
    Path(data, "records.json").write_text(
        '{"stories": {"cell211": {"content_note_seen": true}, "mini": {"content_note_seen": true}}}'
    )
    riot = ["riotgame", "play", "--seed", "1", "--saves-dir", saves]
    if args.story:
        riot += ["--story", args.story]
    minimal = [sys.executable, str(HERE / "ui_minimal_app.py")]
    riot_markers = ["New game", "no run to continue"]
    times = {"minimal": [], "riotgame": [], "ready": []}
    # Warm the file cache, the bytecode and the story's parse cache once, not measured.
    first_frame(minimal, "Minimal first frame")
    first_frame(riot, *riot_markers, env={"RIOTGAME_DATA": data})
    for _ in range(args.runs):
        times["minimal"] += first_frame(minimal, "Minimal first frame")
        frame, ready = first_frame(riot, *riot_markers, env={"RIOTGAME_DATA": data})
        times["riotgame"].append(frame)
        times["ready"].append(ready)
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["riotgame"] / med["minimal"]
    for name, values in times.items():
        print(
            f"{name:9} median {med[name] * 1000:7.1f} ms  "
            f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f}, n={len(values)})"
        )
    print(
        f"ratio riotgame/minimal: {ratio:.2f} (target <= {TARGET}); "
        f"ready/minimal: {med['ready'] / med['minimal']:.2f} (no target)"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
