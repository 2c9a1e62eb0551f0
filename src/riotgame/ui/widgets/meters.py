"""The side panel: a labelled bar per visible stat, and the notable flags that are set.

A change shows beside the value as its direction and size (`▲ +10`), coloured by whether
higher is good or bad for that meter (theme variables), until the next choice. The panel
scrolls, with a scrollbar, when its notes outgrow it, and screens can make it compact
(the `-short` class of the game screen drops the space between meters).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, ProgressBar, Static

from riotgame.engine.play.machine import StatChanged
from riotgame.engine.play.state import GameState
from riotgame.engine.story.model import StatDef, Story


class Meter(Vertical):
    def __init__(self, stat: StatDef):
        super().__init__(classes=f"-{stat.high_is}")
        self.stat = stat

    def compose(self) -> ComposeResult:
        with Horizontal(classes="meter-head"):
            yield Label(Content(self.stat.label), classes="meter-label")
            yield Label("", classes="meter-value")
            yield Label("", classes="meter-delta")
        yield ProgressBar(
            total=self.stat.max - self.stat.min, show_eta=False, show_percentage=False
        )

    def show(self, value: int, delta: int = 0) -> None:
        self.query_one(".meter-value", Label).update(str(value))
        self.query_one(ProgressBar).update(progress=value - self.stat.min)
        label = self.query_one(".meter-delta", Label)
        label.set_classes("meter-delta")
        if delta:
            good = (delta > 0) == (self.stat.high_is == "good")
            tone = "-neutral" if self.stat.high_is == "neutral" else ("-good" if good else "-bad")
            label.update(f"{'▲' if delta > 0 else '▼'} {delta:+d}")
            label.add_class(tone)
        else:
            label.update("")

    def settle(self) -> None:
        """Hide the change marker."""
        self.query_one(".meter-delta", Label).update("")


class MeterPanel(VerticalScroll):
    DEFAULT_CSS = """
    MeterPanel {
        width: 28;
        padding: 0 1;
        border-left: vkey $foreground 20%;
        scrollbar-size-vertical: 1;
    }

    MeterPanel .note { height: auto; }
    MeterPanel .note-mark { width: 2; }
    MeterPanel .note-text { width: 1fr; }

    MeterPanel #flags {
        margin: 1 0 0 0;
        color: $text-secondary;
    }

    Meter {
        height: auto;
        margin: 1 0 0 0;
    }

    Meter .meter-head { height: 1; }
    Meter .meter-label { width: 1fr; text-overflow: ellipsis; text-wrap: nowrap; }
    Meter .meter-value { width: auto; margin: 0 0 0 1; }
    Meter .meter-delta { width: auto; margin: 0 0 0 1; text-style: bold; }
    Meter .meter-delta.-good { color: $text-success; }
    Meter .meter-delta.-bad { color: $text-error; }
    Meter .meter-delta.-neutral { color: $text-accent; }
    Meter ProgressBar Bar { width: 1fr; }
    Meter.-good Bar > .bar--bar, Meter.-good Bar > .bar--complete { color: $success; }
    Meter.-bad Bar > .bar--bar, Meter.-bad Bar > .bar--complete { color: $error; }
    Meter.-neutral Bar > .bar--bar, Meter.-neutral Bar > .bar--complete { color: $accent; }
    """

    def __init__(self, stats: list[StatDef], **kwargs: Any):
        super().__init__(**kwargs)
        self.stats = stats

    def compose(self) -> ComposeResult:
        for stat in self.stats:
            yield Meter(stat)
        yield Vertical(id="flags")

    def show(self, story: Story, state: GameState, events: Iterable[object] = ()) -> bool:
        """Show `state`, with the stat changes among `events`. True if a meter moved."""
        values = story.stat_values(state)
        deltas = {e.name: e.new - e.old for e in events if isinstance(e, StatChanged)}
        for meter in self.query(Meter):
            meter.show(values[meter.stat.name], deltas.get(meter.stat.name, 0))
        notes = self.query_one("#flags", Vertical)
        notes.remove_children()
        notes.mount_all(
            Horizontal(
                Static("•", classes="note-mark"),
                Static(Content(d.label), classes="note-text"),
                classes="note",
            )
            for d in story.shown_flags(state)
        )
        return any(deltas.get(m.stat.name) for m in self.query(Meter))

    def settle(self) -> None:
        for meter in self.query(Meter):
            meter.settle()
