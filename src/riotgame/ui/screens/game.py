"""The game: the run so far in a scrollable pane, the choices, and the meters.

The screen is given the run (an engine Session) and renders it; it sends choice ids to the
Session and tells the app what happened (`ChoiceMade`, `Undone`), which autosaves. The
rules stay in the engine.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.widgets.option_list import Option

from riotgame.engine.play.history import chosen_text
from riotgame.engine.play.machine import ChoiceError, RoutingLoop
from riotgame.engine.play.session import Session
from riotgame.engine.play.state import GameState
from riotgame.records import Records
from riotgame.ui.messages import ChoiceMade, Undone
from riotgame.ui.screens.ending import EndingScreen
from riotgame.ui.widgets.choices import ChoiceList
from riotgame.ui.widgets.meters import MeterPanel
from riotgame.ui.widgets.passage import PassageView

TO_ENDING = "to-the-ending"  # the option shown under the last passage of a run


class GameScreen(Screen[None]):
    CSS_PATH = "game.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]  # narrow: no side panel
    BINDINGS = [
        Binding("1", "pick(1)", "Choose", key_display="1-9"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(2, 10)),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("s", "app.save_game", "Save"),
        Binding("f5", "app.quicksave", "Quicksave"),
        Binding("f9", "app.quickload", "Quickload"),
        Binding("escape", "app.title_screen", "Menu", show=False),
    ]

    def __init__(self, session: Session, records: Records, flash_seconds: float | None = 2.0):
        """`flash_seconds`: how long a meter change shows (None: until the next choice)."""
        super().__init__()
        self.session = session
        self.records = records  # for the ending screen's count of endings found
        self.flash_seconds = flash_seconds
        self.shown: list[GameState] = []  # the states whose passages are on screen, in order

    def compose(self) -> ComposeResult:
        story = self.session.story
        yield Header()
        with Horizontal():
            with Vertical(id="main"):
                yield VerticalScroll(id="narrative")
                yield ChoiceList(id="choices")
            yield MeterPanel([d for d in story.stats if not d.hidden], id="side")
        yield Static("", id="notice")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_run()

    # -- rendering ---------------------------------------------------------------------------
    def refresh_run(self, notice: str = "") -> None:
        """Show the session: passages, choices, meters. Call after every change to it."""
        session = self.session
        story, machine, state = session.story, session.machine, session.state
        node = machine.node(state)
        self.title = story.title
        self.sub_title = f"Chapter {node.chapter.number}: {node.chapter.title}"
        self.sync_passages()
        choices = self.query_one(ChoiceList)
        if session.ended:
            choices.clear_options()
            choices.add_option(Option("1. See how it ends", id=TO_ENDING))
            choices.highlighted = 0
        else:
            choices.show(machine.choices(state))
        panel = self.query_one(MeterPanel)
        moved = panel.show(story, state, session.last_events)
        if moved and self.flash_seconds is not None:
            self.set_timer(self.flash_seconds, panel.settle)
        self.show_notice(notice)
        self.refresh_bindings()
        choices.focus()

    def sync_passages(self) -> None:
        """Mount passages for new states and drop those undone, keeping the common prefix."""
        states = self.session.states
        keep = 0
        while keep < min(len(states), len(self.shown)) and states[keep] is self.shown[keep]:
            keep += 1
        pane = self.query_one("#narrative", VerticalScroll)
        views = list(pane.children)
        for view in views[keep:]:
            view.remove()
        story, machine = self.session.story, self.session.machine
        new = []
        for n in range(keep, len(states)):
            chosen = chosen_text(story, self.session.steps[n - 1], states[n - 1]) if n else None
            new.append(PassageView(machine.passage(states[n]), chosen, classes="passage"))
        for view in (views[:keep] + new)[:-1]:
            view.add_class("-past")
        if new:
            new[-1].remove_class("-past")
            pane.mount_all(new)
        elif views[:keep]:
            views[keep - 1].remove_class("-past")
        self.shown = list(states)
        pane.call_after_refresh(pane.scroll_end, animate=False)

    def show_notice(self, text: str | Content) -> None:
        """A line above the footer: a reload note, a failed choice or load problems."""
        notice = self.query_one("#notice", Static)
        notice.update(text if isinstance(text, Content) else Content(text))
        notice.display = bool(text)

    # -- input -------------------------------------------------------------------------------
    def action_pick(self, number: int) -> None:
        self.query_one(ChoiceList).pick(number)

    @on(ChoiceList.Picked)
    def choose(self, event: ChoiceList.Picked) -> None:
        if event.choice_id == TO_ENDING:
            ending = EndingScreen(self.session, self.records)
            self.app.push_screen(ending, lambda _: self.refresh_run())
            return
        try:
            self.session.choose(event.choice_id)
        except (ChoiceError, RoutingLoop) as error:  # a story bug: say it, keep the run
            self.show_notice(f"That choice failed: {error}")
            return
        self.refresh_run()
        # The app autosaves: after the new frame, so the disk write never delays it.
        self.call_after_refresh(self.post_message, ChoiceMade())

    def action_undo(self) -> None:
        if self.session.undo():
            self.refresh_run()
            self.call_after_refresh(self.post_message, Undone())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo" and not self.session.steps:
            return None  # shown dimmed: nothing to undo yet
        return True
