"""Read a YAML file into plain containers that remember where each value came from.

We compose the file with PyYAML's safe composer (libyaml's C one when present) and build
the values ourselves, so that:
- every mapping and list knows the `line:col` of itself, its keys and its values;
- only `true` and `false` are booleans (YAML 1.1 would turn yes/no/on/off into booleans);
- a duplicate key is a problem, not a silent overwrite;
- tags (`!!python/...`) are refused: nothing in a story file can construct an object.
"""

from __future__ import annotations

import re

import yaml

from riotgame.engine.story.problems import Problem

try:  # libyaml is several times faster; the pure-Python loader behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

Pos = tuple[int, int]  # 1-based line and column

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
MAX_NODES = 2_000_000  # guards against pathological files; the real story has ~20,000


class YMap(dict):
    """A mapping with the positions of itself, its keys and its values."""

    __slots__ = ("key_pos", "pos", "val_pos", "val_style")

    def __init__(self, pos: Pos):
        super().__init__()
        self.pos = pos
        self.key_pos: dict = {}
        self.val_pos: dict = {}
        self.val_style: dict = {}


class YList(list):
    """A list with the positions of itself and its items."""

    __slots__ = ("item_pos", "item_style", "pos")

    def __init__(self, pos: Pos):
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []
        self.item_style: list = []


