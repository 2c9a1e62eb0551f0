"""Saves: the file format, the store of slots and autosaves, and replay of a saved run.
Builds on the play and story layers."""
