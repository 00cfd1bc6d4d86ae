// The checker run on the page's own thread, straight from the wasm-bindgen module. The
// single-file build (dist/accordlint.html, opened from file://) uses it: a worker there
// would need a blob: URL and a looser policy, while the incremental session keeps each
// keystroke's re-check to a few milliseconds, well within a frame.

import init, { Checker, Session, validatePack, decodeInput, version } from '../pkg/accordlint.js';

/**
 * Starts the module. `wasm` is what wasm-bindgen's init accepts: bytes (the single file
 * embeds them) or nothing (fetch `accordlint_bg.wasm` beside the module).
 */
export async function loadBackend(wasm) {
  await init(wasm === undefined ? undefined : { module_or_path: wasm });
  return new InlineBackend();
}

/** The backend interface of engine.js, answered synchronously but returned as promises. */
class InlineBackend {
  constructor() {
    this.checker = null;
    this.session = null;
  }

  async describe() {
    return { version: version(), profiles: Checker.profiles() };
  }

  async configure(profile, overlays) {
    const checker = new Checker(profile, overlays);
    this.session?.free();
    this.checker?.free();
    this.checker = checker;
    this.session = new Session(checker);
  }

  async update(text, options) {
    return this.session.update(text, options);
  }

  async check(text, options) {
    return this.checker.check(text, options);
  }

  async validatePack(text, name) {
    return validatePack(text, name);
  }

  async decode(bytes, name) {
    return decodeInput(bytes, name);
  }
}
