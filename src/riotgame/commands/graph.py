"""`riotgame graph`: the story map, for Graphviz or Mermaid."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from riotgame.commands.common import StorySource, load_checked, say_error

FORMATS = ("dot", "mermaid")


@dataclass(frozen=True)
class GraphOptions:
    source: StorySource
    format: str = "dot"
    chapter: int | None = None  # only this chapter (and stubs of the nodes around it)


def run_graph(options: GraphOptions) -> int:
    from riotgame.engine.analysis.graph import FORMATS as DRAW

    story = load_checked(options.source)
    if story is None:
        return 1
    chapters = sorted({n.chapter.number for n in story.nodes.values()})
    if options.chapter is not None and options.chapter not in chapters:
        say_error(
            f"no chapter {options.chapter}; the story has chapters {', '.join(map(str, chapters))}"
        )
        return 2
    sys.stdout.write(DRAW[options.format](story, options.chapter))
    return 0
