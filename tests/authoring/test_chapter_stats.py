"""`explore --random` reports each stat's spread when runs enter each chapter."""

from __future__ import annotations

import json

from riotgame.commands.explore_text import histogram
from riotgame.engine.analysis.explore import random_play
from riotgame.engine.story.loader import load_story
from tests.support.stories import KITCHEN, MINI


def test_histogram_bins_the_range_and_scales_to_the_fullest_bin():
    assert histogram([0, 0, 0, 0, 0, 0, 0, 0, 99, 100], 0, 100) == "█········▂"
    assert histogram([3], 0, 9) == "···█······"
    assert histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0, 9) == "██████████"


def test_stats_are_taken_when_a_run_first_enters_a_chapter():
    story, _ = load_story(MINI, [KITCHEN])
    report = random_play(story, 300, seed=3)
    assert set(report.stats_at_chapter) == {1, 2}
    assert len(report.stats_at_chapter[1]) == 300  # every run starts in chapter 1
    names = [d.name for d in story.stats]
    nerve, suspicion = names.index("nerve"), names.index("suspicion")
    kitchen = report.stats_at_chapter[2]
    assert 0 < len(kitchen) < 300
    # the kitchen's on_enter adds 1 to nerve once: entering it again does not count twice
    assert {row[nerve] for row in kitchen} == {4}
    # only the disguise (suspicion 10 -> 5) lets a run reach the yard without being caught
    assert {row[suspicion] for row in kitchen} == {5}
    assert {row[suspicion] for row in report.stats_at_chapter[1]} == {10}


def test_the_text_report_shows_one_histogram_per_stat_and_chapter(cli):
    code, out, _ = cli(
        "explore", "--story", MINI, "--with", KITCHEN, "--random", "300", "--seed", "3"
    )
    assert code == 0
    lines = out.splitlines()
    start = lines.index("  nerve (0 to 10)")
    chapter_1 = "    chapter 1   |··█·······|     3    3    3      300 runs"
    assert lines[start + 1] == chapter_1
    assert lines[start + 2].startswith("    chapter 2   |···█······|     4    4    4  ")


def test_the_json_report_carries_the_values(cli):
    _code, out, _ = cli(
        "explore", "--story", MINI, "--with", KITCHEN, "--random", "50", "--format", "json"
    )
    chapters = json.loads(out)["stats_at_chapter"]
    assert sorted(chapters) == ["1", "2"]
    assert len(chapters["1"]["suspicion"]) == 50
    assert set(chapters["2"]["nerve"]) == {4}
