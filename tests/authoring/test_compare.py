"""`riotgame check --against OLD`: what an edit does to existing saves."""

from __future__ import annotations

import json
import shutil

from riotgame.engine.analysis.compare import compare
from riotgame.engine.story.loader import load_story
from tests.support.stories import MINI


def impact_of(root):
    old, _ = load_story(MINI)
    new, problems = load_story(root)
    assert new is not None, problems
    return compare(old, new)


def breaking(root) -> set[tuple[str, str, str]]:
    return {(c.kind, c.old, c.new) for c in impact_of(root).breaking}


def test_the_same_story_breaks_nothing(cli):
    impact = compare(load_story(MINI)[0], load_story(MINI)[0])
    assert (impact.breaking, impact.changed) == ([], [])
    code, out, _ = cli("check", MINI, "--against", MINI)
    assert code == 0
    assert out.endswith("Added: nothing.\nNo change breaks existing saves.\n")


def test_a_removed_node_breaks_saves(story_copy):
    story_copy(
        "      - id: lead\n        text: Take over\n        disabled_if: trust.boss < 30\n"
        "        reason: The boss does not trust you yet.\n        goto: throne\n",
        "",
    )
    root = story_copy(
        "  throne:\n    text: The boss is gone. The yard is yours.\n    ending: boss\n", ""
    )
    root = story_copy(
        "  - {id: boss, title: The Boss, description: You run the place.}\n", "", "story.yaml"
    )
    assert breaking(root) == {
        ("node", "throne", ""),
        ("choice", "yard/lead", ""),
        ("ending", "boss", ""),
    }


def test_a_renamed_node_is_guessed_from_its_content(story_copy):
    story_copy("  throne:", "  kingdom:")
    root = story_copy("goto: throne", "goto: kingdom")
    assert breaking(root) == {("node", "throne", "kingdom")}
    (change,) = impact_of(root).breaking
    assert change.note == "same content"
    assert change.where == f"{root / 'one.yaml'}:55:3"


def test_a_renamed_node_with_edited_routes_is_guessed_from_its_text(story_copy):
    story_copy("  exit_route:", "  walk_out:")
    story_copy("goto: exit_route", "goto: walk_out")
    root = story_copy("      - goto: free", "      - goto: throne")
    assert breaking(root) == {("node", "exit_route", "walk_out")}
    (change,) = impact_of(root).breaking
    assert change.note == "same text"


def test_renamed_and_removed_choices(story_copy):
    story_copy("      - id: look\n", "      - id: look_around\n")
    root = story_copy(
        "      - id: shout\n        text: Shout that you are a lawyer\n"
        '        effects: ["suspicion += 95"]\n        goto: yard\n',
        "",
    )
    assert breaking(root) == {
        ("choice", "yard/look", "yard/look_around"),
        ("choice", "gate/shout", ""),
    }


def test_removed_stats_and_flags_break_saves(story_copy):
    story_copy("  lied: Told a lie\n", "", "story.yaml")
    story_copy("        if: not flags.lied\n", "")
    root = story_copy("effects: [flags.lied = true, ", "effects: [")
    assert breaking(root) == {("flag", "lied", "")}
    story_copy(
        "  trust.boss: {label: The boss's trust, min: 0, max: 50, initial: 5, high_is: good}\n",
        "",
        "story.yaml",
    )
    story_copy("effects: [trust.boss += 10]", "effects: [suspicion -= 1]")
    story_copy('effects: ["trust.boss += 20"]', "effects: [suspicion += 1]")
    root = story_copy("disabled_if: trust.boss < 30", "disabled_if: suspicion > 30")
    assert breaking(root) == {("flag", "lied", ""), ("stat", "trust.boss", "")}


def test_a_new_start_or_story_id_breaks_saves(story_copy):
    story_copy("start: gate", "start: yard", "story.yaml")
    root = story_copy("id: mini", "id: mini2", "story.yaml")
    assert breaking(root) == {("start", "gate", "yard"), ("story id", "mini", "mini2")}


def test_edited_text_is_a_change_not_a_break(story_copy, cli):
    root = story_copy("You are out.", "You are out, at last.")
    impact = impact_of(root)
    assert impact.breaking == []
    assert [(c.old, c.note) for c in impact.changed] == [("free", "text")]
    code, out, _ = cli("check", root, "--against", MINI)
    assert code == 0
    assert "  free: text  " in out
    assert out.endswith("No change breaks existing saves.\n")


def test_edited_rules_are_reported_as_such(story_copy):
    root = story_copy("if: suspicion >= 50", "if: suspicion >= 40")
    assert [(c.old, c.note) for c in impact_of(root).changed] == [("exit_route", "rules")]


def test_additions_are_counted(story_copy, cli):
    root = story_copy(
        "      - id: leave\n",
        "      - id: wait\n        text: Wait\n        goto: yard\n      - id: leave\n",
    )
    impact = impact_of(root)
    assert impact.breaking == []
    assert impact.added["choice"] == 1
    code, out, _ = cli("check", root, "--against", MINI)
    assert code == 0 and "Added: 1 choice." in out


def test_breaking_edits_exit_1_with_a_readable_report(story_copy, cli):
    story_copy("  throne:", "  kingdom:")
    root = story_copy("goto: throne", "goto: kingdom")
    code, out, _ = cli("check", root, "--against", MINI)
    assert code == 1
    assert "Saves that would no longer replay (1 change):" in out
    assert f'  node  "throne" renamed to "kingdom"? (same content)  {root}/one.yaml:55:3' in out
    assert out.endswith(
        "1 change would break existing saves. Keep the old ids where you can: "
        "players never see them.\nStory version still 1: raise `version:` in story.yaml.\n"
    )


def test_json_output_carries_the_comparison(story_copy, cli):
    root = story_copy("      - id: look\n", "      - id: peek\n")
    code, out, _ = cli("check", root, "--against", MINI, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert report["against"]["breaks_saves"] is True
    assert [(c["kind"], c["old"], c["new"]) for c in report["against"]["breaking"]] == [
        ("choice", "yard/look", "yard/peek")
    ]


def test_an_old_story_that_does_not_load_is_reported_not_raised(tmp_path, cli):
    code, _, err = cli("check", MINI, "--against", tmp_path / "nowhere")
    assert code == 1
    assert f"{tmp_path / 'nowhere'}:0:0: E101 story directory not found" in err
    assert "Cannot compare: the old story in" in err and "Traceback" not in err


def test_the_story_version_is_compared_and_its_raise_asked_for(cli, tmp_path):
    """A breaking edit with the version unchanged asks for `version:` to be raised; with it
    raised, the report says from what to what, and saves record the version."""
    edited = tmp_path / "story"
    shutil.copytree(MINI, edited)
    chapter = edited / "one.yaml"
    chapter.write_text(chapter.read_text().replace("id: look", "id: peer"))
    _, out, _ = cli("check", edited, "--against", MINI)
    assert "Story version still 1: raise `version:` in story.yaml." in out
    manifest = edited / "story.yaml"
    manifest.write_text(manifest.read_text().replace("title:", "version: 2\ntitle:", 1))
    code, out, _ = cli("check", edited, "--against", MINI)
    assert code == 1 and "Story version: 1 -> 2." in out
    story, _ = load_story(edited)
    assert story is not None and story.version == 2
