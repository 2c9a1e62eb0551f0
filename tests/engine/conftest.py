"""Fixtures for engine tests: small stories written into tmp_path, both YAML readers."""

from __future__ import annotations

import pytest

from tests.support.stories import write_story


@pytest.fixture(autouse=True, scope="session")
def parse_cache(tmp_path_factory):
    """Keep the parse cache (and subprocesses' caches) out of the user's cache directory."""
    patch = pytest.MonkeyPatch()
    patch.setenv("RIOTGAME_CACHE", str(tmp_path_factory.mktemp("parse-cache")))
    yield
    patch.undo()


@pytest.fixture
def story(tmp_path):
    """story(chapter=..., manifest=..., other_yaml=...) -> the story directory."""
    return lambda *args, **kwargs: write_story(tmp_path / "story", *args, **kwargs)


@pytest.fixture(params=["libyaml", "python"])
def yaml_backend(request, monkeypatch):
    """Read YAML with libyaml, then with the pure-Python parser: a module that puts
    `pytestmark = pytest.mark.usefixtures("yaml_backend")` runs its tests with both."""
    from riotgame.engine.story import yamlfile

    if request.param not in yamlfile.LOADERS:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yamlfile, "LOADER", yamlfile.LOADERS[request.param])
    return request.param
