"""`riotgame serve`: websockets only from the page's own origin, and a folder per visitor.
The server is textual-serve's with our two rules (commands/visitors.py); these tests talk
to it over HTTP and websockets, with the game process replaced by a recorder."""

from __future__ import annotations

import socket

import pytest

pytest.importorskip("textual_serve")

from aiohttp import WSServerHandshakeError
from aiohttp.test_utils import TestClient, TestServer

from riotgame.commands import visitors
from riotgame.commands.visitors import COOKIE, GameServer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def started(monkeypatch):
    """The environments of the game processes the server would start."""
    environments: list[dict[str, str]] = []

    async def start(self, width: int, height: int) -> None:
        environments.append(self._build_environment(width, height))

    async def stop(self) -> None:
        return None

    monkeypatch.setattr(visitors.VisitorApp, "start", start)
    monkeypatch.setattr(visitors.VisitorApp, "stop", stop)
    return environments


@pytest.fixture
async def client(tmp_path):
    port = free_port()
    server = GameServer("true", visitors=tmp_path / "visitors", host="localhost", port=port)
    app = await server._make_app()
    async with TestClient(TestServer(app, host="127.0.0.1", port=port)) as client:
        client.origin = f"http://localhost:{port}"
        yield client


async def visit(client) -> str:
    """Open the page as a new browser would; returns the visitor cookie it was given."""
    client.session.cookie_jar.clear()
    page = await client.get("/")
    assert page.status == 200
    return page.cookies[COOKIE].value


async def open_game(client, origin: str | None):
    headers = {"Origin": origin} if origin is not None else {}
    socket_ = await client.ws_connect("/ws", headers=headers)
    await socket_.close()


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "http://localhost:1", "https://localhost", "null", None]
)
async def test_a_websocket_from_another_origin_is_refused_before_a_game_starts(
    client, started, origin
):
    await visit(client)
    with pytest.raises(WSServerHandshakeError) as refused:
        await open_game(client, origin)
    assert refused.value.status == 403 and started == []


async def test_the_pages_own_origin_starts_a_game(client, started):
    await visit(client)
    port = client.origin.rsplit(":", 1)[1]
    for origin in (client.origin, f"http://127.0.0.1:{port}", f"http://LOCALHOST:{port}"):
        await open_game(client, origin)
    assert len(started) == 3


async def test_each_visitor_has_their_own_folders_and_keeps_them(client, started, tmp_path):
    first = await visit(client)
    await open_game(client, client.origin)
    await open_game(client, client.origin)  # the same browser again
    second = await visit(client)  # another browser: no cookie yet
    await open_game(client, client.origin)
    assert first != second
    saves = [env["RIOTGAME_SAVES"] for env in started]
    data = [env["RIOTGAME_DATA"] for env in started]
    assert saves[0] == saves[1] == str(tmp_path / "visitors" / first / "saves")
    assert saves[2] == str(tmp_path / "visitors" / second / "saves")
    assert data[0] == str(tmp_path / "visitors" / first / "data") and data[2] != data[0]


async def test_a_forged_visitor_cookie_cannot_reach_another_folder(client, started, tmp_path):
    await visit(client)
    client.session.cookie_jar.update_cookies({COOKIE: "../../etc"})
    await open_game(client, client.origin)
    folder = started[0]["RIOTGAME_SAVES"]
    assert folder.startswith(str(tmp_path / "visitors") + "/") and ".." not in folder


def test_the_game_a_visitor_starts_is_the_textual_app_not_plain_mode(monkeypatch, tmp_path):
    """textual-serve talks to the game through pipes, which alone would mean plain mode."""
    import io

    from riotgame.commands.common import StorySource
    from riotgame.commands.play import PlayOptions, wants_plain

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.setattr("sys.stdout", io.StringIO())
    options = PlayOptions(StorySource(tmp_path, ()), tmp_path)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert wants_plain(options)
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert not wants_plain(options)
