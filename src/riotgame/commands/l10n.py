"""`riotgame l10n extract` and `riotgame l10n update --lang LANG`: the story's catalogues.

extract writes the template, STORY/locales/story.pot, with every text a player reads;
update brings STORY/locales/LANG.po up to the story (created when new), and says what
changed: which strings were marked fuzzy, which are new, which were made obsolete.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from riotgame.commands.common import StorySource, load_checked, say_error
from riotgame.l10n.catalogue import (
    TEMPLATE,
    CatalogueError,
    catalogue_path,
    merge,
    read_po,
    template,
    write_po,
)
from riotgame.l10n.language import LOCALES

SHOWN = 10  # keys listed by name in update's summary, per kind


@dataclass(frozen=True)
class L10nOptions:
    source: StorySource
    action: str  # "extract" or "update"
    lang: str | None = None  # update: the language


def run_l10n(options: L10nOptions) -> int:
    story = load_checked(options.source)
    if story is None:
        return 1
    root = Path(options.source.story_dir)
    pot = template(story, relative_to=root)
    if options.action == "extract":
        path = root / LOCALES / TEMPLATE
        write_po(pot, path)
        print(f"Wrote {path}: {len(pot)} strings.")
        return 0
    lang = options.lang or ""
    path = catalogue_path(root, lang)
    try:
        import polib

        old = read_po(path) if path.is_file() else polib.POFile()
    except CatalogueError as exc:
        say_error(str(exc))
        say_error(f"{path} is left as it is: fix it (or move it away) and update again.")
        return 1
    updated, done = merge(old, pot, lang)
    write_po(updated, path)
    print(f"Updated {path}: {done.line()}.")
    for what, keys in (("fuzzy", done.fuzzy), ("new", done.new), ("obsolete", done.obsolete)):
        if keys and (what != "new" or len(keys) <= SHOWN):
            more = f" and {len(keys) - SHOWN} more" if len(keys) > SHOWN else ""
            print(f"  {what}: {', '.join(keys[:SHOWN])}{more}")
    return 0
