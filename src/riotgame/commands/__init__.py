"""The commands behind `riotgame SUBCOMMAND`: each takes typed options (a frozen dataclass,
built by riotgame.cli from the command line), asks the engine for data and prints it.

The engine never prints; these modules never hold game rules. One module per subcommand,
and `common` for what they share (the story source, loading it, progress on stderr)."""
