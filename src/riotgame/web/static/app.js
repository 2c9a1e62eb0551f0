// The page: title and content note first, then the game. The engine runs in worker.js;
// this file shows what it answers and keeps the saves (store.js).
import { SaveStore } from "./store.js";
import { choiceNode, el, endingNode, entryNode, meterNode, plain, setMeter } from "./render.js";

const $ = (id) => document.getElementById(id);
const timings = { start: performance.timeOrigin };
window.riotgame = { timings };

// -- the engine, behind a promise per call ---------------------------------------------------
// the build names its start-up snapshot in the page, when it made one (see worker.js)
const snapshot = document.querySelector('meta[name="riotgame-snapshot"]')?.content;
const workerUrl = new URL("./worker.js", import.meta.url);
if (snapshot) workerUrl.searchParams.set("snapshot", snapshot);
const worker = new Worker(workerUrl, { type: "module" });
const pending = new Map();
let nextId = 1;
let info = null;
const ready = new Promise((resolve, reject) => {
  worker.addEventListener("message", (event) => {
    const data = event.data;
    if (data.ready) resolve(data.ready);
    else if (data.failed) reject(new Error(data.failed));
    else {
      const { resolve: ok, reject: fail } = pending.get(data.id);
      pending.delete(data.id);
      if ("error" in data) fail(new Error(data.error));
      else ok(data.value);
    }
  });
});

function call(method, ...args) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, method, args });
  });
}

// -- state of the page -----------------------------------------------------------------------
let store = null;
let entries = []; // the transcript, as the engine gave it
let view = null;
let busy = false;

// The status region: what changed, in words. The same words twice in a row get a
// trailing no-break space toggled, so the region changes and is announced again.
function say(lines) {
  const region = $("announce");
  const text = lines.join(" ");
  region.textContent = region.textContent === text ? `${text}\u00a0` : text;
}

function showGame() {
  $("intro").hidden = true;
  $("game").hidden = false;
}

function renderTranscript() {
  const log = $("transcript");
  log.setAttribute("aria-busy", "true"); // a rebuild is not news: do not read it all out
  log.replaceChildren(...entries.map((e, i) => entryNode(e, entries[i - 1] || null)));
  if (view.ending) log.append(endingNode(view.ending));
  log.removeAttribute("aria-busy");
}

function appendEntry(entry) {
  const log = $("transcript");
  const node = entryNode(entry, entries[entries.length - 1] || null);
  entries.push(entry);
  log.append(node);
  if (view.ending) log.append(endingNode(view.ending));
  return node;
}

function renderView() {
  const list = $("choices");
  list.replaceChildren(...view.choices.map(choiceNode));
  $("choices-heading").hidden = Boolean(view.ending);
  $("after-ending").hidden = !view.ending;
  $("undo").disabled = !view.can_undo;
  for (const item of $("meters").children) {
    const def = info.meters.find((m) => m.name === item.dataset.meter);
    setMeter(item, def, view.meters.find((m) => m.name === def.name).value);
  }
  const notes = view.notes.length ? view.notes.map((n) => el("li", { text: n }))
    : [el("li", { className: "none", text: "Nothing yet." })];
  $("notes").replaceChildren(...notes);
}

// After a choice: the new passage at the top of the screen, focus on the choices heading,
// so the keyboard is where the next choice is and a screen reader reads on from there.
function focusNext(node) {
  node.scrollIntoView({ block: "start" });
  if (!view.ending) $("choices-heading").focus({ preventScroll: true });
  else $("again").focus({ preventScroll: true });
}

// The rolling autosave after every change, in order, without holding up the next choice.
let saving = Promise.resolve();
window.riotgame.saved = () => saving;

function autosave() {
  const run = view.run;
  const text = call("save_text", "autosave", "Autosave"); // queued right behind the change
  saving = saving.then(async () => {
    const saved = await text;
    await store.autosave({ key: `autosave-${run}`, kind: "autosave", label: saved.label,
                           time: Date.now(), ended: saved.ended, text: saved.text });
  }).catch((err) => say([`Autosave failed (${err.message}); the game goes on unsaved.`]));
}

async function guarded(work) {
  if (busy) return;
  busy = true;
  try {
    await work();
  } catch (err) {
    say([`Something went wrong: ${err.message}`]);
    console.error(err);
  } finally {
    busy = false;
  }
}

// -- actions ---------------------------------------------------------------------------------
async function begin(seed) {
  const answer = await call("new_game", seed);
  opened(answer, []);
  if (!timings.firstPassage) {
    timings.firstPassage = performance.now();
    performance.mark("riotgame-first-passage");
  }
  autosave();
}

function opened(answer, lines) {
  view = answer.view;
  entries = answer.transcript;
  showGame();
  renderTranscript();
  renderView();
  const last = $("transcript").lastElementChild;
  focusNext(last);
  say(lines);
}

async function choose(index) {
  const choice = view && !view.ending ? view.choices[index] : null;
  if (!choice) return;
  if (!choice.enabled) {
    say([`Not open to you: ${choice.reason}`]);
    return;
  }
  const t0 = performance.now();
  const answer = await call("choose", choice.id);
  if (answer.error) return say([answer.error]);
  view = answer.view;
  const node = appendEntry(answer.entry);
  renderView();
  focusNext(node);
  say(answer.said);
  timings.lastChoice = performance.now() - t0; // the passage is in the page
  requestAnimationFrame(() => { timings.lastChoiceFrame = performance.now() - t0; });
  autosave();
}

