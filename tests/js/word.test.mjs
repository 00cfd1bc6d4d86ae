// The Word build (pkg/word/, `make pkg`) against the CLI: for corpus documents turned into
// .docx files, checkDocxJson equals `accordlint check FILE.docx --format json` byte for byte;
// annotateDocx gives the same report and a copy with Word comments; bad input throws an Error
// with a message. The main build has no Word functions (it stays small).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDocuments } from './corpus.mjs';
import { cliPath, loadPkg, pkgDir } from './support/pkg.mjs';
import { buildDocx, hiddenRun, paragraph, paragraphsOf, run, trackedRun, zipEntryNames } from '../e2e/docx.mjs';
import { scratchDirectory } from '../support/scratch.mjs';

const word = await import(join(pkgDir, 'word', 'accordlint.js'));
await word.default({ module_or_path: readFileSync(join(pkgDir, 'word', 'accordlint_bg.wasm')) });
const checker = new word.Checker('baseline');
const directory = scratchDirectory('word');

/** `accordlint check FILE.docx --format json`, on the bytes written to a file. */
function cliDocxJson(bytes, name) {
  const path = join(directory, name);
  writeFileSync(path, bytes);
  const result = spawnSync(cliPath, ['check', '--format', 'json', path], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(result.status === 0 || result.status === 1, `accordlint check exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

for (const document of corpusDocuments().slice(0, 4)) {
  test(`${document.name} as .docx: checkDocxJson equals the CLI's`, () => {
    const bytes = buildDocx(paragraphsOf(document.text));
    assert.equal(checker.checkDocxJson(bytes), cliDocxJson(bytes, `${document.name}.docx`));
  });
}

test('hidden text and tracked changes: the report object is the CLI JSON, with the Word sections', () => {
  const bytes = buildDocx([
    paragraph(run('Each Party shall notify the other of any breach. '), hiddenRun('Secret words.')),
    paragraph(run('Shared data '), trackedRun('del', 'shall be deleted after one year', 'B', 1), trackedRun('ins', 'may be kept', 'B', 2), run('.')),
  ]);
  const report = checker.checkDocx(bytes);
  assert.deepEqual(report, JSON.parse(cliDocxJson(bytes, 'changes.docx')));
  assert.deepEqual(report.document.hidden_text.map((hidden) => hidden.text), ['Secret words.']);
  assert.deepEqual(report.document.revisions.map((revision) => [revision.kind, revision.author]), [['deletion', 'B'], ['insertion', 'B']]);
  assert.equal(word.decodeDocx(bytes).includes('Secret words.'), false);
  assert.match(word.decodeDocx(bytes), /Shared data may be kept\./);
});

test('annotateDocx: the same report, and a copy with comments that the original lacks', () => {
  const weak = corpusDocuments().find(({ name }) => name.startsWith('weak-threat-intel'));
  const bytes = buildDocx(paragraphsOf(weak.text));
  const { report, bytes: annotated } = checker.annotateDocx(bytes);
  assert.deepEqual(report, checker.checkDocx(bytes));
  assert.ok(annotated instanceof Uint8Array);
  assert.ok(!zipEntryNames(bytes).includes('word/comments.xml'));
  assert.ok(zipEntryNames(annotated).includes('word/comments.xml'));
  const reread = checker.checkDocx(annotated);
  const statuses = (checked) => checked.requirements.map((requirement) => [requirement.id, requirement.status]);
  assert.deepEqual(statuses(reread), statuses(report), 'comments are not checked text');
  assert.ok(reread.document.hidden_text.some((hidden) => hidden.kind === 'comment'), 'the comments are listed as text a reader does not see');
});

test('bad input throws an Error with a message, and the checker keeps working', () => {
  assert.throws(() => checker.checkDocx(new TextEncoder().encode('PK\u0003\u0004 not a zip')), (error) => error instanceof Error && error.message.length > 0);
  assert.throws(() => checker.annotateDocx('not bytes'), /the \.docx bytes must be a Uint8Array or an ArrayBuffer, not string/);
  assert.throws(() => word.decodeDocx(new Uint8Array([1, 2, 3])), Error);
  assert.throws(() => checker.checkDocx(buildDocx([paragraph(run('x'))]), { categoies: 'auto' }), /invalid check options/);
  assert.equal(typeof checker.checkDocx(buildDocx([paragraph(run('The Parties shall cooperate.'))])).verdict, 'string');
});

test('the main build has no Word functions', async () => {
  const core = await loadPkg();
  assert.equal(core.Checker.prototype.checkDocx, undefined);
  assert.equal(core.decodeDocx, undefined);
});
