"""Story text: paragraphs, `{stat}` interpolation and `*emphasis*`, parsed once at load.

A rendered passage is a list of paragraphs; a paragraph is a list of (style, text) runs with
style "" (plain), "em" or "strong". The UI turns runs into styled content without ever
reading markup from the story, so story text cannot inject markup of any kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Run = tuple[str, str]
Paragraph = list[Run]
Passage = list[Paragraph]

_SPECIAL = re.compile(r"[{}*]")
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|\*\*|\*|[{}]")


class TextError(Exception):
    def __init__(self, code: str, message: str, offset: int):
        super().__init__(message)
        self.code, self.message, self.offset = code, message, offset


@dataclass(frozen=True, slots=True)
class Template:
    """One paragraph: runs of (style, literal str | ("stat", i) | ("flag", bit))."""

    runs: tuple

    def render(self, s) -> Paragraph:
        out: Paragraph = []
        for style, piece in self.runs:
            if isinstance(piece, tuple):
                kind, index = piece
                piece = (
                    str(s.stats[index])
                    if kind == "stat"
                    else ("true" if (s.flags >> index) & 1 else "false")
                )
            if out and out[-1][0] == style:
                out[-1] = (style, out[-1][1] + piece)
            else:
                out.append((style, piece))
        return out


def parse_paragraphs(source: str, stats: dict, flags: dict) -> tuple[list[Template], list]:
    """Split text into paragraphs (blank lines) and parse each. Returns (templates, faults)
    where faults are TextError with offsets into `source`."""
    templates, faults = [], []
    if not _SPECIAL.search(source) and "\n\n" not in source.strip():  # plain prose: no parsing
        text = " ".join(source.split())
        return ([Template((("", text),))] if text else []), faults
    for start, para in _paragraphs(source):
        runs, style, unclosed = [], "", None
        text, starts = _join_lines(para)
        pos = 0
        for match in _TOKEN.finditer(text):
            if match.start() > pos:
                runs.append((style, text[pos : match.start()]))
            token = match.group(0)
            pos = match.end()
            offset = start + _source_offset(starts, match.start())
            if token == "{{":
                runs.append((style, "{"))
            elif token == "}}":
                runs.append((style, "}"))
            elif token in ("{", "}"):
                faults.append(
                    TextError(
                        "E142",
                        f'unmatched "{token}" (write "{token * 2}" for a literal brace)',
                        offset,
                    )
                )
            elif token in ("*", "**"):
                wanted = "em" if token == "*" else "strong"
                if style == wanted:
                    style, unclosed = "", None
                elif style == "":
                    style, unclosed = wanted, offset
                else:
                    runs.append((style, token))
            else:
                name = match.group(1).strip()
                if name.startswith("flags.") and name[6:] in flags:
                    runs.append((style, ("flag", flags[name[6:]])))
                elif name in stats:
                    runs.append((style, ("stat", stats[name])))
                else:
                    from riotgame.engine.story.problems import did_you_mean

                    hint = did_you_mean(name, list(stats) + [f"flags.{f}" for f in flags])
                    faults.append(
                        TextError("E131", f'unknown name "{{{name}}}" in text{hint}', offset)
                    )
        if pos < len(text):
            runs.append((style, text[pos:]))
        if unclosed is not None:
            faults.append(TextError("W206", "emphasis opened with * is never closed", unclosed))
        templates.append(Template(tuple(runs)))
    return templates, faults


def _join_lines(para: str) -> tuple[str, list[tuple[int, int]]]:
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


def _source_offset(starts, offset: int) -> int:
    joined, source = max(s for s in starts if s[0] <= offset)
    return source + offset - joined


def _paragraphs(source: str):
    """(offset, text) of each blank-line separated paragraph."""
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", source):
        block = match.group(0).strip()
        if block:
            yield match.start() + (len(match.group(0)) - len(match.group(0).lstrip())), block


def plain(passage: Passage) -> str:
    """The passage as plain text, paragraphs separated by blank lines, markers dropped."""
    return "\n\n".join("".join(text for _, text in para) for para in passage)


def word_count(source: str) -> int:
    return len(source.split())
