// The worker and its client in headless Chromium: the Promise API answers like the package
// does in Node.js, errors reject as Errors, the main thread keeps running while a large draft
// is checked, and no request leaves for anything but the package's own files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { corpusDocuments, repoRoot } from './corpus.mjs';
import { loadPkg, pkgDir } from './support/pkg.mjs';
import { serve } from './support/static-server.mjs';
import { launchChromium } from './support/browser.mjs';

const documents = corpusDocuments();
const wasm = await loadPkg();
const nodeChecker = new wasm.Checker('baseline');

let server;
let browser;
let page;
const requests = [];

before(async () => {
  server = await serve({ '/pkg/': pkgDir, '/': join(repoRoot, 'tests', 'js', 'pages') });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${server.url}blank.html`);
  await page.evaluate(async () => {
    const { AccordlintClient } = await import('/pkg/accordlint-client.js');
    window.AccordlintClient = AccordlintClient;
    window.client = await AccordlintClient.create({ profile: 'baseline' });
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('check in the worker gives the JSON that the package gives in Node.js', async () => {
  for (const { name, text } of documents.slice(0, 4)) {
    const fromWorker = await page.evaluate((draft) => window.client.checkJson(draft), text);
    assert.equal(fromWorker, nodeChecker.checkJson(text), name);
    const report = await page.evaluate((draft) => window.client.check(draft, { formats: ['markdown'] }), text);
    assert.equal(report.verdict, JSON.parse(fromWorker).verdict, name);
    assert.ok(report.rendered.markdown.length > 0, name);
  }
});

test('session updates in the worker equal full checks', async () => {
  const { text } = documents[0];
  const edited = text.replace(/shall/, 'should');
  const [first, second, reference] = await page.evaluate(async ([a, b]) => [
    await window.client.update(a),
    await window.client.update(b),
    await window.client.check(b),
  ], [text, edited]);
  assert.deepEqual(first, nodeChecker.check(text));
  assert.deepEqual(second, reference);
});

test('failures reject with Errors carrying the checker\'s message', async () => {
  const outcome = await page.evaluate(async () => {
    const messages = [];
    for (const call of [
      () => window.AccordlintClient.create({ overlays: [{ name: 'bad.toml', text: '[pack\n' }] }),
      () => window.client.decode(new Uint8Array([0, 159, 146, 150, 0, 255]), 'scan.txt'),
      () => window.client.check('text', { categores: 'auto' }),
    ]) {
      try {
        await call();
        messages.push('resolved');
      } catch (error) {
        messages.push(`${error instanceof Error}: ${error.message}`);
      }
    }
    return messages;
  });
  assert.match(outcome[0], /^true: .*bad\.toml:\d+:\d+/s);
  assert.match(outcome[1], /^true: .*scan\.txt/s);
  assert.match(outcome[2], /^true: .*categores/s);
});

test('validatePack and rules answer through the worker', async () => {
  const [validation, rules] = await page.evaluate(async () => [
    await window.client.validatePack('schema = 1', 'x.toml'),
    await window.client.rules(),
  ]);
  assert.equal(validation.ok, false);
  assert.ok(validation.errors.length > 0);
  assert.deepEqual(rules, nodeChecker.rules());
});

test('the page keeps running while the worker checks a large draft', async () => {
  const large = documents.map((document) => document.text).join('\n\n').repeat(4);
  const ticks = await page.evaluate(async (draft) => {
    let count = 0;
    const timer = setInterval(() => { count += 1; }, 1);
    await window.client.check(draft);
    clearInterval(timer);
    return count;
  }, large);
  assert.ok(ticks > 0, 'the main thread was blocked for the whole check');
});

test('no request leaves for anything but the page and the package', () => {
  assert.ok(requests.length > 0);
  for (const url of requests) {
    assert.ok(url.startsWith(server.url), `request to ${url}`);
  }
  assert.ok(requests.some((url) => url.endsWith('/pkg/accordlint_bg.wasm')), 'the .wasm was fetched');
});
