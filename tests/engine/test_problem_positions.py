"""Every problem code the loader and check emit, with its exact line and column.

In the style of yamllint's tests: a small story written to disk, then the expected
(code, line, col) tuples. Columns are 1-based and point at the fault itself: the key,
the value, or the character inside an expression or a text.
"""

from __future__ import annotations

import pytest

from riotgame.engine.analysis.check import check_story
from tests.support.stories import MANIFEST, found

pytestmark = pytest.mark.usefixtures("yaml_backend")  # every case with both backends


def only(code, problems):
    return [p for p in problems if p[0] == code]


def problems_with(root, code):
    _, problems, _ = check_story(root)
    return [p for p in problems if p.code == code]


# -- YAML itself -------------------------------------------------------------------------


def test_yaml_syntax_error_points_at_the_fault(story):
    root = story("""\
        nodes:
          a:
            text: [unclosed
            ending: done
        """)
    # the parser notices the missing "]" on line 4, but the fault is the "[" that opens it
    assert found(root, "one.yaml") == [("E100", 3, 11)]


def test_yaml_tab_indentation_is_a_syntax_error(story):
    root = story("nodes:\n  a:\n\ttext: x\n")
    assert found(root, "one.yaml") == [("E100", 3, 1)]


def test_yaml_control_character_is_reported_not_raised(story):
    root = story("nodes:\n  a:\n    text: bell \x07 here\n    ending: done\n")
    assert found(root, "one.yaml") == [("E100", 3, 16)]


def test_two_documents_in_one_file(story):
    root = story("nodes: {}\n---\nnodes: {}\n")
    assert found(root, "one.yaml") == [("E100", 2, 1)]


