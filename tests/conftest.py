"""Every test, and every command a test starts, keeps its files in temporary folders: no
test writes saves, records or caches into the checkout or the user's directories."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_user_dirs(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    for name, folder in (
        ("RIOTGAME_SAVES", "saves"),
        ("RIOTGAME_DATA", "data"),
        ("RIOTGAME_CACHE", "cache"),
    ):
        patch.setenv(name, str(tmp_path_factory.mktemp(folder)))
    yield
    patch.undo()
