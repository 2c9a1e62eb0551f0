"""The containers parse_yaml builds: a mapping and a list that remember where each of
their values (and keys) is written, and in which YAML style.

A large story holds hundreds of thousands of positions while it loads, so each is kept
compactly: the line and column of a key, those of its value and the value's style are
one integer a key (`at`), unpacked when asked for (`kpos`, `vpos`, `style`), instead of
two tuples and three dictionary entries.
"""

from __future__ import annotations

from typing import Any

Pos = tuple[int, int]  # 1-based line and column
Style = str | None  # a scalar's YAML style: None (plain), "'", '"', "|" or ">"

STYLES: tuple[Style, ...] = (None, "'", '"', "|", ">")
STYLE_CODE: dict[Style, int] = {None: 0, "": 0, "'": 1, '"': 2, "|": 3, ">": 4}
M32 = (1 << 32) - 1  # a line or a column: 32 bits each
KEY_SHIFT = 67  # a key's line and column sit above its value's (3 bits of style, 64 of place)


def packed(pos: Pos, style: Style = None) -> int:
    """A value's position and style as one integer (what YList.at and the low bits of
    YMap.at hold)."""
    return (pos[0] << 35) | (pos[1] << 3) | STYLE_CODE[style]


def unpacked(bits: int) -> Pos:
    return (bits >> 35) & M32, (bits >> 3) & M32


class YMap(dict[Any, Any]):
    """A mapping with the positions of itself, its keys and its values."""

    __slots__ = ("at", "pos")

    def __init__(self, pos: Pos):
        super().__init__()
        self.pos = pos
        self.at: dict[Any, int] = {}  # key -> its place, its value's place and style

    def put(self, key: Any, value: Any, key_pos: Pos, pos: Pos, style: Style = None) -> None:
        self[key] = value
        self.at[key] = (packed(key_pos) >> 3) << KEY_SHIFT | packed(pos, style)

    def kpos(self, key: Any) -> Pos:
        """Where the key `key` is written."""
        bits = self.at[key] >> KEY_SHIFT
        return bits >> 32, bits & M32

    def vpos(self, key: Any) -> Pos:
        """Where the value of `key` starts."""
        bits = self.at[key]
        return (bits >> 35) & M32, (bits >> 3) & M32

    def style(self, key: Any) -> Style:
        """The YAML style of the value of `key`."""
        return STYLES[self.at[key] & 7]

    def copy_map(self) -> YMap:
        out = YMap(self.pos)
        out.update(self)
        out.at = dict(self.at)
        return out


class YList(list[Any]):
    """A list with the positions of itself and its items."""

    __slots__ = ("at", "pos")

    def __init__(self, pos: Pos):
        super().__init__()
        self.pos = pos
        self.at: list[int] = []  # each item's place and style

    def push(self, value: Any, pos: Pos, style: Style = None) -> None:
        self.append(value)
        self.at.append(packed(pos, style))

    def ipos(self, i: int) -> Pos:
        """Where item `i` starts."""
        bits = self.at[i]
        return (bits >> 35) & M32, (bits >> 3) & M32

    def istyle(self, i: int) -> Style:
        """The YAML style of item `i`."""
        return STYLES[self.at[i] & 7]
