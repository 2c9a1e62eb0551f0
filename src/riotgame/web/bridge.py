"""The game as the web page sees it: runs inside Pyodide, in the page's worker.

`WebGame(compiled_json)` loads the story from its compiled form and plays it through the
engine's public pieces (Machine, Session, the save writer and reader, replay's restore).
Every method takes plain values and returns a JSON string: the page never touches a Python
object, and nothing here knows about HTML. Expected failures (a bad save file, a choice
that is not open) come back as {"error": "one line"}; anything else is a bug and raises.
"""

from __future__ import annotations

import json
from typing import Any

from riotgame.engine.play.history import chosen_text
from riotgame.engine.play.machine import ChoiceError, Machine
from riotgame.engine.play.session import Session
from riotgame.engine.saves.format import SaveError, check_story, dump_save, save_of
from riotgame.engine.saves.reading import parse_save
from riotgame.engine.saves.restore import restore
from riotgame.engine.saves.runs import new_run_id
from riotgame.engine.saves.store import SaveNameError, slot_file_name
from riotgame.engine.story.compiled import CompiledError, load_compiled, loads_compiled
from riotgame.engine.story.text import Passage
from riotgame.plain import describe_events

SAVE_KINDS = ("slot", "autosave", "quicksave")


class WebGame:
    def __init__(self, compiled_json: str):
        try:
            story, _ = load_compiled(loads_compiled(compiled_json))
        except CompiledError as exc:  # the build made it and read it back: a broken bundle
            raise ValueError(str(exc)) from None
        self.story = story
        self.machine = Machine(story)
        self.session: Session | None = None
        self.run = ""

    # -- what the page asks ------------------------------------------------------------------
    def info(self) -> str:
        story = self.story
        return _json(
            {
                "id": story.id,
                "title": story.title,
                "content_note": story.content_note,
                "fingerprint": story.fingerprint,
                "meters": [
                    {
                        "name": d.name,
                        "label": d.label,
                        "min": d.min,
                        "max": d.max,
                        "high_is": d.high_is,
                    }
                    for d in story.stats
                    if not d.hidden
                ],
            }
        )

    def new_game(self, seed: int) -> str:
        self.session = Session(self.machine, int(seed))
        self.run = new_run_id()
        return _json({"view": self.view(), "transcript": self.transcript()})

    def choose(self, choice_id: str) -> str:
        session = self.playing()
        try:
            events = session.choose(choice_id)
        except ChoiceError as exc:
            return _json({"error": str(exc)})
        return _json(
            {
                "view": self.view(),
                "entry": self.entry(len(session.steps)),
                "said": describe_events(self.story, events),
            }
        )

    def undo(self) -> str:
        session = self.playing()
        if not session.steps:
            return _json({"error": "Nothing to undo: this is the start of the run."})
        taken = self.entry(len(session.steps))["chosen"]
        session.undo()
        return _json({"view": self.view(), "taken_back": taken})

    def save_text(self, kind: str, label: str = "") -> str:
        """The run as a riotgame save file (YAML text), for storage or export."""
        if kind not in SAVE_KINDS:
            raise ValueError(f"kind must be one of {SAVE_KINDS}")
        save = save_of(self.playing(), kind=kind, label=label.strip(), run=self.run)
        return _json({"text": dump_save(save), "label": save.label, "ended": self.ended()})

    def load_text(self, text: str, shown: str = "<save>") -> str:
        """Open a save file's text; the run goes on from where it was saved."""
        try:
            save = parse_save(text, shown)
            check_story(save, self.story)
            loaded = restore(save, self.machine)
        except SaveError as exc:
            return _json({"error": exc.notice.text.replace("\n", " ")})  # one status line
        self.session, self.run = loaded.session, loaded.run
        return _json(
            {
                "view": self.view(),
                "transcript": self.transcript(),
                "note": loaded.note.text if loaded.note else "",
                "label": save.label,
            }
        )

    @staticmethod
    def slot_key(name: str) -> str:
        """The storage name of a slot the player named (as the terminal's file name)."""
        try:
            return _json({"key": slot_file_name(name).removesuffix(".yaml")})
        except SaveNameError as exc:
            return _json({"error": str(exc)})

    # -- building the answers ----------------------------------------------------------------
    def playing(self) -> Session:
        if self.session is None:
            raise RuntimeError("no game in progress: call new_game or load_text first")
        return self.session

    def ended(self) -> bool:
        return self.machine.ending(self.playing().state) is not None

    def view(self) -> dict[str, Any]:
        """What the page shows beside the transcript: choices, meters, notes, the ending."""
        session = self.playing()
        state, story = session.state, self.story
        ending_id = self.machine.ending(state)
        ending = story.ending(ending_id) if ending_id else None
        return {
            "turn": state.turn,
            "seed": session.seed,
            "run": self.run,
            "can_undo": bool(session.steps),
            "choices": [
                {"id": c.id, "text": _runs(c.text), "enabled": c.enabled, "reason": c.reason}
                for c in self.machine.choices(state)
            ],
            "meters": [
                {"name": d.name, "value": state.stats[i]}
                for i, d in enumerate(story.stats)
                if not d.hidden
            ],
            "notes": [
                d.label for i, d in enumerate(story.flags) if d.show and (state.flags >> i) & 1
            ],
            "ending": {"id": ending.id, "title": ending.title, "description": ending.description}
            if ending
            else None,
        }

    def entry(self, index: int) -> dict[str, Any]:
        """The transcript entry for the state after `index` choices: the choice that led
        there (as it read when taken), the chapter, and the passage."""
        session = self.playing()
        state = session.states[index]
        chapter = self.machine.node(state).chapter
        chosen: list[tuple[str, str]] = []
        if index:
            before = session.states[index - 1]
            chosen = _runs(chosen_text(self.story, session.steps[index - 1], before))
        return {
            "turn": index,
            "chapter": {"number": chapter.number, "title": chapter.title},
            "chosen": chosen,
            "passage": self.machine.passage(state),
            "ending": self.machine.ending(state) is not None,
        }

    def transcript(self) -> list[dict[str, Any]]:
        return [self.entry(i) for i in range(len(self.playing().states))]


def _runs(passage: Passage) -> list[tuple[str, str]]:
    """A choice's text as one line of (style, text) runs: its paragraphs joined by spaces."""
    out: list[tuple[str, str]] = []
    for i, paragraph in enumerate(passage):
        if i:
            out.append(("", " "))
        out.extend(paragraph)
    return out


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
