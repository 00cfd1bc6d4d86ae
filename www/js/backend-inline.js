// The checker run on the page's own thread, straight from the wasm-bindgen module. The
// single-file build (dist/accordlint.html, opened from file://) uses it: a worker there
// would need a blob: URL and a looser policy, while the incremental session keeps each
// keystroke's re-check to a few milliseconds, well within a frame.

import init, * as wasm from '../pkg/accordlint.js';
import initWord, * as word from '../pkg/word/accordlint.js';

/**
 * Starts the module with the baseline profile. `wasm` is the embedded .wasm's bytes (single
 * file); without it, wasm-bindgen fetches accordlint_bg.wasm beside the module. `wordWasm`,
 * a function giving the embedded Word build's bytes, is called when a .docx is first opened.
 */
export async function loadBackend({ wasm: bytes, wordWasm } = {}) {
  await init(bytes === undefined ? undefined : { module_or_path: bytes });
  const backend = wordWasm ? new InlineWordBackend(wordWasm) : new InlineBackend();
  await backend.configure('baseline', []);
  return backend;
}

/** The backend interface of engine.js, answered synchronously but returned as promises. */
class InlineBackend {
  constructor() {
    this.checker = null;
    this.session = null;
  }

  async describe() {
    // Packages that predate bundledOverlays() offer no bundled overlay.
    return { version: wasm.version(), profiles: wasm.Checker.profiles(), overlays: wasm.bundledOverlays?.() ?? [] };
  }

  async configure(profile, overlays) {
    const checker = new wasm.Checker(profile, overlays);
    this.session?.free();
    this.checker?.free();
    this.checker = checker;
    this.session = new wasm.Session(checker);
  }

  /** `{report, kept}` like the worker's; nothing is known kept (the page compares rows itself). */
  async update(text, options) {
    return { report: this.session.update(text, options), kept: new Map() };
  }

  async check(text, options) {
    return this.checker.check(text, options);
  }

  async checkJson(text, options) {
    return this.checker.checkJson(text, options);
  }

  async validatePack(text, name) {
    return wasm.validatePack(text, name);
  }

  async decode(bytes, name) {
    return wasm.decodeInput(bytes, name);
  }
}

/** With the Word build: decoded, started and given the profile only when a .docx is opened. */
class InlineWordBackend extends InlineBackend {
  constructor(wordWasm) {
    super();
    this.wordWasm = wordWasm;
    this.wordStarted = null;
    this.wordChecker = null;
  }

  async configure(profile, overlays) {
    await super.configure(profile, overlays);
    this.profileChoice = { profile, overlays };
    this.wordChecker?.free();
    this.wordChecker = null;
  }

  async checkDocx(bytes, options) {
    return (await this.startedWordChecker()).checkDocx(bytes, options);
  }

  async annotateDocx(bytes, options) {
    return (await this.startedWordChecker()).annotateDocx(bytes, options);
  }

  async decodeDocx(bytes) {
    await this.startWord();
    return word.decodeDocx(bytes);
  }

  startWord() {
    this.wordStarted ??= initWord({ module_or_path: this.wordWasm() });
    return this.wordStarted;
  }

  async startedWordChecker() {
    await this.startWord();
    this.wordChecker ??= new word.Checker(this.profileChoice.profile, this.profileChoice.overlays);
    return this.wordChecker;
  }
}
