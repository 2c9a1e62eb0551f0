"""Every ending of the story: the ones found are named; the others stay hidden, each with
a hint that gives nothing away: the chapter where it can happen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from riotgame.engine.story.model import Story
from riotgame.l10n.app import _
from riotgame.l10n.marks import N_


class GalleryScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,e", "dismiss", N_("Close"))]

    def __init__(self, story: Story, found: set[str]):
        """`found`: the ids of the endings the player has reached (from the Records)."""
        super().__init__()
        self.story = story
        self.found = found

    def compose(self) -> ComposeResult:
        story, found = self.story, self.found
        with VerticalScroll(id="gallery") as box:
            said = _("Endings: {count} of {total} found")
            count = len(found & {e.id for e in story.endings})
            box.border_title = said.format(count=count, total=len(story.endings))
            for n, ending in enumerate(story.endings, 1):
                if ending.id in found:
                    text = Content.assemble(
                        (f"{n}. {ending.title}", "bold"), "\n   ", ending.description
                    )
                    yield Static(text, classes="ending -found")
                else:
                    hint = Content.assemble(
                        f"{n}. ???", ("  " + ending_hint(story, ending.id), "italic")
                    )
                    yield Static(hint, classes="ending -hidden")

    def on_mount(self) -> None:
        self.query_one("#gallery").border_subtitle = _("Esc closes")


def ending_hint(story: Story, ending_id: str) -> str:
    """ "Not yet found; it can happen in chapter 6." (the chapters of its ending nodes)"""
    chapters = sorted({n.chapter.number for n in story.nodes.values() if n.ending == ending_id})
    if not chapters:
        return _("Not yet found.")
    if len(chapters) == 1:
        return _("Not yet found; it can happen in chapter {number}.").format(number=chapters[0])
    said = _("Not yet found; it can happen in chapter {numbers} or {last}.")
    return said.format(numbers=", ".join(str(c) for c in chapters[:-1]), last=chapters[-1])
