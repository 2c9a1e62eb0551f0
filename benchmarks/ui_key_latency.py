"""Key press to updated screen in `riotgame play`, in a real 80x24 pseudo-terminal.

The game starts on the fixture story; then, alternately, `1` (take the first choice: the
next passage appears) and `u` (undo: the previous passage is drawn again). Each sample is
the time from writing the key to the terminal until the new text arrives in the app's
output. Reports the median and spread (target: median under 50 ms).

    python3 benchmarks/ui_key_latency.py [--presses 40] [--story DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from ui_pty import PtyApp

HERE = Path(__file__).resolve().parent
TARGET_MS = 50.0
# (key, text that shows the screen has been updated) on tests/fixtures/mini
STEPS = [(b"1", "The yard is loud."), (b"u", "The gate slams behind you.")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="riotgame-bench-")
    Path(data, "records.json").write_text('{"stories": {"mini": {"content_note_seen": true}}}')
    app = PtyApp(
        [
            "riotgame",
            "play",
            "--seed",
            "1",
            "--story",
            str(HERE.parent / "tests" / "fixtures" / "mini"),
            "--saves-dir",
            tempfile.mkdtemp(prefix="riotgame-bench-saves-"),
        ],
        env={"RIOTGAME_DATA": data},
    )
    samples = {key: [] for key, _ in STEPS}
    try:
        app.wait_for("New game")
        app.drain()
        app.press(b"\r")
        app.wait_for("Nobody")
        app.drain()
        for n in range(args.presses):
            key, marker = STEPS[n % 2]
            sent = app.press(key)
            samples[key].append((app.wait_for(marker) - sent) * 1000)
            app.drain()  # let the frame finish before the next key
    finally:
        app.close()
    every = samples[b"1"] + samples[b"u"]
    for key, values in samples.items():
        print(
            f"key {key.decode()!r}: median {statistics.median(values):6.1f} ms "
            f"(min {min(values):.1f}, max {max(values):.1f}, n={len(values)})"
        )
    median = statistics.median(every)
    print(f"all keys: median {median:.1f} ms (target < {TARGET_MS:.0f} ms)")
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