def _pos(node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _scalar(node):
    value = node.value
    if node.style:  # quoted or block: always a string (libyaml gives "" for plain)
        return value
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value in _NULL:
        return None
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.count = 0
        self.done: dict[int, object] = {}  # aliases reuse the built value: no blow-up
        self.weight: dict[int, int] = {}  # values under a node, to charge each alias use

    def problem(self, pos: Pos, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, pos[0], pos[1], code, message))

    def build(self, node):
        key = id(node)
        if key in self.done:
            value = self.done[key]
            if value is _BUILDING:
                self.problem(_pos(node), "E103", "a value that contains itself (recursive alias)")
                return None
            self.charge(self.weight[key])  # later stages walk every copy (billion laughs)
            return value
        counted = self.count
        self.charge(1)
        if node.tag not in _STANDARD_TAGS:  # `!!python/...` is tag:yaml.org,2002:python/...
            self.problem(_pos(node), "E103", f"tags such as {node.tag!r} are not allowed")
            return None
        if isinstance(node, yaml.ScalarNode):
            self.charge(len(node.value) // 100)  # aliased long text costs its length
            return _scalar(node)
        self.done[key] = _BUILDING
        if isinstance(node, yaml.SequenceNode):
            out = YList(_pos(node))
            for item in node.value:
                out.append(self.build(item))
                out.item_pos.append(_pos(item))
                out.item_style.append(getattr(item, "style", None))
        else:
            out = YMap(_pos(node))
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(_pos(key_node), "E103", "a key must be a plain value")
                    continue
                k = _scalar(key_node)
                if k == "<<" and not key_node.style:
                    self.problem(_pos(key_node), "E103", "merge keys (<<) are not supported")
                    continue
                if k in out:
                    first = out.key_pos[k]
                    self.problem(
                        _pos(key_node),
                        "E102",
                        f'duplicate key "{k}" (first at line {first[0]}, column {first[1]})',
                    )
                    continue
                out[k] = self.build(value_node)
                out.key_pos[k] = _pos(key_node)
                out.val_pos[k] = _pos(value_node)
                out.val_style[k] = getattr(value_node, "style", None)
        self.done[key] = out
        self.weight[key] = self.count - counted
        return out

    def charge(self, weight: int) -> None:
        self.count += weight
        if self.count > MAX_NODES:
            raise _TooBig


_BUILDING = object()


class _TooBig(Exception):
    pass


def parse_yaml(text: str, path: str):
    """Parse one YAML document. Returns (value or None, problems)."""
    builder = _Builder(path)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        lines = _BREAK.split(text)
        if "{" in (lines[line - 1] if 0 < line <= len(lines) else ""):
            what += (
                ' (text holding "{...: ...}" or starting with "{" must be quoted or written '
                "as a block scalar: text: |)"
            )
        return None, [Problem(path, line, col, "E100", f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        before = _BREAK.split(text[: exc.position])
        return None, [
            Problem(
                path,
                len(before),
                len(before[-1]) + 1,
                "E100",
                f"character U+{exc.character:04X} is not allowed in YAML",
            )
        ]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(path, line, col, "E100", f"YAML error: {exc}")]
    except RecursionError:
        return None, [Problem(path, 1, 1, "E100", "YAML nested too deeply")]
    if root is None:
        return None, [Problem(path, 1, 1, "E103", "the file is empty")]
    try:
        value = builder.build(root)
    except _TooBig:
        return None, [Problem(path, 1, 1, "E103", "the file is too large to be a story file")]
    except RecursionError:
        return None, [Problem(path, 1, 1, "E100", "YAML nested too deeply")]
    return value, builder.problems


_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks YAML marks count


def split_lines(text: str) -> list[str]:
    """The file's lines as YAML counts them, for `locate`."""
    return _BREAK.split(text)


def locate(lines: list[str], pos: Pos, style, value: str, offset: int) -> Pos:
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


def _source_chars(lines, line, col, style):
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


# -- a cache of parsed files ----------------------------------------------------------------
# Parsing is most of the cost of loading a large story, and most loads (play, check, replay)
# read files that have not changed. We keep each parsed file in the user's cache directory,
# keyed by a hash of its bytes and its shown path, in `marshal` format: plain tuples, strings
# and numbers only, so a cache file can never construct an object. A bad or stale entry is
# ignored and rewritten.
CACHE_VERSION = 2  # bump whenever parse_yaml's results change (2: tags, aliases, positions)


def _encode(value):
    if isinstance(value, YMap):
        keys = tuple(value)
        return (
            "M",
            value.pos,
            keys,
            tuple(value.key_pos[k] for k in keys),
            tuple(_encode(value[k]) for k in keys),
            tuple(value.val_pos[k] for k in keys),
            tuple(value.val_style[k] for k in keys),
        )
    if isinstance(value, YList):
        return (
            "L",
            value.pos,
            tuple(_encode(v) for v in value),
            tuple(value.item_pos),
            tuple(value.item_style),
        )
    return value


def _decode(value):
    if type(value) is not tuple:
        return value
    if value[0] == "M":
        _, pos, keys, key_pos, values, val_pos, styles = value
        out = YMap(pos)
        out.update(zip(keys, map(_decode, values), strict=False))
        out.key_pos = dict(zip(keys, key_pos, strict=False))
        out.val_pos = dict(zip(keys, val_pos, strict=False))
        out.val_style = dict(zip(keys, styles, strict=False))
        return out
    _, pos, items, item_pos, styles = value
    out = YList(pos)
    out.extend(map(_decode, items))
    out.item_pos = list(item_pos)
    out.item_style = list(styles)
    return out


def parse_yaml_cached(raw: bytes, text: str, path: str, cache_dir):
    """parse_yaml, going through the cache in `cache_dir` (None: no cache)."""
    if cache_dir is None:
        return parse_yaml(text, path)
    import hashlib
    import marshal
    import os

    digest = hashlib.blake2b(raw, digest_size=16)
    digest.update(f"\0{path}\0{CACHE_VERSION}".encode())
    entry = os.path.join(cache_dir, digest.hexdigest() + ".parsed")
    try:
        with open(entry, "rb") as f:
            encoded, problems = marshal.loads(f.read())
        return _decode(encoded), [Problem(*p) for p in problems]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value, problems = parse_yaml(text, path)
    try:
        os.makedirs(cache_dir, exist_ok=True)
        tmp = f"{entry}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            marshal.dump(
                (_encode(value), [(p.path, p.line, p.col, p.code, p.message) for p in problems]), f
            )
        os.replace(tmp, entry)
    except (OSError, ValueError):
        pass  # a read-only or full disk only costs speed
    return value, problems
