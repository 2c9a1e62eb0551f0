// What the browser tests share: a static server on 127.0.0.1 for a built folder, the
// system's Chromium (never a downloaded browser), and a fresh build of the game.
import { spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { chromium } from "playwright-core";

export const REPO = resolve(import.meta.dirname, "..", "..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".zip": "application/zip",
  ".txt": "text/plain; charset=utf-8",
};

// A static file server for `root`, as itch.io or any static host serves the folder.
export function serve(root) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(base, path.endsWith("/") ? path + "index.html" : path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      statSync(file);
    } catch {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => {
    server.listen(0, "127.0.0.1", () => ok({
      url: `http://127.0.0.1:${server.address().port}/`,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

export const CHROMIUM = process.env.RIOTGAME_CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

// The Python that has riotgame installed: $RIOTGAME_PYTHON, else the active one.
export const PYTHON = process.env.RIOTGAME_PYTHON || "python3";

export function riotgame(args, options = {}) {
  const run = spawnSync(PYTHON, ["-m", "riotgame", ...args], {
    cwd: REPO, encoding: "utf-8", env: { ...process.env, RIOTGAME_CACHE: "off" }, ...options,
  });
  return run;
}

// Build the game once into a temporary folder; returns its path and the build's output.
export function build(extraArgs = []) {
  const out = join(mkdtempSync(join(tmpdir(), "riotgame-web-")), "site");
  const run = riotgame(["build-web", out, ...extraArgs]);
  if (run.status !== 0) throw new Error(`build-web failed:\n${run.stdout}\n${run.stderr}`);
  return { out, stdout: run.stdout };
}
