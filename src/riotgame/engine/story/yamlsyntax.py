"""YAML syntax errors in the author's terms, and the same answers from both backends.

PyYAML reads with libyaml (C) when it has it, else in pure Python. The two disagree on tabs
and word their errors differently; here the pure-Python scanner learns libyaml's tab rules,
and every syntax error gets one position and our own words, whichever backend found it.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.scanner import ScannerError
from yaml.tokens import ScalarToken

from riotgame.engine.story.problems import Problem

Pos = tuple[int, int]  # 1-based line and column


# -- the pure-Python scanner, taught libyaml's tab rules --------------------------------------
_BLANK_OR_END = "\0 \t\r\n\x85\u2028\u2029"


class PythonLoader(yaml.SafeLoader):
    """PyYAML's pure-Python loader refuses every tab outside quotes; libyaml allows tabs as
    separating space (after `key:`, inside flow collections and plain text), though never as
    indentation. These two methods follow libyaml, so a story reads the same either way."""

    def scan_to_next_token(self) -> None:
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        while True:
            while self.peek() == " " or (
                self.peek() == "\t" and (self.flow_level or not self.allow_simple_key)
            ):
                self.forward()
            if self.peek() == "#":
                while self.peek() not in "\0\r\n\x85\u2028\u2029":
                    self.forward()
            if not self._line_break():
                return
            if not self.flow_level:
                self.allow_simple_key = True

    def scan_plain_spaces(self, indent: int, start_mark: Any) -> list[str]:
        length = 0
        while self.peek(length) in " \t":
            length += 1
        whitespaces = self.prefix(length)
        self.forward(length)
        if self.peek() not in "\r\n\x85\u2028\u2029":
            return [whitespaces] if whitespaces else []
        line_break = self._line_break()
        self.allow_simple_key = True
        breaks: list[str] = []
        while True:
            if self._document_marker():
                return []
            ch = self.peek()
            if ch == "\t" and self.column < indent:
                raise ScannerError(
                    "while scanning a plain scalar",
                    start_mark,
                    "found a tab character that violates indentation",
                    self.get_mark(),
                )
            if ch in " \t":
                self.forward()
            elif ch in "\r\n\x85\u2028\u2029":
                breaks.append(self._line_break())
            else:
                break
        chunks = [line_break] if line_break != "\n" else [] if breaks else [" "]
        return chunks + breaks

    def scan_plain(self) -> ScalarToken:
        """Plain text, where "?" does not end it inside [...] or {...}: libyaml reads
        `{text: Who goes there?}` as text, PyYAML's own scanner refused it."""
        chunks: list[str] = []
        start_mark = end_mark = self.get_mark()
        indent = self.indent + 1
        spaces: list[str] = []
        while self.peek() != "#":
            length = 0
            while not self._ends_plain(length):
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks += [*spaces, self.prefix(length)]
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return ScalarToken("".join(chunks), True, start_mark, end_mark)

    def _ends_plain(self, length: int) -> bool:
        ch = self.peek(length)
        if ch in _BLANK_OR_END:
            return True
        if ch == ":":  # a "\0" ends the buffer, so the character after ":" is there
            return self.peek(length + 1) in _BLANK_OR_END + (",[]{}" if self.flow_level else "")
        return bool(self.flow_level) and ch in ",[]{}"

    # Block scalars (| and >): libyaml takes tabs and a "#" comment after the indicators,
    # and refuses a tab where the indentation of the text should be.
    def scan_block_scalar_indicators(self, start_mark: Any) -> tuple[bool | None, int | None]:
        chomping, increment = None, None
        for _ in range(2):
            ch = self.peek()
            if ch in "+-" and chomping is None:
                chomping = ch == "+"
            elif ch in "123456789" and increment is None:
                increment = int(ch)
            else:
                break
            self.forward()
        return chomping, increment

    def scan_block_scalar_ignored_line(self, start_mark: Any) -> None:
        while self.peek() in " \t":
            self.forward()
        if self.peek() == "#":
            while self.peek() not in "\0\r\n\x85\u2028\u2029":
                self.forward()
        if self.peek() not in "\0\r\n\x85\u2028\u2029":
            raise ScannerError(
                "while scanning a block scalar",
                start_mark,
                f"expected a comment or a line break, but found {self.peek()!r}",
                self.get_mark(),
            )
        self._line_break()

    def scan_block_scalar_indentation(self) -> tuple[list[str], int, Any]:
        chunks, max_indent, end_mark = super().scan_block_scalar_indentation()
        self._no_tab_in_indentation()
        return chunks, max_indent, end_mark

    def scan_block_scalar_breaks(self, indent: int) -> tuple[list[str], Any]:
        chunks: list[str] = []
        end_mark = self.get_mark()
        while True:
            while self.column < indent and self.peek() == " ":
                self.forward()
            if self.column < indent:
                self._no_tab_in_indentation()
            if self.peek() not in "\r\n\x85\u2028\u2029":
                return chunks, end_mark
            chunks.append(self._line_break())
            end_mark = self.get_mark()

    def _no_tab_in_indentation(self) -> None:
        if self.peek() == "\t":
            raise ScannerError(
                "while scanning a block scalar",
                None,
                "found a tab character where an indentation space is expected",
                self.get_mark(),
            )

    def _line_break(self) -> str:
        return str(self.scan_line_break())  # type: ignore[no-untyped-call]

    def _document_marker(self) -> bool:
        return (
            self.column == 0
            and self.prefix(3) in ("---", "...")
            and self.peek(3) in "\0 \t\r\n\x85\u2028\u2029"
        )


