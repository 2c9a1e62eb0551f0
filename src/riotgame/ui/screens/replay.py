"""The replay viewer: step through a saved run as it re-plays on the current story.

Each step shows its passage, the choice taken to get there, and the meters at that step;
a run that no longer fits the story says where it diverges (engine/replay.py decides).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from riotgame.engine.play.history import chosen_text
from riotgame.engine.play.session import Session
from riotgame.engine.saves.replay import Replay
from riotgame.l10n.app import _
from riotgame.l10n.marks import N_
from riotgame.ui.widgets.footer import Footer
from riotgame.ui.widgets.meters import MeterPanel
from riotgame.ui.widgets.passage import run_step


def verdict(result: Replay) -> list[str]:
    """How the saved run re-plays, in the story's words (chapter and ending titles)."""
    story, label = result.session.story if result.session else None, result.save.label
    total = len(result.save.steps)
    if not result.ok:
        assert result.divergence is not None
        step = result.divergence.step
        if step is None:
            said = _("{label}: the run re-plays, but it ends in another state than it was saved.")
            return [said.format(label=label)]
        said = _(
            "{label}: the story has changed since this save; the run fits it up to choice "
            "{step} of {total}, no further."
        )
        return [said.format(label=label, step=step - 1, total=total)]
    ending = result.save.snapshot.ending
    where = _("Chapter {number}: {title}").format(
        number=result.save.chapter, title=result.save.chapter_title
    )
    titles = {e.id: e.title for e in story.endings} if story is not None else {}
    if ending in titles:
        where = _("the ending “{title}”").format(title=titles[ending])
    said = _("{label}: re-plays as saved, {total} choices, to {where}.")
    lines = [said.format(label=label, total=total, where=where)]
    if result.story_changed:
        lines.append(_("The story was edited since the save; this run still fits it."))
    return lines


class ReplayScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    BINDINGS = [
        Binding("right,n", "go(1)", N_("Next")),
        Binding("left,p", "go(-1)", N_("Previous")),
        Binding("home", "jump(0)", N_("Start")),
        Binding("end", "jump(-1)", N_("End")),
        Binding("g", "ask_step", N_("Go to step")),
        Binding("escape", "app.title_screen", N_("Close")),
    ]

    def __init__(self, result: Replay):
        """`result`: a replay with its frames (`replay(save, machine)`, frames=True)."""
        super().__init__()
        if result.session is None:
            raise ValueError("the replay viewer needs a replay with its frames")
        self.result = result
        self.session: Session = result.session
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="main"):
                yield Static("", id="where")
                with VerticalScroll(id="frame-pane"):
                    yield Static("", id="frame")
                yield Static(
                    Content("\n").join(Content(line) for line in verdict(self.result)),
                    id="verdict",
                    classes="-ok" if self.result.ok else "-diverged",
                )
            yield MeterPanel([d for d in self.session.story.stats if not d.hidden], id="side")
        yield Input(placeholder=_("Step number, then Enter"), id="jump", type="integer")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.session.story.title
        self.sub_title = Content(_("Replay: {label}").format(label=self.result.save.label)).plain
        self.query_one("#jump").display = False
        self.show_frame(0)

    def show_frame(self, index: int) -> None:
        frames = self.result.frames
        self.index = max(0, min(index, len(frames) - 1))
        frame = frames[self.index]
        session = self.session
        chosen = (
            chosen_text(session.story, frame.step, frames[self.index - 1].state)
            if frame.step
            else None
        )
        states = [f.state for f in frames[: self.index + 1]]
        passage = session.machine.passage(frame.state)
        self.query_one("#frame", Static).update(
            run_step(session.story, states, self.index, passage, chosen)
        )
        self.query_one("#frame-pane").scroll_home(animate=False)
        total = len(frames) - 1
        where = _("Step {step} of {total}").format(step=self.index, total=total)
        self.query_one("#where", Static).update(
            where + ("  " + _("(the start)") if self.index == 0 else "")
        )
        self.query_one(MeterPanel).show(session.story, frame.state, frame.events)

    def action_go(self, delta: int) -> None:
        self.show_frame(self.index + delta)

    def action_jump(self, index: int) -> None:
        self.show_frame(index if index >= 0 else len(self.result.frames) - 1)

    def action_ask_step(self) -> None:
        jump = self.query_one("#jump", Input)
        jump.display = True
        jump.focus()

    @on(Input.Submitted, "#jump")
    def jumped(self, event: Input.Submitted) -> None:
        event.input.display = False
        event.input.value = ""
        if event.value.strip().isdigit():
            self.show_frame(int(event.value))
