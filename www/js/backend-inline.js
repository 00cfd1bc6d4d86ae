// The checker run on the page's own thread, straight from the wasm-bindgen module. The
// single-file build (dist/accordlint.html, opened from file://) uses it: a worker there
// would need a blob: URL and a looser policy, while the incremental session keeps each
// keystroke's re-check to a few milliseconds, well within a frame.

import init, * as wasm from '../pkg/accordlint.js';

/**
 * Starts the module with the baseline profile. `wasm` is the embedded .wasm's bytes (single
 * file); without it, wasm-bindgen fetches accordlint_bg.wasm beside the module.
 */
export async function loadBackend({ wasm } = {}) {
  await init(wasm === undefined ? undefined : { module_or_path: wasm });
  const backend = new InlineBackend();
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
