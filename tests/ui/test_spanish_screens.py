"""The Textual app in Spanish: every screen a player opens (title, help, endings, the game,
saving, loading, replaying, an ending) shows none of the app's English."""

from __future__ import annotations

import html
import re

import polib
import pytest

from riotgame import paths
from riotgame.engine.play.machine import Machine
from riotgame.engine.play.session import Session
from riotgame.l10n import app as words
from riotgame.ui.launch import make_app
from riotgame.ui.screens.ending import EndingScreen
from riotgame.ui.screens.replay import ReplayScreen
from riotgame.ui.screens.saves import SaveListScreen, SlotNameScreen
from tests.support.app_words import SOURCES, app_strings


@pytest.fixture
def spanish():
    words.use("es")
    yield
    words.use("en")


def english_words() -> list[re.Pattern[str]]:
    """The app's strings whose Spanish differs, cut at their placeholders, as patterns of
    whole words ("Save" must not match "Saved", nor "No" the Spanish "No")."""
    po = polib.pofile(str(SOURCES / "locales" / "es.po"))
    spanish = {e.msgid: e.msgstr for e in po if e.msgstr}
    pieces = set()
    for source in app_strings():
        if spanish.get(source) == source:
            continue
        for piece in re.split(r"\{\w+\}", source):
            piece = piece.strip(" .:;,()?“”\"'")
            if re.search(r"[A-Za-z]{2}", piece) and piece.lower() not in SAME_IN_SPANISH:
                pieces.add(piece)
    pieces |= NEVER_SPANISH  # words of English a string the code forgot to mark would show
    return [re.compile(rf"(?<![\w]){re.escape(p)}(?![\w])") for p in sorted(pieces)]


SAME_IN_SPANISH = {"no", "f5", "esc", "enter"}
NEVER_SPANISH = {"the", "of", "and", "you", "your", "is", "to", "with"}


def screen_text(app) -> str:
    svg = app.export_screenshot()
    text = html.unescape(re.sub(r"<[^>]+>", " ", svg.split("</style>", 1)[-1]))
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


async def settle(pilot, app) -> None:
    for _ in range(200):
        await pilot.pause()
        if not app.loading:
            return
    raise AssertionError("the story never finished loading")


async def test_every_screen_a_player_opens_is_in_spanish(spanish, tmp_path):
    app = make_app(
        story_dir=paths.story_dir(),
        seed=1,
        data_dir=tmp_path / "data",
        saves_dir=tmp_path / "saves",
        config_dir=tmp_path / "config",
        lang="es",
    )
    seen: dict[str, str] = {}
    said: list[str] = []  # every notification, as the player reads it
    notify = app.notify
    app.notify = lambda message, **options: said.append(str(message)) or notify(message, **options)

    async def look(name: str) -> None:
        await pilot.pause()
        seen[name] = screen_text(app)

    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")  # the content note
        await look("title")
        app.action_help()
        await look("help")
        await pilot.press("escape")
        app.action_endings()
        await look("endings")
        await pilot.press("escape")
        app.action_new_game()
        await look("game")
        await pilot.press("s")
        assert isinstance(app.screen, SlotNameScreen)
        await look("save dialog")
        await pilot.press(*"uno", "enter")
        app.action_title_screen()
        app.action_load_game()
        assert isinstance(app.screen, SaveListScreen)
        await look("load")
        await pilot.press("escape")
        app.action_replay()
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, ReplayScreen)
        await look("replay")
        await pilot.press("escape")
        app.play(to_an_ending(app.story), "ending")
        await pilot.pause()
        await pilot.press("1")
        assert isinstance(app.screen, EndingScreen)
        await look("ending")

    assert "Celda 211" in seen["title"] and "Nueva partida" in seen["title"]
    assert "Cómo se juega" in seen["help"]
    assert "Guardada como uno." in said
    seen["notifications"] = " ".join(said)
    patterns = english_words()
    left = {name: [p.pattern for p in patterns if p.search(text)] for name, text in seen.items()}
    assert left == {name: [] for name in seen}


def to_an_ending(story) -> Session:
    """The first open choice at every step, to the last passage before the ending screen."""
    session = Session(Machine(story), 1)
    while not session.ended:
        views = session.machine.choices(session.state)
        session.choose(next(v.id for v in views if v.enabled))
    return session
