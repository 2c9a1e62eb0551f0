"""The engine and the headless front ends never import Textual: `riotgame check`, the plain
player and anyone embedding the engine stay fast and work without a terminal UI.

Every module under `riotgame.engine` is found by walking the package, so a new module is
covered the day it is written. They are imported in a fresh interpreter (one for all:
imports only add modules, so the first after which Textual is there is the culprit),
because a deferred import inside a function is invisible to a static contract
(import-linter checks those; see pyproject.toml). The idea is from harlequin's tests/unit_tests/test_import_hygiene.py."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import riotgame.commands
import riotgame.engine

HEADLESS_FRONT = [
    "riotgame.cli",
    "riotgame.cli_options",
    "riotgame.plain",
    "riotgame.paths",
    "riotgame.records",
    "riotgame.web.bridge",  # runs in the browser, where there is no Textual
    "riotgame.web.build",
]


def headless_modules() -> list[str]:
    walked = pkgutil.walk_packages(riotgame.engine.__path__, prefix="riotgame.engine.")
    commands = pkgutil.walk_packages(riotgame.commands.__path__, prefix="riotgame.commands.")
    return [
        "riotgame.engine",
        *sorted(m.name for m in walked),
        "riotgame.commands",
        # the play command imports the UI when it runs; `serve`'s web server is textual-serve
        *sorted(m.name for m in commands if m.name != "riotgame.commands.visitors"),
        *HEADLESS_FRONT,
    ]


def test_the_walk_finds_every_layer():
    names = headless_modules()
    for layer in ("story", "play", "saves", "analysis"):
        assert any(n.startswith(f"riotgame.engine.{layer}.") for n in names), layer


# Run in one fresh interpreter: imports only add modules, so whatever loads Textual or Rich
# loads it there too, and the first module after which one appears is the one that did.
PROBE = """
import importlib, json, sys
found, before = {}, set()
for name in sys.argv[1:]:
    importlib.import_module(name)
    now = {m for m in ("textual", "rich") if m in sys.modules}
    found[name], before = sorted(now - before), now
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def ui_loaded_by() -> dict[str, list[str]]:
    """For each headless module, imported in turn in one fresh interpreter: the UI
    packages that importing it loaded ([] for none)."""
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *headless_modules()], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize("module", headless_modules())
def test_module_does_not_import_textual(module, ui_loaded_by):
    assert ui_loaded_by[module] == []
