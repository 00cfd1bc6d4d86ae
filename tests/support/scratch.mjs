// A scratch folder for a test run's files, removed when the process exits: test runs leave
// nothing behind in the system's temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty folder named `accordlint-<purpose>-XXXXXX`, gone after the run. */
export function scratchDirectory(purpose) {
  const directory = mkdtempSync(join(tmpdir(), `accordlint-${purpose}-`));
  process.on('exit', () => rmSync(directory, { recursive: true, force: true }));
  return directory;
}
