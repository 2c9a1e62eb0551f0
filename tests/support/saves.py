"""The save and replay tests' story (tests/saves/story) and the run they play on it."""

from pathlib import Path

from tests.support import stories

STORY = Path(__file__).resolve().parents[1] / "saves" / "story"
RUN = ["yes", "on", "dice", "dice", "dice"]  # ends at s_yard, turn 5


def load(root: Path | str = STORY):
    return stories.load(root)


def edit(root: Path, old: str, new: str, name: str = "one.yaml") -> None:
    path = root / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
