// Build step of `riotgame build-web` (run with node): start Pyodide once, import the
// engine and load the compiled story, and save Pyodide's memory as OUT/snapshot.bin.gz.
// The page restores that memory instead of starting Python and loading the story again,
// which is most of the time from page load to the first passage.
// Usage: node snapshot.mjs OUT
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const out = resolve(process.argv[2]);
const { loadPyodide } = await import(pathToFileURL(join(out, "pyodide", "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: join(out, "pyodide") + "/",
  _makeSnapshot: true,
  env: { HOME: "/home/pyodide", RIOTGAME_CACHE: "off" },
  stdout: () => {},
});
pyodide.unpackArchive(new Uint8Array(readFileSync(join(out, "app.zip"))), "zip", { extractDir: "/app" });
pyodide.FS.writeFile("/tmp/story.json", new Uint8Array(readFileSync(join(out, "story.json"))));
pyodide.runPython(`
import sys
sys.path.insert(0, "/app")
from riotgame.web.bridge import WebGame
with open("/tmp/story.json", encoding="utf-8") as f:
    GAME = WebGame(f.read())
del f
`);
const memory = pyodide.makeMemorySnapshot();
writeFileSync(join(out, "snapshot.bin.gz"), gzipSync(memory, { level: 9 }));