try:  # libyaml is several times faster; the pure-Python loader gives the same answers
    from yaml import CSafeLoader as _CLoader

    LOADERS: dict[str, Any] = {"libyaml": _CLoader, "python": PythonLoader}
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    LOADERS = {"python": PythonLoader}


_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks YAML marks count


def split_lines(text: str) -> list[str]:
    """The file's lines as YAML counts them, for `locate`."""
    return _BREAK.split(text)


def position_of(text: str, offset: int) -> Pos:
    """The line and column of character `offset`, counting line breaks as YAML does."""
    before = _BREAK.split(text[:offset])
    return len(before), len(before[-1]) + 1


# Where a syntax error starts. The parser marks where it noticed the fault (problem_mark)
# and, for many faults, where the construct it was reading began (context_mark). For an
# unclosed bracket or quote, or a key without its colon, the fault is the construct: we
# point there. For a bad indentation the context is an enclosing mapping that may begin
# many lines up: we point at the problem. The words are ours, so both backends agree.
_AT_CONTEXT = {
    "while parsing a flow sequence": 'this "[" is not closed, or an item lacks its comma',
    "while parsing a flow mapping": 'this "{" is not closed, or an entry lacks its comma',
    "while scanning a simple key": 'this key has no ":" after it',
    "while scanning a quoted scalar": "this quoted text is not closed",
}
_AT_PROBLEM = {
    "while parsing a block mapping": "this line does not fit the mapping it is in: check "
    'its indentation, and the ":" or "-" before it',
    "while parsing a block collection": "this line does not fit the list it is in: check "
    'its indentation, and the "-" before it',
    "while parsing a node": "a value was expected here",
    "while parsing a flow node": "a value was expected here",
}


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    lines = split_lines(text)
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, col = min(_pos(mark) if mark is not None else (1, 1), _end_of(lines))
    here = _char_at(lines, line, col)
    if here == "\t":
        message = "a tab: YAML indents with spaces, and a tab cannot start a value"
    elif "escape" in (exc.problem or ""):  # libyaml marks the backslash, Python the letter
        col -= here != "\\" and _char_at(lines, line, col - 1) == "\\"
        message = 'an unknown escape in "double-quoted" text: write \\\\ for a backslash'
    elif context in _AT_CONTEXT and exc.context_mark is not None:
        message = f"{_AT_CONTEXT[context]} (noticed at line {line}, column {col})"
        line, col = _pos(exc.context_mark)
    else:
        message = _AT_PROBLEM.get(context) or exc.problem or context or "invalid YAML"
    if "{" in (lines[line - 1] if 0 < line <= len(lines) else ""):
        message += (
            ' (text holding "{...: ...}" or starting with "{" must be quoted or written '
            "as a block scalar: text: |)"
        )
    return Problem(path, line, col, "E100", f"YAML syntax error: {message}")


def _end_of(lines: list[str]) -> Pos:
    """Where the text ends; libyaml puts the end of a text without a final line break on
    the next line, the pure-Python parser after its last character: we use the latter."""
    return len(lines), len(lines[-1]) + 1


def _char_at(lines: list[str], line: int, col: int) -> str:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return text[col - 1] if 0 < col <= len(text) else ""


def _pos(mark: Any) -> Pos:
    return mark.line + 1, mark.column + 1
