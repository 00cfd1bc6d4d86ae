// Determinism across targets: for every corpus document the wasm build's JSON equals the
// native CLI's, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusDocuments } from './corpus.mjs';
import { loadPkg, cliJson } from './support/pkg.mjs';

const wasm = await loadPkg();
const checker = new wasm.Checker('baseline');
const documents = corpusDocuments();

test('the corpus is there', () => {
  assert.ok(documents.length >= 10, `${documents.length} corpus documents`);
});

for (const document of documents) {
  test(`${document.name}: wasm JSON equals the CLI's`, () => {
    const fromWasm = checker.checkJson(document.text);
    const fromCli = cliJson(document.text);
    assert.equal(fromWasm, fromCli);
  });
}

test('selected categories: wasm and CLI agree', () => {
  const { text } = documents[0];
  const fromWasm = checker.checkJson(text, { categories: ['joint-investigation', 'threat-intel'] });
  const fromCli = cliJson(text, ['--category', 'joint-investigation', '--category', 'threat-intel']);
  assert.equal(fromWasm, fromCli);
});

test('the report object is the parsed JSON', () => {
  const { text } = documents[0];
  assert.deepEqual(checker.check(text), JSON.parse(checker.checkJson(text)));
});
