/*
 * AccordlintClient: the checker in a Web Worker, behind Promises, so a page never blocks.
 *
 *   import { AccordlintClient } from './accordlint-client.js';
 *
 *   const client = await AccordlintClient.create({ profile: 'baseline', overlays: [] });
 *   const report = await client.check(text, { categories: 'auto', formats: ['markdown'] });
 *   report.verdict;                    // "pass" | "review" | "fail"
 *   report.rendered.markdown;          // when asked for with `formats`
 *
 *   // In an editor: give the whole text after each edit; unchanged clauses are not re-checked.
 *   const live = await client.update(editor.value);
 *
 *   await client.setProfile('baseline', [{ name: 'eu.toml', text: overlayToml }]);
 *   const { ok, errors } = await client.validatePack(overlayToml, 'eu.toml');
 *   const text = await client.decode(await file.arrayBuffer(), file.name);
 *
 *   // Word: the report points into the .docx and lists hidden text and tracked changes;
 *   // annotateDocx also gives back a copy with the findings as Word comments.
 *   const wordReport = await client.checkDocx(await file.arrayBuffer());
 *   const { report, bytes } = await client.annotateDocx(await file.arrayBuffer());
 *   const wordText = await client.decodeDocx(await file.arrayBuffer());
 *   client.terminate();
 *
 *   // An editor that re-renders only what changed: the same report, plus `kept`, the
 *   // requirements as they were in the previous updateChanges() but for evidence that moved
 *   // with an edit before it (id -> previous object). The worker sends only what changed.
 *   const { report: next, kept } = await client.updateChanges(editor.value);
 *
 *   // Start the worker without waiting for it; requests made meanwhile wait for the profile.
 *   const early = AccordlintClient.start({ wasm: WebAssembly.compileStreaming(fetch(url)) });
 *   const first = early.update(draft);
 *   await early.ready;                 // rejects (and terminates the worker) if it cannot start
 *
 * Options of create() and start(): `profile` (default 'baseline'), `overlays` ([{name, text}]),
 * `workerUrl` (default: worker.js beside this file), or `worker`, one already started on
 * worker.js (a page can start it first thing), `wasm` (what wasm-bindgen's init takes:
 * a URL, bytes or a WebAssembly.Module, or a Promise of one, so that the page can fetch and
 * compile the module while the worker starts; default: accordlint_bg.wasm beside the worker).
 * The Word methods load a second, larger build (word/ beside the worker) on their first call
 * only: a page that never opens a .docx never downloads it.
 * Failures reject with an Error whose message comes from the checker (a refused overlay lists
 * `file:line:col: message` lines). Requests are answered in order. The text stays in the
 * browser: the worker makes no request but the one that loads the .wasm.
 */

export class AccordlintClient {
  #worker;
  #nextId = 1;
  #pending = new Map();
  /** Requests made before `init` was sent (start() only), sent right after it; else null. */
  #waiting = null;
  #terminated = false;
  /** The last report of updateChanges(), which the worker's next answer is relative to. */
  #live = null;

  constructor(worker) {
    this.#worker = worker;
    worker.onmessage = (event) => this.#settle(event.data);
    worker.onerror = (event) => this.#failAll(new Error(`accordlint worker failed: ${event.message ?? 'cannot start'}`));
  }

  /** Starts a worker, loads the wasm and compiles the profile. */
  static async create(options) {
    const client = AccordlintClient.start(options);
    await client.ready;
    return client;
  }

  /**
   * Starts a worker and returns at once; `client.ready` resolves to `client.info` once the
   * profile is compiled. Requests made before then are answered after it, in order.
   */
  static start({ profile = 'baseline', overlays = [], workerUrl, worker, wasm } = {}) {
    const client = new AccordlintClient(worker ?? new Worker(workerUrl ?? new URL('./worker.js', import.meta.url), { type: 'module' }));
    client.#waiting = [];
    const initialized = Promise.resolve(wasm).then((source) => client.#init({ profile, overlays, wasm: source instanceof URL ? source.href : source }));
    client.ready = initialized.catch((error) => {
      client.terminate();
      throw error;
    });
    return client;
  }

  /** Switches profile or overlays; the incremental session starts afresh. */
  setProfile(profile, overlays = []) {
    return this.#init({ profile, overlays });
  }

  async #init(params) {
    const answer = this.#call('init', params);
    this.#sendWaiting();
    this.info = await answer;
    // Answered after every updateChanges() sent before it: the worker starts afresh too.
    this.#live = null;
    return this.info;
  }

  check(text, options) {
    return this.#call('check', { text, options });
  }

