// The page with the real package (pkg/, from `make pkg`) against the CLI: the same
// verdict and statuses for every corpus document, the same JSON on export, evidence that
// points at the right sentence; no request leaving the origin and none while checking; a
// working offline copy; and the single file (dist) checking a draft from file://.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import { CLI, HAS_CLI, HAS_PACKAGE, ROOT, cliJson, corpusDocuments, openPage, pasteDraft, recordedPage, sampleDraft, screenshot, serverAndBrowser, shownResult, waitForComparison, waitForResult } from './support.mjs';
import { scratchDirectory } from '../support/scratch.mjs';

before(() => {
  assert.ok(HAS_PACKAGE, 'pkg/ is missing: build the package (make pkg)');
  assert.ok(HAS_CLI, `${CLI} is missing: build the CLI (make cli)`);
});
const shared = serverAndBrowser();

function expectedResult(json) {
  const report = JSON.parse(json);
  return { verdict: report.verdict, statuses: Object.fromEntries(report.requirements.map((requirement) => [requirement.id, requirement.status])) };
}

describe('the page with the real checker', () => {
  test('shows the same verdict and statuses as the CLI for every corpus document', async () => {
    const { context, page, problems } = await recordedPage(shared.browser);
    await openPage(page, shared.server.url);
    const documents = corpusDocuments();
    assert.ok(documents.length >= 10, `the corpus has documents (${documents.length})`);
    for (const { name, text } of documents) {
      await pasteDraft(page, text);
      assert.deepEqual(await shownResult(page), expectedResult(cliJson(text)), name);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('compares two corpus drafts as the CLI reports them', async () => {
    const { context, page, problems } = await recordedPage(shared.browser);
    await openPage(page, shared.server.url);
    const byName = (prefix) => corpusDocuments().find(({ name }) => name.startsWith(prefix)).text;
    const [draftA, draftB] = [byName('strong-threat-intel'), byName('weak-threat-intel')];
    await pasteDraft(page, draftB);
    await screenshot(page, 'real-failing-draft');
    await page.click('[data-testid="tab-compare"]');
    await page.fill('[data-testid="draft-a"]', draftA);
    await page.fill('[data-testid="draft-b"]', draftB);
    await waitForComparison(page);
    const rows = await page.locator('[data-testid="compare-row"]').evaluateAll((elements) => Object.fromEntries(elements.map((row) => [row.dataset.id, [row.dataset.a, row.dataset.b]])));
    const [expectedA, expectedB] = [expectedResult(cliJson(draftA)).statuses, expectedResult(cliJson(draftB)).statuses];
    assert.deepEqual(rows, Object.fromEntries(Object.keys(expectedA).map((id) => [id, [expectedA[id], expectedB[id]]])));
    assert.ok((await page.locator('[data-testid="compare-row"][data-change="worse"]').count()) > 0, 'the weak draft is worse somewhere');
    await screenshot(page, 'real-compare-view');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('applies an opened overlay, and shows where a refused one is wrong', async () => {
    const { context, page, problems } = await recordedPage(shared.browser, { acceptDownloads: true });
    await openPage(page, shared.server.url);
    await pasteDraft(page, sampleDraft());
    const header = 'schema = "accordlint-pack/1"\n\n[pack]\nid = "strict"\nversion = "1"\ntitle = "Strict"\nextends = "baseline"\n';
    const lowering = `${header}\n[[requirements]]\nid = "retention.limit"\nlevel = "should"\n`;
    await page.setInputFiles('[data-testid="open-overlay"]', { name: 'strict.toml', mimeType: 'text/plain', buffer: Buffer.from(lowering) });
    const error = page.locator('[data-testid="overlay-error"]').first();
    await error.waitFor();
    assert.match(await error.textContent(), /strict\.toml:11:9: .*must to should/);
    await page.setInputFiles('[data-testid="open-overlay"]', { name: 'strict.toml', mimeType: 'text/plain', buffer: Buffer.from(header) });
    await page.waitForSelector('#overlay-errors', { state: 'hidden' });
    await waitForResult(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(exported.profile.overlays, [{ id: 'strict', version: '1' }]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('points out invisible characters and shows where they stand', async () => {
    const { context, page } = await recordedPage(shared.browser);
    await openPage(page, shared.server.url);
    const text = 'The Parties shall delete\u200b the data after two years.\n';
    await pasteDraft(page, text);
    const notice = page.locator('[data-testid="hidden-characters"]');
    assert.match(await notice.textContent(), /1 invisible character.*U\+200B ZERO WIDTH SPACE in Para 1/s);
    const selection = () => page.evaluate(() => [document.querySelector('[data-testid="draft"]').selectionStart, document.querySelector('[data-testid="draft"]').selectionEnd]);
    await notice.locator('button').click();
    assert.deepEqual(await selection(), [text.indexOf('\u200b'), text.indexOf('\u200b') + 1]);
    // Typed before it: the notice is kept as it was, and its button follows the character.
    await notice.locator('button').evaluate((button) => {
      button.kept = true;
    });
    await page.locator('[data-testid="draft"]').evaluate((draft) => draft.setSelectionRange(0, 0));
    await page.locator('[data-testid="draft"]').pressSequentially('Now. ', { delay: 5 });
    await waitForResult(page);
    assert.equal(await notice.locator('button').evaluate((button) => button.kept === true), true);
    await notice.locator('button').click();
    assert.deepEqual(await selection(), [text.indexOf('\u200b') + 'Now. '.length, text.indexOf('\u200b') + 'Now. '.length + 1]);
    await context.close();
  });

  test('exports exactly the CLI JSON', async () => {
    const { context, page } = await recordedPage(shared.browser, { acceptDownloads: true });
    await openPage(page, shared.server.url);
    const text = corpusDocuments().find(({ name }) => name.startsWith('weak-threat-intel')).text;
    await pasteDraft(page, text);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
    assert.equal(readFileSync(await download.path(), 'utf8'), cliJson(text));
    await context.close();
  });

  test('clicking evidence selects the sentence the report cites', async () => {
    const { context, page } = await recordedPage(shared.browser);
    await openPage(page, shared.server.url);
    const text = corpusDocuments().find(({ name }) => name.startsWith('weak-threat-intel')).text;
    await pasteDraft(page, text);
    const report = JSON.parse(cliJson(text));
    const cited = report.requirements.filter((requirement) => requirement.evidence.length > 0);
    assert.ok(cited.length > 0);
    for (const requirement of cited.slice(-3)) {
      const evidence = requirement.evidence.at(-1);
      await page.locator(`[data-testid="requirement"][data-id="${requirement.id}"] [data-testid="evidence"]`).last().click();
      const state = await page.evaluate(() => {
        const draft = document.querySelector('[data-testid="draft"]');
        return { start: draft.selectionStart, end: draft.selectionEnd, highlighted: document.querySelector('#draft-mirror .is-focus')?.textContent };
      });
      assert.deepEqual([state.start, state.end], [evidence.start_utf16, evidence.end_utf16], requirement.id);
      assert.equal(state.highlighted, text.slice(evidence.start_utf16, evidence.end_utf16), requirement.id);
    }
    await context.close();
  });

  test('makes no request outside its origin, and none at all while checking', async () => {
    const { context, page, requests } = await recordedPage(shared.browser);
    await openPage(page, shared.server.url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const origin = new URL(shared.server.url).origin;
    assert.deepEqual(requests.filter((url) => new URL(url).origin !== origin), []);
    const afterLoad = requests.length;
    await pasteDraft(page, sampleDraft());
    await page.locator('[data-testid="draft"]').press('End');
    await page.locator('[data-testid="draft"]').pressSequentially(' The data shall be deleted after two years.', { delay: 10 });
    await waitForResult(page);
    await page.click('[data-testid="tab-compare"]');
    await page.fill('[data-testid="draft-b"]', 'The Parties may share any information.');
    await waitForComparison(page);
    assert.deepEqual(requests.slice(afterLoad), [], 'checking made requests');
    await context.close();
  });

  test('works offline after one visit', async () => {
    const { context, page } = await recordedPage(shared.browser);
    await openPage(page, shared.server.url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    await openPage(page, shared.server.url);
    await pasteDraft(page, sampleDraft());
    assert.deepEqual(await shownResult(page), expectedResult(cliJson(sampleDraft())));
    await context.close();
  });

  test('the service worker stores every file the page uses', async () => {
    const { context, page, requests } = await recordedPage(shared.browser);
    await openPage(page, shared.server.url);
    await page.click('[data-testid="try-sample"]');
    await waitForResult(page);
    const stored = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const names = await caches.keys();
      const cache = await caches.open(names.find((name) => name.startsWith('accordlint-page-')));
      return (await cache.keys()).map((request) => request.url);
    });
    const used = new Set(requests.filter((url) => !url.endsWith('/sw.js')));
    for (const url of used) assert.ok(stored.includes(url), `${url} is not in the offline copy`);
    await context.close();
  });

  test('the single file checks a draft from file:// with no network at all', async () => {
    const output = join(scratchDirectory('dist'), 'accordlint.html');
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-dist.mjs'), output], { stdio: 'pipe' });
    const { context, page, requests, problems } = await recordedPage(shared.browser);
    const url = pathToFileURL(output).href;
    await openPage(page, url);
    await page.click('[data-testid="try-sample"]');
    await waitForResult(page);
    assert.deepEqual(await shownResult(page), expectedResult(cliJson(sampleDraft())));
    await pasteDraft(page, corpusDocuments()[0].text);
    assert.deepEqual(await shownResult(page), expectedResult(cliJson(corpusDocuments()[0].text)));
    assert.deepEqual(requests.filter((request) => request !== url), [], 'the single file fetched something');
    assert.deepEqual(problems, []);
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(policy, /connect-src 'none'/);
    assert.match(policy, /default-src 'none'/);
    await context.close();
  });
});
