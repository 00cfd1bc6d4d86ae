// The page's behaviour, independent of the engine: the wasm-bindgen module is replaced by a
// small keyword-based fake (fixtures/fake-accordlint.js) so these tests pin the UI down
// (rendering, evidence, filters, live re-check, comparison, storage, overlays, exports,
// keyboard, accessibility) even while the rules change. engine.test.mjs checks the real
// package against the CLI.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { openPage, pasteDraft, recordedPage, sampleDraft, screenshot, serverAndBrowser, shownResult, useFakePackage, waitForComparison, waitForResult } from './support.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

const shared = serverAndBrowser();

/** A fresh page on the fake package, with console errors and CSP violations collected. */
async function freshPage(options = {}) {
  const { context, page, problems } = await recordedPage(shared.browser, options);
  await useFakePackage(context);
  await openPage(page, shared.server.url);
  return { page, context, problems };
}

/** Dark pixels (text) in a PNG, counted by a blank page's canvas. */
async function countDarkPixels(context, png) {
  const blank = await context.newPage();
  const count = await blank.evaluate(async (dataUrl) => {
    const image = new Image();
    image.src = dataUrl;
    await image.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
    const drawing = canvas.getContext('2d');
    drawing.drawImage(image, 0, 0);
    const { data } = drawing.getImageData(0, 0, image.width, image.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 240) dark += 1;
    return dark;
  }, `data:image/png;base64,${png.toString('base64')}`);
  await blank.close();
  return count;
}

