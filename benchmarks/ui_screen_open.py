"""Opening a screen for the first time in `riotgame play`, side by side for source trees.

Each sample starts a fresh app in an 80x24 pseudo-terminal on tests/fixtures/mini and
times its first frame (start to the title menu; the app reads all its CSS then), waits for
the story to be ready, then times, from the key written to the text on screen: New game
(the game screen's first push), `?` (the help's first open), `?` again after Esc (help
already opened once: the control), and a choice (`1`: the next passage). Rounds alternate
between the trees given with --src (the first is the baseline), so load on the shared
machine hits each alike; the report is medians and their ratios.

    python3 benchmarks/ui_screen_open.py --src /tmp/before/src --src src [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from ui_pty import PtyApp

HERE = Path(__file__).resolve().parent
MINI = HERE.parent / "tests" / "fixtures" / "mini"
PASSAGE, HELP = "Nobody", "How to play"  # on screen once the game / the help is drawn
YARD = "The yard is loud."  # after the first choice (1)
TIMES = ("first frame", "new game", "help, first", "help, again", "a choice")


def sample(src: str) -> list[float]:
    """Milliseconds for each of TIMES, in one fresh app run from the tree `src`."""
    data = tempfile.mkdtemp(prefix="riotgame-bench-")
    Path(data, "records.json").write_text('{"stories": {"mini": {"content_note_seen": true}}}')
    saves = tempfile.mkdtemp(prefix="riotgame-bench-saves-")
    argv = [sys.executable, "-m", "riotgame", "play", "--seed", "1", "--story", str(MINI)]
    app = PtyApp([*argv, "--saves-dir", saves], env={"RIOTGAME_DATA": data, "PYTHONPATH": src})
    try:
        times = [(app.wait_for("New game") - app.started) * 1000]
        app.wait_for("no run to continue")  # the story is loaded and the menu live
        app.drain()
        # (key, text that shows it was answered, timed?): Esc closes the help, untimed
        keys = [(b"\r", PASSAGE, 1), (b"?", HELP, 1), (b"\x1b", PASSAGE, 0), (b"?", HELP, 1)]
        for key, marker, timed in [*keys, (b"\x1b", PASSAGE, 0), (b"1", YARD, 1)]:
            sent = app.press(key)
            if timed:
                times.append((app.wait_for(marker) - sent) * 1000)
            else:
                app.wait_for(marker)
            app.drain()
        return times
    finally:
        app.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", action="append", required=True, help="a tree's src folder")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    srcs = [str(Path(s).resolve()) for s in args.src]
    samples: dict[str, list[list[float]]] = {s: [] for s in srcs}
    for _ in range(args.runs):
        for src in srcs:
            samples[src].append(sample(src))
    medians = {
        src: [statistics.median(run[i] for run in runs) for i in range(len(TIMES))]
        for src, runs in samples.items()
    }
    base = medians[srcs[0]]
    for src in srcs:
        cells = ", ".join(
            f"{name} {ms:6.1f} ms ({ms / b:.2f}x)"
            for name, ms, b in zip(TIMES, medians[src], base, strict=True)
        )
        print(f"{src}: {cells}")
    print(f"medians of {args.runs} rounds; ratios to {srcs[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
