// Building the page's parts from the engine's answers. Story text only ever becomes text
// nodes (never HTML), so nothing in a story or a save can inject markup.
const TAGS = { em: "em", strong: "strong" };

export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key in node && !key.startsWith("aria")) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

// A paragraph's (style, text) runs as inline nodes.
export function runs(list) {
  return list.map(([style, text]) => (TAGS[style] ? el(TAGS[style], { text }) : text));
}

export function plain(list) {
  return list.map(([, text]) => text).join("");
}

function chapterName(chapter) {
  return `Chapter ${chapter.number}: ${chapter.title}`;
}

// One transcript entry: the chapter heading when it changes, the choice that led here,
// then the passage. `previous` is the entry before it (null for the first).
export function entryNode(entry, previous) {
  const section = el("section", { className: "entry", "data-turn": entry.turn });
  const sameChapter = previous && chapterName(previous.chapter) === chapterName(entry.chapter);
  // an ending has its own heading (endingNode), whichever chapter file holds its node
  if (!sameChapter && !entry.ending) section.append(el("h2", { className: "chapter", text: chapterName(entry.chapter) }));
  if (entry.chosen.length) {
    section.append(el("p", { className: "chosen" }, [
      el("span", { className: "visually-hidden", text: "You chose: " }),
      el("span", { className: "mark", "aria-hidden": "true", text: "▸ " }),
      ...runs(entry.chosen),
    ]));
  }
  for (const paragraph of entry.passage) section.append(el("p", {}, runs(paragraph)));
  return section;
}

export function endingNode(ending) {
  return el("section", { className: "entry ending" }, [
    el("h2", { className: "chapter", text: `Ending: ${ending.title}` }),
    el("p", { text: ending.description }),
    el("p", { className: "the-end", text: "The end." }),
  ]);
}

// A choice: a real button; an unavailable one stays in the list, focusable, with its
// reason in words (aria-disabled, so a screen reader still reaches it).
export function choiceNode(choice, index) {
  const button = el("button", { type: "button", className: "choice", "data-choice": choice.id },
    [el("span", { className: "key", "aria-hidden": "true", text: index < 9 ? `${index + 1}` : "" }),
     el("span", { className: "label" }, runs(choice.text))]);
  if (!choice.enabled) {
    const why = el("span", { className: "reason", id: `why-${choice.id}`,
                              text: `Not open to you: ${choice.reason}` });
    button.setAttribute("aria-disabled", "true");
    button.setAttribute("aria-describedby", why.id);
    button.querySelector(".label").append(why);
  }
  return el("li", {}, [button]);
}

export function meterNode(def) {
  const id = `meter-${def.name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const meter = el("meter", { id, min: def.min, max: def.max, value: def.min });
  // the browser colours a meter by low/high/optimum: the number beside it says the same
  if (def.high_is === "good") meter.optimum = def.max;
  if (def.high_is === "bad") meter.optimum = def.min;
  const span = def.max - def.min;
  meter.low = def.min + span / 3;
  meter.high = def.min + (2 * span) / 3;
  const hint = { good: "higher is better", bad: "lower is safer", neutral: "" }[def.high_is];
  return el("li", { className: "meter", "data-meter": def.name }, [
    el("label", { htmlFor: id }, [def.label]),
    meter,
    el("span", { className: "value", "aria-hidden": "true" }),
    hint ? el("span", { className: "hint", text: hint }) : "",
  ]);
}

export function setMeter(item, def, value) {
  const meter = item.querySelector("meter");
  meter.value = value;
  meter.setAttribute("aria-valuetext", `${value} of ${def.max}`);
  item.querySelector(".value").textContent = `${value} / ${def.max}`;
}
