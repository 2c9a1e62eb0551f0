"""Woven nodes (ink's weave): a short exchange of choices inside one node.

    c5_start:
      text: Calancho waits.
      choices:
        - id: noon
          text: Ask him what happens at noon
          reply: He shrugs.
          then:                     # the exchange goes on: these choices come next
            - {id: press, text: Press him, reply: He laughs.}
            - {id: nod, text: Nod}
        - {id: shout, text: Say it out loud, reply: Nobody answers.}
      gather:                       # every choice without a goto comes here
        text: The hall goes quiet.
        next: [c5_hall]

Before nodes are built, each `then:` list becomes a node of its own, `c5_start__noon`
(nested ones `c5_start__noon__press`), and the `gather:` becomes `c5_start__`. Authors never
write these ids (`__` is reserved in node ids), yet every step has a stable node id and
every choice keeps its own id, so saves and replays name them like any other.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from riotgame.engine.story.yamlfile import YList, YMap

if TYPE_CHECKING:
    from riotgame.engine.story.reader import RawNode, Reader

SEP = "__"
MAX_DEPTH = 8


def weave(loader: Reader, nid: str, raw: RawNode, raw_nodes: dict[str, RawNode]) -> None:
    """Expand the `then:` choices and the `gather:` of node `nid` into nodes of their own,
    added to raw_nodes; the node's own spec is replaced by a copy that goes to them."""
    spec = raw.spec
    path = raw.file.path
    choices = spec.get("choices")
    has_then = isinstance(choices, YList) and any(
        isinstance(c, YMap) and "then" in c for c in choices
    )
    if "gather" not in spec and not has_then:
        return
    original = spec
    gather = f"{nid}{SEP}" if "gather" in spec else None
    spec = spec.copy_map()
    raw.spec = spec
    if gather:
        del spec["gather"]
        body, pos = original["gather"], original.vpos("gather")
        if isinstance(body, YMap):
            raw_nodes[gather] = replace(raw, spec=body, pos=pos, extra=[], woven=True)
            weave(loader, gather, raw_nodes[gather], raw_nodes)
        else:
            loader.add(path, pos, "E103", "gather: is a node: text and choices, next or ending")
            gather = None
    if isinstance(choices, YList):
        spec["choices"] = _route(loader, path, nid, choices, gather, raw, raw_nodes, 0)


def _route(
    loader: Reader,
    path: str,
    sid: str,
    choices: YList,
    gather: str | None,
    raw: RawNode,
    raw_nodes: dict[str, RawNode],
    depth: int,
) -> YList:
    """A copy of `choices` where each `then:` leads to its own node and each choice with
    neither goto nor then goes to the gather."""
    out = YList(choices.pos)
    for i, item in enumerate(choices):
        out.push(item, choices.ipos(i), choices.istyle(i))
        if not isinstance(item, YMap):
            continue
        if "then" in item:
            if "goto" in item:
                loader.add(path, item.kpos("then"), "E112", "a choice with then: has no goto")
                continue
            inner = item["then"]
            cid = item.get("id")
            if not isinstance(inner, YList) or not inner or not isinstance(cid, str):
                loader.add(path, item.vpos("then"), "E103", "then: is a list of choices")
                continue
            if depth >= MAX_DEPTH:
                loader.add(path, item.kpos("then"), "E103", "choices woven too deep")
                continue
            target = f"{sid}{SEP}{cid}"
            step = YMap(item.vpos("then"))
            routed = _route(loader, path, target, inner, gather, raw, raw_nodes, depth + 1)
            step.put("choices", routed, item.vpos("then"), item.vpos("then"))
            pos = item.kpos("then")
            raw_nodes[target] = replace(raw, spec=step, pos=pos, extra=[], woven=True)
            out[-1] = _with_goto(item, target, "then")
        elif "goto" not in item and gather:
            out[-1] = _with_goto(item, gather, None)
    return out


def _with_goto(item: YMap, target: str, instead_of: str | None) -> YMap:
    copy = item.copy_map()
    if instead_of:
        del copy[instead_of]
    copy.put("goto", target, item.pos, item.pos)
    return copy
