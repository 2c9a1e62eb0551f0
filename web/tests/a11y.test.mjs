// axe-core on the built page, in the same headless Chromium: no violations (WCAG 2.2 A and
// AA rules and axe's best practices) on the content note, in play, in the saves dialog and
// at an ending; light and dark; a phone and a wide screen.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { build, launch, serve } from "./harness.mjs";
import { begin, open, savedRun, take, watchErrors } from "./game.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const SCREENS = { phone: { width: 375, height: 740 }, wide: { width: 1366, height: 900 } };

let site;
let browser;

before(async () => {
  site = await serve(build().out);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

async function violations(page, where) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: "tag", values: tags },
  }), TAGS);
  return result.violations.map((v) =>
    `${where}: ${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
}

for (const scheme of ["light", "dark"]) {
  for (const [screen, viewport] of Object.entries(SCREENS)) {
    test(`no accessibility violations: ${scheme}, ${screen}`, async () => {
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      const page = await context.newPage();
      const errors = watchErrors(page);
      const run = savedRun("unmasked.yaml");
      const found = [];
      await open(page, site.url, run.seed);
      found.push(...(await violations(page, "content note")));
      await begin(page);
      for (const step of run.steps.slice(0, 3)) await take(page, step.choice);
      found.push(...(await violations(page, "in play")));
      await page.click("#panel .open-saves");
      found.push(...(await violations(page, "saves dialog")));
      await page.keyboard.press("Escape");
      for (const step of run.steps.slice(3)) await take(page, step.choice);
      found.push(...(await violations(page, "at the ending")));
      await context.close();
      assert.deepEqual(found, []);
      assert.deepEqual(errors, []);
    });
  }
}

test("the check can fail: a planted unlabelled button is found", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.evaluate(() => document.querySelector("main").append(document.createElement("button")));
  const found = await violations(page, "planted");
  await context.close();
  assert.equal(found.length, 1);
  assert.match(found[0], /button-name/);
});
