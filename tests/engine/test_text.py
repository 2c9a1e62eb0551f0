"""Story text: paragraphs, interpolation, emphasis, and where faults are."""

from __future__ import annotations

from riotgame.engine.play.state import GameState
from riotgame.engine.story.expr import ExprError, Scope, compile_condition
from riotgame.engine.story.problems import did_you_mean
from riotgame.engine.story.text import TextError, plain, word_count
from riotgame.engine.story.text.inline import parse_string
from riotgame.engine.story.text.pieces import Value

STATS = {"suspicion": 0, "trust.boss": 1}
FLAGS = {"disguised": 0}
STATE = GameState("a", (35, 7), 0b1, {}, {}, frozenset(), 0, 0)


class Names:
    """The smallest resolver: stats and flags by index, faults kept in a list."""

    def __init__(self):
        self.faults = []
        self.scope = Scope(STATS, FLAGS)

    def fault(self, code, message, offset):
        self.faults.append(TextError(code, message, offset))

    def condition(self, source, place):
        try:
            return compile_condition(source, self.scope, text=True)
        except ExprError as exc:
            self.fault(exc.code, exc.message, place(exc.offset))
            return None

    def value(self, name, offset):
        if name.startswith("flags.") and name[6:] in FLAGS:
            return Value("", "flag", FLAGS[name[6:]])
        if name in STATS:
            return Value("", "stat", STATS[name])
        hint = did_you_mean(name, list(STATS))
        self.fault("E131", f'unknown name "{{{name}}}" in text{hint}', offset)
        return None


def parse_paragraphs(source, stats=None, flags=None):
    names = Names()
    parsed = parse_string(source, lambda: "k", names)
    return list(parsed.templates), names.faults


def render(source):
    templates, faults = parse_paragraphs(source, STATS, FLAGS)
    assert faults == []
    return [t.render(STATE) for t in templates]


def test_paragraphs_split_on_blank_lines_and_join_lines():
    assert render("One line\n  and its tail.\n\n\nTwo.\n") == [
        [("", "One line and its tail.")],
        [("", "Two.")],
    ]


def test_interpolation_and_braces():
    assert render("S={suspicion}, T={ trust.boss }, D={flags.disguised}, {{x}}") == [
        [("", "S=35, T=7, D=true, {x}")]
    ]


def test_emphasis_runs():
    assert render("a *b* **c** [d]") == [
        [("", "a "), ("em", "b"), ("", " "), ("strong", "c"), ("", " [d]")]
    ]


def test_fault_offsets_point_into_the_source_of_multi_line_paragraphs():
    source = "First line.\n   Second {nope} here }\n\nThird *open"
    _, faults = parse_paragraphs(source, STATS, FLAGS)
    found = [(f.code, f.offset) for f in faults]
    assert found == [
        ("E131", source.index("{nope}")),
        ("E142", source.rindex("}")),
        ("W206", source.index("*")),
    ]
    assert "did you mean" not in faults[0].message


def test_unknown_name_suggests_a_close_one():
    _, faults = parse_paragraphs("{suspicon}", STATS, FLAGS)
    assert 'did you mean "suspicion"' in faults[0].message


def test_plain_and_word_count():
    assert plain([[("", "a "), ("em", "b")], [("", "c")]]) == "a b\n\nc"
    assert word_count("Suspicion is {suspicion}, *really*.") == 4
