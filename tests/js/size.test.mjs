// Size budget: the .wasm, baseline pack included, at most 300 KB gzipped (gzip -9).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { wasmPath } from './support/pkg.mjs';

const BUDGET_BYTES = 300 * 1000;

test('pkg/accordlint_bg.wasm fits the size budget', () => {
  const wasm = readFileSync(wasmPath);
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  console.log(`wasm size: ${wasm.length} bytes raw, ${gzipped} bytes gzip -9 ` +
    `(${(gzipped / 1000).toFixed(1)} KB of a ${BUDGET_BYTES / 1000} KB budget)`);
  assert.ok(gzipped <= BUDGET_BYTES, `${gzipped} bytes gzipped is over the ${BUDGET_BYTES} byte budget`);
});