  /** The report as the CLI's JSON string, byte for byte. */
  checkJson(text, options) {
    return this.#call('checkJson', { text, options });
  }

  /** Incremental check of the new text of the draft being edited. */
  update(text, options) {
    return this.#call('update', { text, options });
  }

  /**
   * Like update(), and says what did not change since the previous updateChanges(): resolves
   * to `{report, kept}`, where `kept` maps the id of each requirement that is as it was,
   * evidence offsets aside, to the previous report's requirement object. When the offsets did
   * not move either, the new report holds that very object. The worker sends only the
   * requirements that changed, so a keystroke's answer is small.
   */
  async updateChanges(text, options) {
    const answer = await this.#call('updateChanges', { text, options, base: this.#live?.seq ?? null });
    // A full answer (base null: the first, or one overtaken by another in flight) always
    // applies; a partial one is relative to the last answer, which both sides took in order.
    if (answer.base !== null && answer.base !== this.#live?.seq) throw new Error('accordlint worker: live report out of step');
    const { report, kept } = applyChanges(answer.report, answer.base === null ? null : this.#live.report);
    this.#live = { seq: answer.seq, report };
    return { report, kept };
  }

  validatePack(toml, name) {
    return this.#call('validatePack', { toml, name });
  }

  rules() {
    return this.#call('rules', {});
  }

  /** Turns an opened file's bytes into text; rejects when it is not text. */
  decode(bytes, name) {
    const copy = transferableCopy(bytes);
    return this.#call('decode', { bytes: copy, name }, [copy]);
  }

  /** Checks a .docx (bytes); the report has the Word sections (hidden text, revisions). */
  checkDocx(bytes, options) {
    const copy = transferableCopy(bytes);
    return this.#call('checkDocx', { bytes: copy, options }, [copy]);
  }

  /** Checks a .docx and resolves to `{report, bytes}`: `bytes` is the annotated copy. */
  annotateDocx(bytes, options) {
    const copy = transferableCopy(bytes);
    return this.#call('annotateDocx', { bytes: copy, options }, [copy]);
  }

  /** The text of a .docx as it is checked (tracked changes accepted, hidden text left out). */
  decodeDocx(bytes) {
    const copy = transferableCopy(bytes);
    return this.#call('decodeDocx', { bytes: copy }, [copy]);
  }

  /** Stops the worker; pending requests reject. */
  terminate() {
    this.#terminated = true;
    this.#worker.terminate();
    this.#failAll(new Error('accordlint worker terminated'));
    this.#sendWaiting();
  }

  #call(method, params, transfer = []) {
    return new Promise((resolve, reject) => {
      const send = () => {
        if (this.#terminated) {
          reject(new Error('accordlint worker terminated'));
          return;
        }
        const id = this.#nextId++;
        this.#pending.set(id, { resolve, reject });
        this.#worker.postMessage({ id, method, params }, transfer);
      };
      if (this.#waiting && method !== 'init') this.#waiting.push(send);
      else send();
    });
  }

  #sendWaiting() {
    const waiting = this.#waiting ?? [];
    this.#waiting = null;
    for (const send of waiting) send();
  }

  #settle({ id, ok, result, error }) {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    if (ok) {
      pending.resolve(result);
    } else {
      const failure = new Error(error.message);
      failure.name = error.name;
      pending.reject(failure);
    }
  }

  #failAll(error) {
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}

/**
 * The full report from the worker's answer and the previous report: a requirement sent as
 * `{id, same: true}` is the previous object, one sent as `{id, moved: [[start, end,
 * start_utf16, end_utf16], ...]}` the previous one with its evidence at those offsets.
 */
function applyChanges(sent, previous) {
  const before = new Map(previous?.requirements.map((requirement) => [requirement.id, requirement]));
  const kept = new Map();
  const requirements = sent.requirements.map((requirement) => {
    const old = before.get(requirement.id);
    if (requirement.same) {
      kept.set(requirement.id, old);
      return old;
    }
    if (requirement.moved) {
      kept.set(requirement.id, old);
      return { ...old, evidence: old.evidence.map((evidence, index) => withOffsets(evidence, requirement.moved[index])) };
    }
    return requirement;
  });
  return { report: { ...sent, requirements }, kept };
}

function withOffsets(evidence, [start, end, startUtf16, endUtf16]) {
  return { ...evidence, start, end, start_utf16: startUtf16, end_utf16: endUtf16 };
}

/** A copy of the caller's bytes that can be moved to the worker, leaving theirs intact. */
function transferableCopy(bytes) {
  return bytes instanceof ArrayBuffer ? bytes.slice(0) : new Uint8Array(bytes).buffer;
}
