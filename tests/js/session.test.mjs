// A session in JS: after every edit its report equals a fresh check (same keys, same order),
// and the requirements an edit left alone are the very objects of the previous report,
// frozen, so that an editor receives only what changed (requirements whose evidence only
// moved are frozen copies with the new offsets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusDocuments } from './corpus.mjs';
import { loadPkg } from './support/pkg.mjs';

const wasm = await loadPkg();
const checker = new wasm.Checker('baseline');

/** Edits an editor makes: a word typed, a hedge added, a retention limit lengthened. */
const EDITS = [
  (text) => text.replace('shall', 'shall promptly'),
  (text) => text.replace('shall', 'should'),
  (text) => text.replace(/\n\n/, '\n\nArticle 99 - Retention\n\nPersonal data shall be retained indefinitely.\n\n'),
  (text) => text.slice(0, Math.floor(text.length / 2)),
];

for (const document of corpusDocuments().slice(0, 4)) {
  test(`${document.name}: every update equals a fresh check and reuses what did not change`, () => {
    const session = new wasm.Session(checker);
    let previous = session.update(document.text);
    let text = document.text;
    for (const [index, edit] of EDITS.entries()) {
      text = edit(text);
      const report = session.update(text);
      assert.equal(JSON.stringify(report), JSON.stringify(checker.check(text)), `edit ${index}`);
      for (const [position, requirement] of report.requirements.entries()) {
        const parts = [requirement, requirement.trace, requirement.evidence, ...requirement.evidence];
        assert.ok(parts.every(Object.isFrozen), `edit ${index}: ${requirement.id} is frozen`);
        const before = previous.requirements[position];
        const unchanged = JSON.stringify(before) === JSON.stringify(requirement);
        assert.equal(before === requirement, unchanged, `edit ${index}: ${requirement.id} is reused exactly when unchanged`);
      }
      previous = report;
    }
    session.free();
  });
}

test('text reaches the checker intact: accents, emoji, a lone surrogate', () => {
  const text = 'Article 1\n\nLes données 😀 shall be deleted after two years \uD800 «café».\n';
  const report = checker.check(text);
  const evidence = report.requirements.flatMap((r) => r.evidence).find((e) => e.text.includes('données'));
  assert.ok(evidence, 'the sentence is evidence');
  assert.equal(text.slice(evidence.start_utf16, evidence.end_utf16), evidence.text.replace('\uFFFD', '\uD800'));
  const asUtf8 = text.slice(0, evidence.end_utf16).replace('\uD800', '\uFFFD');
  assert.equal(evidence.end, Buffer.byteLength(asUtf8), 'UTF-8 offsets count the lone surrogate as U+FFFD');
});
