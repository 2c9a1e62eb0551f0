"""Nodes: read from the chapter files, extended by other files, then built into the model
with their choices and routes; last, every goto, ending and start is checked to exist."""

from __future__ import annotations

import hashlib

from riotgame.engine.story.keys import CHOICE_KEYS, EXTEND_KEYS, ID, NODE_KEYS, ROUTE_KEYS
from riotgame.engine.story.model import Choice, EndingDef, Interrupt, Node, Route
from riotgame.engine.story.problems import did_you_mean
from riotgame.engine.story.reader import RawNode, Reader, StoryFile, describe
from riotgame.engine.story.yamlfile import Pos, YList, YMap


def read_nodes(r: Reader, f: StoryFile, raw_nodes: dict[str, RawNode]) -> None:
    """Add the nodes file `f` defines to raw_nodes (their ids were checked on opening)."""
    nodes = f.data.get("nodes")
    if not isinstance(nodes, YMap):
        return
    for nid, spec in nodes.items():
        if r.node_defs.get(nid) is not f:
            continue  # invalid or duplicate id: already reported
        if not isinstance(spec, YMap):
            message = f'node "{nid}" must be a mapping with text and choices'
            r.add(f.path, nodes.vpos(nid), "E103", message)
            continue
        raw_nodes[nid] = RawNode(f, spec, nodes.kpos(nid))


def read_extends(r: Reader, f: StoryFile, raw_nodes: dict[str, RawNode]) -> None:
    """Attach file `f`'s `extend:` entries to the nodes they add choices to."""
    extend = r.typed(f.path, f.data, "extend", YMap, "a chapter file")
    if not extend:
        return
    for nid, spec in extend.items():
        pos = extend.kpos(nid)
        if nid not in raw_nodes:
            hint = did_you_mean(str(nid), raw_nodes)
            r.add(f.path, pos, "E123", f'extend: no node "{nid}" to extend{hint}')
            continue
        if not isinstance(spec, YMap):
            r.add(f.path, extend.vpos(nid), "E103", "extend: expects choices:")
            continue
        r.check_keys(f.path, spec, EXTEND_KEYS, {"choices"}, f'extend of "{nid}"')
        if "choices" in spec and "choices" not in raw_nodes[nid].spec:
            message = f'node "{nid}" has no choices to extend (it routes with next or is an ending)'
            r.add(f.path, pos, "E112", message)
            continue
        raw_nodes[nid].extra.append((f, spec))


def make_node(r: Reader, nid: str, raw: RawNode) -> Node:
    spec, path = raw.spec, raw.file.path
    what = f'node "{nid}"'
    # a node that routes on at once may stay silent; any other needs something to say
    silent = "next" in spec or raw.woven
    r.check_keys(path, spec, NODE_KEYS, set() if silent else {"text"}, what)
    kinds = [k for k in ("choices", "next", "ending") if k in spec]
    if len(kinds) != 1:
        message = (
            "has none of choices, next or ending: the player would be stuck"
            if not kinds
            else f"has both {' and '.join(kinds)}: pick one"
        )
        r.add(path, raw.pos, "E112", f"{what} {message}")
    tags = _tags(r, path, spec, what)
    choices = _choices(r, nid, raw)
    routes = _routes(r, path, nid, spec)
    ending, ending_loc = None, None
    if "ending" in spec:
        ending = r.typed(path, spec, "ending", str, what)
        ending_loc = r.loc(path, spec.vpos("ending"))
    digest = hashlib.blake2b(repr(spec).encode(), digest_size=8)
    for _, extra in raw.extra:
        digest.update(repr(extra).encode())
    assert raw.file.chapter is not None  # nodes are only read from chapter files
    return Node(  # the text is read last, so problems and text units keep their order
        id=nid,
        text=r.text(path, spec, "text", nid, bare_first=False),
        chapter=raw.file.chapter,
        loc=r.loc(path, raw.pos),
        tags=tags,
        on_enter=r.effects(path, spec, "on_enter", f"{nid}/on_enter"),
        choices=choices,
        next=routes,
        ending=ending,
        ending_loc=ending_loc,
        content_hash=digest.hexdigest(),
    )


def _tags(r: Reader, path: str, m: YMap, what: str) -> tuple[str, ...]:
    tags = r.typed(path, m, "tags", YList, what, ())
    return tuple(r.word(t) for t in tags if isinstance(t, str)) if tags else ()


def _choices(r: Reader, nid: str, raw: RawNode) -> tuple[Choice, ...]:
    """The node's own choices, then those that `extend:` entries add."""
    choices: list[Choice] = []
    seen: dict[str, tuple[str, Pos]] = {}  # choice id -> where it was first used
    for owner, source in [(raw.file, raw.spec), *raw.extra]:
        items = r.typed(owner.path, source, "choices", YList, f'node "{nid}"', YList((0, 0)))
        if "choices" in source and not items and owner is raw.file:
            message = f'node "{nid}" has an empty choices list: the player would be stuck'
            r.add(owner.path, source.vpos("choices"), "E140", message)
        for i in range(len(items)):
            choice = _make_choice(r, owner.path, nid, items, i, seen)
            if choice:
                choices.append(choice)
    return tuple(choices)


