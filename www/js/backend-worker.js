// The checker in the package's Web Worker (pkg/accordlint-client.js), so that checking never
// blocks typing. The served page uses it.

import { AccordlintClient } from '../pkg/accordlint-client.js';
import { compiledWasm, worker } from './boot.js';

/**
 * Starts the checker with the baseline profile, in the worker that boot.js started, with
 * the .wasm it compiled meanwhile. `firstDraft` (a promise of text, or undefined) is checked
 * as soon as the profile is ready, without a round trip through the page.
 */
export async function loadBackend({ firstDraft } = {}) {
  const client = AccordlintClient.start({ profile: 'baseline', worker, wasm: compiledWasm });
  const early = firstDraft?.then((text) => ({ text, categories: 'auto', answer: client.updateChanges(text, { categories: 'auto' }) }));
  // Whoever takes the early check handles its failure; one left untaken must not be "unhandled".
  early?.then(({ answer }) => answer).catch(() => {});
  await client.ready;
  return new WorkerBackend(client, early);
}

/** The backend interface of engine.js, over the client's Promise API. */
class WorkerBackend {
  constructor(client, early) {
    this.client = client;
    /** Promise of `{text, categories, answer}`: the first draft, checked during start-up. */
    this.early = early;
  }

  async describe() {
    const { info } = this.client;
    // Packages that predate the lists in init's answer offer the baseline only.
    return { version: info.version, profiles: info.profiles ?? [info.profile], overlays: info.overlays ?? [] };
  }

  async configure(profile, overlays) {
    this.early = undefined;
    await this.client.setProfile(profile, overlays);
  }

  /** `{report, kept}` (see the client's updateChanges). */
  async update(text, options) {
    const early = await this.takeEarly(text, options);
    return early ?? this.client.updateChanges(text, options);
  }

  /** The start-up check's answer when it was for this text and options; it is used once. */
  async takeEarly(text, options) {
    const early = this.early;
    this.early = undefined;
    const checked = await early?.catch(() => undefined);
    return checked?.text === text && checked.categories === options.categories ? checked.answer : null;
  }

  check(text, options) {
    return this.client.check(text, options);
  }

  checkJson(text, options) {
    return this.client.checkJson(text, options);
  }

  validatePack(text, name) {
    return this.client.validatePack(text, name);
  }

  decode(bytes, name) {
    return this.client.decode(bytes, name);
  }

  checkDocx(bytes, options) {
    return this.client.checkDocx(bytes, options);
  }

  annotateDocx(bytes, options) {
    return this.client.annotateDocx(bytes, options);
  }

  decodeDocx(bytes) {
    return this.client.decodeDocx(bytes);
  }
}
