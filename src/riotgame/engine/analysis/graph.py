"""The story map: `riotgame graph`, as Graphviz dot or Mermaid.

Nodes are grouped by chapter. Endings and set pieces (tags starting with `set-piece:`) are
marked; edges are labelled with the choice id and any condition, as written in the story
(Compiled.source). Three kinds of edge look different in both formats:
choices (solid), `next` routes (dashed) and interrupts (bold, from one "any node" box,
since an interrupt can fire anywhere). With a chapter selected, targets in other chapters
appear as small stubs so the chapter's ways in and out stay visible.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from riotgame.engine.story.model import Choice, Node, Story

SET_PIECE = "set-piece:"
INTERRUPTS = "any_node"  # the pseudo-node interrupts start from


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str  # "choice", "next" or "interrupt"
    label: str


def choice_label(choice: Choice) -> str:
    parts = [choice.id]
    if choice.cond:
        parts.append(f"if {choice.cond.source}")
    if choice.disabled:
        parts.append(f"unless {choice.disabled.source}")
    if choice.once:
        parts.append("once")
    return "\n".join(parts)


def edges(node: Node) -> Iterator[Edge]:
    for choice in node.choices:
        yield Edge(node.id, choice.goto, "choice", choice_label(choice))
    for route in node.next:
        label = f"if {route.cond.source}" if route.cond else ("else" if len(node.next) > 1 else "")
        yield Edge(node.id, route.goto, "next", label)


def select(story: Story, chapter: int | None) -> tuple[list[Node], list[Edge], list[str]]:
    """(nodes shown, edges, ids of stubs: nodes outside the chapter that edges touch)."""
    nodes = [n for n in story.nodes.values() if chapter is None or n.chapter.number == chapter]
    shown = {n.id for n in nodes}
    out = [
        e for n in story.nodes.values() for e in edges(n) if e.source in shown or e.target in shown
    ]  # a chapter's ways in and out
    out += [
        Edge(INTERRUPTS, i.goto, "interrupt", f"if {i.cond.source}")
        for i in story.interrupts
        if i.goto in shown
    ]
    ends = {e.target for e in out} | {e.source for e in out if e.kind != "interrupt"}
    return nodes, out, sorted(ends - shown)


def chapters(nodes: list[Node]) -> dict[tuple[int, str], list[Node]]:
    """(chapter number, title) -> its nodes, in file order. A branch file that names an
    existing chapter joins that chapter's group."""
    groups: dict[tuple[int, str], list[Node]] = {}
    for node in nodes:
        groups.setdefault((node.chapter.number, node.chapter.title), []).append(node)
    return groups


def chapter_title(key: tuple[int, str]) -> str:
    number, title = key
    return f"Chapter {number}: {title}" if number else title


def node_title(story: Story, node: Node) -> str:
    if node.ending:
        titles = {e.id: e.title for e in story.endings}
        return f"{node.id}\nending: {titles.get(node.ending, node.ending)}"
    pieces = [t[len(SET_PIECE) :] for t in node.tags if t.startswith(SET_PIECE)]
    return node.id + "".join(f"\nset piece: {p}" for p in pieces)


def is_set_piece(node: Node) -> bool:
    return any(t.startswith(SET_PIECE) for t in node.tags)


# -- Graphviz dot ---------------------------------------------------------------------------
def _dot_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


DOT_EDGE = {
    "choice": "",
    "next": "style=dashed",
    "interrupt": "style=bold, color=red3, fontcolor=red3",
}


