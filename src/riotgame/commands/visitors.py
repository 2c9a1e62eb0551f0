"""The web server of `riotgame serve`: textual-serve, with two rules added.

1. **Only the page's own origin.** A browser lets any web page open a websocket to
   localhost; without a check, any site the player visits could start and drive a game on
   their machine. The websocket is accepted only when its `Origin` is the address the
   server was started on (or the same port on localhost/127.0.0.1/[::1]); anything else,
   and a missing Origin, gets 403 before a process starts.
2. **A folder per visitor.** The page gives each browser a random visitor id in a cookie
   (HttpOnly, SameSite=Strict); each game that browser starts keeps its saves and records
   under `<base>/<visitor id>/`, so visitors never see, load or overwrite each other's
   saves, quicksave or endings, and the same browser finds its runs again next time.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

COOKIE = "riotgame_visitor"
_VISITOR_ID = re.compile(r"[A-Za-z0-9_-]{22}")  # secrets.token_urlsafe(16)
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")


def allowed_origins(host: str, port: int) -> frozenset[str]:
    """The origins of the pages this server itself serves."""
    names = {host if ":" not in host or host.startswith("[") else f"[{host}]"}
    if host in ("localhost", "127.0.0.1", "::1", "[::1]"):
        names.update(LOCAL_NAMES)
    return frozenset(f"http://{name}:{port}" for name in names)


def origin_allowed(origin: str | None, allowed: frozenset[str]) -> bool:
    if not origin:
        return False
    parts = urlsplit(origin.lower())
    return f"{parts.scheme}://{parts.netloc}" in allowed


def visitor_id(cookie: str | None) -> str:
    """The visitor's id from the cookie, or a new one when it is missing or malformed."""
    if cookie and _VISITOR_ID.fullmatch(cookie):
        return cookie
    return secrets.token_urlsafe(16)


class VisitorApp(AppService):
    """One game process, with the visitor's own saves and records folders."""

    def __init__(self, *args: Any, folder: Path, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.folder = folder

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment["RIOTGAME_SAVES"] = str(self.folder / "saves")
        environment["RIOTGAME_DATA"] = str(self.folder / "data")
        return environment


class GameServer(Server):
    def __init__(self, command: str, *, visitors: Path, **kwargs: Any):
        super().__init__(command, **kwargs)
        self.visitors = visitors
        self.origins = allowed_origins(self.host, self.port)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        response = await _render_index(self, request)
        visitor = visitor_id(request.cookies.get(COOKIE))
        response.set_cookie(
            COOKIE, visitor, max_age=10 * 365 * 24 * 3600, httponly=True, samesite="Strict"
        )
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not origin_allowed(request.headers.get("Origin"), self.origins):
            raise web.HTTPForbidden(text="riotgame serve: this page is not the game's own\n")
        folder = self.visitors / visitor_id(request.cookies.get(COOKIE))
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        service = VisitorApp(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
            folder=folder,
        )
        try:
            await service.start(width, height)
            await self._process_messages(websocket, service)
        finally:
            await service.stop()
        return websocket


async def _render_index(server: Server, request: web.Request) -> web.StreamResponse:
    """textual-serve's page (its handle_index is a template-rendering coroutine)."""
    response = await Server.handle_index(server, request)
    assert isinstance(response, web.StreamResponse)
    return response
