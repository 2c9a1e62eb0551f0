"""`riotgame check`: every problem of a story at its path:line:col, and with `--against`
what the edits since an older copy do to players' saves."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from riotgame.commands.check_lang import TranslationReport, format_outdated, translation_report
from riotgame.commands.common import StorySource, say_error
from riotgame.engine.analysis.compare import Impact
from riotgame.engine.story.model import Story

if TYPE_CHECKING:
    from riotgame.engine.analysis.check import Summary
    from riotgame.engine.story.problems import Problem

FORMATS = ("concise", "full", "json", "github")


@dataclass(frozen=True)
class CheckOptions:
    source: StorySource
    strict: bool = False  # warnings fail too
    against: Path | None = None  # the old story directory to compare with
    format: str = "concise"
    lang: str | None = None  # also check this language's catalogue


def run_check(options: CheckOptions) -> int:
    from riotgame.engine.analysis.check import check_story

    source = options.source
    story, problems, summary = check_story(source.story_dir, source.extra)
    impact = against_old(story, options.against) if options.against and story else None
    translation = translation_report(source, story, options.lang) if options.lang else None
    if translation:
        problems = [*problems, *translation.problems]
    if options.format == "json":
        print_json(problems, summary, impact, translation)
    else:
        print_text(options, story, problems, summary, impact, translation)
    failed = summary.errors or (options.strict and summary.warnings)
    if translation and (translation.errors or (options.strict and translation.problems)):
        failed = True
    saves_break = options.against and (impact is None or impact.breaks_saves)
    return 1 if failed or saves_break else 0


def print_json(
    problems: list[Problem],
    summary: Summary,
    impact: Impact | None,
    translation: TranslationReport | None,
) -> None:
    from riotgame.engine.story.problems import format_problems

    report: dict[str, Any] = {
        "problems": json.loads(format_problems(problems, "json")),
        "summary": asdict(summary),
    }
    if impact:
        report["against"] = impact.as_dict()
    if translation:
        report["translation"] = translation.as_dict()
    print(json.dumps(report, indent=2, ensure_ascii=False))


def print_text(
    options: CheckOptions,
    story: Story | None,
    problems: list[Problem],
    summary: Summary,
    impact: Impact | None,
    translation: TranslationReport | None,
) -> None:
    from riotgame.engine.story.problems import format_problems

    if problems:
        print(format_problems(problems, options.format))
    print(summary.line())
    if translation:
        print(translation.line())
    if impact and options.against:
        print()
        print(format_impact(impact, str(options.against)))
        outdated = format_outdated(options.source, story, options.against, options.lang)
        if outdated:
            print(outdated)


def against_old(story: Story, old_dir: Path) -> Impact | None:
    """Compare with the old story for `check --against`; None (reported) if it fails to load."""
    from riotgame.engine.analysis.compare import compare_with_dir
    from riotgame.engine.story.problems import format_problems

    impact, errors = compare_with_dir(old_dir, story)
    if impact is None:
        say_error(format_problems(errors, "full"))
        say_error(f"Cannot compare: the old story in {old_dir} does not load.")
    return impact


def format_impact(impact: Impact, old_dir: str) -> str:
    lines = [f"Against {old_dir}:"]
    count = _count(len(impact.breaking), "change")
    if impact.breaking:
        lines.append(f"Saves that would no longer replay ({count}):")
        width = max(len(c.kind) for c in impact.breaking)
        for c in impact.breaking:
            if c.kind in ("story id", "start"):
                what = f'changed from "{c.old}" to "{c.new}" ({c.note})'
            elif c.new:
                what = f'"{c.old}" renamed to "{c.new}"? ({c.note})'
            else:
                what = f'"{c.old}" removed'
            lines.append(f"  {c.kind:<{width}}  {what}  {c.where}")
    if impact.changed:
        lines.append(
            f"Changed nodes ({len(impact.changed)}): saves still replay, but may go "
            "another way (rules) or read differently (text):"
        )
        lines += [f"  {c.old}: {c.note}  {c.where}" for c in impact.changed]
    added = [_count(n, kind) for kind, n in impact.added.items() if n]
    lines.append("Added: " + (", ".join(added) if added else "nothing") + ".")
    if impact.breaking:
        lines.append(
            f"{count} would break existing saves. Keep the old ids where you can: "
            "players never see them."
        )
    else:
        lines.append("No change breaks existing saves.")
    old, new = impact.versions
    if new != old:
        lines.append(f"Story version: {old} -> {new}.")
    elif impact.breaking:
        lines.append(f"Story version still {new}: raise `version:` in story.yaml.")
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
