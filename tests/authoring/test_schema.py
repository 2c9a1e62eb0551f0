"""`riotgame schema`: a valid draft 2020-12 schema that accepts the story files we ship and
rejects broken ones, and stays in step with the keys the loader knows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from riotgame.engine.story import keys
from riotgame.engine.story.loader import load_story
from riotgame.engine.story.schema import schema_text
from riotgame.engine.story.yamlfile import parse_yaml
from tests.support.stories import CHECKOUT, KITCHEN, MINI

SCHEMA = json.loads(schema_text())
VALIDATOR = Draft202012Validator(SCHEMA)


def read(path: Path):
    data, problems = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    assert not problems
    return data


def errors(data) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(data)]


def test_the_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_command_prints_the_shipped_schema(cli):
    code, out, _ = cli("schema")
    assert code == 0
    assert json.loads(out) == SCHEMA


FIXTURE_FILES = [
    *sorted(MINI.glob("*.yaml")),
    KITCHEN,
    *sorted((CHECKOUT / "examples" / "branches").glob("*.yaml")),
]


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_and_example_files_validate(path):
    assert errors(read(path)) == []


def shipped_story_files() -> list[Path]:
    """story.yaml and the files it lists: the story folder also holds players.yaml, which is
    not a story file and has a shape of its own."""
    story_dir = CHECKOUT / "story"
    manifest = read(story_dir / "story.yaml")
    return [story_dir / "story.yaml", *(story_dir / name for name in manifest["files"])]


@pytest.mark.parametrize("path", shipped_story_files(), ids=lambda p: p.name)
def test_shipped_story_files_validate(path):
    """The schema checks each file's own shape, so every shipped file that parses must pass,
    on its own."""
    data, problems = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    assert [p.concise() for p in problems] == []
    assert errors(data) == []


# Broken files: each must fail the schema. (name, YAML text); chapter faults use the mini
# story's names, so the loader test below rejects them for the fault, not for a missing name.
CHAPTER_FAULTS = [
    ("unknown top-level key", "chapter: 1\nnode: {}\n"),
    ("chapter number as text", "chapter: one\n"),
    ("node without text", "nodes: {a: {ending: free}}\n"),
    (
        "node with choices and ending",
        "nodes: {a: {text: t, ending: free, choices: [{id: c, text: t, goto: a}]}}\n",
    ),
    ("node with nothing to do", "nodes: {a: {text: t}}\n"),
    ("choice without goto", "nodes: {a: {text: t, choices: [{id: c, text: t}]}}\n"),
    (
        "disabled_if without reason",
        "nodes: {a: {text: t, choices: [{id: c, text: t, goto: a, "
        "disabled_if: 'suspicion > 1'}]}}\n",
    ),
    ("misspelt choice key", "nodes: {a: {text: t, choices: [{id: c, text: t, go_to: a}]}}\n"),
    ("node id with a dash", "nodes: {my-node: {text: t, ending: free}}\n"),
    ("effect that is a number", "nodes: {a: {text: t, on_enter: [3], ending: free}}\n"),
    ("flag with a dot", "flags: {a.b: Label}\n"),
    ("extend without choices", "extend: {yard: {text: more}}\n"),
    ("text segment without if", "nodes: {a: {text: [{text: t}], ending: free}}\n"),
]


MANIFEST_FAULTS = [
    ("manifest without files", "id: s\ntitle: S\nstart: a\nendings: []\n"),
    (
        "stat without max",
        "id: s\ntitle: S\nstart: a\nendings: []\nfiles: []\nstats: {x: {min: 0, initial: 0}}\n",
    ),
    (
        "high_is not good/bad/neutral",
        "id: s\ntitle: S\nstart: a\nendings: []\nfiles: []\n"
        "stats: {x: {min: 0, max: 1, initial: 0, high_is: up}}\n",
    ),
]
BROKEN = MANIFEST_FAULTS + CHAPTER_FAULTS


@pytest.mark.parametrize("text", [t for _, t in BROKEN], ids=[n for n, _ in BROKEN])
def test_broken_files_fail(text):
    data, problems = parse_yaml(text, "broken.yaml")
    assert not problems
    assert errors(data) != []


def test_schema_keys_match_the_loader():
    """The schema lists exactly the keys the loader accepts, so neither drifts."""
    defs = SCHEMA["$defs"]
    assert set(defs["manifest"]["properties"]) == keys.MANIFEST_KEYS
    assert set(defs["chapter"]["properties"]) == keys.CHAPTER_KEYS
    assert set(defs["node"]["properties"]) == keys.NODE_KEYS
    assert set(defs["choice"]["properties"]) == keys.CHOICE_KEYS
    stat = defs["stats"]["additionalProperties"]["properties"]
    assert set(stat) == keys.STAT_KEYS


@pytest.mark.parametrize("text", [t for _, t in CHAPTER_FAULTS], ids=[n for n, _ in CHAPTER_FAULTS])
def test_the_loader_rejects_what_the_schema_rejects(tmp_path, text):
    branch = tmp_path / "branch.yaml"
    branch.write_text(text)
    story, problems = load_story(MINI, [branch])
    assert story is None
    assert any(p.path == str(branch) for p in problems if p.is_error)


def test_a_next_node_without_text_is_valid_and_a_choices_node_without_text_is_not():
    silent = {"nodes": {"a": {"next": ["b"]}}}
    assert errors(silent) == []
    mute = {"nodes": {"a": {"choices": [{"id": "go", "text": "Go", "goto": "b"}]}}}
    assert errors(mute) != []


def test_the_text_constructs_validate_and_a_misspelt_one_does_not():
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    for path in sorted((fixtures / "constructs").rglob("*.yaml")):
        assert errors(read(path)) == [], path
    wrong = {"nodes": {"a": {"text": [{"cycles": ["x"]}], "ending": "done"}}}
    assert errors(wrong) != []
