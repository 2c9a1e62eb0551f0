"""Story text is shown as written: markup in any story string never styles or acts.

tests/fixtures/markup puts Textual markup ([bold red]x[/], [@click=app.quit]...[/], $accent)
in every string a player sees.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Label, Static

from riotgame.ui.screens.ending import EndingScreen
from riotgame.ui.widgets.choices import ChoiceList
from riotgame.ui.widgets.meters import Meter

ALLOWED_STYLES = {"italic", "bold"}  # what *em* and **strong** become; nothing else
HEADING = "bold underline"  # a chapter's heading in the transcript


def plain_and_styles(content) -> tuple[str, set]:
    assert isinstance(content, Content)
    return content.plain, {str(span.style) for span in content.spans}


async def test_markup_in_story_text_is_shown_literally(build):
    app = build("markup")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        note, _ = plain_and_styles(app.screen.query_one("#note-text", Static).render())
        assert note == "Note [reverse]x[/] [@click=app.quit]quit[/]"
        await pilot.press("enter", "enter")
        await pilot.pause()

        passage, styles = plain_and_styles(app.screen.query_one(".passage").render())
        heading, body = passage.split("\n\n", 1)
        assert heading == "Chapter 1: [u]Chapter[/u]"  # the chapter title, as written
        assert body.startswith("[bold red]x[/] and [@click=app.quit]click[/] and [italic]em[/]")
        assert "Value 1 [/] \\[escaped] {braces}" in passage
        assert styles - {HEADING} <= ALLOWED_STYLES and styles == {"italic", "bold", HEADING}

        choices = app.screen.query_one(ChoiceList)
        assert choices.get_option_at_index(0).prompt.plain == "1. [green]Go[/green]"
        assert "([red]because[/red])" in choices.get_option_at_index(1).prompt.plain
        label = app.screen.query_one(Meter).query_one(".meter-label", Label).render()
        assert plain_and_styles(label)[0] == "[red]Sus[/red]"
        assert [m.stat.name for m in app.screen.query(Meter)] == ["suspicion"]  # hidden stat
        assert "Title[/] $accent" in app.screen.query_one("HeaderTitle").render().plain

        await pilot.click(".passage", offset=(24, 2))  # on the would-be [@click=app.quit]
        await pilot.press("1")
        await pilot.pause()
        flags, _ = plain_and_styles(app.screen.query_one(".note-text", Static).render())
        assert flags == "[blink]Marked[/]"
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        title, styles = plain_and_styles(app.screen.query_one("#ending-title").render())
        text, _ = plain_and_styles(app.screen.query_one("#ending-text").render())
        assert (title, text) == ("[b]Done[/b]", "[i]over[/i] [link=http://x]y[/link]")
        assert app.is_running
