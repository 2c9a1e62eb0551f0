"""The ending: its title and what it means (the last passage was just read in the game, so
it is not repeated), the course of each meter over the run on that meter's own range, the
choices that mattered most, and how many endings the player has found."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from riotgame.engine.play.history import TurningPoint, series, turning_points
from riotgame.engine.play.session import Session
from riotgame.l10n.app import _
from riotgame.l10n.marks import N_
from riotgame.records import Records
from riotgame.ui.messages import Undone
from riotgame.ui.widgets.arc import Arc
from riotgame.ui.widgets.footer import Footer


class EndingScreen(Screen[bool]):
    """Dismissed with True when the player undoes the last choice to go back into the run."""

    BINDINGS = [
        Binding("n", "app.new_game", N_("New game")),
        Binding("e", "app.endings", N_("Endings")),
        Binding("m", "chapter_map", N_("Chapter map")),
        Binding("t,escape", "app.title_screen", N_("Title")),
        Binding("u", "back", N_("Undo last choice")),
    ]

    def __init__(self, session: Session, records: Records):
        super().__init__()
        self.session = session
        self.records = records

    def compose(self) -> ComposeResult:
        session, story = self.session, self.session.story
        reached = session.machine.ending(session.state)
        assert reached is not None, "the ending screen is shown at an ending only"
        ending = story.ending(reached)
        found = self.records.endings(story.id)
        yield Header()
        with VerticalScroll(id="ending"):
            yield Static(Content(ending.title), id="ending-title")
            yield Static(Content(ending.description), id="ending-text")
            count = len(found & {e.id for e in story.endings})
            said = _("Endings found: {count} of {total}")
            yield Static(said.format(count=count, total=len(story.endings)), id="found")
            yield Static(_("Over the run"), classes="heading")
            meters = [d for d in story.stats if not d.hidden]
            for stat, (label, values) in zip(meters, series(story, session.states), strict=True):
                with Horizontal(classes="arc"):
                    yield Label(Content(label), classes="arc-label")
                    yield Arc(stat, values, classes="arc-line")
                    span = _("{first} → {last} of {max}").format(
                        first=values[0], last=values[-1], max=stat.max
                    )
                    yield Label(span, classes="arc-range")
            points = turning_points(session)
            if points:
                yield Static(_("The choices that mattered"), classes="heading")
                for point in points:
                    yield from self.describe(point)
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.session.story.title
        self.sub_title = _("The end")

    @staticmethod
    def describe(point: TurningPoint) -> Iterator[Static]:
        """The choice, then what it changed on a line of its own, under its text."""
        yield Static(Content.assemble(("• ", "bold"), point.choice), classes="turn")
        changes = ", ".join(f"{label} {delta:+d}" for label, delta in point.changes)
        parts = [p for p in (changes, "; ".join(point.flags)) if p]
        if parts:
            yield Static(Content.styled(" · ".join(parts), "italic"), classes="turn-changes")

    def action_chapter_map(self) -> None:
        from riotgame.ui.screens.route_map import RouteMapScreen

        state = self.session.state
        number = self.session.story.nodes[state.node].chapter.number
        seen = self.records.places(self.session.story.id)
        self.app.push_screen(RouteMapScreen(self.session, seen, number))

    def action_back(self) -> None:
        self.session.undo()
        self.post_message(Undone())
        self.dismiss(True)
