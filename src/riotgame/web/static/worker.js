// The engine, in Pyodide, off the page's main thread: the page stays responsive while
// Python starts. Messages in: {id, method, args}; out: {id, value} or {id, error}, and once
// {ready: info} (or {failed: message}) when the game has loaded.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const here = (name) => new URL(name, import.meta.url).href;

async function start() {
  const [pyodide, app, story] = await Promise.all([
    loadPyodide({
      indexURL: here("./pyodide/"),
      env: { HOME: "/home/pyodide", RIOTGAME_CACHE: "off" },
      stdout: () => {},
      stderr: (line) => console.warn(line),
    }),
    fetch(here("./app.zip")).then(bytesOf),
    fetch(here("./story.json")).then((r) => checked(r).text()),
  ]);
  pyodide.unpackArchive(app, "zip", { extractDir: "/app" });
  pyodide.runPython("import sys; sys.path.insert(0, '/app')");
  const WebGame = pyodide.pyimport("riotgame.web.bridge").WebGame;
  return WebGame(story);
}

function checked(response) {
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  return response;
}

async function bytesOf(response) {
  return checked(response).arrayBuffer();
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
