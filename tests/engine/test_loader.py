"""What the loader builds from valid files: the model, extends, branch files, fingerprints."""

from __future__ import annotations

from riotgame.engine.analysis.check import check_story
from riotgame.engine.play.machine import Machine
from riotgame.engine.story.loader import load_story
from tests.support.stories import CHAPTER, MANIFEST, MINI, found, write_story


def test_mini_story_model():
    story, problems = load_story(MINI)
    assert problems == []
    assert (story.id, story.title, story.start) == ("mini", "The Mini Riot", "gate")
    assert [s.name for s in story.stats] == ["suspicion", "trust.boss"]
    assert [(f.name, f.label, f.show) for f in story.flags] == [
        ("disguised", "Disguised", True),
        ("lied", "Told a lie", False),
    ]
    assert [e.id for e in story.endings] == ["free", "caught", "boss"]
    gate = story.nodes["gate"]
    assert gate.tags == ("set-piece:disguise",)
    assert [c.id for c in gate.choices] == ["disguise", "shout"]
    assert (gate.loc.line, gate.loc.col) == (4, 3)
    assert [(r.goto, r.cond is None) for r in story.nodes["exit_route"].next] == [
        ("caught", False),
        ("free", True),
    ]
    assert story.chapters[0].number == 1 and story.chapters[0].title == "The Gate"


def test_extend_and_branch_files_add_choices(tmp_path):
    branch = tmp_path / "branch.yaml"
    branch.write_text(
        "nodes:\n  side:\n    text: A side room.\n    ending: done\n"
        "extend:\n  a:\n    choices:\n      - {id: sneak, text: Sneak, goto: side}\n",
        encoding="utf-8",
    )
    root = write_story(tmp_path / "s")
    story, problems = load_story(root, [branch])
    assert problems == []
    assert [c.id for c in story.nodes["a"].choices] == ["go", "sneak"]
    state, _ = Machine(story).choose(Machine(story).start()[0], "sneak")
    assert state.node == "side"
    plain_story, _ = load_story(root)
    assert plain_story.fingerprint != story.fingerprint
    assert plain_story.nodes["a"].content_hash != story.nodes["a"].content_hash


def test_extend_cannot_reuse_a_choice_id(tmp_path):
    root = write_story(
        tmp_path / "s",
        CHAPTER + "extend:\n  a:\n    choices:\n      - {id: go, text: Again, goto: b}\n",
    )
    assert found(root, "one.yaml") == [("E111", 16, 14)]


def test_fingerprint_follows_content():
    first, _ = load_story(MINI)
    again, _ = load_story(MINI)
    assert first.fingerprint == again.fingerprint


def test_single_effect_string_and_next_shorthand(tmp_path):
    chapter = """\
        nodes:
          a:
            text: Start.
            on_enter: suspicion += 3
            choices:
              - {id: go, text: Go, if: not flags.seen, effects: flags.seen = true, goto: r}
          r:
            text: Routing.
            next: [b]
          b:
            text: "Suspicion {suspicion}."
            ending: done
        """
    story, problems = load_story(write_story(tmp_path / "s", chapter))
    assert problems == []
    m = Machine(story)
    state, _ = m.start()
    assert state.stats == (3,)
    state, _ = m.choose(state, "go")
    # the routing node's text is read on the way through, then the resting node's
    assert state.node == "b"
    assert m.passage(state) == [[("", "Routing.")], [("", "Suspicion 3.")]]


def test_text_segments_with_conditions(tmp_path):
    chapter = CHAPTER.replace(
        "    text: End.\n",
        "    text:\n      - Always.\n"
        "      - {if: flags.seen, text: Seen.}\n"
        "      - {if: not flags.seen, text: Unseen.}\n",
    )
    story, problems = load_story(write_story(tmp_path / "s", chapter))
    assert problems == []
    m = Machine(story)
    state, _ = m.choose(m.start()[0], "go")
    assert m.passage(state) == [[("", "Always.")], [("", "Seen.")]]


def test_errors_mean_no_story_warnings_do_not(tmp_path):
    broken = write_story(tmp_path / "broken", CHAPTER.replace("goto: b", "goto: nowhere"))
    story, problems = load_story(broken)
    assert story is None and [p.code for p in problems] == ["E120"]
    warned = write_story(tmp_path / "warned", CHAPTER + "  island: {text: x, ending: done}\n")
    story, problems, summary = check_story(warned)
    assert story is not None and [p.code for p in problems] == ["W200"]
    assert (summary.nodes, summary.choices, summary.endings, summary.errors, summary.warnings) == (
        3,
        1,
        1,
        0,
        1,
    )


def test_the_real_story_loads_without_tracebacks():
    # The story is being written: it may have problems, but reading it must not crash.
    from riotgame import paths

    _, problems, summary = check_story(paths.story_dir())
    assert summary.errors == sum(p.is_error for p in problems)
    assert all(p.line >= 0 and p.col >= 0 for p in problems)


def test_a_cached_parse_gives_the_same_story_and_problems(tmp_path, monkeypatch):
    chapter = (
        CHAPTER.replace("if: not flags.seen and suspicion < 50", "if: >\n          not flags.sen")
        + "  b2: {text: x, text: y}\n"
    )
    root = write_story(tmp_path / "s", chapter)
    monkeypatch.setenv("RIOTGAME_CACHE", str(tmp_path / "cache"))
    first = check_story(root)[1]
    assert list((tmp_path / "cache").iterdir())  # the parse was stored
    assert check_story(root)[1] == first
    monkeypatch.setenv("RIOTGAME_CACHE", "off")
    assert check_story(root)[1] == first
    assert [(p.code, p.line, p.col) for p in first if p.is_error] == [
        ("E131", 8, 15),
        ("E112", 14, 3),
        ("E102", 14, 17),
    ]


def test_a_file_that_does_not_parse_hides_the_graph_warnings_it_would_cause(tmp_path):
    # two.yaml is broken, so node c (which it defines) looks missing: the author gets the
    # syntax error alone, not the goto into it nor "unreachable" and "never set" warnings
    manifest = MANIFEST.replace("files: [one.yaml]", "files: [one.yaml, two.yaml]")
    chapter = CHAPTER.replace("goto: b", "goto: c")
    root = write_story(
        tmp_path / "s", chapter, manifest, two_yaml="nodes:\n  c: {text: [unclosed\n"
    )
    assert found(root) == [("E100", 2, 13)]  # the "[" never closed
