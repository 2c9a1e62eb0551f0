"""The page `riotgame serve` sends has a title, focuses the keyboard by itself and fetches
no fonts from the internet."""

from __future__ import annotations

import pytest

pytest.importorskip("textual_serve")

from riotgame.ui.serve_page import PAGE, page_templates


def test_the_served_page_has_a_title_takes_keys_at_once_and_stays_offline(tmp_path):
    page = (page_templates(tmp_path / "page") / PAGE).read_text(encoding="utf-8")
    head = page[: page.index("</head>")]
    assert "<title>{{ application.name }}</title>" in head
    assert ".xterm-helper-textarea" in head and "focus()" in head
    assert "fonts.googleapis.com" not in page
    assert "{{ app_websocket_url }}" in page  # still textual-serve's page otherwise
