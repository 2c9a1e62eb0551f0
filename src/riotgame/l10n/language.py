"""Which language to play in: `--lang`, else the one chosen on the title screen (kept in
the user data folder), else the locale of the environment (LANGUAGE, LC_ALL, LC_MESSAGES,
LANG, as gettext reads them), else English. A language without a catalogue is English."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

from riotgame import paths

LOCALES = "locales"  # the folder of a story's catalogues, inside the story directory
SOURCE = "en"  # the language the story and the code are written in
NAMES = {"en": "English", "es": "Español"}
_CODE = re.compile(r"[a-z]{2,3}\Z")
SETTINGS = "settings.json"
MAX_SETTINGS = 10_000


def from_environment(env: Mapping[str, str] | None = None) -> str | None:
    """The language the locale asks for ("es" for es_MX.UTF-8), or None."""
    env = os.environ if env is None else env
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in env.get(var, "").split(":"):
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code and code not in ("c", "posix"):
                return code
    return None


def available(story_dir: Path) -> list[str]:
    """English, then every language the story has a catalogue for."""
    found = sorted(p.stem for p in (Path(story_dir) / LOCALES).glob("*.po") if _CODE.match(p.stem))
    return [SOURCE, *(code for code in found if code != SOURCE)]


def choose(option: str | None, story_dir: Path) -> str:
    """The language to play `story_dir` in (see the module's docstring)."""
    for wanted in (option, remembered(), from_environment()):
        if wanted:
            return wanted if wanted in available(story_dir) else SOURCE
    return SOURCE


def play_language(option: str | None, story_dir: Path) -> tuple[str, dict[str, str], str]:
    """The language to play `story_dir` in, the story's translations into it (the app's
    words are set to it too), and what to tell the player when a catalogue cannot be read
    ("" when all is well): then the story is played in English."""
    from riotgame.l10n import app
    from riotgame.l10n.catalogue import CatalogueError, load_translations

    lang = choose(option, story_dir)
    said = app.use(lang) or ""
    try:
        return lang, load_translations(story_dir, lang), said
    except CatalogueError as exc:
        return (
            lang,
            {},
            "\n".join(filter(None, [said, str(exc), "The story is played in English."])),
        )


def name(code: str) -> str:
    return NAMES.get(code, code)


def remembered() -> str | None:
    """The language last chosen on the title screen (None if never, or unreadable)."""
    path = paths.user_data_dir() / SETTINGS
    try:
        if path.stat().st_size > MAX_SETTINGS:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lang = data.get("language") if isinstance(data, dict) else None
    return lang if isinstance(lang, str) and _CODE.match(lang) else None


def remember(code: str) -> str | None:
    """Keep the language for the next start; returns why it failed, or None."""
    path = paths.user_data_dir() / SETTINGS
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"language": code}) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