async function axeViolations(page) {
  await page.evaluate(AXE);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('the page', () => {
  test('starts empty, says the text stays on the device, and loads without errors', async () => {
    const { page, context, problems } = await freshPage();
    assert.match(await page.textContent('#privacy-note'), /never leaves this device/);
    assert.equal(await page.getAttribute('[data-testid="verdict"]', 'data-verdict'), '');
    assert.match(await page.textContent('[data-testid="verdict"]'), /Paste a draft or try the sample/);
    assert.equal(await page.isHidden('#filters'), true);
    assert.equal(await page.locator('[data-testid="requirement"]').count(), 0);
    assert.equal(await page.isDisabled('[data-testid="export-json"]'), true);
    await screenshot(page, 'empty-page');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('checks the sample draft and shows every requirement with status, level and evidence', async () => {
    const { page, context, problems } = await freshPage();
    await page.click('[data-testid="try-sample"]');
    await waitForResult(page);
    const shown = await shownResult(page);
    assert.equal(shown.verdict, 'fail');
    assert.equal(shown.statuses['retention.limit'], 'violated');
    assert.equal(shown.statuses['scope.parties-roles'], 'met');
    const row = page.locator('[data-testid="requirement"][data-id="retention.limit"]');
    assert.match(await row.locator('.requirement-head .status-badge').textContent(), /Violated/);
    assert.equal(await row.locator('.requirement-head .status-badge svg').count(), 1, 'a status has an icon, not colour alone');
    assert.match(await row.locator('.level').textContent(), /must/);
    assert.match(await row.locator('.suggestion-text').textContent(), /The Parties shall/);
    assert.equal(await page.locator('.principle > h3', { hasText: 'Retention' }).count(), 1);
    assert.match(await page.textContent('#detected-categories'), /threat-intel detected from/);
    // Folded traces are filled in idle time, so that the browser's search finds their text.
    await page.waitForFunction(() => [...document.querySelectorAll('details.trace')].every((details) => details.querySelector('ol')));
    assert.ok((await row.locator('details.trace li').count()) > 0);
    await screenshot(page, 'failing-draft');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('clicking evidence selects and highlights its sentence in the draft', async () => {
    const { page, context } = await freshPage();
    const text = sampleDraft();
    await pasteDraft(page, text);
    const evidence = page.locator('[data-testid="requirement"][data-id="transfer.onward"] [data-testid="evidence"]').first();
    const [start, end] = [Number(await evidence.getAttribute('data-start')), Number(await evidence.getAttribute('data-end'))];
    await evidence.click();
    const state = await page.evaluate(() => {
      const draft = document.querySelector('[data-testid="draft"]');
      return {
        focused: document.activeElement === draft,
        selection: draft.value.slice(draft.selectionStart, draft.selectionEnd),
        highlighted: document.querySelector('#draft-mirror .is-focus')?.textContent,
        scrolled: draft.scrollTop,
      };
    });
    const sentence = text.slice(start, end);
    assert.match(sentence, /any third party at its discretion/);
    assert.equal(state.focused, true);
    assert.equal(state.selection, sentence);
    assert.equal(state.highlighted, sentence);
    assert.ok(state.scrolled > 0, 'the draft scrolled to the sentence near its end');
    await context.close();
  });

  test('marks findings in the draft by pattern and icon in the marked view', async () => {
    const { page, context } = await freshPage();
    await pasteDraft(page, sampleDraft());
    assert.ok((await page.locator('#draft-mirror .mark-violated').count()) >= 3);
    await page.click('[data-testid="mode-marked"]');
    const mark = page.locator('#read-view a.mark-violated', { hasText: 'retained indefinitely' });
    assert.equal(await mark.locator('svg').count(), 1);
    assert.equal(await mark.getAttribute('href'), '#req-retention.limit');
    const style = await mark.evaluate((element) => getComputedStyle(element).textDecorationStyle);
    assert.equal(style, 'wavy');
    await mark.click();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.id), 'retention.limit');
    await context.close();
  });

  test('draws the highlights under the text, not over it', async () => {
    const { page, context } = await freshPage();
    await pasteDraft(page, sampleDraft());
    await page.locator('[data-testid="requirement"][data-id="retention.limit"] [data-testid="evidence"]').last().click();
    await page.locator('[data-testid="draft"]').evaluate((draft) => draft.setSelectionRange(0, 0));
    const box = await page.locator('#draft-mirror .mark-violated', { hasText: 'retained indefinitely' }).boundingBox();
    // The upper part of the first line of the mark: glyphs, and no underline.
    const png = await page.screenshot({ clip: { x: box.x, y: box.y + 2, width: Math.min(box.width, 300), height: 8 } });
    const inkPixels = await countDarkPixels(context, png);
    assert.ok(inkPixels > 20, `the text of a highlighted sentence is visible (${inkPixels} dark pixels)`);
    await context.close();
  });

  test('filters requirements by status and level', async () => {
    const { page, context } = await freshPage();
    await pasteDraft(page, sampleDraft());
    const visible = () => page.locator('[data-testid="requirement"]:visible').evaluateAll((rows) => rows.map((row) => `${row.dataset.status}/${row.dataset.level}`));
    const all = await visible();
    await page.uncheck('[data-testid="filter-met"]');
    assert.ok((await visible()).every((entry) => !entry.startsWith('met/')));
    await page.uncheck('[data-testid="filter-must"]');
    assert.ok((await visible()).every((entry) => entry.endsWith('/should') && !entry.startsWith('met/')));
    await page.check('[data-testid="filter-met"]');
    await page.check('[data-testid="filter-must"]');
    assert.deepEqual(await visible(), all);
    await context.close();
  });

  test('re-checks while typing', async () => {
    const { page, context } = await freshPage();
    await pasteDraft(page, 'Each Participant shall designate a point of contact.');
    assert.equal((await shownResult(page)).statuses['retention.limit'], 'missing');
    await page.locator('[data-testid="draft"]').press('End');
    await page.locator('[data-testid="draft"]').pressSequentially(' Data may be retained indefinitely.', { delay: 5 });
    await waitForResult(page);
    assert.equal((await shownResult(page)).statuses['retention.limit'], 'violated');
    await context.close();
  });

  test('keeps unchanged rows while typing, with their evidence offsets updated', async () => {
    const { page, context } = await freshPage();
    await pasteDraft(page, sampleDraft());
    const row = '[data-testid="requirement"][data-id="transfer.onward"]';
    await page.locator(`${row} details.trace`).evaluate((details) => {
      details.open = true;
      details.closest('article').kept = true;
    });
    const before = Number(await page.getAttribute(`${row} [data-testid="evidence"]`, 'data-start'));
    await page.locator('[data-testid="draft"]').evaluate((draft) => draft.setSelectionRange(0, 0));
    await page.locator('[data-testid="draft"]').pressSequentially('Draft. ', { delay: 5 });
    await waitForResult(page);
    assert.equal(await page.locator(row).evaluate((article) => article.kept === true && article.querySelector('details.trace').open), true);
    assert.equal(Number(await page.getAttribute(`${row} [data-testid="evidence"]`, 'data-start')), before + 'Draft. '.length);
    await page.locator(`${row} [data-testid="evidence"]`).click();
    const selected = await page.evaluate(() => {
      const draft = document.querySelector('[data-testid="draft"]');
      return draft.value.slice(draft.selectionStart, draft.selectionEnd);
    });
    assert.match(selected, /^The receiving Participant may share information with any third party/);
    await context.close();
  });

  test('uses the chosen categories instead of detecting them', async () => {
    const { page, context } = await freshPage();
    await pasteDraft(page, 'Each Participant shall designate a point of contact.');
    assert.equal((await shownResult(page)).statuses['threat-intel.handling-markings'], 'not_applicable');
    await page.check('input[name="category-mode"][value="chosen"]');
    await page.check('[data-testid="category-threat-intel"]');
    await waitForResult(page);
    assert.equal((await shownResult(page)).statuses['threat-intel.handling-markings'], 'missing');
    assert.match(await page.textContent('#detected-categories'), /threat-intel \(chosen\)/);
    await context.close();
  });

  test('compares two drafts and lists what got worse first', async () => {
    const { page, context, problems } = await freshPage();
    const draftA = sampleDraft().replace('may share information with any third party at its discretion', 'shall not share information with a third party without prior written consent');
    await pasteDraft(page, draftA);
    await page.click('[data-testid="tab-compare"]');
    assert.equal(await page.inputValue('[data-testid="draft-a"]'), draftA, 'A starts as the draft being checked');
    const draftB = draftA.replace('Each Participant shall designate a point of contact', 'Each Participant may designate a person').replace('shall not share information with a third party without prior written consent', 'may share information with any third party at its discretion');
    await page.fill('[data-testid="draft-b"]', draftB);
    await waitForComparison(page);
    const rows = await page.locator('[data-testid="compare-row"]').evaluateAll((elements) => Object.fromEntries(elements.map((row) => [row.dataset.id, `${row.dataset.a}>${row.dataset.b}:${row.dataset.change}`])));
    assert.equal(rows['transfer.onward'], 'met>violated:worse');
    assert.equal(rows['scope.parties-roles'], 'met>missing:worse');
    assert.equal(rows['retention.limit'], 'violated>violated:same');
    const firstGroup = await page.locator('.compare-group').first().getAttribute('data-change');
    assert.equal(firstGroup, 'worse');
    await screenshot(page, 'compare-view');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('shows the line and column of an overlay error and keeps the previous profile', async () => {
    const { page, context } = await freshPage();
    await pasteDraft(page, sampleDraft());
    await page.setInputFiles('[data-testid="open-overlay"]', { name: 'strict.toml', mimeType: 'text/plain', buffer: Buffer.from('schema = "x"\n\n[pack]\nid "broken"\n') });
    const error = page.locator('[data-testid="overlay-error"]');
    await error.waitFor();
    assert.match(await error.textContent(), /strict\.toml:4:1/);
    assert.equal(await page.isHidden('#remove-overlay'), true);
    await page.setInputFiles('[data-testid="open-overlay"]', { name: 'fine.toml', mimeType: 'text/plain', buffer: Buffer.from('schema = "x"\n') });
    await page.waitForSelector('#overlay-errors', { state: 'hidden' });
    assert.match(await page.textContent('#overlay-name'), /fine\.toml/);
    await context.close();
  });

  test('opens a dropped or picked text file', async () => {
    const { page, context } = await freshPage();
    await page.setInputFiles('[data-testid="open-file"]', { name: 'mou.txt', mimeType: 'text/plain', buffer: Buffer.from('Data may be retained indefinitely.') });
    await waitForResult(page);
    assert.equal(await page.inputValue('[data-testid="draft"]'), 'Data may be retained indefinitely.');
    assert.match(await page.textContent('#draft-name'), /mou\.txt/);
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['Each Participant shall designate a point of contact.'], 'dropped.md', { type: 'text/markdown' }));
      return data;
    });
    await page.dispatchEvent('[data-drop-target="draft"]', 'drop', { dataTransfer: transfer });
    await page.waitForFunction(() => document.querySelector('[data-testid="draft"]').value.startsWith('Each Participant'));
    await waitForResult(page);
    assert.equal((await shownResult(page)).statuses['scope.parties-roles'], 'met');
    await context.close();
  });

  test('stores the draft only when asked, and forgets it', async () => {
    const { page, context } = await freshPage();
    await pasteDraft(page, 'A draft that must not be kept.');
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await page.check('[data-testid="remember"]');
    await pasteDraft(page, 'A draft to keep.');
    await page.reload();
    await waitForResult(page);
    assert.equal(await page.inputValue('[data-testid="draft"]'), 'A draft to keep.');
    await page.click('[data-testid="forget"]');
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    assert.equal(await page.isChecked('[data-testid="remember"]'), false);
    assert.equal(await page.isHidden('[data-testid="forget"]'), true);
    await context.close();
  });

  test('exports the package JSON and Markdown as downloads', async () => {
    const { page, context } = await freshPage({ acceptDownloads: true });
    await pasteDraft(page, sampleDraft());
    await page.fill('[data-testid="draft"]', sampleDraft());
    await waitForResult(page);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
    assert.equal(json.suggestedFilename(), 'memorandum-of-understanding.accordlint.json');
    const exported = readFileSync(await json.path(), 'utf8');
    assert.ok(exported.endsWith('}\n'), 'the rendered JSON string is exported as is');
    assert.equal(JSON.parse(exported).verdict, 'fail');
    const [markdown] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-markdown"]')]);
    assert.equal(readFileSync(await markdown.path(), 'utf8'), '# fail\n');
    await context.close();
  });

  test('prints a clean report with the draft title, profile and date', async () => {
    const { page, context } = await freshPage();
    await page.click('[data-testid="try-sample"]');
    await waitForResult(page);
    await page.evaluate(() => {
      window.print = () => {
        window.printed = true;
      };
    });
    await page.click('[data-testid="export-print"]');
    assert.equal(await page.evaluate(() => window.printed), true);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.textContent('#print-draft'), 'Sample draft');
    assert.match(await page.textContent('#print-profile'), /Baseline/);
    assert.match(await page.textContent('#print-date'), /\d{4}/);
    assert.equal(await page.isVisible('.print-header'), true);
    assert.equal(await page.isVisible('.draft-panel'), false);
    assert.equal(await page.isVisible('.settings'), false);
    assert.equal(await page.isVisible('[data-testid="requirement"]'), true);
    await context.close();
  });

  test('reaches the file picker from the keyboard and shows where focus is', async () => {
    const { page, context } = await freshPage();
    await page.focus('#profile');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'open-overlay');
    const outline = await page.evaluate(() => getComputedStyle(document.querySelector('label[for="open-overlay"]')).outlineStyle);
    assert.equal(outline, 'solid', 'the label dressed as a button shows the focus');
    await page.focus('[data-testid="try-sample"]');
    await page.keyboard.press('Enter');
    await waitForResult(page);
    assert.equal(await page.getAttribute('[data-testid="verdict"]', 'data-verdict'), 'fail');
    await context.close();
  });

  test('tabs work from the keyboard', async () => {
    const { page, context } = await freshPage();
    await page.focus('#tab-check');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-compare');
    assert.equal(await page.isVisible('#view-compare'), true);
    assert.equal(await page.isVisible('#view-check'), false);
    await page.keyboard.press('Home');
    assert.equal(await page.isVisible('#view-check'), true);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`has no serious or critical accessibility violation (${colorScheme} theme)`, async () => {
      const { page, context } = await freshPage({ colorScheme });
      assert.deepEqual(await axeViolations(page), [], 'empty page');
      await pasteDraft(page, sampleDraft());
      await page.locator('details.trace').first().evaluate((details) => {
        details.open = true;
      });
      assert.deepEqual(await axeViolations(page), [], 'with a result');
      await page.click('[data-testid="mode-marked"]');
      assert.deepEqual(await axeViolations(page), [], 'marked view');
      if (colorScheme === 'dark') await screenshot(page, 'failing-draft-dark');
      await context.close();
    });
  }

  test('fits a narrow screen without horizontal scrolling', async () => {
    const { page, context } = await freshPage({ viewport: { width: 390, height: 844 } });
    await pasteDraft(page, sampleDraft());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await screenshot(page, 'narrow');
    await context.close();
  });
});
