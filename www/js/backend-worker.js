// The checker in the package's Web Worker (pkg/accordlint-client.js), so that checking never
// blocks typing. The served page uses it.

import { AccordlintClient } from '../pkg/accordlint-client.js';

/** Starts the worker with the baseline profile. */
export async function loadBackend() {
  return new WorkerBackend(await AccordlintClient.create({ profile: 'baseline' }));
}

/** The backend interface of engine.js, over the client's Promise API. */
class WorkerBackend {
  constructor(client) {
    this.client = client;
  }

  async describe() {
    const { info } = this.client;
    // Packages that predate the lists in init's answer offer the baseline only.
    return { version: info.version, profiles: info.profiles ?? [info.profile], overlays: info.overlays ?? [] };
  }

  async configure(profile, overlays) {
    await this.client.setProfile(profile, overlays);
  }

  update(text, options) {
    return this.client.update(text, options);
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
