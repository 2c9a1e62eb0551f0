"""Picking a save (to load or to replay), naming a slot (to save), and asking before a
save replaces another.

The saves module (engine/saves.py) does the reading and writing; these screens only show
its listing and hand the choice back with `dismiss`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from riotgame.engine.saves.store import SaveInfo, SaveNameError, slot_file_name


def local_time(info: SaveInfo) -> str:
    return info.time.astimezone().strftime("%Y-%m-%d %H:%M") if info.time else ""


def save_line(info: SaveInfo) -> Content:
    """Label, chapter, time and meters of a save; a bad file with its problem."""
    if not info.ok:
        return Content.assemble((info.name, "bold"), "\n   ", (info.problem, "italic"))
    when = local_time(info)
    meters = " · ".join(f"{m.label} {m.value}" for m in info.meters)
    extra = "  (ended)" if info.ending else ""
    extra += "  (story edited since)" if info.story_changed else ""
    return Content.assemble(
        (info.label, "bold"),
        f"  chapter {info.chapter}  {when}",
        (extra, "italic"),
        "\n   ",
        meters,
    )


class SaveListScreen(ModalScreen[SaveInfo | None]):
    """Dismissed with the chosen save, or None."""

    CSS_PATH = "saves.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, heading: str, saves: list[SaveInfo]):
        super().__init__()
        self.heading = heading
        self.saves = saves

    def compose(self) -> ComposeResult:
        with Vertical(id="saves-box") as box:
            box.border_title = self.heading
            if not self.saves:
                yield Static("No saves yet.")
            yield OptionList(
                *(
                    Option(save_line(info), id=str(n), disabled=not info.ok)
                    for n, info in enumerate(self.saves)
                ),
                id="save-list",
            )

    @on(OptionList.OptionSelected, "#save-list")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.saves[event.option_index])


class SlotNameScreen(ModalScreen[str | None]):
    """Asks for a slot name (an existing slot's name replaces it). Dismissed with the name."""

    CSS_PATH = "saves.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, slots: list[str]):
        super().__init__()
        self.slots = slots

    def compose(self) -> ComposeResult:
        with Vertical(id="saves-box") as box:
            box.border_title = "Save"
            yield Input(placeholder="Name this save, then Enter", id="slot-name")
            yield Static("", id="slot-problem")
            if self.slots:
                yield Static("Or replace one:")
                yield OptionList(*(Option(Content(name)) for name in self.slots), id="slots")

    @on(Input.Submitted, "#slot-name")
    def named(self, event: Input.Submitted) -> None:
        try:
            slot_file_name(event.value)
        except SaveNameError as error:
            self.query_one("#slot-problem", Static).update(Content(str(error)))
            return
        self.dismiss(event.value.strip())

    @on(OptionList.OptionSelected, "#slots")
    def replace(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.slots[event.option_index])


def overwrite_question(info: SaveInfo) -> Content:
    """ "Overwrite <label> (chapter, time)?" for the save a new one would replace."""
    if not info.ok:
        return Content.assemble(
            "Overwrite ", (info.name, "bold"), "? It cannot be loaded:\n", (info.problem, "italic")
        )
    return Content.assemble(
        "Overwrite ", (info.label, "bold"), f" (chapter {info.chapter}, {local_time(info)})?"
    )


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question. Dismissed with True for Yes; No, Escape and n are False. No has
    the focus, so an Enter pressed in a hurry changes nothing."""

    CSS_PATH = "saves.tcss"
    BINDINGS = [Binding("escape,n", "dismiss(False)", "No"), Binding("y", "dismiss(True)", "Yes")]

    def __init__(self, question: Content):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="question")
            with Horizontal(id="answers"):
                yield Button("Yes", id="yes", variant="warning")
                yield Button("No", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
