// A session in JS: after every edit its report equals a fresh check (same keys, same order),
// and the requirements an edit left alone are the very objects of the previous report,
// frozen, so that an editor receives only what changed.
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
        assert.ok(Object.isFrozen(requirement) && Object.isFrozen(requirement.trace), `edit ${index}: ${requirement.id} is frozen`);
        const before = previous.requirements[position];
        const unchanged = JSON.stringify(before) === JSON.stringify(requirement);
        assert.equal(before === requirement, unchanged, `edit ${index}: ${requirement.id} is reused exactly when unchanged`);
      }
      previous = report;
    }
    session.free();
  });
}