def _make_choice(
    r: Reader, path: str, nid: str, items: YList, i: int, seen: dict[str, tuple[str, Pos]]
) -> Choice | None:
    item, pos = items[i], items.ipos(i)
    if not isinstance(item, YMap):
        message = f"a choice is a mapping with id, text and goto, not {describe(item)}"
        r.add(path, pos, "E103", message)
        return None
    if not r.check_keys(path, item, CHOICE_KEYS, {"id", "text", "goto"}, "a choice"):
        return None
    cid = r.typed(path, item, "id", str, "a choice")
    goto = r.typed(path, item, "goto", str, "a choice")
    if cid is None or goto is None or not _fresh_id(r, path, nid, item, cid, seen):
        return None
    cid, goto = r.word(cid), r.word(goto)
    site = f"{nid}/{cid}"
    disabled = r.condition(path, item, "disabled_if", site + "/disabled_if")
    reason = _reason(r, path, item)
    choice = Choice(
        id=cid,
        text=r.text(path, item, "text", f"{nid}.choice.{cid}.text"),
        reply=r.text(path, item, "reply", f"{nid}.choice.{cid}.reply"),
        chosen=r.text(path, item, "chosen", f"{nid}.choice.{cid}.chosen")
        if "chosen" in item
        else None,
        goto=goto,
        cond=r.condition(path, item, "if", site + "/if"),
        disabled=disabled,
        reason=reason,
        effects=r.effects(path, item, "effects", site),
        once=bool(r.typed(path, item, "once", bool, "a choice", False)),
        tags=_tags(r, path, item, "a choice"),
        loc=r.loc(path, pos),
        goto_loc=r.loc(path, item.vpos("goto")),
        key=site,
    )
    if reason:
        r.texts.plain_unit(path, item, "reason", f"{nid}.choice.{cid}.reason")
    return choice


def _fresh_id(
    r: Reader, path: str, nid: str, item: YMap, cid: str, seen: dict[str, tuple[str, Pos]]
) -> bool:
    """Report a malformed choice id; refuse one already used in the node."""
    pos = item.vpos("id")
    if not ID.match(cid):
        r.add(path, pos, "E106", f'choice id "{cid}" must be letters, digits and _')
    if cid in seen:
        first_path, first = seen[cid]
        r.add(
            path,
            pos,
            "E111",
            f'choice id "{cid}" is used twice in node "{nid}" (first at '
            f"{first_path}:{first[0]}:{first[1]})",
        )
        return False
    seen[cid] = (path, pos)
    return True


def _reason(r: Reader, path: str, item: YMap) -> str:
    """The reason shown for a disabled choice: needed with disabled_if, and only there."""
    reason = r.typed(path, item, "reason", str, "a choice", "")
    if "disabled_if" in item and not reason:
        message = 'a choice with disabled_if needs a "reason" to show the player'
        r.add(path, item.vpos("disabled_if"), "E105", message)
    if reason and "disabled_if" not in item:
        r.add(path, item.vpos("reason"), "E105", '"reason" only makes sense with disabled_if')
    return reason or ""


def _routes(r: Reader, path: str, nid: str, spec: YMap) -> tuple[Route, ...]:
    items = r.typed(path, spec, "next", YList, f'node "{nid}"')
    if items is None:
        return ()
    if not items:
        r.add(path, spec.vpos("next"), "E140", f'node "{nid}" has an empty next list')
        return ()
    routes = []
    for i, item in enumerate(items):
        pos = items.ipos(i)
        if isinstance(item, str):  # `next: [c2_start]` is an unconditional route
            routes.append(Route(None, r.word(item), r.loc(path, pos)))
            continue
        if not isinstance(item, YMap):
            r.add(path, pos, "E103", "a next entry is a mapping with if and goto")
            continue
        if not r.check_keys(path, item, ROUTE_KEYS, {"goto"}, "a next entry"):
            continue
        goto = r.typed(path, item, "goto", str, "a next entry")
        cond = r.condition(path, item, "if", f"{nid}/next{i}")
        if goto:
            routes.append(Route(cond, r.word(goto), r.loc(path, item.vpos("goto"))))
    _check_route_order(r, path, nid, routes)
    return tuple(routes)


def _check_route_order(r: Reader, path: str, nid: str, routes: list[Route]) -> None:
    """Only the last `next:` entry goes without an if, and it always does."""
    for route in routes[:-1]:
        if route.cond is None:
            r.add(
                path,
                (route.loc.line, route.loc.col),
                "E113",
                f'node "{nid}": this next entry has no if, so the entries after it '
                "can never be used",
            )
    if routes and routes[-1].cond is not None:
        last = routes[-1].loc
        r.add(
            path,
            (last.line, last.col),
            "E113",
            f'node "{nid}": the last next entry needs no if, so the story always has '
            "somewhere to go",
        )


def check_references(
    r: Reader,
    nodes: dict[str, Node],
    endings: list[EndingDef],
    interrupts: list[Interrupt],
    start: str,
    manifest: StoryFile,
) -> None:
    """Every goto, ending, interrupt and the start name something that exists."""
    ending_ids = {e.id for e in endings}
    if start and start not in nodes:
        r.add(
            manifest.path,
            manifest.data.vpos("start"),
            "E122",
            f'start node "{start}" does not exist{did_you_mean(start, nodes)}',
        )
    for node in nodes.values():
        for goto, loc in node.targets():
            if goto not in nodes:
                message = f'goto "{goto}": no such node{did_you_mean(goto, nodes)}'
                r.add(loc.path, (loc.line, loc.col), "E120", message)
        if node.ending is not None and node.ending not in ending_ids:
            loc = node.ending_loc or node.loc
            r.add(
                loc.path,
                (loc.line, loc.col),
                "E121",
                f'ending "{node.ending}" is not declared in story.yaml'
                f"{did_you_mean(node.ending, ending_ids)}",
            )
    for intr in interrupts:
        if intr.goto not in nodes:
            hint = did_you_mean(intr.goto, nodes)
            message = f'interrupt goto "{intr.goto}": no such node{hint}'
            r.add(intr.loc.path, (intr.loc.line, intr.loc.col), "E120", message)
