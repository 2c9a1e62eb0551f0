"""The app's own words in the player's language, through gettext catalogues.

Code writes `_("Type q at any prompt to quit.")`; `use(lang)` loads
src/riotgame/locales/LANG.po (read with polib at start-up: no build step), and `_()`
returns the translation, or the English when there is none. Strings with values are
translated whole, then formatted: `_("Ending: {title}.").format(title=...)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from riotgame.l10n.marks import Said

LOCALES = Path(__file__).resolve().parent.parent / "locales"
_current: dict[str, str] = {}
_lang = ["en"]


def use(lang: str) -> str | None:
    """Translate the app's words into `lang` from now on; returns why not, or None."""
    from riotgame.l10n.catalogue import CatalogueError, read_po

    _current.clear()
    _lang[0] = lang
    path = LOCALES / f"{lang}.po"
    if lang == "en" or not path.is_file():
        return None
    try:
        po = read_po(path)
    except CatalogueError as exc:
        return str(exc)
    _current.update(
        {e.msgid: e.msgstr for e in po if e.msgstr and "fuzzy" not in e.flags and not e.msgctxt}
    )
    return None


def current() -> str:
    return _lang[0]


def _(message: str) -> str:
    return _current.get(message, message)


def said(message: str, values: Mapping[str, object]) -> str:
    """A message the engine returned as an English template and its values, translated
    (and so is every value that is a Said)."""
    return _(message).format(**{k: _translated(v) for k, v in values.items()})


def _translated(value: object) -> object:
    return said(value.message, value.values) if isinstance(value, Said) else value
