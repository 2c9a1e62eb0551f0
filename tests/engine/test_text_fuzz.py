"""Random text in every construct (inline conditions and variations, segment chains,
first/return, replies, chosen text, woven steps): the loader answers with located
problems or a story, never a traceback; a story that loads plays, and reads the same words
for the same seed."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riotgame.engine.play.machine import Machine
from riotgame.engine.story.loader import load_story
from riotgame.engine.story.problems import Problem
from riotgame.engine.story.text import plain
from tests.support.stories import MANIFEST, write_story

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# pieces of inline syntax, right and wrong, glued at random
TOKENS = st.sampled_from(
    [
        "{",
        "}",
        "{{",
        "}}",
        "|",
        ":",
        "{if flags.seen: ",
        "{if suspicion > 3: a | else: b}",
        "{if nope: x}",
        " | elif suspicion < 2: ",
        " | else: ",
        "{seq: a | b | c}",
        "{cycle: ",
        "{shuffle: x | y}",
        "{once: z}",
        "{first: here | again}",
        "{before.suspicion}",
        "{suspicion}",
        "{flags.seen}",
        "{before.nope}",
        "{chance(50)}",
        "{if chance(50): a}",
        "*",
        "**",
        "word",
        " ",
        "\n\n",
        "é¿¡",
    ]
)
STRINGS = st.one_of(st.text(max_size=40), st.lists(TOKENS, max_size=12).map("".join))

KEYS = st.sampled_from(
    ["if", "elif", "else", "text", "seq", "cycle", "once", "shuffle", "first", "return", "x"]
)
SEGMENTS = st.recursive(
    STRINGS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(KEYS, st.one_of(inner, st.lists(inner, max_size=3)), max_size=3),
    ),
    max_leaves=8,
)


# well-formed pieces only: every story built from them must load and play
GOOD_TOKENS = st.sampled_from(
    [
        "word",
        "two words.",
        "{if flags.seen: a | else: b}",
        "{if suspicion > 3: up | elif suspicion < 2: down}",
        "{seq: a | b | c}",
        "{cycle: x | y}",
        "{shuffle: p | q | r}",
        "{once: z}",
        "{first: here | again}",
        "{before.suspicion}",
        "{suspicion}",
        "*stress*",
        "{{braces}}",
        "¿Qué? ¡Sí!",
    ]
)
GOOD_STRINGS = st.lists(GOOD_TOKENS, min_size=1, max_size=6).map(" ".join)


def _text_of(inner: st.SearchStrategy) -> st.SearchStrategy:
    """A text one level up: a string, or a list of segments (strings, variations, first /
    return, and if/else chains, which are two segments side by side)."""
    segment = st.one_of(
        GOOD_STRINGS.map(lambda x: [x]),
        st.builds(
            lambda kind, items: [{kind: items}],
            st.sampled_from(["seq", "cycle", "once", "shuffle"]),
            st.lists(inner, min_size=1, max_size=3),
        ),
        st.builds(lambda f, r: [{"first": f, "return": r}], inner, inner),
        st.builds(
            lambda c, t, e: [{"if": c, "text": t}, {"else": e}],
            st.sampled_from(["flags.seen", "suspicion > 1", "before.suspicion < 1"]),
            inner,
            inner,
        ),
    )
    return st.lists(segment, min_size=1, max_size=3).map(
        lambda parts: [s for part in parts for s in part]
    )


GOOD_SEGMENTS = st.recursive(GOOD_STRINGS, _text_of, max_leaves=6)  # fmt: skip


def chapter(text, choice_text, reply, chosen, woven) -> str:
    """A two-node chapter with the random pieces in every place text can go (as JSON, which
    YAML reads as it is)."""
    go = {"id": "go", "text": choice_text, "reply": reply, "chosen": chosen, "goto": "b"}
    step = {"id": "ask", "text": "Ask", "reply": woven, "then": [{"id": "ok", "text": "Ok"}]}
    nodes = {
        "a": {"text": text, "choices": [go, step], "gather": {"text": woven, "next": ["b"]}},
        "b": {"text": "End.", "ending": "done"},
    }
    return json.dumps({"nodes": nodes})


def located(problem: Problem, root: Path) -> bool:
    return Path(problem.path).parent == root and problem.line >= 1 and problem.col >= 1


@FUZZ
@given(text=SEGMENTS, choice_text=STRINGS, reply=SEGMENTS, chosen=STRINGS, woven=SEGMENTS)
def test_random_text_gives_located_problems_or_a_story_that_plays(
    tmp_path_factory, text, choice_text, reply, chosen, woven
):
    root = write_story(
        tmp_path_factory.mktemp("fuzz"),
        chapter=chapter(text, choice_text, reply, chosen, woven),
        manifest=MANIFEST,
    )
    story, problems = load_story(root)
    assert all(located(p, root) for p in problems), [p.concise() for p in problems]
    if story is None:
        assert any(p.is_error for p in problems)
        return
    assert read_a_run(story, seed=5) == read_a_run(story, seed=5)


def read_a_run(story, seed: int) -> list[str]:
    """Every word a player reads in a run that always takes the first open choice."""
    m = Machine(story)
    state, _ = m.start(seed)
    words: list[str] = []
    for _ in range(6):
        words.append(plain(m.passage(state)))
        offered = [c for c in m.choices(state) if c.enabled]
        if not offered:
            break
        words.append(plain(offered[0].text))
        state, _ = m.choose(state, offered[0].id)
    return words


@FUZZ
@given(
    text=GOOD_SEGMENTS,
    choice_text=GOOD_STRINGS,
    reply=GOOD_SEGMENTS,
    chosen=GOOD_STRINGS,
    woven=GOOD_SEGMENTS,
    seed=st.integers(0, 2**31),
)
def test_well_formed_text_always_loads_and_replays_word_for_word(
    tmp_path_factory, text, choice_text, reply, chosen, woven, seed
):
    root = write_story(
        tmp_path_factory.mktemp("good"),
        chapter=chapter(text, choice_text, reply, chosen, woven),
        manifest=MANIFEST,
    )
    story, problems = load_story(root)
    assert story is not None, [p.concise() for p in problems]
    first = read_a_run(story, seed)
    assert first == read_a_run(story, seed)
    assert all("{" not in part.replace("{braces}", "") for part in first)
