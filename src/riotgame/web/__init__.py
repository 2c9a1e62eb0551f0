"""The static web build: the game in a browser with no server (`riotgame build-web`).

build.py writes the folder (Pyodide, the engine's Python, the compiled story, the page);
bridge.py is what runs inside Pyodide; static/ holds the page itself. The engine never
imports anything from here.
"""
