// Saves in the browser's IndexedDB, one database per story. Each record holds the save
// file's text exactly as the terminal game writes it, plus what a list needs to show it.
const STORE = "saves";
export const AUTOSAVES_KEPT = 20; // as the terminal game keeps

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export class SaveStore {
  constructor(storyId) {
    this.name = `riotgame-${storyId}`;
    this.db = null;
  }

  async open() {
    if (this.db) return this.db;
    const req = indexedDB.open(this.name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "key" });
    this.db = await request(req);
    return this.db;
  }

  async tx(mode, work) {
    const db = await this.open();
    const store = db.transaction(STORE, mode).objectStore(STORE);
    return request(work(store));
  }

  // record: {key, kind: "slot"|"autosave", label, time (ms), ended, text}
  put(record) {
    return this.tx("readwrite", (s) => s.put(record));
  }

  get(key) {
    return this.tx("readonly", (s) => s.get(key));
  }

  remove(key) {
    return this.tx("readwrite", (s) => s.delete(key));
  }

  async all() {
    const records = await this.tx("readonly", (s) => s.getAll());
    return records.sort((a, b) => b.time - a.time);
  }

  // The run's rolling autosave, then drop autosaves beyond the newest AUTOSAVES_KEPT.
  async autosave(record) {
    await this.put(record);
    const autosaves = (await this.all()).filter((r) => r.kind === "autosave");
    for (const old of autosaves.slice(AUTOSAVES_KEPT)) await this.remove(old.key);
  }

  // What "Continue" opens: the newest autosave of a run that has not ended.
  async latest() {
    return (await this.all()).find((r) => r.kind === "autosave" && !r.ended) || null;
  }
}
