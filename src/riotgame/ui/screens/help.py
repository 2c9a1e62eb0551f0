"""Help: keys and how the meters work, from help.md (or help.LANG.md) beside this file."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from riotgame.l10n.app import _, current
from riotgame.l10n.marks import N_

HELP_FILE = Path(__file__).with_name("help.md")


def help_file(lang: str) -> Path:
    """help.LANG.md beside this file when there is one (help.es.md), else the English."""
    translated = HELP_FILE.with_name(f"help.{lang}.md")
    return translated if translated.is_file() else HELP_FILE


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", N_("Close"))]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as box:
            box.border_subtitle = _("Esc closes")
            yield Markdown(help_file(current()).read_text(encoding="utf-8"))