def to_dot(story: Story, chapter: int | None = None) -> str:
    nodes, out, stubs = select(story, chapter)
    lines = [
        f"digraph {_dot_str(story.id)} {{",
        f'  label={_dot_str(story.title)}; labelloc=t; rankdir=TB; fontname="Helvetica";',
        '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    for i, (chap, members) in enumerate(chapters(nodes).items()):
        lines.append(f"  subgraph cluster_{i} {{")
        lines.append(f"    label={_dot_str(chapter_title(chap))}; style=rounded; color=gray50;")
        for node in members:
            attrs = [
                f"label={_dot_str(node_title(story, node))}",
                f"tooltip={_dot_str(str(node.loc))}",
            ]
            if node.ending:
                attrs.append('shape=doubleoctagon, style=filled, fillcolor="#f4cccc"')
            elif is_set_piece(node):
                attrs.append('style="rounded,filled,bold", fillcolor="#fff2cc"')
            if node.id == story.start:
                attrs.append("penwidth=2")
            lines.append(f"    {_dot_str(node.id)} [{', '.join(attrs)}];")
        lines.append("  }")
    for stub in stubs:
        where = story.nodes.get(stub)
        note = f"\n(chapter {where.chapter.number})" if where else "\n(missing)"
        lines.append(
            f"  {_dot_str(stub)} [label={_dot_str(stub + note)}, shape=plain, fontcolor=gray40];"
        )
    if any(e.kind == "interrupt" for e in out):
        lines.append(
            f'  {INTERRUPTS} [label="any node\\n(interrupts)", shape=octagon, '
            "style=dashed, color=red3, fontcolor=red3];"
        )
    for e in out:
        attrs_text = ", ".join(
            a for a in (f"label={_dot_str(e.label)}" if e.label else "", DOT_EDGE[e.kind]) if a
        )
        lines.append(
            f"  {_dot_str(e.source)} -> {_dot_str(e.target)}"
            + (f" [{attrs_text}]" if attrs_text else "")
            + ";"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- Mermaid --------------------------------------------------------------------------------
def _mm_text(text: str) -> str:
    """Mermaid label text: entity codes for the characters its parser would read."""
    for char, code in (
        ("#", "#35;"),
        ('"', "#quot;"),
        ("<", "#lt;"),
        (">", "#gt;"),
        ("|", "#124;"),
    ):
        text = text.replace(char, code)
    return text.replace("\n", "<br/>")


def _mm_id(node_id: str) -> str:
    return "n_" + node_id  # a prefix keeps ids such as `end` from being Mermaid keywords


MM_ARROW = {"choice": "-->", "next": "-.->", "interrupt": "==>"}


def to_mermaid(story: Story, chapter: int | None = None) -> str:
    nodes, out, stubs = select(story, chapter)
    lines = [
        "flowchart TB",
        "  classDef ending fill:#f4cccc,stroke:#990000",
        "  classDef setpiece fill:#fff2cc,stroke:#b45f06,stroke-width:2px",
        "  classDef stub fill:none,stroke:none,color:#666",
        "  classDef interrupt fill:none,stroke:#cc0000,stroke-dasharray:4,color:#cc0000",
    ]
    for i, (chap, members) in enumerate(chapters(nodes).items()):
        lines.append(f'  subgraph chapter_{i} ["{_mm_text(chapter_title(chap))}"]')
        for node in members:
            label = f'"{_mm_text(node_title(story, node))}"'
            if node.ending:
                lines.append(f"    {_mm_id(node.id)}{{{{{label}}}}}:::ending")
            elif is_set_piece(node):
                lines.append(f"    {_mm_id(node.id)}[{label}]:::setpiece")
            else:
                lines.append(f"    {_mm_id(node.id)}({label})")
        lines.append("  end")
    for stub in stubs:
        where = story.nodes.get(stub)
        note = f" (chapter {where.chapter.number})" if where else " (missing)"
        lines.append(f'  {_mm_id(stub)}["{_mm_text(stub + note)}"]:::stub')
    if any(e.kind == "interrupt" for e in out):
        lines.append(f'  {INTERRUPTS}["any node (interrupts)"]:::interrupt')
    for e in out:
        source = e.source if e.kind == "interrupt" else _mm_id(e.source)
        label = f'|"{_mm_text(e.label)}"|' if e.label else ""
        lines.append(f"  {source} {MM_ARROW[e.kind]}{label} {_mm_id(e.target)}")
    return "\n".join(lines) + "\n"


FORMATS = {"dot": to_dot, "mermaid": to_mermaid}
