"""The story's content note, shown on the first start: continue, or quit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from riotgame.l10n.app import _
from riotgame.l10n.marks import N_


class ContentNoteScreen(ModalScreen[bool]):
    """Dismissed with True to go on, False to quit."""

    BINDINGS = [
        Binding("enter,c", "answer(True)", N_("Continue")),
        Binding("q,escape", "answer(False)", N_("Quit")),
    ]

    def __init__(self, note: str):
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(_("Content note"), id="note-title")
            yield Static(Content(self.note.strip()), id="note-text")
            with Horizontal(id="note-buttons"):
                yield Button(_("Continue"), id="go", variant="primary")
                yield Button(_("Quit"), id="stop")

    def on_mount(self) -> None:
        self.query_one("#go", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "go")

    def action_answer(self, go: bool) -> None:
        self.dismiss(go)
