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
 * Options of create(): `profile` (default 'baseline'), `overlays` ([{name, text}]),
 * `workerUrl` (default: worker.js beside this file), `wasm` (what wasm-bindgen's init takes:
 * a URL, bytes or a WebAssembly.Module; default: accordlint_bg.wasm beside the worker).
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

  constructor(worker) {
    this.#worker = worker;
    worker.onmessage = (event) => this.#settle(event.data);
    worker.onerror = (event) => this.#failAll(new Error(`accordlint worker failed: ${event.message ?? 'cannot start'}`));
  }

  /** Starts a worker, loads the wasm and compiles the profile. */
  static async create({ profile = 'baseline', overlays = [], workerUrl, wasm } = {}) {
    const url = workerUrl ?? new URL('./worker.js', import.meta.url);
    const client = new AccordlintClient(new Worker(url, { type: 'module' }));
    try {
      client.info = await client.#call('init', { profile, overlays, wasm: wasm instanceof URL ? wasm.href : wasm });
    } catch (error) {
      client.terminate();
      throw error;
    }
    return client;
  }

  /** Switches profile or overlays; the incremental session starts afresh. */
  async setProfile(profile, overlays = []) {
    this.info = await this.#call('init', { profile, overlays });
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
    this.#worker.terminate();
    this.#failAll(new Error('accordlint worker terminated'));
  }

  #call(method, params, transfer = []) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, method, params }, transfer);
    });
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

/** A copy of the caller's bytes that can be moved to the worker, leaving theirs intact. */
function transferableCopy(bytes) {
  return bytes instanceof ArrayBuffer ? bytes.slice(0) : new Uint8Array(bytes).buffer;
}
