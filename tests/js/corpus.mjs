// The labelled corpus (../shared/corpus beside the repository, or $CORPUS) and the one rule
// for reading it: a real instrument starts with a header (TITLE:, SOURCE:, ...) closed by a
// line made only of '=' signs, and the text to check is everything after that line. Drafts
// have no header. Shared by the JS and end-to-end tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const corpusDir = resolve(repoRoot, process.env.CORPUS ?? '../shared/corpus');

/** The text to check: everything after the first line made only of '=' signs, if any. */
export function stripHeader(text) {
  const match = /^=+\r?$/m.exec(text);
  if (!match) return text;
  const lineEnd = text.indexOf('\n', match.index);
  return lineEnd === -1 ? '' : text.slice(lineEnd + 1);
}

/** Every corpus document: {name, path, text (header stripped), labels}. */
export function corpusDocuments() {
  return readdirSync(corpusDir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const path = join(corpusDir, file);
      const labelsPath = path.replace(/\.txt$/, '.labels.json');
      return {
        name: file.replace(/\.txt$/, ''),
        path,
        text: stripHeader(readFileSync(path, 'utf8')),
        labels: JSON.parse(readFileSync(labelsPath, 'utf8')),
      };
    });
}
