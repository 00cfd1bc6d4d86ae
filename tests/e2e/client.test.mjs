// The worker client's start-up and live protocol with the real package, as the page uses
// them: start() takes requests before the profile is ready and answers them after it;
// updateChanges() gives exactly the report a full check gives, edit after edit, while the
// worker sends only what changed (requirements kept from the previous answer are the very
// objects, or copies with their evidence moved by the edit).

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { HAS_PACKAGE, corpusDocuments, serverAndBrowser } from './support.mjs';

let page;

before(() => assert.ok(HAS_PACKAGE, 'pkg/ is missing: build the package (make pkg)'));
const shared = serverAndBrowser();

/** A draft of several corpus documents, long enough for edits far from most evidence. */
function longDraft() {
  return corpusDocuments()
    .slice(0, 4)
    .map(({ text }) => text)
    .join('\n\n');
}

describe('the worker client', () => {
  // Inside the suite: its hooks run once the file's server and browser are up.
  before(async () => {
    page = await shared.browser.newPage();
    await page.goto(`${shared.server.url}icons/icon.svg`);
    await page.evaluate(async () => {
      window.AccordlintClient = (await import('/pkg/accordlint-client.js')).AccordlintClient;
    });
  });

  test('start() answers requests made before the profile was ready, in order, after it', async () => {
    const outcome = await page.evaluate(async () => {
      const client = window.AccordlintClient.start({ wasm: WebAssembly.compileStreaming(fetch('/pkg/accordlint_bg.wasm')) });
      const order = [];
      const early = client.check('Each Party shall designate a point of contact.').then((report) => order.push('check') && report.verdict);
      const info = await client.ready.then((answer) => order.push('ready') && answer);
      const verdict = await early;
      client.terminate();
      return { order, verdict, version: info.version };
    });
    assert.deepEqual(outcome.order, ['ready', 'check']);
    assert.match(outcome.verdict, /^(pass|review|fail)$/);
    assert.ok(outcome.version.length > 0);
  });

  test('a start that fails rejects ready and every request waiting for it', async () => {
    const outcome = await page.evaluate(async () => {
      const client = window.AccordlintClient.start({ overlays: [{ name: 'bad.toml', text: '[pack\n' }] });
      const waiting = client.check('text').then(() => 'resolved', (error) => `rejected: ${error.message}`);
      const ready = await client.ready.then(() => 'resolved', (error) => `rejected: ${error.message}`);
      return { ready, waiting: await waiting };
    });
    assert.match(outcome.ready, /^rejected: .*bad\.toml:\d+:\d+/s);
    assert.match(outcome.waiting, /^rejected: /);
  });

  test('updateChanges gives the full report at every edit, keeping what did not change', async () => {
    const draft = longDraft();
    const middle = draft.indexOf('\n', Math.floor(draft.length / 2));
    const steps = [
      draft,
      `${draft.slice(0, middle)} The data shall be deleted after two years.${draft.slice(middle)}`,
      `${draft.slice(0, middle)} The data shall be deleted after two years. x${draft.slice(middle)}`,
      `Draft. ${draft.slice(0, middle)} The data shall be deleted after two years. x${draft.slice(middle)}`,
      draft.replace(/shall/g, 'may'),
    ];
    const results = await page.evaluate(async (texts) => {
      const client = await window.AccordlintClient.create();
      const reference = await window.AccordlintClient.create();
      const answers = [];
      let previous = null;
      for (const text of texts) {
        const { report, kept } = await client.updateChanges(text);
        const full = await reference.check(text);
        const byId = new Map(previous?.requirements.map((requirement) => [requirement.id, requirement]));
        answers.push({
          equal: JSON.stringify(report) === JSON.stringify(full),
          same: [...kept].filter(([id, old]) => report.requirements.find((requirement) => requirement.id === id) === old).length,
          moved: [...kept].filter(([id, old]) => report.requirements.find((requirement) => requirement.id === id) !== old).length,
          keptFromPrevious: [...kept].every(([id, old]) => byId.get(id) === old),
          shifts: [...kept]
            .map(([id, old]) => [old, report.requirements.find((requirement) => requirement.id === id)])
            .filter(([old, now]) => old !== now)
            .flatMap(([old, now]) => now.evidence.map((evidence, index) => evidence.start_utf16 - old.evidence[index].start_utf16)),
        });
        previous = report;
      }
      client.terminate();
      reference.terminate();
      return answers;
    }, steps);
    results.forEach((result, step) => assert.ok(result.equal, `step ${step}: the live report differs from a full check`));
    assert.equal(results[0].same + results[0].moved, 0, 'the first answer keeps nothing');
    assert.ok(results.every((result) => result.keptFromPrevious), 'kept requirements come from the previous answer');
    assert.ok(results[2].same > 0, 'typing one character keeps requirements as they were');
    assert.ok(results[3].moved > 0, 'an insertion at the start moves the evidence of kept requirements');
    assert.ok(results[3].shifts.every((shift) => shift === 0 || shift === 'Draft. '.length), `moved by the insertion: ${results[3].shifts}`);
  });

  test('two updates in flight both come back complete', async () => {
    const draft = longDraft();
    const equal = await page.evaluate(async (text) => {
      const client = await window.AccordlintClient.create();
      await client.updateChanges(text);
      const edits = [`${text} One.`, `${text} One. Two.`];
      const answers = await Promise.all(edits.map((edit) => client.updateChanges(edit)));
      const fulls = await Promise.all(edits.map((edit) => client.check(edit)));
      client.terminate();
      return answers.map(({ report }, index) => JSON.stringify(report) === JSON.stringify(fulls[index]));
    }, draft);
    assert.deepEqual(equal, [true, true]);
  });
});