def test_duplicate_key_is_an_error_not_an_overwrite(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            text: Again.
            choices:
              - {id: go, text: Go, goto: b, effects: [flags.seen = true, suspicion += 1]}
          b:
            text: End.
            ending: done
        """)
    assert found(root, "one.yaml") == [("E102", 4, 5)]


def test_yes_no_on_off_stay_strings(story):
    root = story("""\
        nodes:
          a:
            text: yes
            choices:
              - {id: on, text: off, goto: b, effects: [flags.seen = true, suspicion += 1]}
          b:
            text: no
            ending: done
        """)
    assert found(root, "one.yaml") == []
    from riotgame.engine.story.loader import load_story

    loaded, _ = load_story(root)
    assert loaded.nodes["a"].choices[0].id == "on"
    from riotgame.engine.play.machine import Machine

    state, _ = Machine(loaded).start()
    assert loaded.nodes["b"].text.render(state) == [[("", "no")]]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the refused value then counts as missing: "a" is not a mapping (same place)
        ("nodes:\n  a: !!python/object:os.system {}\n", [("E103", 2, 6)] * 2),
        ("base: &b {text: x}\nnodes:\n  a:\n    <<: *b\n", [("E103", 4, 5)]),
        ("nodes:\n  ? [a, b]\n  : {text: x}\n", [("E103", 2, 5)]),
        # "nodes" is not a mapping (at the list), and the alias inside it is recursive
        ("nodes: &x [*x]\n", [("E103", 1, 8), ("E103", 1, 12)]),
        # empty, or only a null document: the same problem
        ("# only a comment\n", [("E107", 1, 1)]),
        ("---\n", [("E107", 1, 1)]),
        ("~\n", [("E107", 1, 1)]),
        ("--- null\n", [("E107", 1, 1)]),
        ("- a list\n", [("E107", 1, 1)]),
    ],
    ids=[
        "python-tag",
        "merge-key",
        "list-as-key",
        "recursive-alias",
        "empty-file",
        "null-document",
        "tilde",
        "null",
        "not-a-mapping",
    ],
)
def test_unsafe_or_odd_yaml_is_refused(story, text, expected):
    assert only(expected[0][0], found(story(text), "one.yaml")) == expected


# -- files -----------------------------------------------------------------------------------


def test_listed_file_missing_points_at_the_list_entry(story):
    manifest = """\
        id: t
        title: T
        start: a
        endings:
          - {id: done, title: Done}
        files:
          - one.yaml
          - missing.yaml
        """
    root = story("nodes:\n  a: {text: x, ending: done}\n", manifest)
    assert found(root) == [("E101", 8, 5)]


def test_file_outside_the_story_directory(story):
    manifest = """\
        id: t
        title: T
        start: a
        endings: [{id: done, title: Done}]
        files: [one.yaml, ../escape.yaml]
        """
    root = story("nodes:\n  a: {text: x, ending: done}\n", manifest)
    assert found(root) == [("E106", 5, 19)]


def test_a_file_listed_twice_or_the_manifest_listed(story):
    root = story(manifest=MANIFEST.replace("[one.yaml]", "[one.yaml, ./one.yaml, story.yaml]"))
    assert found(root) == [("E110", 10, 19), ("E110", 10, 31)]


def test_a_symlink_loop_is_a_problem_not_a_traceback(story):
    root = story(manifest=MANIFEST.replace("[one.yaml]", "[one.yaml, loop.yaml]"))
    (root / "loop.yaml").symlink_to(root / "loop.yaml")
    assert found(root) == [("E101", 10, 19)]


def test_missing_story_directory_and_manifest(tmp_path):
    assert found(tmp_path / "nowhere") == [("E101", 0, 0)]
    assert found(tmp_path) == [("E101", 0, 0)]


def test_chapter_that_is_not_utf8(story):
    root = story()
    (root / "one.yaml").write_bytes(b"nodes:\n  a: {text: \xff}\n")
    # in the file itself, at the byte, and nothing else (story.yaml is fine)
    assert found(root) == [("E100", 2, 13)]


# -- keys and types --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "goto_line, code, col, hint",
    [("gotoo: b", "E104", 9, 'did you mean "goto"'), ("goto: bb", "E120", 15, 'did you mean "b"')],
)
def test_unknown_key_or_goto_with_did_you_mean(story, goto_line, code, col, hint):
    root = story(f"""\
        nodes:
          a:
            text: Start.
            choices:
              - id: go
                text: Go
                effects: [flags.seen = true, suspicion += 1]
                {goto_line}
          b:
            text: End.
            ending: done
        """)
    bad = problems_with(root, code)
    assert [(p.line, p.col) for p in bad] == [(8, col)]
    assert hint in bad[0].message


def test_a_choice_without_goto_is_reported_at_its_mapping(story):
    root = story("nodes:\n  a:\n    text: x\n    choices:\n      - id: go\n        text: Go\n")
    assert ("E105", 5, 9) in found(root, "one.yaml")


@pytest.mark.parametrize(
    "chapter, expected",
    [
        ("chapter: one\nnodes:\n  a: {text: x, ending: done}\n", [("E103", 1, 10)]),
        ("nodes:\n  a: just text\n", [("E103", 2, 6)]),
        ("nodes:\n  a: {text: x, tags: solo, ending: done}\n", [("E103", 2, 22)]),
        ("nodes:\n  a:\n    text: x\n    choices:\n      - go to b\n", [("E103", 5, 9)]),
        ("nodes:\n  a: {text: {nested: map}, ending: done}\n", [("E103", 2, 13)]),
        ("nodes:\n  a: {text: x, ending: 5}\n", [("E103", 2, 24)]),
    ],
    ids=[
        "chapter-number",
        "node-not-mapping",
        "tags-not-list",
        "choice-not-mapping",
        "text-mapping",
        "ending-number",
    ],
)
def test_wrong_types(story, chapter, expected):
    assert only("E103", found(story(chapter), "one.yaml")) == expected


def test_missing_required_keys(story):
    root = story("""\
        nodes:
          a:
            choices:
              - id: go
                text: Go
                goto: b
                disabled_if: suspicion > 5
                effects: [flags.seen = true, suspicion += 1]
              - id: back
                text: Back
                goto: a
                reason: no condition for this
          b:
            text: End.
            ending: done
        """)
    # a missing key is reported where the mapping starts: node "a" has no text
    assert found(root, "one.yaml") == [("E105", 3, 5), ("E105", 7, 22), ("E105", 12, 17)]


@pytest.mark.parametrize(
    "chapter, expected",
    [
        ("nodes:\n  bad-id: {text: x, ending: done}\n", ("E106", 2, 3)),
        (
            "nodes:\n  a:\n    text: x\n    choices:\n      - {id: two words, text: t, goto: a}\n",
            ("E106", 5, 14),
        ),
        ("stats:\n  flags: {min: 0, max: 1, initial: 0}\nnodes: {}\n", ("E106", 2, 3)),
        ("stats:\n  x.__class__: {min: 0, max: 1, initial: 0}\nnodes: {}\n", ("E106", 2, 3)),
        ("flags:\n  a.b: A\nnodes: {}\n", ("E106", 2, 3)),
    ],
    ids=["node-id", "choice-id", "reserved-stat", "dunder-stat", "dotted-flag"],
)
def test_bad_names(story, chapter, expected):
    assert expected in found(story(chapter), "one.yaml")


def test_story_id_must_be_a_name(story):
    root = story(manifest=MANIFEST.replace("id: t", "id: my story"))
    assert found(root) == [("E106", 1, 5)]


# -- duplicates ------------------------------------------------------------------------------


def test_duplicate_node_across_files(story):
    root = story(
        manifest=MANIFEST.replace("[one.yaml]", "[one.yaml, two.yaml]"),
        two_yaml="nodes:\n  other: {text: x, ending: done}\n  b: {text: y, ending: done}\n",
    )
    assert only("E110", found(root)) == [("E110", 3, 3)]
    assert "one.yaml:10:3" in problems_with(root, "E110")[0].message


def test_duplicate_declarations(story):
    root = story("""\
        stats:
          suspicion: {min: 0, max: 9, initial: 0}
        flags:
          seen: Seen again
        nodes:
          a: {text: x, ending: done}
          a2: {text: x, ending: done}
        """)
    assert only("E110", found(root, "one.yaml")) == [("E110", 2, 3), ("E110", 4, 3)]


def test_duplicate_ending(story):
    manifest = MANIFEST.replace(
        "  - {id: done, title: Done}\n",
        "  - {id: done, title: Done}\n  - {id: done, title: Again}\n",
    )
    assert found(story(manifest=manifest)) == [("E110", 10, 10)]


def test_duplicate_choice_id(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            choices:
              - {id: go, text: Go, goto: b, effects: [flags.seen = true, suspicion += 1]}
              - {id: go, text: Go again, goto: b}
          b:
            text: End.
            ending: done
        """)
    assert found(root, "one.yaml") == [("E111", 6, 14)]


