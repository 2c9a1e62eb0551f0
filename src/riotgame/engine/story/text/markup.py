"""Shared pieces of story text: the rendered shapes, faults, paragraphs and offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator

Run = tuple[str, str]
Paragraph = list[Run]
Passage = list[Paragraph]

SPECIAL = re.compile(r"[{}*]")


class TextError(Exception):
    """A fault in a text: code, message and the 0-based offset in its source string."""

    def __init__(self, code: str, message: str, offset: int):
        super().__init__(message)
        self.code, self.message, self.offset = code, message, offset


def paragraphs(source: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each blank-line separated paragraph."""
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", source):
        block = match.group(0).strip()
        if block:
            yield match.start() + (len(match.group(0)) - len(match.group(0).lstrip())), block


def join_lines(para: str) -> tuple[str, list[tuple[int, int]]]:
    """The paragraph's lines, stripped and joined by spaces, and for each line
    (offset in the joined text, offset in `para`), so faults point into the source."""
    pieces, starts, joined, at = [], [], 0, 0
    for line in para.splitlines(keepends=True):
        piece = line.strip()
        starts.append((joined, at + len(line) - len(line.lstrip())))
        pieces.append(piece)
        joined += len(piece) + 1
        at += len(line)
    return " ".join(pieces), starts


def source_offset(starts: list[tuple[int, int]], offset: int) -> int:
    joined, source = max(s for s in starts if s[0] <= offset)
    return source + offset - joined


def plain(passage: Passage) -> str:
    """The passage as plain text, paragraphs separated by blank lines, markers dropped."""
    return "\n\n".join("".join(text for _, text in para) for para in passage)


def word_count(source: str) -> int:
    return len(source.split())
