"""Read a YAML file into plain containers that remember where each value came from.

We read the file's events with PyYAML's safe parser (libyaml's C one when present, else the
pure-Python one, which we teach libyaml's rules for tabs so both give the same answer) and
build the values ourselves, without recursion, so that:
- every mapping and list knows the `line:col` of itself, its keys and its values;
- only `true` and `false` are booleans (YAML 1.1 would turn yes/no/on/off into booleans);
- a duplicate key is a problem, not a silent overwrite;
- tags (`!!python/...`) are refused: nothing in a story file can construct an object;
- limits (nesting depth, values once aliases are expanded, digits in a number) are
  problems at the place that passes them, never an exception.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from riotgame.engine.story.problems import Problem
from riotgame.engine.story.yamlsyntax import (
    LOADERS,
    PythonLoader,
    position_of,
    split_lines,
    syntax_problem,
)
from riotgame.engine.story.ytree import (
    KEY_SHIFT,
    STYLE_CODE,
    STYLES,
    Pos,
    Style,
    YList,
    YMap,
    packed,
    unpacked,
)

__all__ = ["LOADERS", "Pos", "YList", "YMap", "locate", "parse_yaml", "split_lines"]

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
    "tag:yaml.org,2002:binary",
}
MAX_NODES = 2_000_000  # values once aliases are expanded; the real story has ~20,000
MAX_DEPTH = 64  # nested mappings and lists; the real story nests 6 deep
SHARED_LENGTH = 40  # a scalar this short is kept once per file however often it is written
MAX_DIGITS = 30  # in a number; no story or save value comes near (turns stop at 10**18)
CACHE_VERSION = 4  # bump whenever parse_yaml's results change (4: packed positions)


def _pos(mark: Any) -> Pos:
    return mark.line + 1, mark.column + 1


class _Refused(Exception):
    """The file passes a limit: one problem, and nothing is built."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


LOADER = next(iter(LOADERS.values()))  # tests swap this to read with each backend


# -- scalars -------------------------------------------------------------------------------
def _scalar(value: str, style: Style, mark: Any, path: str) -> Any:
    if style:  # quoted or block: always a string
        return value
    return _plain_value(value, mark, path)


_NUMBER_START = frozenset("0123456789+-.")


def _plain_value(value: str, mark: Any, path: str) -> Any:
    """A plain scalar's value: true/false, null, a number or the text itself."""
    if value[:1] not in _NUMBER_START:  # most plain scalars are words: no regex needed
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        return None if value in _NULL else value
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value in _NULL:
        return None
    if _INT.match(value) or _FLOAT.match(value):
        digits = sum(ch.isdigit() for ch in value)
        if digits > MAX_DIGITS:  # int() refuses past 4,300 digits; no value needs 30
            raise _Refused(
                Problem(
                    path,
                    *_pos(mark),
                    "E108",
                    f"a number of {digits:,} digits: numbers have at most {MAX_DIGITS} "
                    "(quote it if it is text)",
                )
            )
        number = int(value) if _INT.match(value) else float(value)
        if math.isfinite(number):
            return number
        raise _Refused(Problem(path, *_pos(mark), "E108", f"the number {value} is too large"))
    return value


# -- building values from events -----------------------------------------------------------
class _Open:
    """A mapping or list being filled, with what its next event means."""

    __slots__ = ("anchor", "counted", "key", "key_bits", "refused", "value", "want_key")

    def __init__(self, value: YMap | YList, anchor: str | None, counted: int, refused: bool):
        self.value = value
        self.anchor = anchor
        self.refused = refused  # a refused tag: the contents are read, the value is None
        self.counted = counted  # the builder's count when it opened, to weigh it for aliases
        self.want_key = True
        self.key: Any = _SKIP
        self.key_bits = 0  # the key's place, shifted to where YMap.at keeps it