# -- structure -------------------------------------------------------------------------------


def test_node_with_no_way_out_that_is_not_an_ending(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            choices:
              - {id: go, text: Go, goto: b, effects: [flags.seen = true, suspicion += 1]}
          b:
            text: A dead end.
        """)
    assert found(root, "one.yaml") == [("E112", 6, 3)]


def test_node_with_both_choices_and_ending(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            ending: done
            choices:
              - {id: go, text: Go, goto: a, effects: [flags.seen = true, suspicion += 1]}
        """)
    assert found(root, "one.yaml") == [("E112", 2, 3)]


def test_next_entries_in_the_wrong_order(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            effects_note: none
            next:
              - goto: b
              - if: suspicion > 5
                goto: b
          b:
            text: End.
            ending: done
        """)
    # the unconditional entry hides what follows, and the last entry has an if;
    # effects_note is not a node key
    assert found(root, "one.yaml") == [("E104", 4, 5), ("E113", 6, 15), ("E113", 8, 15)]


def test_empty_choices_and_empty_next(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            choices: []
          b:
            text: Routed.
            next: []
        """)
    assert only("E140", found(root, "one.yaml")) == [("E140", 4, 14), ("E140", 7, 11)]


def test_next_routing_loop(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            next: [b]
          b:
            text: Round.
            next: [a]
        """)
    assert only("E141", found(root, "one.yaml")) == [("E141", 2, 3), ("E141", 5, 3)]


# -- references ------------------------------------------------------------------------------


def test_unknown_interrupt_goto_and_start(story):
    manifest = (
        MANIFEST.replace("start: a", "start: aa")
        + "interrupts:\n  - {if: suspicion > 90, goto: nope}\n"
    )
    assert found(story(manifest=manifest)) == [("E120", 12, 32), ("E122", 3, 8)]


def test_visited_unknown_node_points_at_its_name(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            choices:
              - id: go
                text: Go
                if: suspicion < 9 and visited("c1_nowhere") == 0 and not flags.seen
                effects: [flags.seen = true, suspicion += 1]
                goto: b
          b:
            text: End.
            ending: done
        """)
    assert found(root, "one.yaml") == [("E120", 7, 39)]


