"""The app's styles: every screen's .tcss read once as the app starts, each rule scoped to
its screen by name (docs/ui.md, Styles)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.screen import Screen

import riotgame.ui.screens
from riotgame.ui.app import RiotApp

SCREENS = Path(riotgame.ui.screens.__file__).parent


def test_the_app_reads_every_screen_file_and_no_screen_reads_its_own():
    read = {Path(p).name for p in RiotApp.CSS_PATH}
    assert {p.name for p in SCREENS.glob("*.tcss")} <= read
    for module in pkgutil.iter_modules(riotgame.ui.screens.__path__):
        imported = importlib.import_module(f"riotgame.ui.screens.{module.name}")
        for name, cls in inspect.getmembers(imported, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == imported.__name__:
                # a CSS_PATH would reparse all the CSS when the screen first opens
                assert "CSS_PATH" not in vars(cls), name


def test_every_rule_in_a_screen_file_names_its_screen():
    for path in SCREENS.glob("*.tcss"):
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        for selectors in re.findall(r"([^{}]+)\{", text):
            for selector in selectors.split(","):
                assert re.match(r"[A-Z]\w*Screen\b", selector.strip()), (path.name, selector)
