// The static web build in a real browser (Debian's Chromium, headless): play to an ending
// by clicks and keys, undo, save, reload and continue, and carry a run both ways between
// the page and the terminal game. Run with `node --test tests/` in web/ (see docs/web.md).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { build, launch, PYTHON, REPO, riotgame, serve } from "./harness.mjs";
import { begin, choiceIds, entryCount, lastTurn, onlyLocal, open, saved, savedRun, take,
  watchErrors } from "./game.mjs";

let site;
let browser;
let built;
const scratch = mkdtempSync(join(tmpdir(), "riotgame-web-test-"));

before(async () => {
  built = build();
  site = await serve(built.out);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

// A fresh browser profile (so its own IndexedDB), its requests kept to our server.
async function fresh() {
  const context = await browser.newContext({ acceptDownloads: true });
  const outside = await onlyLocal(context, site.url);
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, outside, errors };
}

function clean({ outside, errors }) {
  assert.deepEqual(outside, [], "the page fetched something from outside its own folder");
  assert.deepEqual(errors, [], "the page reported errors");
}

test("the build says how many files it wrote and how big they are", () => {
  assert.match(built.stdout, /Built .*: \d+ files, [\d.]+ MB/);
  assert.match(built.stdout, /itch\.io limits: .*met/);
});

test("the content note comes first, before the game starts", async () => {
  const player = await fresh();
  await player.page.goto(site.url);
  const first = await player.page.$eval("main", (m) => m.querySelector("h2").textContent);
  assert.equal(first, "Content note");
  assert.equal(await player.page.isVisible("#game"), false);
  assert.match(await player.page.textContent("#intro .note"), /violence/);
  await player.context.close();
  clean(player);
});

test("a saved run plays to its ending by clicks and number keys", async () => {
  const run = savedRun("unmasked.yaml");
  const player = await fresh();
  const { page } = player;
  await open(page, site.url, run.seed);
  await begin(page);
  for (const [i, step] of run.steps.entries()) {
    await take(page, step.choice, { byKey: i % 2 === 1 });
  }
  assert.match(await page.textContent("#transcript .ending h2"), /^Ending: /);
  assert.equal(await page.isVisible("#after-ending"), true);
  assert.equal(await lastTurn(page), run.steps.length);
  await player.context.close();
  clean(player);
});

test("a disabled choice is a button that says why, and its key does not take it", async () => {
  const player = await fresh();
  const { page } = player;
  await open(page, site.url, 1);
  await begin(page);
  // walk first choices until a disabled one is on screen (the story has several early)
  for (let i = 0; i < 60 && (await page.locator('[aria-disabled="true"]').count()) === 0; i++) {
    const open = await page.$$eval("#choices button.choice:not([aria-disabled])",
      (bs) => bs.map((b) => b.dataset.choice));
    await take(page, open[0]);
  }
  const blocked = page.locator('#choices [aria-disabled="true"]').first();
  assert.match(await blocked.textContent(), /Not open to you: \S/);
  const index = (await choiceIds(page)).indexOf(await blocked.getAttribute("data-choice"));
  const count = await entryCount(page);
  await blocked.click({ force: true }); // a real click: Playwright holds back from aria-disabled
  if (index < 9) await page.keyboard.press(String(index + 1));
  await page.waitForFunction(() => /Not open to you/.test(document.querySelector("#announce").textContent));
  assert.equal(await entryCount(page), count);
  await player.context.close();
  clean(player);
});

test("undo takes back choices, and a change of meters is said in words", async () => {
  const run = savedRun("helena.yaml");
  const player = await fresh();
  const { page } = player;
  await open(page, site.url, run.seed);
  await begin(page);
  const start = await page.textContent("#choices");
  assert.equal(await page.isDisabled("#undo"), true);
  const said = [];
  for (const step of run.steps.slice(0, 6)) {
    await take(page, step.choice);
    said.push(await page.textContent("#announce"));
  }
  assert.ok(said.some((text) => /^\S.* (rises|falls) to \d+\./.test(text)), said.join(" | "));
  for (let turn = 5; turn >= 0; turn--) {
    await page.click("#undo");
    await page.waitForFunction((n) => Number(
      [...document.querySelectorAll("#transcript .entry[data-turn]")].at(-1).dataset.turn) === n, turn);
  }
  assert.equal(await page.textContent("#choices"), start);
  assert.equal(await page.isDisabled("#undo"), true);
  assert.match(await page.textContent("#announce"), /^Took back: /);
  await player.context.close();
  clean(player);
});

test("a saved slot and the autosave survive a reload", async () => {
  const run = savedRun("king.yaml");
  const player = await fresh();
  const { page } = player;
  await open(page, site.url, run.seed);
  await begin(page);
  for (const step of run.steps.slice(0, 5)) await take(page, step.choice, { byKey: true });
  await page.click("#panel .open-saves");
  await page.fill("#slot-name", "Before the yard");
  await page.click("#save-form button");
  await page.waitForFunction(() => /Saved as/.test(document.querySelector("#saves-status").textContent));
  await page.keyboard.press("Escape");
  for (const step of run.steps.slice(5, 8)) await take(page, step.choice);
  await saved(page);

  await open(page, site.url, run.seed); // a reload: the same browser profile
  assert.equal(await page.isVisible("#continue"), true);
  await page.click("#continue");
  await page.waitForSelector("#transcript .entry");
  assert.equal(await lastTurn(page), 8);
  await take(page, run.steps[8].choice); // and the run goes on

  await page.click("#panel .open-saves");
  await page.click('#slots button[data-open="before-the-yard"]');
  await page.waitForFunction(() => !document.querySelector("#saves").open);
  assert.equal(await lastTurn(page), 5);
  await player.context.close();
  clean(player);
});

test("a run exported from the page replays and goes on in the terminal", async () => {
  const run = savedRun("helena.yaml");
  const player = await fresh();
  const { page } = player;
  await open(page, site.url, run.seed);
  await begin(page);
  for (const step of run.steps.slice(0, 12)) await take(page, step.choice);
  await page.click("#panel .open-saves");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const file = join(scratch, "exported.yaml");
  await download.saveAs(file);
  await player.context.close();
  clean(player);

  const replayed = riotgame(["replay", file]);
  assert.equal(replayed.status, 0, replayed.stdout + replayed.stderr);
  assert.match(replayed.stdout, /same state as the save after 12 steps/);
  // the terminal goes on from the 13th choice of the same run
  const saves = mkdtempSync(join(scratch, "saves-"));
  const next = run.steps[12];
  const played = riotgame(["play", "--plain", "--load", file, "--saves-dir", saves],
    { input: `${numberOf(file, next.choice)}\nq\n` });
  assert.equal(played.status, 0, played.stdout + played.stderr);
  assert.match(played.stdout, /You chose: /);
});

// The number the plain player gives `choice` at the end of the saved run in `file`.
function numberOf(file, choice) {
  const code = [
    "import sys",
    "from riotgame import paths",
    "from riotgame.engine import Machine, load_story",
    "from riotgame.engine.saves.reading import read_save",
    "from riotgame.engine.saves.restore import restore",
    "machine = Machine(load_story(paths.story_dir())[0])",
    "session = restore(read_save(sys.argv[1]), machine).session",
    "ids = [c.id for c in machine.choices(session.state)]",
    "print(ids.index(sys.argv[2]) + 1)",
  ].join("\n");
  const out = spawnSync(PYTHON, ["-c", code, file, choice], { cwd: REPO, encoding: "utf-8" });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.trim();
}

test("a save written by the terminal game opens in the page", async () => {
  const run = savedRun("king.yaml");
  const saves = mkdtempSync(join(scratch, "terminal-"));
  const script = `${"1\n".repeat(4)}q\n`;
  const played = riotgame(["play", "--plain", "--seed", String(run.seed), "--saves-dir", saves],
    { input: script });
  assert.equal(played.status, 0, played.stdout + played.stderr);
  const autosave = readdirSync(saves).find((n) => n.startsWith("autosave-"));
  assert.ok(autosave, `no autosave in ${readdirSync(saves)}`);
  const text = readFileSync(join(saves, autosave), "utf-8");
  const file = join(scratch, "from-terminal.yaml");
  writeFileSync(file, text);

  const player = await fresh();
  const { page } = player;
  await open(page, site.url, 1);
  await page.click("#intro .open-saves");
  await page.setInputFiles("#import", file);
  await page.waitForSelector("#transcript .entry");
  assert.equal(await lastTurn(page), 4);
  assert.match(await page.textContent("#announce"), /Opened Autosave\./);
  await player.context.close();
  clean(player);
});

test("a file that is not a save is refused in words", async () => {
  const player = await fresh();
  const { page } = player;
  await open(page, site.url, 1);
  await page.click("#intro .open-saves");
  const file = join(scratch, "not-a-save.yaml");
  writeFileSync(file, "just: [some, yaml]\n");
  await page.setInputFiles("#import", file);
  await page.waitForFunction(() => /E30\d/.test(document.querySelector("#saves-status").textContent));
  assert.equal(await page.isVisible("#game"), false);
  await player.context.close();
  clean(player);
});

test("a build without the start-up snapshot starts Python from scratch and plays", async () => {
  const plain = build(["--no-snapshot"]);
  assert.match(plain.stdout, /without a snapshot/);
  const server = await serve(plain.out);
  const context = await browser.newContext();
  const outside = await onlyLocal(context, server.url);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const run = savedRun("unmasked.yaml");
  await open(page, server.url, run.seed);
  await begin(page);
  await take(page, run.steps[0].choice, { byKey: true });
  assert.equal(await lastTurn(page), 1);
  await context.close();
  await server.close();
  clean({ outside, errors });
});

test("opened from a file, the page says how to serve it", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`file://${join(built.out, "index.html")}`);
  await page.waitForFunction(() => /cannot run from a file/.test(document.querySelector("#loading").textContent));
  assert.match(await page.textContent("#loading"), /http\.server/);
  await context.close();
});
