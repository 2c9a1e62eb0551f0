"""The play layer: game state, the machine that steps it, sessions with undo, history and
live reload. Builds on the story layer only."""
