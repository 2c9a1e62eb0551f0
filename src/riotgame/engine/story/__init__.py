"""The story layer: YAML files read with positions, the expression language, text, and the
immutable model the loader builds. Imports nothing above it."""
