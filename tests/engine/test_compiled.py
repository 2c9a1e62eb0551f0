"""The compiled story form: the same Story as the YAML, loaded with no YAML parsing, kept
in the cache directory by the loader and refused (the YAML read instead) when stale or
damaged."""

from __future__ import annotations

import ast
import dataclasses
import json
import random
import shutil
from pathlib import Path

import pytest

from riotgame.engine import Machine, load_story
from riotgame.engine.analysis.check import check_story
from riotgame.engine.story import compiled as compiled_module
from riotgame.engine.story import compiledcache
from riotgame.engine.story import reader as reader_module
from riotgame.engine.story.codec_text import FormError
from riotgame.engine.story.compiled import (
    CompiledError,
    dumps_compiled,
    is_fresh,
    load_compiled,
    loads_compiled,
)
from riotgame.engine.story.expr import Compiled
from riotgame.engine.story.loader import compile_story, read_story
from riotgame.engine.story.model import Node

REPO = Path(__file__).resolve().parents[2]
STORY = REPO / "story"
BRANCH = REPO / "examples" / "branches" / "shirt_man.yaml"
COMPILED_FIELDS = ("source", "reads", "visits", "uses_turns", "uses_chance", "writes", "kind", "op")


def form(value):
    """A structure that is equal for two Stories exactly when they are the same story: every
    field of every object, with each compiled expression by what it is, not by identity."""
    if isinstance(value, Compiled):
        tree = ast.dump(value.tree, include_attributes=True)  # what the analyses read
        return ("Compiled", *(getattr(value, name) for name in COMPILED_FIELDS), tree)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # fields derived when built (init=False: the machine's tables) follow from the rest
        fields = [f for f in dataclasses.fields(value) if f.init]
        return (type(value).__name__, *((f.name, form(getattr(value, f.name))) for f in fields))
    slots = [name for cls in type(value).__mro__ for name in getattr(cls, "__slots__", ())]
    if slots and type(value).__module__.startswith("riotgame."):  # the text's own pieces
        return (type(value).__name__, *((n, form(getattr(value, n))) for n in slots))
    if isinstance(value, dict):
        return ("dict", *((k, form(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, *(form(v) for v in value))
    assert not callable(value), f"an unexpected function in the model: {value!r}"
    return value


def round_trip(root, extra=()):
    compiled, problems = compile_story(root, extra)
    assert compiled is not None, problems
    story, _ = load_compiled(loads_compiled(dumps_compiled(compiled)))
    return story


@pytest.mark.parametrize("extra", [(), (BRANCH,)], ids=["story", "with-branch"])
def test_the_compiled_form_loads_the_same_story(extra):
    from_yaml, problems = load_story(STORY, extra)
    assert from_yaml is not None, problems
    from_compiled = round_trip(STORY, extra)
    assert from_compiled.fingerprint == from_yaml.fingerprint
    assert form(from_compiled) == form(from_yaml)


def test_the_form_tells_two_stories_apart():
    plain_story, _ = load_story(STORY)
    branched, _ = load_story(STORY, [BRANCH])
    assert form(plain_story) != form(branched)


def refuse_yaml(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the compiled form must not be parsed as YAML")

    monkeypatch.setattr(reader_module, "parse_yaml_cached", refuse)


def test_loading_the_compiled_form_parses_no_yaml(monkeypatch):
    compiled, _ = compile_story(STORY)
    refuse_yaml(monkeypatch)
    story, problems = load_compiled(loads_compiled(dumps_compiled(compiled)))
    assert len(story.nodes) > 100, problems


def test_random_runs_play_the_same_on_both():
    yaml_machine = Machine(load_story(STORY)[0])
    compiled_machine = Machine(round_trip(STORY))
    rng = random.Random(7)
    for seed in range(20):
        a, _ = yaml_machine.start(seed)
        b, _ = compiled_machine.start(seed)
        while yaml_machine.ending(a) is None:
            assert a == b
            open_ids = [c.id for c in yaml_machine.choices(a) if c.enabled]
            assert open_ids == [c.id for c in compiled_machine.choices(b) if c.enabled]
            pick = rng.choice(open_ids)
            a, _ = yaml_machine.choose(a, pick)
            b, _ = compiled_machine.choose(b, pick)
        assert a == b and compiled_machine.ending(b) is not None


def test_the_key_follows_the_sources_content(tmp_path):
    root = tmp_path / "story"
    shutil.copytree(STORY, root)
    compiled, _ = compile_story(root)
    assert is_fresh(compiled)
    chapter = next(p for p in sorted(root.glob("*.yaml")) if p.name != "story.yaml")
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert not is_fresh(compiled)
    assert compile_story(root)[0]["key"] != compiled["key"]


def test_a_story_with_errors_does_not_compile(tmp_path):
    (tmp_path / "story.yaml").write_text("id: t\ntitle: T\nstart: a\nfiles: []\n")
    compiled, problems = compile_story(tmp_path)
    assert compiled is None
    assert any(p.code == "E105" for p in problems)  # endings missing


def _node(c):
    return c["story"]["nodes"][0]


@pytest.fixture(scope="module")
def shipped_compiled_text() -> str:
    """The shipped story's compiled form as JSON text, built once: each test that damages
    it decodes its own copy."""
    compiled, _ = compile_story(STORY)
    return json.dumps(compiled)


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda c: c.update(format=99), "build it again"),
        (lambda c: c.update(sources="nope"), "sources"),
        (lambda c: c.update(problems=[["a", 1, 1, "E100", "x"]]), "problems"),
        (lambda c: c["story"]["nodes"].append("x"), "must be a list"),
        (lambda c: c["story"]["nodes"].clear(), "the story lacks"),
        (lambda c: _node(c).__setitem__(0, 7), "text was expected"),
        (lambda c: _node(c).__setitem__(3, -1), "a place"),
        (lambda c: _node(c).__setitem__(4, "1"), "a place"),
        (lambda c: _node(c)[8][0].__setitem__(2, "nowhere"), "nowhere"),
        (lambda c: _node(c)[8][0].__setitem__(8, [10**6]), "IndexError"),
        (lambda c: c["story"]["exprs"][0].__setitem__(1, "__import__('os')"), "does not compile"),
        (lambda c: c["story"]["exprs"][0].__setitem__(0, 5), "mode"),
        (lambda c: c["story"]["stats"][0].__setitem__(4, 10**6), "outside its bounds"),
        (lambda c: c["story"].update(fingerprint="0" * 16), "fingerprint"),
        (lambda c: c["story"]["units"][0].__setitem__(7, "x"), "whole number"),
    ],
    ids=[
        "format",
        "sources",
        "an-error",
        "not-a-node",
        "no-nodes",
        "node-id",
        "place-path",
        "place-line",
        "dangling-goto",
        "expression-index",
        "hostile-expression",
        "expression-mode",
        "stat-bounds",
        "fingerprint",
        "unit-offset",
    ],
)
def test_a_damaged_compiled_form_is_refused_in_words(damage, message, shipped_compiled_text):
    compiled = json.loads(shipped_compiled_text)  # plain data, as a file holds it
    damage(compiled)
    with pytest.raises(CompiledError, match=message):
        load_compiled(loads_compiled(dumps_compiled(compiled)))


# ids: a parameter's own text would be its test id, 60 MB carried in every report (4 s)
@pytest.mark.parametrize(
    "text",
    ["", "[1, 2]", "{" * 100_000, "x" * 60_000_000],
    ids=["empty", "a-list", "deep-nesting", "over-the-bound"],
)
def test_text_that_is_not_a_compiled_story_is_refused(text, monkeypatch):
    monkeypatch.setattr(compiled_module, "MAX_BYTES", 50_000_000)
    with pytest.raises(CompiledError):
        load_compiled(loads_compiled(text))


def test_the_size_bound_is_the_modules(monkeypatch):
    monkeypatch.setattr(compiled_module, "MAX_BYTES", 10)
    with pytest.raises(CompiledError, match="too large"):
        loads_compiled('{"format": 3, "x": 2}')


# -- the loader's cache of compiled forms ----------------------------------------------------
WARNED = """\
id: t
title: T
start: a
stats:
  suspicion: {label: Suspicion, min: 0, max: 100, initial: 10, high_is: bad}
flags:
  seen: {label: Seen}
  spare: {label: Spare}
endings:
  - {id: out, title: Out}
  - {id: never, title: Never}
files: [one.yaml]
"""
CHAPTER = """\
chapter: 1
nodes:
  a:
    text: "Suspicion is {suspicion}."
    choices:
      - {id: go, text: Go, goto: b, effects: ["flags.seen = true"], if: chance(50) or true}
  b:
    text: "{if flags.seen: Seen.}"
    ending: out
  lost:
    text: Nobody comes here.
    ending: out
"""


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """A story with warnings (from the loader and from the graph checks), the cache on."""
    root = tmp_path / "story"
    root.mkdir()
    (root / "story.yaml").write_text(WARNED, encoding="utf-8")
    (root / "one.yaml").write_text(CHAPTER, encoding="utf-8")
    monkeypatch.setenv("RIOTGAME_CACHE", str(tmp_path / "cache"))
    return root


def entries(root):
    return sorted(p.suffix for p in (root.parent / "cache").glob("*.*") if p.suffix != ".parsed")


def test_a_second_load_comes_from_the_compiled_form_with_the_same_problems(cached, monkeypatch):
    story, problems, summary = check_story(cached)
    assert story is not None and {p.code for p in problems} >= {"W200", "W201", "W207"}
    assert entries(cached) == [".checks", ".story"]
    refuse_yaml(monkeypatch)
    again, problems_again, summary_again = check_story(cached)
    assert problems_again == problems and summary_again == summary
    assert form(again) == form(story)
    assert read_story(cached)[1] == read_story(cached)[1]


def test_an_edit_a_new_branch_or_a_catalogue_loads_the_yaml_again(cached, monkeypatch):
    first, _ = read_story(cached)
    chapter = cached / "one.yaml"
    chapter.write_text(CHAPTER.replace("Nobody comes", "No one comes"), encoding="utf-8")
    edited, _ = read_story(cached)
    assert edited.fingerprint != first.fingerprint
    lost = edited.nodes["lost"].text.render(Machine(edited).start(1)[0])
    assert lost == [[("", "No one comes here.")]]
    translated, _ = read_story(cached, translations={"lost.p1": "Nadie viene aqui."})
    assert translated.nodes["lost"].text.render(Machine(edited).start(1)[0]) == [
        [("", "Nadie viene aqui.")]
    ]
    assert read_story(cached)[0].nodes["lost"].text == edited.nodes["lost"].text


def test_another_engine_does_not_read_the_form(cached, monkeypatch):
    read_story(cached)
    monkeypatch.setattr(compiled_module, "_STAMP", ["another engine"])
    calls = []
    original = reader_module.parse_yaml_cached
    monkeypatch.setattr(
        reader_module, "parse_yaml_cached", lambda *a: calls.append(1) or original(*a)
    )
    story, _ = read_story(cached)
    assert story is not None and calls  # parsed again, and the form rewritten for it
    calls.clear()
    read_story(cached)
    assert not calls


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t[: len(t) // 2],
        lambda t: t.replace('"Seen."', '"Seen." ]]]'),
        lambda t: t.replace('"b",null,null', '"nowhere",null,null'),  # the choice's goto
        lambda t: t.replace("chance(50)", "__import__('os')"),
        lambda t: "\n".join(t.split("\n")[:1]),
        lambda t: "\x00\xff" * 10,
        lambda t: "\n".join(t.split("\n")[:3]),  # the header, the story and one node
    ],
    ids=["cut", "brackets", "dangling", "hostile", "header-only", "bytes", "one-node"],
)
def test_a_damaged_cache_entry_loads_the_yaml_without_a_word(cached, damage, capsys):
    story, problems, _ = check_story(cached)
    (entry,) = (cached.parent / "cache").glob("*.story")
    text = entry.read_text(encoding="utf-8")
    assert damage(text) != text
    entry.write_text(damage(text), encoding="utf-8")
    again, problems_again, _ = check_story(cached)
    assert form(again) == form(story) and problems_again == problems
    assert capsys.readouterr() == ("", "")


