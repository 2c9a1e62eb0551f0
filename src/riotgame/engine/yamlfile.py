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

from riotgame.engine.problems import Problem

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

    __slots__ = ("pos", "key_pos", "val_pos", "val_style")

    def __init__(self, pos: Pos):
        super().__init__()
        self.pos = pos
        self.key_pos: dict = {}
        self.val_pos: dict = {}
        self.val_style: dict = {}


class YList(list):
    """A list with the positions of itself and its items."""

    __slots__ = ("pos", "item_pos", "item_style")

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

    def problem(self, pos: Pos, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, pos[0], pos[1], code, message))

    def build(self, node):
        key = id(node)
        if key in self.done:
            value = self.done[key]
            if value is _BUILDING:
                self.problem(_pos(node), "E103", "a value that contains itself (recursive alias)")
                return None
            return value
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        if node.tag not in _STANDARD_TAGS and not node.tag.startswith("tag:yaml.org,2002:"):
            self.problem(_pos(node), "E103", f"tags such as {node.tag!r} are not allowed")
            return None
        if isinstance(node, yaml.ScalarNode):
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
        return out


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
        return None, [Problem(path, line, col, "E100", f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:  # reader errors: bad characters, bad encoding
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