def test_ending_used_but_not_declared_and_declared_but_unused(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            choices:
              - {id: go, text: Go, goto: b, effects: [flags.seen = true, suspicion += 1]}
          b:
            text: End.
            ending: dun
        """)
    assert only("E121", found(root)) == [("E121", 8, 13)]
    assert only("W201", found(root)) == [("W201", 9, 10)]


def test_extend_unknown_node_and_extend_without_choices(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            choices:
              - {id: go, text: Go, goto: b, effects: [flags.seen = true, suspicion += 1]}
          b:
            text: End.
            ending: done
        extend:
          aa:
            choices: [{id: x, text: X, goto: b}]
          b:
            choices: [{id: y, text: Y, goto: a}]
        """)
    assert found(root, "one.yaml") == [("E112", 12, 3), ("E123", 10, 3)]


# -- expressions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "condition, expected",
    [
        ("suspicion >=", ("E130", 13)),  # the fault is at the end of the expression
        ("suspicion >> 2", ("E133", 1)),  # Python's operator, not ours
        ("suspicion > 1 and flags.sen", ("E131", 19)),
        ("suspcion > 1", ("E131", 1)),
        ("suspicion + true > 1", ("E132", 13)),
        ("suspicion.__class__ > 1", ("E133", 1)),
        ("suspicion > 1000001", ("E134", 13)),
        ("chanse(50)", ("E137", 1)),
        ("visited(a) > 1", ("E137", 1)),
        ("", ("E103", 0)),  # `if:` with nothing after it is null, not text
    ],
)
def test_expression_faults_point_at_their_column(story, condition, expected):
    code, offset = expected
    root = story(f"""\
        nodes:
          a:
            text: Start.
            choices:
              - id: go
                text: Go
                if: {condition}
                effects: [flags.seen = true, suspicion += 1]
                goto: b
          b:
            text: End.
            ending: done
        """)
    # `if: ` starts at column 9; the expression at column 13
    col = 13 + offset - 1 if offset else 12
    assert found(root, "one.yaml") == [(code, 7, col)]


def test_expression_fault_inside_a_block_scalar(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            choices:
              - id: go
                text: Go
                if: >-
                  suspicion < 9 and
                  flags.sen
                effects:
                  - |
                    flags.seen = tru
                  - "suspicion += 1"
                goto: b
          b:
            text: End.
            ending: done
        """)
    assert found(root, "one.yaml") == [("E131", 9, 11), ("E131", 12, 26)]


def test_literal_outside_a_stat_range(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            on_enter: suspicion = 101
            choices:
              - id: go
                text: Go
                effects: [flags.seen = true, suspicion += 200, "suspicion -= 1"]
                goto: b
          b:
            text: End.
            ending: done
        """)
    assert found(root, "one.yaml") == [("E135", 4, 27), ("E135", 8, 51)]


def test_stat_declaration_ranges(story):
    root = story("""\
        stats:
          upside: {min: 10, max: 0, initial: 0}
          outside: {min: 0, max: 10, initial: 11}
        nodes: {}
        """)
    assert [e for e in found(root, "one.yaml") if e[0] == "E136"] == [
        ("E136", 2, 17),
        ("E136", 3, 39),
    ]


