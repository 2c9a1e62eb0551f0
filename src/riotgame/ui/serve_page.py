"""The page `riotgame serve` sends: textual-serve's own, with a <title>, the keyboard
focused without a first click, and no font fetched from the internet (the page falls back
to the browser's monospace). Made at start from the installed textual-serve's template, so
it follows that version; written to a folder of ours, never into the package."""

from __future__ import annotations

import re
from pathlib import Path

PAGE = "app_index.html"
FONTS = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>")
TITLE = "<title>{{ application.name }}</title>"
# xterm reads keys from a hidden textarea: focus it once the terminal is there.
FOCUS = """<script>
      window.addEventListener("load", () => {
        const started = Date.now();
        const timer = setInterval(() => {
          const keys = document.querySelector(".xterm-helper-textarea");
          if (keys && document.activeElement !== keys) keys.focus();
          if ((keys && document.activeElement === keys) || Date.now() - started > 20000) {
            clearInterval(timer);
          }
        }, 200);
      });
    </script>"""


def page_templates(folder: Path) -> Path:
    """Write the page's template into `folder` (made if needed); returns the folder."""
    import textual_serve

    original = Path(textual_serve.__file__).with_name("templates") / PAGE
    text = FONTS.sub("", original.read_text(encoding="utf-8"))
    text = text.replace("<head>", f"<head>\n    {TITLE}\n    {FOCUS}", 1)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / PAGE).write_text(text, encoding="utf-8")
    return folder
