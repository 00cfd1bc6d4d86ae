// Size of the .wasm, baseline pack included, after `gzip -9` (the gzip program itself: zlib at
// level 9 gives a figure about 2% larger). The budget is 300 KB and the module is not
// there yet: BENCHMARKS.md has the figure and where the bytes go. Until it is, this test is a
// ceiling just above today's size, so that no change makes it grow unnoticed; lower it with
// every saving, down to the budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { wasmPath } from './support/pkg.mjs';

const BUDGET_BYTES = 300 * 1000;
const CEILING_BYTES = 368 * 1000;

function gzipSize(path) {
  const run = spawnSync('gzip', ['-9', '-c', path], { maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, `gzip failed: ${run.stderr}`);
  return run.stdout.length;
}

test('pkg/accordlint_bg.wasm stays under its size ceiling', () => {
  const raw = statSync(wasmPath).size;
  const gzipped = gzipSize(wasmPath);
  console.log(`wasm size: ${raw} bytes raw, ${gzipped} bytes gzip -9 ` +
    `(${(gzipped / 1000).toFixed(1)} KB; budget ${BUDGET_BYTES / 1000} KB, ceiling ${CEILING_BYTES / 1000} KB)`);
  assert.ok(gzipped <= CEILING_BYTES, `${gzipped} bytes gzipped is over the ${CEILING_BYTES} byte ceiling`);
});