# -- text ------------------------------------------------------------------------------------


def test_text_faults_in_a_multi_line_paragraph(story):
    root = story("""\
        nodes:
          a:
            text: |
              The first line is fine.
              The second has {suspcion} in it,
              and a lone } here.

              A new paragraph with *emphasis that never ends.
            choices:
              - {id: go, text: "Go {flags.sen}", goto: b, effects: [flags.seen = true, suspicion += 1]}
          b:
            text: >
              Folded text
              with {nope} on its second line.
            ending: done
        """)
    assert found(root, "one.yaml") == [
        ("E131", 5, 22),
        ("E131", 10, 28),
        ("E131", 14, 12),
        ("E142", 6, 18),
        ("W206", 8, 28),
    ]


def test_inline_construct_faults_point_inside_block_scalars(story):
    root = story("""\
        nodes:
          a:
            text: |
              Calm {if suspicion >: yes | else: no} and
              {sequence: a | b} then {if flags.seen: x | else: y | elif flags.seen: z}.
              {if flags.seen x} and {first: only one} and {if flags.sen: q}.
            choices:
              - id: go
                text: Go
                reply: "It {cycle: was | is} {before.suspicon}."
                effects: [flags.seen = true, suspicion += 1]
                goto: b
          b:
            text: End.
            ending: done
        """)
    assert found(root, "one.yaml") == [
        ("E130", 4, 27),  # the condition ends at the colon: ">" lacks its right side
        ("E131", 6, 55),  # flags.sen: did you mean
        ("E131", 10, 38),  # {before.suspicon}, at its brace
        ("E143", 5, 8),  # sequence: unknown construct, did you mean seq
        ("E143", 5, 50),  # else before elif
        ("E143", 6, 8),  # if without a colon
        ("E143", 6, 37),  # first needs two texts
    ]


def test_if_chain_segments_out_of_order(story):
    root = story("""\
        nodes:
          a:
            text:
              - elif: flags.seen
                text: Never.
              - Start.
              - else: No if before me.
              - if: flags.seen
                text: Seen.
              - else: Not seen.
              - cycle: []
              - {cycles: [x]}
            choices:
              - {id: go, text: Go, goto: b, effects: [flags.seen = true, suspicion += 1]}
          b:
            text: End.
            ending: done
        """)
    assert found(root, "one.yaml") == [
        ("E103", 11, 16),  # an empty cycle
        ("E104", 12, 10),  # cycles: did you mean cycle
        ("E144", 4, 9),  # elif with no if before it
        ("E144", 7, 9),  # else after a plain string
    ]


def test_named_constants_and_conditions_faults(story):
    manifest = MANIFEST.replace(
        "endings:",
        """constants:
  calm: 20
  big: nine
  suspicion: 3
conditions:
  watched: suspicion >= calm
  loud: suspicion + calm
  odd: suspicion >= nope
  flags: true
endings:""",
    )
    chapter = """\
        nodes:
          a:
            text: Start.
            choices:
              - {id: go, text: Go, if: watched and suspicion < big, goto: b, effects: [flags.seen = true, suspicion += 1]}
          b:
            text: End.
            ending: done
        """
    root = story(chapter, manifest)
    assert [p for p in found(root) if p[0].startswith("E")] == [
        ("E103", 10, 8),  # big: not a number
        ("E106", 16, 3),  # flags: reserved
        ("E110", 11, 3),  # suspicion: a stat already
        ("E131", 5, 56),  # big was refused, so it is unknown where it is used
        ("E131", 15, 21),  # nope
        ("E132", 14, 9),  # loud is a number, not true/false
    ]


