"""Where saves live: --saves-dir, then $RIOTGAME_SAVES, then the checkout, then user data."""

from pathlib import Path

from riotgame import paths


def test_the_option_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("RIOTGAME_SAVES", str(tmp_path / "env"))
    assert paths.saves_dir(tmp_path / "opt") == tmp_path / "opt"


def test_then_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("RIOTGAME_SAVES", str(tmp_path / "env"))
    assert paths.saves_dir(None) == tmp_path / "env"


def test_then_the_checkout(monkeypatch):
    monkeypatch.delenv("RIOTGAME_SAVES", raising=False)
    monkeypatch.setattr(paths, "is_checkout", lambda: True)
    assert paths.saves_dir() == paths.CHECKOUT_DIR / "saves"


def test_then_the_user_data_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("RIOTGAME_SAVES", raising=False)
    monkeypatch.setattr(paths, "is_checkout", lambda: False)
    monkeypatch.setenv("RIOTGAME_DATA", str(tmp_path / "data"))
    assert paths.saves_dir() == tmp_path / "data" / "saves"


def test_the_platform_directory_when_nothing_is_set(monkeypatch):
    from platformdirs import user_data_path

    monkeypatch.delenv("RIOTGAME_SAVES", raising=False)
    monkeypatch.delenv("RIOTGAME_DATA", raising=False)
    monkeypatch.setattr(paths, "is_checkout", lambda: False)
    expected = Path(user_data_path("riotgame", appauthor=False)) / "saves"
    assert paths.saves_dir() == expected


def test_this_checkout_is_recognised():
    assert paths.is_checkout() == (paths.CHECKOUT_DIR / "pyproject.toml").is_file()
