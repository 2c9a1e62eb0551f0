"""Helpers shared by the save and replay tests."""

from pathlib import Path

from riotgame.engine import load_story

STORY = Path(__file__).parent / "story"
RUN = ["yes", "on", "dice", "dice", "dice"]  # ends at s_yard, turn 5


def load(root=STORY):
    story, problems = load_story(root)
    assert story is not None, problems
    return story


def edit(root: Path, old: str, new: str, name: str = "one.yaml") -> None:
    path = root / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
