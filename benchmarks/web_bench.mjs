// Measure the built page in headless Chromium and take screenshots (not a test: figures
// go to benchmarks/README.md). Usage: node benchmarks/web_bench.mjs [SHOTS_DIR] [--no-snapshot]
//   load: navigation start -> the first passage on screen, Begin pressed as soon as shown
//   choice: a click on a choice -> the next passage in the page (median and worst of a run)
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { build, launch, serve } from "../web/tests/harness.mjs";
import { begin, savedRun, take } from "../web/tests/game.mjs";

const options = process.argv.slice(2);
const shots = options.find((o) => !o.startsWith("--")) || "/tmp/riotgame-shots";
mkdirSync(shots, { recursive: true });
const site = await serve(build(options.filter((o) => o.startsWith("--"))).out);
const browser = await launch();
const run = savedRun("helena.yaml");

async function loadOnce() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}?seed=${run.seed}`);
  await begin(page);
  const t = await page.evaluate(() => window.riotgame.timings);
  await context.close();
  return { firstPassage: t.firstPassage, ready: t.ready };
}

const loads = [];
for (let i = 0; i < 5; i++) loads.push(await loadOnce());

const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`${site.url}?seed=${run.seed}`);
await begin(page);
const choices = [];
for (const step of run.steps) {
  await take(page, step.choice);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  choices.push(await page.evaluate(() => window.riotgame.timings.lastChoiceFrame));
}
await context.close();

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;
console.log(`load to first passage: median ${ms(median(loads.map((l) => l.firstPassage)))}, ` +
  `runs ${loads.map((l) => ms(l.firstPassage)).join(", ")}`);
console.log(`choice to next passage (${choices.length} choices): median ${ms(median(choices))}, ` +
  `worst ${ms(Math.max(...choices))}`);

for (const scheme of ["light", "dark"]) {
  for (const [name, viewport] of [["phone", { width: 390, height: 844 }], ["wide", { width: 1440, height: 900 }]]) {
    const ctx = await browser.newContext({ viewport, colorScheme: scheme });
    const p = await ctx.newPage();
    await p.goto(`${site.url}?seed=${run.seed}`);
    await p.waitForFunction(() => window.riotgame.timings.booted, null, { timeout: 120_000 });
    await p.screenshot({ path: join(shots, `intro-${name}-${scheme}.png`) });
    await begin(p);
    for (const step of run.steps.slice(0, 4)) await take(p, step.choice);
    await p.screenshot({ path: join(shots, `play-${name}-${scheme}.png`) });
    await ctx.close();
  }
}
console.log(`screenshots in ${shots}`);
await browser.close();
await site.close();
