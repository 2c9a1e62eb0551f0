"""Visual snapshots (pytest-textual-snapshot) of each screen at 80x24 and 120x40.

Deterministic by construction: the fixture story, seed 1, a fresh data directory, meter
changes that do not fade, no clock in the header and no blinking cursor on these screens.
Update with `python3 -m pytest tests/ui/test_snapshots.py --snapshot-update`, then look.
"""

from __future__ import annotations

import pytest

SIZES = [(80, 24), (120, 40)]

# keys from launch (content note first) to each screen
SCREENS = {
    "content_note": [],
    "title": ["enter"],
    "game": ["enter", "enter", "1"],  # in the yard: a disabled choice, suspicion ▼ -5
    "ending": ["enter", "enter", "1", "1", "1", "1", "1"],  # the boss ending
    "help": ["enter", "enter", "1", "question_mark"],
    "gallery": ["enter", "enter", "1", "1", "1", "1", "1", "e"],
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(screen, size, build, snap_compare):
    async def run_before(pilot):
        await pilot.pause()
        for key in SCREENS[screen]:
            await pilot.press(key)
            await pilot.pause()

    assert snap_compare(build(), terminal_size=size, run_before=run_before)
