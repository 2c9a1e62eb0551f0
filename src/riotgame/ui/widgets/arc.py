"""A meter's course over a run as a one-row chart, drawn on the meter's own range: a trust
that goes 0 -> 10 of 100 stays low, where a sparkline scaled to its own data would fill
the row. Coloured like the meter (good, bad or neutral), from the theme."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widget import Widget

from riotgame.engine.story.model import StatDef

BLOCKS = "▁▂▃▄▅▆▇█"


def resample(values: list[int], width: int) -> list[int]:
    """`width` values from `values`, spread over the columns: the first column shows the
    first value, the last the last (a short run repeats its values, a long one skips)."""
    if width <= 0 or not values:
        return []
    if width == 1:
        return [values[-1]]
    last = len(values) - 1
    return [values[round(i * last / (width - 1))] for i in range(width)]


def blocks(values: list[int], low: int, high: int) -> str:
    """One block character per value, its height the value's place in low..high."""
    span = max(1, high - low)
    top = len(BLOCKS) - 1
    return "".join(BLOCKS[max(0, min(top, round((v - low) * top / span)))] for v in values)


class Arc(Widget):
    DEFAULT_CSS = """
    Arc { height: 1; width: 1fr; color: $accent; }
    Arc.-good { color: $success; }
    Arc.-bad { color: $error; }
    """

    def __init__(self, stat: StatDef, values: list[int], **kwargs: Any):
        super().__init__(**kwargs)
        self.stat, self.values = stat, values
        self.add_class(f"-{stat.high_is}")

    def render(self) -> Content:
        shown = resample(self.values, self.size.width)
        return Content(blocks(shown, self.stat.min, self.stat.max))
