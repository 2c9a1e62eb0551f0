"""riotgame: Cell 211, a narrative game, and the YAML story engine under it."""

__version__ = "0.1.0"
