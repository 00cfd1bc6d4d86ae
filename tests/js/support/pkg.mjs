// Loads the package built by `make pkg` (wasm-pack --target web) into Node.js, and runs the
// CLI built by `make cli`, so tests can compare the two.
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../corpus.mjs';

export const pkgDir = join(repoRoot, 'pkg');
export const wasmPath = join(pkgDir, 'accordlint_bg.wasm');
export const cliPath = join(repoRoot, 'target', 'fast', 'accordlint');

/** The package's exports, with the module instantiated from the built .wasm. */
export async function loadPkg() {
  if (!existsSync(wasmPath)) throw new Error('pkg/ is not built: run `make pkg`');
  const wasm = await import(join(pkgDir, 'accordlint.js'));
  await wasm.default({ module_or_path: readFileSync(wasmPath) });
  return wasm;
}

/** `accordlint check --format json -` on the text; the JSON it prints. */
export function cliJson(text, extraArgs = []) {
  if (!existsSync(cliPath)) throw new Error('the CLI is not built: run `make cli`');
  const run = spawnSync(cliPath, ['check', '--format', 'json', ...extraArgs, '-'], {
    input: text,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  // 0 = pass, 1 = review or fail; anything else is an error.
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`accordlint check exited ${run.status}: ${run.stderr}`);
  }
  return run.stdout;
}
