// The inkjs side of runtimes_bench.py (run by it; node benchmarks/ink_runner.js MODE ...).
//   compile STORY.ink STORY.json   compile with inkjs's own compiler, print seconds
//   verify STORY.json PICKS.json   play every run once, print its trace as JSON
//   time STORY.json PICKS.json     warm up with one pass, time one pass, print steps/s of CPU
// PICKS.json holds, per run, the index of the choice taken among those offered at each
// step: the picks riotgame and the reference engine drew, so every runtime plays the
// same runs. A run is ResetState, then Continue until choices are offered or the story
// ends, then ChooseChoiceIndex: inkjs builds each line's text as it goes.
"use strict";
const fs = require("fs");
const { Story } = require("inkjs");
const { Compiler } = require("inkjs/compiler/Compiler");

function play(story, picks, trace) {
  let steps = 0;
  for (const runPicks of picks) {
    story.ResetState();
    let ending = null;
    for (let i = 0; ; i++) {
      while (story.canContinue) {
        story.Continue();
        const tags = story.currentTags;
        if (tags.length && tags[0].startsWith("ending: ")) ending = tags[0].slice(8);
      }
      const choices = story.currentChoices;
      if (choices.length === 0 || i === runPicks.length) break;
      const pick = runPicks[i];
      if (trace) {
        const keys = choices.map((c) => c.tags[0]);
        trace.push([keys[pick].split("/")[0], keys, keys[pick]]);
      }
      story.ChooseChoiceIndex(pick);
      steps++;
    }
    if (trace) trace.push(["end", ending]);
  }
  return steps;
}

const [mode, a, b] = process.argv.slice(2);
if (mode === "compile") {
  const start = process.hrtime.bigint();
  const json = new Compiler(fs.readFileSync(a, "utf8")).Compile().ToJson();
  fs.writeFileSync(b, json);
  console.log(JSON.stringify({ compile: Number(process.hrtime.bigint() - start) / 1e9 }));
} else {
  const story = new Story(fs.readFileSync(a, "utf8"));
  const picks = JSON.parse(fs.readFileSync(b, "utf8"));
  if (mode === "verify") {
    const trace = [];
    play(story, picks, trace);
    console.log(JSON.stringify(trace));
  } else {
    play(story, picks, null);
    const start = process.cpuUsage(); // CPU time, as the Python side is timed
    const steps = play(story, picks, null);
    const used = process.cpuUsage(start);
    const seconds = (used.user + used.system) / 1e6;
    console.log(JSON.stringify({ steps, per_s: steps / seconds }));
  }
}
