"""Notifications sit away from the choices and go away by themselves; a choice that cannot
be taken says so under the choice list."""

from __future__ import annotations

import pytest
from textual.errors import NoWidget
from textual.widgets import Static
from textual.widgets._toast import Toast

from riotgame.ui.widgets.choices import ChoiceList
from tests.support.ui import start_game

SIZES = [(80, 24), (100, 30), (120, 40), (50, 20)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_notification_never_overlaps_the_choice_list(build, size):
    app = build()
    async with app.run_test(size=size, notifications=True) as pilot:
        await start_game(app, pilot)
        await pilot.press("f5")  # "Quicksaved."
        long = "Saving failed (No space left on device); the game goes on. " * 12
        app.notify(long, severity="error")  # a long one replaces it
        await pilot.pause()
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 1
        choices = app.screen.query_one(ChoiceList).region
        assert choices.area
        on_top = {  # the toast (if any) drawn over each cell of the choice list
            toast_at(app.screen, x, y)
            for y in range(choices.y, choices.bottom)
            for x in range(choices.x, choices.right)
        }
        assert on_top == {None}
        shown = toasts[0].region
        assert toast_at(app.screen, shown.x + 2, shown.y) is toasts[0]  # drawn, on top


def toast_at(screen, x: int, y: int) -> Toast | None:
    """The toast drawn at (x, y) on screen, if any."""
    try:
        widget, _ = screen.get_widget_at(x, y)
    except NoWidget:
        return None
    for node in widget.ancestors_with_self:
        if isinstance(node, Toast):
            return node
    return None


async def test_notifications_time_out(build):
    app = build()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start_game(app, pilot)
        app.notify("Saved as at gate.", timeout=0.3)
        await pilot.pause()
        assert app.screen.query(Toast)
        await pilot.press("1")  # a choice taken while it shows (the toast once stuck then)
        await pilot.pause(0.6)
        assert not app.screen.query(Toast)


async def test_a_closed_or_missing_choice_says_why_under_the_choices(build):
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(app, pilot)
        await pilot.press("1")  # the yard: choice 3 is closed
        await pilot.pause()
        notice = app.screen.query_one("#notice", Static)
        await pilot.press("3")
        await pilot.pause()
        assert notice.display and "Choice 3 is closed" in str(notice.content)
        assert notice.region.y >= app.screen.query_one(ChoiceList).region.bottom
        await pilot.press("9")
        await pilot.pause()
        assert "There is no choice 9: the choices are 1 to 4." in str(notice.content)
        await pilot.press("1")  # a real choice clears it
        await pilot.pause()
        assert not notice.display
