"""Translation: story catalogues (PO files keyed by text key), the player's language, and
the app's own words through gettext (`from riotgame.l10n.app import _`).

- `catalogue`: read, write, extract and merge story catalogues (polib)
- `language`: which language to play in (the option, the remembered setting, the locale)
- `app`: `_()` for the code's strings, from src/riotgame/locales/LANG.po
"""