def _damage_node_line(cached, nid):
    """Break the JSON of node `nid`'s line in the cache entry (the header still fits)."""
    (entry,) = (cached.parent / "cache").glob("*.story")
    lines = entry.read_text(encoding="utf-8").split("\n")
    (at,) = [i for i, line in enumerate(lines) if line.startswith(f'["{nid}",')]
    lines[at] = lines[at][: len(lines[at]) // 2]
    entry.write_text("\n".join(lines), encoding="utf-8")


def test_a_node_damaged_in_the_cache_is_read_from_the_yaml_when_first_read(
    cached, monkeypatch, capsys
):
    story, problems = read_story(cached)
    _damage_node_line(cached, "b")
    calls = []
    original = reader_module.parse_yaml_cached
    monkeypatch.setattr(
        reader_module, "parse_yaml_cached", lambda *a: calls.append(1) or original(*a)
    )
    again, problems_again = read_story(cached)
    assert not calls and problems_again == problems  # from the form: its header is sound
    machine = Machine(again)
    state, _ = machine.start(3)
    state, _ = machine.choose(state, "go")
    assert calls  # node b's line was read, found damaged, and the YAML loaded instead
    assert machine.passage(state) == [[("", "Seen.")]] and machine.ending(state) == "out"
    assert form(again) == form(story) and capsys.readouterr() == ("", "")


def test_a_damaged_node_whose_files_changed_since_the_load_is_said(cached):
    read_story(cached)
    _damage_node_line(cached, "b")
    story, _ = read_story(cached)
    (cached / "one.yaml").write_text(CHAPTER.replace("Nobody", "No one"), encoding="utf-8")
    with pytest.raises(FormError, match=r'node "b" in the compiled story is damaged.*load it'):
        _ = story.nodes["b"].text


def test_a_first_move_builds_only_the_nodes_it_meets(cached):
    read_story(cached)
    story, _ = read_story(cached)  # from the compiled form
    machine = Machine(story)
    state, _ = machine.start(1)
    assert [c.id for c in machine.choices(state)] == ["go"]
    built = {nid for nid, node in story.nodes.items() if type(node) is Node}
    assert built == {"a"}  # the start only: nothing else was read
    # the machine's tables read whole are as if built at once, in story order
    assert list(machine.places) == ["a", "b", "lost"]
    assert list(machine.by_key) == ["a/go"] and machine.plans["a/go"] is not None
    assert {type(node) for node in story.nodes.values()} == {Node}


def test_a_story_with_errors_is_not_kept(cached):
    (cached / "one.yaml").write_text(CHAPTER.replace("goto: b", "goto: c"), encoding="utf-8")
    assert read_story(cached)[0] is not None  # read_story returns what it could build
    assert ".story" not in entries(cached)


def test_an_unwritable_cache_only_costs_speed(cached, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("RIOTGAME_CACHE", str(blocker / "cache"))
    assert check_story(cached)[0] is not None
    assert check_story(cached)[0] is not None


def test_the_place_of_an_entry_depends_on_what_was_asked(cached):
    places = {
        compiledcache.entry("c", (cached, [], None)),
        compiledcache.entry("c", (cached, [BRANCH], None)),
        compiledcache.entry("c", (cached, [], {"a.p1": "x"})),
        compiledcache.entry("c", (cached.parent, [], None)),
    }
    assert len(places) == 4
