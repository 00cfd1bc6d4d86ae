// Word drafts in the page with the real package (pkg/ and pkg/word/ from `make pkg`): a .docx
// opened from the file picker shows the statuses the CLI gives the same file, its hidden text
// and tracked changes, and downloads an annotated copy with the findings as Word comments;
// an edit turns it into plain text. The Word build is fetched only when a .docx is opened.
// The single file (dist) reads Word drafts too, from file://, with the build embedded.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import { CLI, HAS_CLI, HAS_PACKAGE, PACKAGE, ROOT, corpusDocuments, openPage, recordedPage, screenshot, serverAndBrowser, shownResult, waitForResult } from './support.mjs';
import { buildDocx, hiddenRun, paragraph, paragraphsOf, run, trackedRun, zipEntryNames } from './docx.mjs';
import { scratchDirectory } from '../support/scratch.mjs';

const HIDDEN_TEXT = 'The Parties may also keep the data forever.';
const REVISION_AUTHOR = 'Counter-party';

let draftPath;

before(() => {
  assert.ok(HAS_PACKAGE, 'pkg/ is missing: build the package (make pkg)');
  assert.ok(existsSync(join(PACKAGE, 'word/accordlint_bg.wasm')), 'pkg/word/ is missing: build the package (make pkg)');
  assert.ok(HAS_CLI, `${CLI} is missing: build the CLI (make cli)`);
  draftPath = join(scratchDirectory('word'), 'weak-draft.docx');
  writeFileSync(draftPath, wordDraft());
});
const shared = serverAndBrowser();

/** A weak corpus draft in Word, with a hidden sentence and two tracked changes. */
function wordDraft() {
  const { text } = corpusDocuments().find(({ name }) => name.startsWith('weak-threat-intel'));
  return buildDocx([
    ...paragraphsOf(text),
    paragraph(run('Each Party shall notify the other of any breach. '), hiddenRun(HIDDEN_TEXT)),
    paragraph(
      run('Shared data '),
      trackedRun('del', 'shall be deleted after one year', REVISION_AUTHOR, 1),
      trackedRun('ins', 'may be retained as long as useful', REVISION_AUTHOR, 2),
      run('.'),
    ),
  ]);
}

/** `{verdict, statuses}` of the CLI's JSON report for the file. */
function cliResult(path) {
  const result = spawnSync(CLI, ['check', '--format', 'json', path], { encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, `accordlint check failed (${result.status}): ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  return { verdict: report.verdict, statuses: Object.fromEntries(report.requirements.map((requirement) => [requirement.id, requirement.status])) };
}

function newPage() {
  // Without the service worker, whose offline copy fetches every file (the Word build too) at once.
  return recordedPage(shared.browser, { acceptDownloads: true, serviceWorkers: 'block' });
}

describe('a Word draft in the page', () => {
  test('is checked as the CLI checks it, with its hidden text, tracked changes and an annotated copy', async () => {
    const { context, page, problems, requests } = await newPage();
    await openPage(page, shared.server.url);
    assert.equal(await page.isDisabled('[data-testid="export-docx"]'), true, 'nothing to annotate before a .docx is opened');
    assert.ok(!requests.some((url) => url.includes('/pkg/word/')), 'the Word build is not loaded before a .docx is opened');

    await page.setInputFiles('[data-testid="open-file"]', draftPath);
    await waitForResult(page);
    assert.deepEqual(await shownResult(page), cliResult(draftPath));
    assert.ok(requests.some((url) => url.endsWith('/pkg/word/accordlint_bg.wasm')), 'the Word build is loaded for a .docx');

    const draft = await page.inputValue('[data-testid="draft"]');
    assert.match(draft, /Shared data may be retained as long as useful\./, 'the text with the changes accepted');
    assert.ok(!draft.includes(HIDDEN_TEXT), 'hidden text is not part of the checked text');
    const hidden = await page.textContent('[data-testid="word-hidden-text"]');
    assert.ok(hidden.includes(HIDDEN_TEXT), hidden);
    const revisions = await page.textContent('[data-testid="word-revisions"]');
    assert.match(revisions, /Insertion/);
    assert.match(revisions, /Deletion/);
    assert.ok(revisions.includes(REVISION_AUTHOR), revisions);
    await screenshot(page, 'word-draft');

    assert.equal(await page.isDisabled('[data-testid="export-docx"]'), false);
    await page.focus('[data-testid="export-docx"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), 'weak-draft.annotated.docx');
    const annotated = readFileSync(await download.path());
    assert.ok(zipEntryNames(annotated).includes('word/comments.xml'), 'the annotated copy has Word comments');
    assert.ok(readFileSync(draftPath).equals(wordDraft()), 'the original is untouched');

    await page.focus('[data-testid="draft"]');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Edited.');
    await waitForResult(page);
    assert.equal(await page.isDisabled('[data-testid="export-docx"]'), true, 'an edited draft is no longer the .docx');
    assert.equal(await page.textContent('[data-testid="word-details"]'), '');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a .docx dropped on the draft is read as Word', async () => {
    const { context, page, problems } = await newPage();
    await openPage(page, shared.server.url);
    await page.evaluate((encoded) => {
      const bytes = Uint8Array.from(atob(encoded), (character) => character.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'dropped.docx'));
      const zone = document.querySelector('[data-drop-target="draft"]');
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, readFileSync(draftPath).toString('base64'));
    await waitForResult(page);
    assert.deepEqual(await shownResult(page), cliResult(draftPath));
    assert.equal(await page.textContent('#draft-name'), '(dropped.docx)');
    assert.equal(await page.isDisabled('[data-testid="export-docx"]'), false);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a file that is not a Word document gets a clear message', async () => {
    const { context, page } = await newPage();
    await openPage(page, shared.server.url);
    const broken = join(scratchDirectory('word'), 'broken.docx');
    writeFileSync(broken, 'PK\u0003\u0004 this is not a zip');
    await page.setInputFiles('[data-testid="open-file"]', broken);
    await page.waitForSelector('#engine-error:not([hidden])');
    assert.match(await page.textContent('#engine-error'), /broken\.docx could not be opened: \S/);
    await context.close();
  });

  test('the single file reads a .docx from file://, with no network at all', async () => {
    const output = join(scratchDirectory('dist'), 'accordlint.html');
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-dist.mjs'), output], { stdio: 'pipe' });
    const { context, page, problems, requests } = await newPage();
    const url = pathToFileURL(output).href;
    await openPage(page, url);
    await page.setInputFiles('[data-testid="open-file"]', draftPath);
    await waitForResult(page);
    assert.deepEqual(await shownResult(page), cliResult(draftPath));
    assert.ok((await page.textContent('[data-testid="word-hidden-text"]')).includes(HIDDEN_TEXT));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-docx"]')]);
    assert.equal(download.suggestedFilename(), 'weak-draft.annotated.docx');
    assert.deepEqual(requests.filter((request) => request !== url), [], 'the single file fetched something');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
