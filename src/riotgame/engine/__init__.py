"""The engine: pure Python, no UI. Files -> loader -> model -> machine."""

from riotgame.engine.play.machine import ChoiceError, ChoiceView, Machine
from riotgame.engine.play.state import GameState
from riotgame.engine.story.loader import load_story
from riotgame.engine.story.model import Story
from riotgame.engine.story.problems import Problem

__all__ = ["ChoiceError", "ChoiceView", "GameState", "Machine", "Problem", "Story", "load_story"]
