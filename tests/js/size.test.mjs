// Size of the .wasm, baseline pack included, after `gzip -9` (the gzip program itself: zlib at
// level 9 gives a figure about 2% larger), against the budget of 300 KB. BENCHMARKS.md
// has the figure and where the bytes go (`make size`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { wasmPath } from './support/pkg.mjs';

const BUDGET_BYTES = 300 * 1000;

function gzipSize(path) {
  const run = spawnSync('gzip', ['-9', '-c', path], { maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, `gzip failed: ${run.stderr}`);
  return run.stdout.length;
}

test('pkg/accordlint_bg.wasm is within the 300 KB gzip budget', () => {
  const raw = statSync(wasmPath).size;
  const gzipped = gzipSize(wasmPath);
  console.log(`wasm size: ${raw} bytes raw, ${gzipped} bytes gzip -9 ` +
    `(${(gzipped / 1000).toFixed(1)} KB; budget ${BUDGET_BYTES / 1000} KB)`);
  assert.ok(gzipped <= BUDGET_BYTES, `${gzipped} bytes gzipped is over the ${BUDGET_BYTES} byte budget`);
});
