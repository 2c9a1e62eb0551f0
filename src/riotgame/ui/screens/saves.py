"""Picking a save (to load or to replay), naming a slot (to save), and asking before a
save replaces another.

The saves module (engine/saves.py) does the reading and writing; these screens only show
its listing and hand the choice back with `dismiss`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from riotgame.engine.saves.store import SaveInfo, SaveNameError, slot_file_name
from riotgame.l10n.app import _
from riotgame.l10n.marks import N_
from riotgame.ui.widgets.choices import Hanging


def local_time(info: SaveInfo) -> str:
    return info.time.astimezone().strftime("%Y-%m-%d %H:%M") if info.time else ""


def ago(when: datetime, now: datetime) -> str:
    """ "just now", "5 min ago", "3 h ago", "yesterday", else the date."""
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        return _("{minutes} min ago").format(minutes=int(seconds // 60))
    if seconds < 86400:
        return _("{hours} h ago").format(hours=int(seconds // 3600))
    if seconds < 2 * 86400:
        return _("yesterday")
    return when.astimezone().strftime("%Y-%m-%d")


def run_started(run: str) -> str:
    """When a run began, from its id (new_run_id: UTC time first), in local time."""
    try:
        start = datetime.strptime(run[:15], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return ""
    return start.astimezone().strftime("%Y-%m-%d %H:%M")


def save_line(info: SaveInfo, now: datetime) -> Hanging:
    """Label and chapter; when (and, for an autosave, its run); the meters. A bad file
    with its problem."""
    if not info.ok or info.save is None:
        return Hanging("✗", Content.assemble((info.name, "bold"), "\n", (info.problem, "italic")))
    save = info.save
    extra = "  " + _("(ended)") if info.ending else ""
    extra += "  " + _("(story edited since)") if info.story_changed else ""
    when = f"{ago(save.time, now)} ({local_time(info)})"
    if save.kind == "autosave" and run_started(save.run):
        when += " · " + _("run started {when}").format(when=run_started(save.run))
    meters = " · ".join(f"{m.label} {m.value}" for m in info.meters)
    return Hanging(
        "•",
        Content.assemble(
            (info.label, "bold"),
            " · "
            + _("Chapter {number}: {title}").format(number=save.chapter, title=save.chapter_title),
            (extra, "italic"),
            "\n",
            (when, "dim"),
            "\n",
            meters,
        ),
    )


GROUPS = (  # (heading, which saves), in the order listed
    (N_("Your saves"), lambda i: i.ok and i.kind != "autosave"),
    (N_("Autosaves, one per run"), lambda i: i.ok and i.kind == "autosave"),
    (N_("Cannot be loaded"), lambda i: not i.ok),
)


class SaveListScreen(ModalScreen[SaveInfo | None]):
    """Dismissed with the chosen save, or None. Saves the player made come first, then
    the autosave of each run, then files that cannot be loaded; newest first in each."""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Back"))]

    def __init__(self, heading: str, saves: list[SaveInfo]):
        super().__init__()
        self.heading = heading
        self.saves = saves

    def compose(self) -> ComposeResult:
        with Vertical(id="saves-box") as box:
            box.border_title = self.heading
            box.border_subtitle = _("Enter opens · Esc back")
            if not self.saves:
                yield Static(_("No saves yet."))
            yield OptionList(*self.rows(), id="save-list")

    def rows(self) -> list[Option]:
        now = datetime.now(UTC)
        rows: list[Option] = []
        for heading, belongs in GROUPS:
            group = [(n, info) for n, info in enumerate(self.saves) if belongs(info)]
            if not group:
                continue
            rows.append(Option(Content.styled(_(heading), "bold underline"), disabled=True))
            rows.extend(
                Option(save_line(info, now), id=str(n), disabled=not info.ok) for n, info in group
            )
        return rows

    def on_mount(self) -> None:
        listing = self.query_one("#save-list", OptionList)
        listing.highlighted = next(
            (i for i, o in enumerate(listing.options) if not o.disabled), None
        )

    @on(OptionList.OptionSelected, "#save-list")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.saves[int(event.option.id or 0)])


class SlotNameScreen(ModalScreen[str | None]):
    """Asks for a slot name (an existing slot's name replaces it). Dismissed with the name."""

    BINDINGS = [Binding("escape", "dismiss(None)", N_("Back"))]

    def __init__(self, slots: list[str]):
        super().__init__()
        self.slots = slots

    def compose(self) -> ComposeResult:
        with Vertical(id="saves-box") as box:
            box.border_title = _("Save")
            yield Input(placeholder=_("Name this save, then Enter"), id="slot-name")
            yield Static("", id="slot-problem")
            if self.slots:
                yield Static(_("Or replace one:"))
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
        before, after = _("Overwrite {name}? It cannot be loaded:").split("{name}")
        return Content.assemble(before, (info.name, "bold"), after, "\n", (info.problem, "italic"))
    question = _("Overwrite {name} (chapter {number}, {when})?")
    before, after = question.format(
        name="{name}", number=info.chapter, when=local_time(info)
    ).split("{name}")
    return Content.assemble(before, (info.label, "bold"), after)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question. Dismissed with True for Yes; No, Escape and n are False. No has
    the focus, so an Enter pressed in a hurry changes nothing."""

    BINDINGS = [
        Binding("escape,n", "dismiss(False)", N_("No")),
        Binding("y", "dismiss(True)", N_("Yes")),
    ]

    def __init__(self, question: Content):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="question")
            with Horizontal(id="answers"):
                yield Button(_("Yes"), id="yes", variant="warning")
                yield Button(_("No"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
