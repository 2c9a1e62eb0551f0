"""The smallest Textual app that draws a frame: the yardstick for ui_first_frame.py."""

from textual.app import App
from textual.widgets import Static


class Minimal(App):
    def compose(self):
        yield Static("Minimal first frame")


if __name__ == "__main__":
    Minimal().run()
