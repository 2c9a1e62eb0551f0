"""The compiled story form: the same Story as the YAML, loaded with no YAML parsing."""

from __future__ import annotations

import ast
import dataclasses
import random
import shutil
from pathlib import Path

import pytest

from riotgame.engine import Machine, load_story
from riotgame.engine.story import compiled as compiled_module
from riotgame.engine.story import reader as reader_module
from riotgame.engine.story.compiled import (
    CompiledError,
    compile_story,
    dumps_compiled,
    is_fresh,
    load_compiled,
    loads_compiled,
)
from riotgame.engine.story.expr import Compiled

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
    text = dumps_compiled(compiled)
    story, problems = load_compiled(loads_compiled(text))
    assert story is not None, problems
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


def test_loading_the_compiled_form_parses_no_yaml(monkeypatch):
    compiled, _ = compile_story(STORY)

    def refuse(*args, **kwargs):
        raise AssertionError("the compiled form must not be parsed as YAML")

    monkeypatch.setattr(reader_module, "parse_yaml_cached", refuse)
    story, problems = load_compiled(loads_compiled(dumps_compiled(compiled)))
    assert story is not None and len(story.nodes) > 100, problems


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


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda c: c.update(format=99), "build it again"),
        (lambda c: c.update(files="nope"), "needs"),
        (lambda c: c["files"][0].__setitem__(1, ["M", 1, 1, ["a"], [1], [], [], []]), "broken"),
        (lambda c: c["files"][0].__setitem__(1, ["X"]), "broken"),
        (lambda c: c["files"][0].__setitem__(1, {"a": 1}), "broken"),
        (lambda c: c["files"][1].__setitem__(0, "elsewhere.yaml"), None),
        (lambda c: c.update(places={"a": 1}), "places"),
        (lambda c: c["places"].append(["x", 1, 2, 3]), "places"),
    ],
    ids=[
        "format",
        "files",
        "short-mapping",
        "unknown-tree",
        "object",
        "missing-file",
        "places",
        "short-place",
    ],
)
def test_a_damaged_compiled_form_is_refused_in_words(damage, message):
    compiled, _ = compile_story(STORY)
    damage(compiled)
    if message is None:  # a file the manifest names is not in the form: the loader says so
        story, problems = load_compiled(compiled)
        assert story is None
        assert any(p.code == "E101" and "file not found" in p.message for p in problems)
        return
    with pytest.raises(CompiledError, match=message):
        load_compiled(compiled)


@pytest.mark.parametrize("text", ["", "[1, 2]", "{" * 100_000, "x" * 60_000_000])
def test_text_that_is_not_a_compiled_story_is_refused(text):
    with pytest.raises(CompiledError):
        load_compiled(loads_compiled(text))


def test_the_size_bound_is_the_modules(monkeypatch):
    monkeypatch.setattr(compiled_module, "MAX_BYTES", 10)
    with pytest.raises(CompiledError, match="too large"):
        loads_compiled('{"format": 1, "x": 2}')
