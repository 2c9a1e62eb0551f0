"""Problems found in story files, and the ways they are printed.

A problem is one line an author can act on: `path:line:col: CODE message`. Codes starting
with E are errors (the story cannot be played), codes starting with W are warnings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
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
        the file's text when the caller has read it already. A long line is cut to a window
        round the column (a 5,000-digit number would fill the screen)."""
        text = self.concise()
        lines = _source_lines(self.path) if lines is None else lines
        if not 1 <= self.line <= len(lines):
            return text
        source, col = _window(lines[self.line - 1], max(self.col, 1))
        caret = " " * (col - 1) + "^"
        return f"{text}\n    {source}\n    {caret}"


SNIPPET_WIDTH = 100


def _window(source: str, col: int) -> tuple[str, int]:
    """At most SNIPPET_WIDTH characters of `source` round column `col`, marked "…" where
    cut, and the column within them."""
    if len(source) <= SNIPPET_WIDTH:
        return source, col
    start = max(0, min(col - 1 - SNIPPET_WIDTH // 3, len(source) - SNIPPET_WIDTH))
    shown = source[start : start + SNIPPET_WIDTH]
    before = "…" if start else ""
    after = "…" if start + SNIPPET_WIDTH < len(source) else ""
    return before + shown + after, col - start + len(before)


def _source_lines(path: str) -> tuple[str, ...]:
    """A file's lines; () when it cannot be read."""
    try:
        return tuple(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return ()


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean "x"?)' when a close match exists, else ''."""
    match = get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f' (did you mean "{match[0]}"?)' if match else ""


# The problems that only say a name is unknown, by the kind of name: when a file did not
# load or a declaration was refused, they may all follow from that one fault. (E113: a
# route whose `if` names an unknown stat seems to have no `if`.)
FOLLOW_ONS = {"nodes": {"E120", "E122", "E123"}, "names": {"E131", "E113"}, "endings": {"E121"}}


def without_follow_ons(problems: Iterable[Problem], incomplete: Iterable[str]) -> list[Problem]:
    """`problems` less those that may follow from declarations of these kinds missing."""
    hidden = {code for kind in incomplete for code in FOLLOW_ONS[kind]}
    return [p for p in problems if p.code not in hidden]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Without repeats, causes first: files that did not load, then story.yaml (where the
    declarations are), then the other files in natural order (chapter2 before chapter10),
    each by line and column."""
    return sorted(set(problems), key=_order)


FILE_FAULTS = {"E100", "E101", "E107", "E108"}  # the file, or part of it, was not read


def _order(p: Problem) -> tuple[object, ...]:
    name = Path(p.path).name
    natural = [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", p.path)]
    return (
        p.code not in FILE_FAULTS,
        name != "story.yaml",
        natural,
        p.line,
        p.col,
        p.code,
        p.message,
    )


MAX_PER_FILE = 20  # in the text formats; past it, a file's problems are counted


def format_problems(problems: Iterable[Problem], fmt: str = "concise") -> str:
    """The problems, causes first, in one of the formats `check --format` offers. The text
    formats show at most MAX_PER_FILE per file and count the rest; json and github show all."""
    ordered = sort_problems(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in ordered], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(
            f"::{'error' if p.is_error else 'warning'} file={p.path},line={p.line},col={p.col}"
            f"::{p.code} {p.message}"
            for p in ordered
        )
    shown, more = _capped(ordered)
    if fmt == "full":
        sources = {path: _source_lines(path) for path in {p.path for p in shown}}
        lines = [p.with_snippet(sources[p.path]) for p in shown]
    else:
        lines = [p.concise() for p in shown]
    lines += [
        f"{path}: {count} more problem{'s' if count > 1 else ''} not shown "
        "(--format json lists them all)"
        for path, count in more.items()
    ]
    return "\n".join(lines)


def _capped(ordered: list[Problem]) -> tuple[list[Problem], dict[str, int]]:
    """The first MAX_PER_FILE problems of each file, and how many more each file has."""
    per_file: dict[str, int] = {}
    shown: list[Problem] = []
    more: dict[str, int] = {}
    for p in ordered:
        per_file[p.path] = per_file.get(p.path, 0) + 1
        if per_file[p.path] <= MAX_PER_FILE:
            shown.append(p)
        else:
            more[p.path] = more.get(p.path, 0) + 1
    return shown, more
