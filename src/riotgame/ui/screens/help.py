"""Help: keys and how the meters work, from help.md beside this file."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from riotgame.l10n.app import _

HELP_FILE = Path(__file__).with_name("help.md")


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", _("Close"))]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as box:
            box.border_subtitle = "Esc closes"
            yield Markdown(HELP_FILE.read_text(encoding="utf-8"))
