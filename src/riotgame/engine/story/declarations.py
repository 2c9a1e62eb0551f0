"""What a file declares for the whole story: stats and flags (any file), endings and
interrupts (story.yaml). Declarations are gathered from every file before any node is
built, so a chapter may use a stat another chapter declares."""

from __future__ import annotations

import keyword

from riotgame.engine.story.keys import (
    ENDING_KEYS,
    FLAG_KEYS,
    RESERVED,
    ROUTE_KEYS,
    STAT_KEYS,
    STAT_NAME,
)
from riotgame.engine.story.model import EndingDef, FlagDef, Interrupt, StatDef
from riotgame.engine.story.reader import Reader, StoryFile
from riotgame.engine.story.yamlfile import Pos, YList, YMap


def declare(r: Reader, f: StoryFile) -> None:
    """Add the stats and flags that file `f` declares to r.stats and r.flags."""
    stats = r.typed(f.path, f.data, "stats", YMap, "the file", YMap((1, 1)))
    for name, spec in stats.items():
        _declare_stat(r, f.path, stats, name, spec)
    flags = r.typed(f.path, f.data, "flags", YMap, "the file", YMap((1, 1)))
    for name, spec in flags.items():
        _declare_flag(r, f.path, flags, name, spec)


def _declare_stat(r: Reader, path: str, stats: YMap, key: object, spec: object) -> None:
    pos = stats.kpos(key)
    name = _checked_name(r, path, pos, key, "stat")
    if name is None:
        return
    if name in r.stats or name in r.flags:
        r.add(path, pos, "E110", f'"{name}" is already declared at {_where(r, name)}')
        return
    if not isinstance(spec, YMap):
        message = f'stat "{name}" must be a mapping with label, min, max, initial'
        r.add(path, stats.vpos(key), "E103", message)
        return
    what = f'stat "{name}"'
    r.check_keys(path, spec, STAT_KEYS, {"min", "max", "initial"}, what)
    lo = r.typed(path, spec, "min", int, what, 0)
    hi = r.typed(path, spec, "max", int, what, 100)
    initial = r.typed(path, spec, "initial", int, what, lo)
    high_is = r.typed(path, spec, "high_is", str, what, "neutral")
    if high_is not in ("good", "bad", "neutral"):
        message = f'high_is must be good, bad or neutral, not "{high_is}"'
        r.add(path, spec.vpos("high_is"), "E103", message)
    if lo > hi:
        r.add(path, spec.vpos("min"), "E136", f"min {lo} is above max {hi}")
    elif not lo <= initial <= hi:
        where = spec.vpos("initial") if "initial" in spec else spec.pos
        r.add(path, where, "E136", f"initial {initial} is outside {lo} to {hi}")
    label = r.typed(path, spec, "label", str, what, name)
    hidden = r.typed(path, spec, "hidden", bool, what, False)
    r.stats[name] = StatDef(name, label, lo, hi, initial, high_is, hidden, r.loc(path, pos))


def _declare_flag(r: Reader, path: str, flags: YMap, key: object, spec: object) -> None:
    pos = flags.kpos(key)
    name = _checked_name(r, path, pos, key, "flag")
    if name is None:
        return
    if "." in name:
        r.add(path, pos, "E106", f'flag name "{name}" cannot contain a dot')
        return
    if name in r.flags:
        r.add(path, pos, "E110", f'flag "{name}" is already declared at {r.flags[name].loc}')
        return
    if isinstance(spec, str):  # `disguised: Passing as an inmate` is the label alone
        spec_map = YMap(pos)
        spec_map["label"] = spec
        spec = spec_map
    if not isinstance(spec, YMap):
        message = f'flag "{name}" must be a label or a mapping with label and show'
        r.add(path, flags.vpos(key), "E103", message)
        return
    what = f'flag "{name}"'
    r.check_keys(path, spec, FLAG_KEYS, set(), what)
    label = r.typed(path, spec, "label", str, what, name)
    show = r.typed(path, spec, "show", bool, what, False)
    silent = r.typed(path, spec, "silent", bool, what, False)
    if show and silent:
        r.add(path, spec.vpos("silent"), "E103", "a silent flag is never shown: drop show")
    r.flags[name] = FlagDef(name, label, show, r.loc(path, pos), silent)


def _where(r: Reader, name: str) -> str:
    d = r.stats.get(name) or r.flags.get(name)
    return str(d.loc) if d else "?"


def _checked_name(r: Reader, path: str, pos: Pos, name: object, what: str) -> str | None:
    """The name of a stat or flag, or None (reported) when it cannot be one."""
    if not isinstance(name, str) or not STAT_NAME.match(name):
        r.add(path, pos, "E106", f'{what} name "{name}" must be letters, digits, _ and dots')
        return None
    parts = name.split(".")
    if parts[0] in RESERVED or any(keyword.iskeyword(p) or p.startswith("__") for p in parts):
        r.add(path, pos, "E106", f'"{name}" is a reserved word and cannot name a {what}')
        return None
    return name


def read_endings(r: Reader, manifest: StoryFile) -> list[EndingDef]:
    path, m = manifest.path, manifest.data
    endings = r.typed(path, m, "endings", YList, "story.yaml", YList((1, 1)))
    out: list[EndingDef] = []
    seen: dict[str, int] = {}  # id -> line
    for i, spec in enumerate(endings):
        if not isinstance(spec, YMap):
            message = "an ending is a mapping with id, title, description"
            r.add(path, endings.ipos(i), "E103", message)
            continue
        r.check_keys(path, spec, ENDING_KEYS, {"id", "title"}, "an ending")
        eid = r.typed(path, spec, "id", str, "an ending")
        if eid is None:
            continue
        if eid in seen:
            message = f'ending "{eid}" is already declared at line {seen[eid]}'
            r.add(path, spec.vpos("id"), "E110", message)
            continue
        seen[eid] = spec.vpos("id")[0]
        title = r.typed(path, spec, "title", str, "an ending", eid)
        description = r.typed(path, spec, "description", str, "an ending", "")
        out.append(EndingDef(eid, title, description, r.loc(path, spec.vpos("id"))))
    return out


def read_interrupts(r: Reader, manifest: StoryFile) -> list[Interrupt]:
    path, m = manifest.path, manifest.data
    items = r.typed(path, m, "interrupts", YList, "story.yaml", YList((1, 1)))
    out = []
    for i, spec in enumerate(items):
        if not isinstance(spec, YMap):
            r.add(path, items.ipos(i), "E103", "an interrupt is a mapping with if, goto")
            continue
        if not r.check_keys(path, spec, ROUTE_KEYS, {"if", "goto"}, "an interrupt"):
            continue
        cond = r.condition(path, spec, "if", f"interrupt{i}")
        goto = r.typed(path, spec, "goto", str, "an interrupt")
        if cond and goto:
            out.append(Interrupt(cond, goto, r.loc(path, spec.vpos("goto"))))
    return out
