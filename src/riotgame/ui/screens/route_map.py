"""The player's own map of a chapter (opt-in, from the game or ending screen with `m`): the
path taken, the ways not taken, and those never found, without spoiling them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from riotgame.engine.play.route_map import Branch, ChapterMap

TAKEN, KNOWN, LOCKED, ENDED = "●", "○", "▒", "■"


def branch_line(branch: Branch) -> Content:
    if branch.taken:
        return Content.assemble(f"  {TAKEN} ", (branch.text, "bold"), "  (your choice)")
    if branch.known:
        return Content.assemble(f"  {KNOWN} {branch.text}", (f"  → {branch.leads_to}", "dim"))
    state = "" if branch.enabled else " (closed to you then)"
    return Content.assemble((f"  {LOCKED} {branch.text}  → not yet found{state}", "dim"))


class RouteMapScreen(ModalScreen[None]):
    CSS_PATH = "route_map.tcss"
    BINDINGS = [Binding("escape,q,m", "dismiss", "Close")]

    def __init__(self, chapter_map: ChapterMap) -> None:
        super().__init__()
        self.chapter_map = chapter_map

    def compose(self) -> ComposeResult:
        m = self.chapter_map
        with VerticalScroll(id="route-map") as box:
            box.border_title = f"Chapter {m.number}: {m.title}"
            box.border_subtitle = f"{m.seen} of {m.places} places found in all your runs"
            yield Static(
                f"{TAKEN} your path   {KNOWN} seen in some run   {LOCKED} not yet found",
                classes="legend",
            )
            for stop in m.stops:
                mark = ENDED if not stop.branches else "│"
                yield Static(Content.assemble((f"{mark} {stop.label}", "bold")), classes="stop")
                for branch in stop.branches:
                    yield Static(branch_line(branch), classes="branch")
