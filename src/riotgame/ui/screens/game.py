"""The game: the run so far in a scrollable pane, the choices, and the meters.

The screen is given the run (an engine Session) and renders it; it sends choice ids to the
Session and tells the app what happened (`ChoiceMade`, `Undone`), which autosaves. The
rules stay in the engine.

A new step is brought into view at its first line (the echoed choice), so a passage never
opens mid-sentence; PageUp/PageDown scroll the story while the choices keep the focus, and
the choices' border says when there is more to read below.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.widgets.option_list import Option

from riotgame.engine.play.history import chosen_text
from riotgame.engine.play.machine import ChoiceError, RoutingLoop
from riotgame.engine.play.session import Session
from riotgame.engine.play.state import GameState
from riotgame.l10n.app import _
from riotgame.l10n.marks import N_
from riotgame.records import Records
from riotgame.ui.messages import ChoiceMade, Undone
from riotgame.ui.screens.ending import EndingScreen
from riotgame.ui.widgets.choices import ChoiceList
from riotgame.ui.widgets.footer import Footer
from riotgame.ui.widgets.meters import MeterPanel
from riotgame.ui.widgets.passage import PassageView, run_step

TO_ENDING = "to-the-ending"  # the option shown under the last passage of a run
MORE_BELOW = N_("▼ more to read: PgDn")


class GameScreen(Screen[None]):
    # narrow: no side panel; vast: a wider one. short: compact meters.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide"), (110, "-vast")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = [
        Binding("1", "pick(1)", N_("Choose"), key_display="1-9"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(2, 10)),
        Binding("u,ctrl+z", "undo", N_("Undo")),
        Binding("s", "app.save_game", N_("Save")),
        Binding("f5", "app.quicksave", N_("Quicksave")),
        Binding("f9", "app.quickload", N_("Quickload")),
        Binding("m", "chapter_map", N_("Chapter map")),
        Binding("escape", "app.title_screen", N_("Menu"), show=False),
        # the story scrolls while the choices keep the focus (they would page the options)
        Binding("pageup", "scroll_story('page_up')", N_("Scroll up"), show=False, priority=True),
        Binding(
            "pagedown", "scroll_story('page_down')", N_("Scroll down"), show=False, priority=True
        ),
        Binding("shift+up", "scroll_story('scroll_up')", show=False),
        Binding("shift+down", "scroll_story('scroll_down')", show=False),
    ]

    def __init__(self, session: Session, records: Records, flash_seconds: float | None = None):
        """`flash_seconds`: how long a meter change shows (None: until the next choice)."""
        super().__init__()
        self.session = session
        self.records = records  # for the ending screen's count and the chapter maps
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
        self.watch(self.narrative, "scroll_y", self.more_cue, init=False)
        self.refresh_run()

    @property
    def narrative(self) -> VerticalScroll:
        return self.query_one("#narrative", VerticalScroll)

    # -- rendering ---------------------------------------------------------------------------
    def refresh_run(self, notice: str = "") -> None:
        """Show the session: passages, choices, meters. Call after every change to it."""
        session = self.session
        story, machine, state = session.story, session.machine, session.state
        node = machine.node(state)
        self.title = story.title
        if machine.ending(state) is None:  # an ending keeps the heading of where it was reached
            said = _("Chapter {number}: {title}")
            self.sub_title = said.format(number=node.chapter.number, title=node.chapter.title)
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
        """Mount passages for new states and drop those undone, keeping the common prefix;
        then bring the newest step's first line into view."""
        states = self.session.states
        keep = 0
        while keep < min(len(states), len(self.shown)) and states[keep] is self.shown[keep]:
            keep += 1
        pane = self.narrative
        views = list(pane.children)
        for view in views[keep:]:
            view.remove()
        new = [self.step_view(n) for n in range(keep, len(states))]
        for view in (views[:keep] + new)[:-1]:
            view.add_class("-past")
        if new:
            new[-1].remove_class("-past")
            pane.mount_all(new)
        elif views[:keep]:
            views[keep - 1].remove_class("-past")
        self.shown = list(states)
        newest = (views[:keep] + new)[-1]
        pane.call_after_refresh(self.bring_into_view, newest)

    def step_view(self, n: int) -> PassageView:
        session = self.session
        story, states = session.story, session.states
        chosen = chosen_text(story, session.steps[n - 1], states[n - 1]) if n else None
        content = run_step(story, states, n, session.machine.passage(states[n]), chosen)
        return PassageView(content, classes="passage")

    def bring_into_view(self, view: PassageView) -> None:
        """The step's first line at the top of the story pane (or as near as it scrolls)."""
        self.narrative.scroll_to_widget(view, animate=False, top=True, immediate=True)
        self.more_cue()

    def more_cue(self, _scrolled: float = 0) -> None:
        """Say on the choices' border when the story goes on below the pane."""
        pane = self.narrative
        more = pane.max_scroll_y - pane.scroll_y >= 1
        self.query_one(ChoiceList).border_title = _(MORE_BELOW) if more else ""

    def show_notice(self, text: str | Content) -> None:
        """A line just under the choices: a failed or closed choice, a reload, problems."""
        notice = self.query_one("#notice", Static)
        notice.update(text if isinstance(text, Content) else Content(text))
        notice.display = bool(text)

    # -- input -------------------------------------------------------------------------------
    def action_pick(self, number: int) -> None:
        self.show_notice(self.query_one(ChoiceList).pick(number))

    def action_scroll_story(self, how: str) -> None:
        getattr(self.narrative, f"action_{how}")()

    @on(ChoiceList.Picked)
    def choose(self, event: ChoiceList.Picked) -> None:
        if event.choice_id == TO_ENDING:
            ending = EndingScreen(self.session, self.records)
            self.app.push_screen(ending, lambda _: self.refresh_run())
            return
        try:
            self.session.choose(event.choice_id)
        except (ChoiceError, RoutingLoop) as error:  # a story bug: say it, keep the run
            self.show_notice(_("That choice failed: {error}").format(error=error))
            return
        self.refresh_run()
        # The app autosaves: after the new frame, so the disk write never delays it.
        self.call_after_refresh(self.post_message, ChoiceMade())

    def action_undo(self) -> None:
        if self.session.undo():
            self.refresh_run()
            self.call_after_refresh(self.post_message, Undone())

    def finished_chapter(self) -> int | None:
        """The chapter the run has just finished: at the first passage of the next one, or
        at the last passage of a run. None in the middle of a chapter."""
        states = self.session.states
        if self.session.ended:
            return self.chapter_of(states[-1])
        if len(states) < 2:
            return None
        before, now = self.chapter_of(states[-2]), self.chapter_of(states[-1])
        return before if before != now else None

    def chapter_of(self, state: GameState) -> int:
        number: int = self.session.story.nodes[state.node].chapter.number
        return number

    def action_chapter_map(self) -> None:
        from riotgame.ui.screens.route_map import RouteMapScreen

        number = self.finished_chapter()
        if number is not None:
            seen = self.records.places(self.session.story.id)
            self.app.push_screen(RouteMapScreen(self.session, seen, number))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo" and not self.session.steps:
            return None  # shown dimmed: nothing to undo yet
        if action == "chapter_map":
            return self.finished_chapter() is not None  # shown at a chapter's end only
        return True
