"""The player's own map of a chapter (opt-in, from the game or ending screen with `m`): the
path taken, the ways not taken, and those never found, without spoiling them. `←` `→`
turn to the other chapters this run has been through."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from riotgame.engine.play.route_map import Branch, ChapterMap, chapter_map
from riotgame.engine.play.session import Session
from riotgame.l10n.marks import N_

TAKEN, KNOWN, LOCKED, ENDED = "●", "○", "▒", "■"


def branch_line(branch: Branch) -> Content:
    if branch.taken:
        return Content.assemble(f"  {TAKEN} ", (branch.text, "bold"), "  (your choice)")
    if branch.known:
        return Content.assemble(f"  {KNOWN} {branch.text}", (f"  → {branch.leads_to}", "dim"))
    state = "" if branch.enabled else " (closed to you then)"
    return Content.assemble((f"  {LOCKED} {branch.text}  → not yet found{state}", "dim"))


def played_chapters(session: Session) -> list[int]:
    """The chapters the run has been through, in order."""
    nodes = session.story.nodes
    return sorted({nodes[s.node].chapter.number for s in session.states})


class RouteMapScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,m", "dismiss", N_("Close")),
        Binding("left", "turn(-1)", N_("Previous chapter")),
        Binding("right", "turn(1)", N_("Next chapter")),
    ]

    def __init__(self, session: Session, seen_before: set[str], number: int) -> None:
        """The map of chapter `number`; `seen_before`: the places of earlier runs."""
        super().__init__()
        self.session, self.seen_before = session, seen_before
        self.chapters = played_chapters(session)
        self.number = number

    @property
    def chapter_map(self) -> ChapterMap:
        return chapter_map(self.session, self.number, self.seen_before)

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="route-map")

    def on_mount(self) -> None:
        self.show_map()

    def show_map(self) -> None:
        m = self.chapter_map
        box = self.query_one("#route-map", VerticalScroll)
        box.remove_children()
        box.border_title = f"Chapter {m.number}: {m.title}"
        turn = "  ← → other chapters" if len(self.chapters) > 1 else ""
        box.border_subtitle = f"{m.seen} of {m.places} places found in all your runs{turn}"
        lines = [
            Static(
                f"{TAKEN} your path   {KNOWN} seen in some run   {LOCKED} not yet found",
                classes="legend",
            )
        ]
        for stop in m.stops:
            mark = ENDED if not stop.branches else "│"
            lines.append(Static(Content.assemble((f"{mark} {stop.label}", "bold")), classes="stop"))
            lines.extend(Static(branch_line(b), classes="branch") for b in stop.branches)
        box.mount_all(lines)
        box.scroll_home(animate=False)

    def action_turn(self, delta: int) -> None:
        where = self.chapters.index(self.number) + delta
        if 0 <= where < len(self.chapters):
            self.number = self.chapters[where]
            self.show_map()
