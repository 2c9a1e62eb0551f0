"""An ending has its own heading in plain mode: reached from chapter 2, an ending whose node
sits in chapter 1's file does not print chapter 1's heading before its text."""

from __future__ import annotations

import io

from riotgame.engine import Machine, load_story
from riotgame.engine.play.session import Session
from riotgame.plain import PlainPlayer

MANIFEST = """id: two
title: Two Chapters
start: a_start
endings:
  - {id: caught, title: Caught}
files: [one.yaml, two.yaml]
"""
ONE = """chapter: 1
title: The First
nodes:
  a_start:
    text: The first room.
    choices:
      - {id: on, text: Go on, goto: b_start}
  end_caught:
    text: They catch you.
    ending: caught
"""
TWO = """chapter: 2
title: The Second
nodes:
  b_start:
    text: The second room.
    choices:
      - {id: fall, text: Fall, goto: end_caught}
"""


def test_an_ending_reached_in_chapter_two_prints_no_chapter_one_heading(tmp_path):
    for name, text in (("story.yaml", MANIFEST), ("one.yaml", ONE), ("two.yaml", TWO)):
        (tmp_path / name).write_text(text)
    story, problems = load_story(tmp_path)
    assert story is not None, problems
    out = io.StringIO()
    PlainPlayer(Session(Machine(story), 1), out, io.StringIO("1\n1\n")).run(show_note=False)
    text = out.getvalue()
    assert text.count("Chapter 1: The First") == 1
    assert text.index("Chapter 2: The Second") < text.index("They catch you.")
    assert "Ending: Caught." in text
