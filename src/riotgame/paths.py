"""Where the story, the saves and the player's data live: decided here and nowhere else."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_DIR = PACKAGE_DIR.parent.parent  # src/riotgame -> the repository, when run from one


def is_checkout() -> bool:
    return (CHECKOUT_DIR / "pyproject.toml").is_file() and (CHECKOUT_DIR / "story").is_dir()


def story_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The story to play: `--story`, then $RIOTGAME_STORY, then the copy packaged in the
    wheel, then the checkout's `story/` (an editable install has no packaged copy)."""
    if option:
        return Path(option)
    env = os.environ.get("RIOTGAME_STORY")
    if env:
        return Path(env)
    packaged = PACKAGE_DIR / "story"
    if (packaged / "story.yaml").is_file():
        return packaged
    return CHECKOUT_DIR / "story"


def saves_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Saved runs: `--saves-dir`, then $RIOTGAME_SAVES, then the checkout's `saves/` when
    playing from a checkout, then the platform's user data directory."""
    if option:
        return Path(option)
    env = os.environ.get("RIOTGAME_SAVES")
    if env:
        return Path(env)
    if is_checkout():
        return CHECKOUT_DIR / "saves"
    return user_data_dir() / "saves"


def user_data_dir() -> Path:
    """Data kept across runs (endings discovered, settings): $RIOTGAME_DATA or platformdirs."""
    env = os.environ.get("RIOTGAME_DATA")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("riotgame", appauthor=False)


def user_config_dir() -> Path:
    """The player's preferences (the theme): $RIOTGAME_CONFIG, else the platform's user
    config directory (~/.config/riotgame on Linux)."""
    env = os.environ.get("RIOTGAME_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path("riotgame", appauthor=False)


def cache_dir() -> Path | None:
    """Parsed story files are cached here: $RIOTGAME_CACHE ("off" disables), else the
    platform's user cache directory."""
    env = os.environ.get("RIOTGAME_CACHE")
    if env:
        return None if env.lower() == "off" else Path(env)
    from platformdirs import user_cache_path

    return user_cache_path("riotgame", appauthor=False)
