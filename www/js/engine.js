// The page's view of the checker: one profile at a time, a live session for the draft being
// edited, one-off checks for comparisons and exports. The backend (worker or same thread)
// does the work; this module keeps the requests in order and drops stale live results.

import { loadBackend } from './backend.js';
import { measureSince } from './timing.js';

export class Engine {
  /**
   * Loads the checker with the baseline profile; `wasm` (bytes) and `wordWasm` (a function
   * giving the Word build's bytes) only in the single file.
   * `firstDraft`, a promise of the text the page will show first (the sample), is checked
   * as soon as the checker is ready; checkLive() then finds its report waiting.
   */
  static async start({ wasm, wordWasm, firstDraft } = {}) {
    const started = performance.now();
    const backend = await loadBackend({ wasm, wordWasm, firstDraft });
    const engine = new Engine(backend, await backend.describe());
    measureSince('accordlint:engine-start', started);
    return engine;
  }

  constructor(backend, info) {
    this.backend = backend;
    this.version = info.version;
    this.profiles = info.profiles;
    /** Bundled overlays: `[{id, title, name, text}]`, applied on the baseline like an opened file. */
    this.overlays = info.overlays;
    /** Word drafts need a Word build: the worker's, or the one embedded in the single file. */
    this.supportsWord = typeof backend.checkDocx === 'function';
    this.generation = 0;
  }

  /** What the profile chooser offers: the built-in profiles, then each bundled overlay. */
  choices() {
    return [
      ...this.profiles.map((id) => ({ value: id, label: id === 'baseline' ? 'Baseline (minimum standards)' : id })),
      ...this.overlays.map((overlay) => ({ value: `overlay:${overlay.id}`, label: `Baseline with ${overlay.title ?? overlay.id}` })),
    ];
  }

  /**
   * Compiles the chosen profile (a value of `choices()`) with an optional opened overlay
   * `{name, text}`. Returns `{ok: true}` or `{ok: false, errors: [{line, column, message}]}`;
   * the previous profile stays in force when this one is refused.
   */
  async configure(choice, opened) {
    if (opened) {
      const validation = await this.backend.validatePack(opened.text, opened.name);
      if (!validation.ok) return validation;
    }
    const bundled = this.overlays.find((overlay) => `overlay:${overlay.id}` === choice);
    const profile = bundled ? 'baseline' : choice;
    const packs = [bundled && { name: bundled.name ?? `${bundled.id}.toml`, text: bundled.text }, opened].filter(Boolean);
    try {
      await this.backend.configure(profile, packs);
      this.generation += 1;
      return { ok: true, errors: [] };
    } catch (error) {
      return { ok: false, errors: [{ line: null, column: null, message: messageOf(error) }] };
    }
  }

  /**
   * Re-checks the draft being edited through the incremental session: `{report, kept}`,
   * where `kept` maps the id of each requirement unchanged (evidence offsets aside) since
   * the previous live report to that report's requirement object; when nothing moved, the
   * new report holds that very object. Resolves to `null`
   * when a newer re-check was asked for meanwhile, so a slow answer never overwrites a
   * fresher one.
   */
  checkLive(text, categories) {
    return this.latest(() => this.backend.update(text, { categories }));
  }

  /** Checks an opened .docx (its bytes) like `checkLive`: `{report, kept}`, or `null` when overtaken. */
  checkDocx(bytes, categories) {
    return this.latest(async () => ({ report: await this.backend.checkDocx(bytes, { categories }), kept: new Map() }));
  }

  /** `{report, bytes}`: the .docx with one Word comment per finding. */
  annotateDocx(bytes, categories) {
    return this.backend.annotateDocx(bytes, { categories });
  }

  /** The text of a .docx as it is checked (changes accepted, hidden text left out). */
  decodeDocx(bytes) {
    return this.backend.decodeDocx(bytes);
  }

  /** Runs a re-check of the draft; its result, or `null` when a newer one was asked for meanwhile. */
  async latest(recheck) {
    this.generation += 1;
    const mine = this.generation;
    const result = await recheck();
    return mine === this.generation ? result : null;
  }

  /** Makes any live re-check still in flight come back as `null` (the draft was cleared). */
  cancelLive() {
    this.generation += 1;
  }

  /** A one-off check (comparisons): does not disturb the live session's cache. */
  check(text, categories) {
    return this.backend.check(text, { categories });
  }

  /** The CLI's JSON for `text`, byte for byte: the package serialises it, not the page. */
  json(text, categories) {
    return this.backend.checkJson(text, { categories });
  }

  async markdown(text, categories) {
    const report = await this.backend.check(text, { categories, formats: ['markdown'] });
    return report.rendered.markdown;
  }

  /** Turns an opened file's bytes into the text to check (.txt, .md, .html). */
  decode(bytes, name) {
    return this.backend.decode(bytes, name);
  }
}

export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
