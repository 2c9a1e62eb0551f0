"""The story could not be loaded: every problem as `path:line:col: CODE message`."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from riotgame.engine.story.problems import Problem, sort_problems
from riotgame.l10n.marks import N_
from riotgame.ui.widgets.footer import Footer


def problems_content(problems: Sequence[Problem]) -> Content:
    """Problems one per line, never read as markup (paths and messages come from files)."""
    return Content("\n").join(Content(p.concise()) for p in sort_problems(problems))


class ProblemsScreen(Screen[None]):
    BINDINGS = [Binding("q,escape", "app.quit", N_("Quit"))]

    def __init__(self, problems: Sequence[Problem], watching: bool = False):
        super().__init__()
        self.problems = problems
        self.watching = watching

    def compose(self) -> ComposeResult:
        errors = sum(p.is_error for p in self.problems)
        after = (
            "Fix them and save: the game reloads by itself."
            if self.watching
            else "Fix them and start the game again (riotgame check DIR lists them too)."
        )
        yield Static(f"The story could not be loaded: {errors} errors. {after}", id="why")
        with VerticalScroll(id="problem-list"):
            yield Static(problems_content(self.problems))
        yield Footer()
