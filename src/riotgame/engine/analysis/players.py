"""Play-testing personas: simulated players with an intent, not a uniform random one.

A player is read from a small YAML file an author writes (`players.yaml` in the story folder,
or `--players FILE`):

    players:
      loyal:
        about: Stands by Calancho whatever it costs.
        prefers: {trust.calancho: 2, suspicion: -1}   # points of each stat a choice moves
        tags: {risky: -1}                             # choices tagged risky count -1 each
        focus: 0.8                                    # how often it follows its preference

At each choice the player scores every available option: the change each effect would make
to a stat (tried on a copy of the state, so conditional effects and clamping count), times
its weight, plus the weight of each tag on the choice, plus `unseen` for a choice no earlier
run of this player has taken. With probability `focus` it takes the best (ties broken at
random), otherwise any option at random. `focus: 1` makes a player deterministic but for
its tie-breaks, which is what a test that "this player reaches that ending" needs.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from riotgame.engine.play.state import Scratch
from riotgame.engine.story.model import Choice, Story
from riotgame.engine.story.problems import Problem, did_you_mean
from riotgame.engine.story.yamlfile import YMap, parse_yaml

PLAYER_KEYS = {"about", "prefers", "tags", "unseen", "focus"}
MAX_WEIGHT = 1_000
PLAYERS_FILE = "players.yaml"


@dataclass(frozen=True)
class Player:
    name: str
    about: str = ""
    prefers: tuple[tuple[str, int], ...] = ()  # (stat name or "flags.x", weight)
    tags: tuple[tuple[str, int], ...] = ()
    unseen: int = 0
    focus: float = 0.8

    def picker(self, story: Story) -> Picker:
        return Picker(self, story)


# Built in: they need nothing from a particular story.
BUILT_IN = {
    "random": Player("random", "Takes any available choice, all equally likely.", focus=0.0),
    "explorer": Player("explorer", "Prefers choices no earlier run has taken.", unseen=1),
}


@dataclass
class Picker:
    """A player at play: chooses among a state's available options."""

    player: Player
    story: Story
    taken: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        index = {d.name: i for i, d in enumerate(self.story.stats)}
        bits = {f"flags.{d.name}": i for i, d in enumerate(self.story.flags)}
        self.stat_weights = [(index[n], w) for n, w in self.player.prefers if n in index]
        self.flag_weights = [(bits[n], w) for n, w in self.player.prefers if n in bits]
        self.tag_weights = dict(self.player.tags)

    def pick(self, s: Scratch, options: Sequence[Choice], rng: random.Random) -> Choice:
        if len(options) == 1:
            return options[0]
        if rng.random() >= self.player.focus:
            return options[rng.randrange(len(options))]
        scores = [self.score(s, c) for c in options]
        best = max(scores)
        tied = [c for c, v in zip(options, scores, strict=True) if v == best]
        return tied[rng.randrange(len(tied))] if len(tied) > 1 else tied[0]

    def score(self, s: Scratch, choice: Choice) -> float:
        total = float(sum(self.tag_weights.get(t, 0) for t in choice.tags))
        if self.player.unseen and not self.taken.get(choice.key):
            total += self.player.unseen
        if choice.effects and (self.stat_weights or self.flag_weights):
            trial = replace(s, stats=list(s.stats))  # effects change only stats, flags
            for effect in choice.effects:
                effect.fn(trial)
            for i, w in self.stat_weights:
                total += w * (trial.stats[i] - s.stats[i])
            for bit, w in self.flag_weights:
                total += w * (((trial.flags >> bit) & 1) - ((s.flags >> bit) & 1))
        return total


def read_players(path: Path, story: Story) -> tuple[dict[str, Player], list[Problem]]:
    """The players a file defines, beside the built-in ones, and its problems."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return dict(BUILT_IN), [Problem(shown, 1, 1, "E400", f"cannot read the players: {exc}")]
    data, problems = parse_yaml(text, shown)
    players = dict(BUILT_IN)
    if problems:
        return players, problems
    top = data.get("players") if isinstance(data, YMap) else None
    if not isinstance(top, YMap):
        line, col = data.vpos("players") if isinstance(data, YMap) and top is not None else (1, 1)
        message = 'a players file is a mapping "players:" of name -> player'
        return players, [Problem(shown, line, col, "E401", message)]
    reader = _Reader(shown, story)
    for name in top:
        player = reader.player(name, top[name], top.kpos(name), top.vpos(name))
        if player is not None:
            players[name] = player
    return players, reader.problems


@dataclass
class _Reader:
    shown: str
    story: Story
    problems: list[Problem] = field(default_factory=list)

    def add(self, pos: Any, code: str, message: str) -> None:
        self.problems.append(Problem(self.shown, pos[0], pos[1], code, message))

    def player(self, name: str, spec: Any, key_pos: Any, pos: Any) -> Player | None:
        if not isinstance(spec, YMap):
            self.add(key_pos, "E401", f'player "{name}" must be a mapping')
            return None
        for key in spec:
            if key not in PLAYER_KEYS:
                hint = did_you_mean(key, PLAYER_KEYS)
                self.add(spec.kpos(key), "E402", f'unknown key "{key}" for a player{hint}')
        known = {d.name for d in self.story.stats} | {f"flags.{d.name}" for d in self.story.flags}
        focus = spec.get("focus", 0.8)
        if isinstance(focus, bool) or not isinstance(focus, (int, float)) or not 0 <= focus <= 1:
            self.add(
                spec.vpos("focus") if "focus" in spec else pos,
                "E403",
                "focus is a number from 0 to 1",
            )
            focus = 0.8
        unseen = self.weight(spec, "unseen", spec.get("unseen", 0))
        return Player(
            name,
            str(spec.get("about", "")),
            self.weights(spec, "prefers", known),
            self.weights(spec, "tags", None),
            unseen,
            float(focus),
        )

    def weights(self, spec: YMap, key: str, known: set[str] | None) -> tuple[tuple[str, int], ...]:
        value = spec.get(key)
        if value is None:
            return ()
        if not isinstance(value, YMap):
            self.add(spec.vpos(key), "E401", f'"{key}" is a mapping of name: weight')
            return ()
        out = []
        for name in value:
            if known is not None and name not in known:
                hint = did_you_mean(name, known)
                self.add(value.kpos(name), "E404", f'"{name}": no such stat or flag{hint}')
                continue
            out.append((name, self.weight(value, name, value[name])))
        return tuple(out)

    def weight(self, m: YMap, key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_WEIGHT:
            self.add(
                m.vpos(key) if key in m else (1, 1),
                "E403",
                f"a weight is a whole number within ±{MAX_WEIGHT}",
            )
            return 0
        return value


def story_players(
    story: Story, path: Path | None = None
) -> tuple[dict[str, Player], list[Problem]]:
    """The built-in players and those of `path`, or of the story's own players.yaml."""
    path = path or Path(story.root) / PLAYERS_FILE
    if not path.is_file():
        return dict(BUILT_IN), []
    return read_players(path, story)
