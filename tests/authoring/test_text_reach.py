"""`explore --random`: how often each text alternative (inline branch, variant, segment arm)
was shown, and the ones random play never showed, at their place in the file."""

from __future__ import annotations

import json
import textwrap

MANIFEST = """\
id: t
title: T
start: hub
flags:
  seen: Seen
  looped: {label: Looped, silent: true}
endings:
  - {id: done, title: Done}
files: [one.yaml]
"""

# The hub is entered twice in every run (the loop is a once-choice, then only `leave` is
# open only after it), so both parts of `first` show in every run; `flags.seen` is never set, so the
# `if` arm at line 12 never shows and the `else` arm always does.
CHAPTER = """\
nodes:
  hub:
    text: "{first: Hello. | Again.}"
    choices:
      - {id: loop, text: Loop, once: true, effects: flags.looped = true, goto: hub}
      - {id: leave, text: Leave, if: flags.looped, goto: end}
  end:
    ending: done
    text:
      - Done.
      - if: flags.seen
        text: Never shown.
      - else: Always shown.
"""


def test_text_alternatives_are_counted_and_the_unshown_listed(cli, tmp_path):
    (tmp_path / "story.yaml").write_text(MANIFEST)
    (tmp_path / "one.yaml").write_text(textwrap.dedent(CHAPTER))
    code, out, err = cli("explore", "--story", tmp_path, "--random", "96", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    texts = data["reach"]["texts"]
    assert len(texts) == 4
    assert sorted(texts.values()) == [0.0, 1.0, 1.0, 1.0]
    assert [(t["line"], t["col"]) for t in data["unshown_texts"]] == [(12, 15)]
    assert data["alternative_runs"] == 3  # runs 0, 32 and 64 of 96

    code, out, _ = cli("explore", "--story", tmp_path, "--random", "96")
    assert "Text alternatives never shown in" in out
    assert f"{tmp_path / 'one.yaml'}:12:15:" in out