def test_before_only_in_text_and_silent_flag_not_shown(story):
    manifest = MANIFEST.replace("seen: Seen", "seen: {label: Seen, show: true, silent: true}")
    chapter = """\
        nodes:
          a:
            text: Start.
            choices:
              - {id: go, text: Go, if: before.suspicion < 5, goto: b, effects: [flags.seen = true, suspicion += 1]}
          b:
            text: "{if flags.seen: End.}"
            ending: done
        """
    root = story(chapter, manifest)
    assert [p for p in found(root) if p[0].startswith("E")] == [("E103", 7, 43), ("E133", 5, 32)]


def test_woven_node_faults(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            choices:
              - id: ask
                text: Ask
                then: [{id: go, text: Go, goto: b}]
                goto: b
              - id: more
                text: More
                then: nothing
              - {id: plain, text: Plain, effects: [flags.seen = true, suspicion += 1]}
            gather: [not, a, node]
          x__y:
            text: Mine.
            ending: done
          b:
            text: End.
            ending: done
        """)
    assert found(root, "one.yaml") == [
        ("E103", 11, 15),  # then: is a list of choices
        ("E103", 13, 13),  # gather: is a node
        ("E105", 9, 9),  # a then: that failed leaves its choice without a goto
        ("E105", 12, 9),  # and so does the gather that failed
        ("E106", 14, 3),  # __ is kept for woven steps
        ("E112", 7, 9),  # then and goto
    ]


# -- graph warnings --------------------------------------------------------------------------


def test_unreachable_node(story):
    root = story("""\
        nodes:
          a:
            text: Start.
            choices:
              - {id: go, text: Go, goto: b, effects: [flags.seen = true, suspicion += 1]}
          b:
            text: End.
            ending: done
          island:
            text: Nobody comes here.
            choices:
              - {id: back, text: Back, goto: a}
        """)
    assert found(root, "one.yaml") == [("W200", 9, 3)]


def test_unreachable_even_ignoring_conditions_counts_interrupt_targets_as_reachable(story):
    manifest = MANIFEST + "interrupts:\n  - {if: suspicion > 90, goto: caught}\n"
    root = story(CHAPTER_WITH_CAUGHT, manifest=manifest)
    assert found(root) == []


CHAPTER_WITH_CAUGHT = """\
nodes:
  a:
    text: Start.
    choices:
      - {id: go, text: Go, if: not flags.seen, goto: b, effects: [flags.seen = true, suspicion += 1]}
  b:
    text: End.
    ending: done
  caught:
    text: Caught.
    ending: done
"""


def test_flag_and_stat_usage_warnings(story):
    manifest = """\
        id: t
        title: T
        start: a
        stats:
          suspicion: {min: 0, max: 100, initial: 0}
          courage: {min: 0, max: 100, initial: 0}
          unused: {min: 0, max: 100, initial: 0}
        flags:
          written: Written only
          read: Read only
          idle: Never used
        endings: [{id: done, title: Done}]
        files: [one.yaml]
        """
    chapter = """\
        nodes:
          a:
            text: Suspicion {suspicion}.
            choices:
              - id: go
                text: Go
                if: not flags.read
                effects: [flags.written = true, courage += 1]
                goto: b
          b:
            text: End.
            ending: done
        """
    assert found(story(chapter, manifest)) == [
        ("W202", 9, 3),
        ("W203", 10, 3),
        ("W204", 6, 3),
        ("W207", 7, 3),
        ("W207", 11, 3),
    ]


# -- every code is tested here and documented ------------------------------------------------


def test_every_code_is_tested_here_and_documented():
    import re
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    # every module of the story and analysis layers, so a code added anywhere there is seen
    engine = repo / "src/riotgame/engine"
    modules = [*(engine / "story").rglob("*.py"), *(engine / "analysis").rglob("*.py")]
    emitted = set()
    for module in modules:
        emitted |= set(re.findall(r'"([EW]\d{3})"', module.read_text(encoding="utf-8")))
    # tested at an exact position in this file, or in the engine test of its own feature
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    docs = (repo / "docs/story-format.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| ([EW]\d{3}) \|", docs, re.M))
    assert emitted == documented
    # the positions asserted above name each code at least once, besides this test
    assert {c for c in emitted if tests.count(f'"{c}"') < 1} == set()
