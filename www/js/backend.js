// Which backend the served page uses. The single-file build swaps this module for
// backend-inline.js (see scripts/build-dist.mjs).
export { loadBackend } from './backend-worker.js';