async function undo() {
  const answer = await call("undo");
  if (answer.error) return say([answer.error]);
  view = answer.view;
  entries.pop();
  renderTranscript();
  renderView();
  focusNext($("transcript").lastElementChild);
  say([`Took back: ${plain(answer.taken_back)}.`]);
  autosave();
}

async function openSave(text, shown) {
  const answer = await call("load_text", text, shown);
  if (answer.error) {
    $("saves-status").textContent = answer.error;
    return false;
  }
  $("saves").close();
  opened(answer, [`Opened ${answer.label}.`, answer.note].filter(Boolean));
  autosave();
  return true;
}

function randomSeed() {
  const fixed = new URLSearchParams(location.search).get("seed");
  if (fixed !== null && /^\d+$/.test(fixed)) return Number(fixed);
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

// -- saves dialog ----------------------------------------------------------------------------
async function listSlots() {
  const records = await store.all();
  const items = records.map((r) => {
    const when = new Date(r.time).toLocaleString();
    const kind = r.kind === "autosave" ? "Autosave" : "Saved";
    return el("li", {}, [
      el("span", { className: "slot-label", text: `${r.label} (${kind}, ${when}${r.ended ? ", ended" : ""})` }),
      el("button", { type: "button", "data-open": r.key, text: "Open",
                     "aria-label": `Open ${r.label}, ${when}` }),
      el("button", { type: "button", "data-delete": r.key, text: "Delete",
                     "aria-label": `Delete ${r.label}, ${when}` }),
    ]);
  });
  $("slots").replaceChildren(...(items.length ? items : [el("li", { text: "No saves yet." })]));
}

async function saveSlot(name) {
  const key = await call("slot_key", name);
  if (key.error) {
    $("saves-status").textContent = key.error;
    return;
  }
  const saved = await call("save_text", "slot", name);
  await store.put({ key: key.key, kind: "slot", label: saved.label, time: Date.now(),
                    ended: saved.ended, text: saved.text });
  $("saves-status").textContent = `Saved as “${saved.label}”.`;
  $("slot-name").value = "";
  await listSlots();
}

async function exportRun() {
  const saved = await call("save_text", "slot", "Exported from the browser");
  const blob = new Blob([saved.text], { type: "text/yaml" });
  const link = el("a", { href: URL.createObjectURL(blob), download: `riotgame-${view.run}.yaml` });
  document.body.append(link);
  link.click();
  link.remove();
  $("saves-status").textContent = "The save file is downloading.";
}

function openDialog() {
  const inGame = Boolean(view);
  $("save-form").hidden = !inGame;
  $("export").hidden = !inGame;
  $("saves-status").textContent = "";
  listSlots();
  $("saves").showModal();
}

// -- wiring ----------------------------------------------------------------------------------
function wire() {
  $("begin").addEventListener("click", () => guarded(async () => {
    $("loading").textContent = "Starting…";
    await ready;
    await begin(randomSeed());
  }));
  $("again").addEventListener("click", () => guarded(() => begin(randomSeed())));
  $("restart").addEventListener("click", () => {
    if (confirm("Begin a new run? This run stays in your saves as its autosave.")) {
      guarded(() => begin(randomSeed()));
    }
  });
  $("continue").addEventListener("click", () => guarded(async () => {
    const latest = await store.latest();
    if (latest) await openSave(latest.text, latest.label);
  }));
  $("undo").addEventListener("click", () => guarded(undo));
  $("choices").addEventListener("click", (event) => {
    const button = event.target.closest("button.choice");
    if (!button) return;
    const index = view.choices.findIndex((c) => c.id === button.dataset.choice);
    guarded(() => choose(index));
  });
  document.addEventListener("keydown", onKey);
  for (const b of document.querySelectorAll(".open-saves")) b.addEventListener("click", () => guarded(async () => { await ready; openDialog(); }));
  $("save-form").addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(() => saveSlot($("slot-name").value));
  });
  $("export").addEventListener("click", () => guarded(exportRun));
  $("import").addEventListener("change", () => guarded(async () => {
    const file = $("import").files[0];
    if (file) await openSave(await file.text(), file.name);
    $("import").value = "";
  }));
  $("slots").addEventListener("click", (event) => guarded(async () => {
    const open = event.target.dataset.open;
    const remove = event.target.dataset.delete;
    if (open) await openSave((await store.get(open)).text, open);
    if (remove && confirm("Delete this save?")) {
      await store.remove(remove);
      $("saves-status").textContent = "Deleted.";
      await listSlots();
    }
  }));
}

function onKey(event) {
  if (!$("number-keys").checked || event.ctrlKey || event.metaKey || event.altKey) return;
  if ($("saves").open || event.target.closest("input, textarea, select")) return;
  if (/^[1-9]$/.test(event.key) && view) {
    event.preventDefault();
    guarded(() => choose(Number(event.key) - 1));
  }
}

async function boot() {
  wire();
  try {
    info = await ready;
  } catch (err) {
    $("loading").textContent = `The game could not start: ${err.message}`;
    return;
  }
  timings.ready = performance.now();
  store = new SaveStore(info.id);
  $("meters").replaceChildren(...info.meters.map(meterNode));
  const latest = await store.latest().catch(() => null);
  $("continue").hidden = !latest;
  if (!busy) $("loading").textContent = latest ? "Ready. Continue where you left off, or begin again." : "Ready.";
  timings.booted = performance.now(); // the page has all it shows at the start
}

boot();
