// Adds the worker and its client to the package.json that wasm-pack wrote, so that they ship
// with the package (`files`) and can be imported by path (`exports`).
//   node scripts/pkg-manifest.mjs pkg/package.json worker.js accordlint-client.js ...
import { readFileSync, writeFileSync } from 'node:fs';

const [manifestPath, ...extraFiles] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

manifest.files = [...new Set([...(manifest.files ?? []), ...extraFiles])];
manifest.exports = {
  '.': { types: `./${manifest.types}`, default: `./${manifest.module ?? manifest.main}` },
  './worker.js': './worker.js',
  './client': { types: './accordlint-client.d.ts', default: './accordlint-client.js' },
  './accordlint_bg.wasm': './accordlint_bg.wasm',
};
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
