"""Every test, and every command a test starts, keeps its files in temporary folders: no
test writes saves, records or caches into the checkout or the user's directories."""

from __future__ import annotations

import gc
import os

import pytest
from hypothesis import settings

# A fixed profile: the same examples every run, so the suite's time and outcome do not vary
# from run to run. `HYPOTHESIS_PROFILE=explore` searches new examples when hunting for bugs.
settings.register_profile("fixed", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

# Fewer garbage collections (Python's default is 700, 10, 10). A Textual test makes tens of
# thousands of objects that live as long as its app, so with the default every few tests
# paid for a full collection over the whole heap: a quarter of the UI tests' CPU (10 of 40 s
# for tests/ui/test_play.py and test_saves.py) went to the collector. Measured there: 58 ->
# 41 s of CPU, peak memory 286 -> 326 MB. Collection still runs; nothing a test checks moves.
gc.set_threshold(10_000, 20, 20)


@pytest.fixture(autouse=True, scope="session")
def _private_user_dirs(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    for name, folder in (
        ("RIOTGAME_SAVES", "saves"),
        ("RIOTGAME_DATA", "data"),
        ("RIOTGAME_CACHE", "cache"),
    ):
        patch.setenv(name, str(tmp_path_factory.mktemp(folder)))
    # pytest-xdist's workers get COLUMNS=80 and LINES=24: a command a test starts on a
    # terminal of its own size must measure that terminal, as it does in a serial run
    patch.delenv("COLUMNS", raising=False)
    patch.delenv("LINES", raising=False)
    yield
    patch.undo()


def pytest_collection_modifyitems(items):
    """The slow tests first (a stable sort keeps the rest in order): with a worker per core
    the longest test then runs beside the others instead of after them."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
