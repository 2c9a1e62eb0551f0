"""The engine: pure Python, no UI. Files -> loader -> model -> machine."""

from riotgame.engine.loader import load_story
from riotgame.engine.machine import ChoiceError, ChoiceView, Machine
from riotgame.engine.model import Story
from riotgame.engine.problems import Problem
from riotgame.engine.state import GameState

__all__ = ["ChoiceError", "ChoiceView", "GameState", "Machine", "Problem", "Story", "load_story"]
