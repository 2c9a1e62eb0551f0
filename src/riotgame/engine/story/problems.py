"""Problems found in story files, and the ways they are printed.

A problem is one line an author can act on: `path:line:col: CODE message`. Codes starting
with E are errors (the story cannot be played), codes starting with W are warnings.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from difflib import get_close_matches
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int  # 1-based; 0 when the problem has no position (a missing file)
    col: int  # 1-based
    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")

    def concise(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"

    def with_snippet(self, lines: tuple[str, ...] | None = None) -> str:
        """The concise line, then the source line and a caret under the column. `lines` is
        the file's text when the caller has read it already."""
        text = self.concise()
        lines = _source_lines(self.path) if lines is None else lines
        if not 1 <= self.line <= len(lines):
            return text
        source = lines[self.line - 1]
        caret = " " * (max(self.col, 1) - 1) + "^"
        return f"{text}\n    {source}\n    {caret}"


def _source_lines(path: str) -> tuple[str, ...]:
    """A file's lines; () when it cannot be read."""
    try:
        return tuple(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return ()


def did_you_mean(word: str, candidates) -> str:
    """' (did you mean "x"?)' when a close match exists, else ''."""
    match = get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f' (did you mean "{match[0]}"?)' if match else ""


def sort_problems(problems) -> list[Problem]:
    return sorted(set(problems))


def format_problems(problems, fmt: str = "concise") -> str:
    problems = sort_problems(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(
            f"::{'error' if p.is_error else 'warning'} file={p.path},line={p.line},col={p.col}"
            f"::{p.code} {p.message}"
            for p in problems
        )
    if fmt == "full":
        sources = {path: _source_lines(path) for path in {p.path for p in problems}}
        return "\n".join(p.with_snippet(sources[p.path]) for p in problems)
    return "\n".join(p.concise() for p in problems)
