// Driving the built page like a player: open it, take choices by click or by number key,
// and read what it shows. Shared by the tests and the benchmark.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./harness.mjs";

// A saved run's seed and steps, read from the save file's text (the format is
// docs/saves.md: "rng: {seed: N, ...}" and a "steps: |" table of "turn node choice").
export function savedRun(name) {
  const text = readFileSync(join(REPO, "saves", "examples", name), "utf-8");
  const seed = Number(/^rng: \{seed: (\d+)/m.exec(text)[1]);
  const table = /^steps: \|\n((?: {2}.*\n)*)/m.exec(text)[1];
  const steps = table.trim().split("\n").map((line) => {
    const [turn, node, choice] = line.trim().split(/\s+/);
    return { turn: Number(turn), node, choice };
  });
  return { seed, steps, ending: /^ {2}ending: (\w+)/m.exec(text)[1] };
}

// Every request the page makes must go to our own server: record any other and refuse it.
export async function onlyLocal(context, base) {
  const outside = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith("data:") || url.startsWith("blob:")) {
      return route.continue();
    }
    outside.push(url);
    return route.abort();
  });
  return outside;
}

// Errors the page reports (uncaught exceptions, console errors), to assert there are none.
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  page.on("dialog", (dialog) => dialog.accept());
  return errors;
}

export async function open(page, base, seed) {
  await page.goto(`${base}?seed=${seed}`);
  await page.waitForFunction(() => window.riotgame && window.riotgame.timings.booted, null,
    { timeout: 120_000 });
}

export async function begin(page) {
  await page.click("#begin");
  await page.waitForSelector("#transcript .entry");
}

export const entryCount = (page) => page.locator("#transcript .entry").count();

export async function choiceIds(page) {
  return page.$$eval("#choices button.choice", (buttons) => buttons.map((b) => b.dataset.choice));
}

// Take one choice by id: by its number key when asked (and it has one), else by a click.
// Waits until the next passage is on screen.
export async function take(page, choice, { byKey = false } = {}) {
  const ids = await choiceIds(page);
  const index = ids.indexOf(choice);
  if (index < 0) throw new Error(`no choice "${choice}" here; the page offers ${ids.join(", ")}`);
  const before = await page.evaluate(() => document.querySelectorAll("#transcript .entry").length);
  if (byKey && index < 9) await page.keyboard.press(String(index + 1));
  else await page.click(`#choices button[data-choice="${choice}"]`);
  await page.waitForFunction((n) => document.querySelectorAll("#transcript .entry").length > n,
    before);
}

export async function lastTurn(page) {
  return page.evaluate(() => {
    const entries = document.querySelectorAll("#transcript .entry[data-turn]");
    return Number(entries[entries.length - 1].dataset.turn);
  });
}

export async function saved(page) {
  await page.evaluate(() => window.riotgame.saved());
}
