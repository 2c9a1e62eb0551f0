"""`riotgame check --lang LANG`: the catalogue's problems at their lines and the translated
share; with `--against`, the translations an edit made outdated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riotgame.commands.common import StorySource
from riotgame.engine.analysis.translation import UNREADABLE, Coverage
from riotgame.engine.story.model import Story
from riotgame.engine.story.problems import Problem

REACH_RUNS = 2000  # random runs that weigh each text by how often players reach it


@dataclass
class TranslationReport:
    lang: str
    catalogue: str
    problems: list[Problem] = field(default_factory=list)
    coverage: Coverage | None = None

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    def line(self) -> str:
        if self.coverage is None:
            return f"{self.lang}: the catalogue {self.catalogue} cannot be used."
        counts: dict[str, int] = {}
        for p in self.problems:
            counts[p.code] = counts.get(p.code, 0) + 1
        found = ", ".join(f"{n} {code}" for code, n in sorted(counts.items())) or "no problems"
        return f"{self.coverage.line(self.lang)}; {found}."

    def as_dict(self) -> dict[str, Any]:
        c = self.coverage
        return {
            "lang": self.lang,
            "catalogue": self.catalogue,
            "strings": c.total if c else 0,
            "translated": c.translated if c else 0,
            "reach_share": c.reach_translated / c.reach_total if c and c.reach_total else 0.0,
        }


def translation_report(source: StorySource, story: Story | None, lang: str) -> TranslationReport:
    from riotgame.engine.analysis.translation import check_translation
    from riotgame.engine.story.loader import read_story
    from riotgame.engine.story.localise import exact_places
    from riotgame.l10n.catalogue import CatalogueError, catalogue_path, entries, read_po
    from riotgame.l10n.catalogue import translations as translated_of

    path = catalogue_path(source.story_dir, lang)
    report = TranslationReport(lang, str(path))
    if story is None:
        return report
    if not path.is_file():
        message = f"no catalogue for {lang}: run riotgame l10n update --lang {lang}"
        report.problems.append(Problem(str(path), 0, 0, UNREADABLE, message))
        return report
    try:
        po = read_po(path)
    except CatalogueError as exc:
        report.problems.append(exc.problem)
        return report
    text = path.read_text(encoding="utf-8")
    localised, _ = read_story(source.story_dir, source.extra, translated_of(po))
    rejected = localised.rejected if localised else {}
    problems, coverage = check_translation(
        story, entries(po, text), str(path), exact_places(story), _reach(story), rejected
    )
    report.problems, report.coverage = sorted(problems), coverage
    return report


def _reach(story: Story) -> dict[str, float]:
    from riotgame.engine.analysis.explore import random_play
    from riotgame.engine.analysis.playtest import Tally

    tally = Tally()
    random_play(story, REACH_RUNS, seed=1, tally=tally)
    return tally.node_reach(story)


def format_outdated(
    source: StorySource, story: Story | None, old_dir: Path, lang: str | None
) -> str:
    """The translated texts the edits since `old_dir` changed, per language ("" when the
    story has no catalogues)."""
    from riotgame.engine.analysis.translation import outdated
    from riotgame.engine.story.loader import load_story
    from riotgame.engine.story.localise import exact_places
    from riotgame.l10n.catalogue import CatalogueError, catalogue_path, read_po
    from riotgame.l10n.language import available

    old, _ = load_story(old_dir)
    if story is None or old is None:
        return "Translations: cannot compare (a story does not load)."
    lines = []
    for code in [lang] if lang else available(source.story_dir)[1:]:
        try:
            po = read_po(catalogue_path(source.story_dir, code))
        except CatalogueError as exc:
            lines.append(f"Translations ({code}): {exc}")
            continue
        done = {e.msgctxt: e.msgstr for e in po if e.msgctxt and e.msgstr}
        stale = outdated(old, story, done)
        lines.append(f"Translations ({code}) made outdated by the edits: {len(stale)}")
        places = exact_places(story) if stale else {}
        lines += [f"  {key}  {places.get(key, loc)}" for key, loc in stale]
    return "\n".join(lines)  # a story without catalogues says nothing of translations