_SKIP = object()  # a refused key: its value is read and dropped
_BUILDING = object()  # an anchor whose value is still open: an alias to it is recursive


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.count = 0
        self.stack: list[_Open] = []
        # anchor -> (value, style, weight): aliases reuse the built value, charged its weight
        self.anchors: dict[str, tuple[Any, Style, int]] = {}
        self.root: Any = None
        self.documents = 0
        self.strings: dict[str, str] = {}  # the short scalars met so far, each once

    def problem(self, pos: Pos, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, pos[0], pos[1], code, message))

    def run(self, events: Iterable[Any]) -> Any:
        scalar_event, plain_value, path, codes = (
            yaml.ScalarEvent,
            _plain_value,
            self.path,
            STYLE_CODE,
        )
        shared = self.strings.setdefault
        for event in events:
            kind = type(event)
            if kind is scalar_event:
                if event.tag is not None or event.anchor is not None:
                    self.scalar(event)
                    continue
                # the usual scalar, inline (a large file has hundreds of thousands): what
                # scalar() does for an untagged scalar without an anchor
                value, mark = event.value, event.start_mark
                self.count += 1 + len(value) // 100
                if self.count > MAX_NODES:
                    self.charge(0, mark)
                code = codes[event.style]  # libyaml gives "" for plain, PyYAML None
                if len(value) <= SHARED_LENGTH:  # keys, ids, gotos, effects: one object each
                    value = shared(value, value)
                if not code:
                    value = plain_value(value, mark, path)
                self.add(value, (mark.line + 1) << 35 | (mark.column + 1) << 3 | code)
            elif kind is yaml.AliasEvent:
                self.alias(event)
            elif kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                self.open(event, YMap if kind is yaml.MappingStartEvent else YList)
            elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                self.close()
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    raise _Refused(self.syntax(event.start_mark, _SECOND_DOCUMENT))
        return self.root

    def syntax(self, mark: Any, message: str) -> Problem:
        return Problem(self.path, *_pos(mark), "E100", f"YAML syntax error: {message}")

    def tag_refused(self, event: Any) -> bool:
        tag = event.tag
        if tag is None or tag == "!" or tag in _STANDARD_TAGS:
            return False
        self.problem(_pos(event.start_mark), "E103", f"tags such as {tag!r} are not allowed")
        return True

    def scalar(self, event: Any) -> None:
        self.charge(1 + len(event.value) // 100, event.start_mark)  # long text costs its length
        style = event.style or None  # libyaml gives "" for plain
        value = None
        if not self.tag_refused(event):
            value = _scalar(event.value, style, event.start_mark, self.path)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, style, 1 + len(event.value) // 100)
        self.add(value, packed(_pos(event.start_mark), style))

    def alias(self, event: Any) -> None:
        pos = _pos(event.start_mark)
        if event.anchor not in self.anchors:
            raise _Refused(self.syntax(event.start_mark, f'no anchor "&{event.anchor}" before it'))
        value, style, weight = self.anchors[event.anchor]
        if value is _BUILDING:
            self.problem(pos, "E103", "a value that contains itself (recursive alias)")
            value = None
        self.charge(weight, event.start_mark)  # later stages walk every copy (billion laughs)
        self.add(value, packed(pos, style))

    def open(self, event: Any, kind: type[YMap] | type[YList]) -> None:
        self.charge(1, event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(
                Problem(
                    self.path,
                    *_pos(event.start_mark),
                    "E108",
                    f"mappings and lists nested more than {MAX_DEPTH} deep",
                )
            )
        refused = self.tag_refused(event)
        self.stack.append(_Open(kind(_pos(event.start_mark)), event.anchor, self.count, refused))
        if event.anchor is not None:
            self.anchors[event.anchor] = (_BUILDING, None, 0)

    def close(self) -> None:
        done = self.stack.pop()
        value = None if done.refused else done.value
        if done.anchor is not None:
            self.anchors[done.anchor] = (value, None, self.count - done.counted + 1)
        self.add(value, packed(done.value.pos))

    def add(self, value: Any, bits: int) -> None:
        """Put a finished value where it belongs: an item, a key, a key's value or the root.
        `bits` is its place and style, packed (ytree.packed)."""
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        parent = top.value
        if isinstance(parent, YList):
            parent.append(value)
            parent.at.append(bits)
        elif top.want_key:
            top.want_key = False
            top.key, top.key_bits = self.key(parent, value, bits), (bits >> 3) << KEY_SHIFT
        else:
            top.want_key = True
            if top.key is not _SKIP:
                parent[top.key] = value
                parent.at[top.key] = top.key_bits | bits

    def key(self, parent: YMap, key: Any, bits: int) -> Any:
        """The key itself, or _SKIP (reported) when it cannot be one."""
        pos = unpacked(bits)
        if isinstance(key, (YMap, YList)):
            self.problem(pos, "E103", "a key must be a plain value")
            return _SKIP
        if key == "<<" and STYLES[bits & 7] is None:
            self.problem(pos, "E103", "merge keys (<<) are not supported")
            return _SKIP
        if key in parent:
            first = parent.kpos(key)
            self.problem(
                pos, "E102", f'duplicate key "{key}" (first at line {first[0]}, column {first[1]})'
            )
            return _SKIP
        return key

    def charge(self, weight: int, mark: Any) -> None:
        self.count += weight
        if self.count > MAX_NODES:
            message = (
                f"more than {MAX_NODES:,} values once aliases are repeated: "
                "too large to be a story file"
            )
            raise _Refused(Problem(self.path, *_pos(mark), "E108", message))


_SECOND_DOCUMENT = 'a second document starts here: a file holds one (drop the "---")'


def parse_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document. Returns (value or None, problems). An empty file, or one
    holding only a null document (`---`, `~`, `null`), is the problem E107."""
    return _parse(text, path, LOADER)


def _parse(text: str, path: str, loader: Any) -> tuple[Any, list[Problem]]:
    builder = _Builder(path)
    events = None
    try:
        events = loader(text)
        # what yaml.parse yields, without its generator: get_event gives None at the end
        value = builder.run(iter(events.get_event, None))
    except _Refused as exc:
        return None, [exc.problem]
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or "") and loader is not PythonLoader:
            # libyaml stops at 1000 brackets while looking ahead, before we see the 65th:
            # the pure-Python parser finds the place where the file passes our limit
            return _parse(text, path, PythonLoader)
        return None, [syntax_problem(exc, text, path)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line, col = position_of(text, exc.position)
        message = f"character U+{exc.character:04X} is not allowed in YAML"
        return None, [Problem(path, line, col, "E100", message)]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks every error above
        return None, [Problem(path, 1, 1, "E100", f"YAML error: {exc}")]
    finally:
        if events is not None:
            events.dispose()
    if value is None and not builder.problems:
        return None, [Problem(path, 1, 1, "E107", "the file is empty: it holds no YAML value")]
    return value, builder.problems


def locate(lines: list[str], pos: Pos, style: Style, value: str, offset: int) -> Pos:
    """File position of character `offset` of a scalar's value; `pos` is where the scalar
    starts (its quote or block indicator) and `style` its YAML style.

    Walks the source beside the value, skipping what the value leaves out: quotes, escapes,
    indentation and the line breaks folding turns into spaces."""
    line, col = pos[0] - 1, pos[1] - 1
    if style in ("|", ">"):  # content starts on the line after the indicator, indented
        line += 1
        first = next((t for t in lines[line:] if t.strip()), "")
        col = min(len(first) - len(first.lstrip(" ")), len(lines[line]) if line < len(lines) else 0)
    elif style in ("'", '"'):
        col += 1
    last = (line + 1, col + 1)
    wanted = iter(value[:offset])
    ch = next(wanted, None)
    for line_no, col_no, source in _source_chars(lines, line, col, style):
        last = (line_no + 1, col_no + 1)
        if ch is None:  # found: point past the indentation a folded break left behind
            if source in (" ", "\t"):
                continue
            return last
        if source is None or source == ch:  # an escape stands for one character
            ch = next(wanted, None)
        elif source not in " \t\n":  # not layout, so the walk lost its way: stop here
            return last
        elif ch in " \n" and source == "\n":  # a folded line break
            ch = next(wanted, None)
    return last


def _source_chars(
    lines: list[str], line: int, col: int, style: Style
) -> Iterator[tuple[int, int, str | None]]:
    """(line, col, char) of a scalar's source from (line, col): "\\n" at each line end, None
    for a whole escape sequence of a double-quoted scalar."""
    while line < len(lines):
        text = lines[line]
        while col < len(text):
            ch = text[col]
            if style == '"' and ch == "\\":
                if col + 1 == len(text):  # an escaped line break adds nothing
                    break
                yield line, col, None
                col += 2 + {"x": 2, "u": 4, "U": 8}.get(text[col + 1], 0)
                continue
            if style == "'" and text.startswith("''", col):
                yield line, col, "'"
                col += 2
                continue
            yield line, col, ch
            col += 1
        yield line, col, "\n"
        line, col = line + 1, 0
