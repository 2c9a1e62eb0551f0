// The engine, in Pyodide, off the page's main thread: the page stays responsive while
// Python starts. Messages in: {id, method, args}; out: {id, value} or {id, error}, and once
// {ready: info} (or {failed: message}) when the game has loaded.
//
// With ?snapshot=FILE (the build made one), Pyodide restores the memory saved at build
// time, where the engine is imported and the story loaded; else it starts from scratch.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const here = (name) => new URL(name, import.meta.url).href;
const ENV = { HOME: "/home/pyodide", RIOTGAME_CACHE: "off" };
const snapshotName = new URL(import.meta.url).searchParams.get("snapshot");

function checked(response) {
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  return response;
}

async function gunzipped(response) {
  const stream = checked(response).body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function runtime(extra) {
  return loadPyodide({ indexURL: here("./pyodide/"), env: ENV, stdout: () => {},
    stderr: (line) => console.warn(line), ...extra });
}

// Pyodide restores a snapshot into the heap its module starts with (30 MB in 314.0.x)
// without growing it first (pyodide/pyodide#6254), so a bigger snapshot fails with
// "offset is out of bounds". The module is made here and grown to fit before the restore.
async function grownToFit(memory) {
  const factory = (await import("./pyodide/pyodide.asm.mjs")).default;
  const size = (await memory).length;
  return async (settings) => {
    const module = await factory(settings);
    if (module.HEAP8.length < size) module.growMemory(size);
    return module;
  };
}

async function fromSnapshot(app) {
  const memory = fetch(here(`./${snapshotName}`)).then(gunzipped);
  const createPyodideModule = await grownToFit(memory);
  const pyodide = await runtime({ _loadSnapshot: memory, createPyodideModule });
  pyodide.unpackArchive(await app, "zip", { extractDir: "/app" }); // for any later import
  return pyodide.globals.get("GAME");
}

async function fromScratch(app) {
  const story = fetch(here("./story.json")).then((r) => checked(r).text());
  const pyodide = await runtime({});
  pyodide.unpackArchive(await app, "zip", { extractDir: "/app" });
  pyodide.runPython("import sys; sys.path.insert(0, '/app')");
  const WebGame = pyodide.pyimport("riotgame.web.bridge").WebGame;
  return WebGame(await story);
}

async function start() {
  const app = fetch(here("./app.zip")).then((r) => checked(r).arrayBuffer());
  return snapshotName ? fromSnapshot(app) : fromScratch(app);
}

const game = start();
game.then(
  (g) => postMessage({ ready: JSON.parse(g.info()) }),
  (err) => postMessage({ failed: String(err && err.message ? err.message : err) }),
);

onmessage = async (event) => {
  const { id, method, args } = event.data;
  try {
    const g = await game;
    postMessage({ id, value: JSON.parse(g[method](...args)) });
  } catch (err) {
    postMessage({ id, error: String(err && err.message ? err.message : err) });
  }
};
