// www/embed-example.html works when served (www/ at the root, pkg/ under /pkg/, as
// `accordlint serve` lays them out): it checks its draft in the worker and shows the verdict,
// under its own Content-Security-Policy, with no request leaving the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from './corpus.mjs';
import { loadPkg, pkgDir } from './support/pkg.mjs';
import { serve } from './support/static-server.mjs';
import { launchChromium } from './support/browser.mjs';

const wasm = await loadPkg();

test('the embed example checks its draft', async () => {
  const server = await serve({ '/pkg/': pkgDir, '/': join(repoRoot, 'www') });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems = [];
    const requests = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // The browser asks for /favicon.ico on its own; the example has none, and that is fine.
    const isFavicon = (message) => message.location().url.endsWith('/favicon.ico');
    page.on('console', (message) => message.type() === 'error' && !isFavicon(message) && problems.push(message.text()));
    page.on('request', (request) => requests.push(request.url()));
    page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
    await page.goto(`${server.url}embed-example.html`);
    await page.locator('#check:enabled').click();
    const verdict = page.locator('#verdict[data-verdict]');
    await verdict.waitFor();
    const draft = await page.locator('#draft').inputValue();
    const expected = new wasm.Checker('baseline').check(draft);
    assert.equal(await verdict.getAttribute('data-verdict'), expected.verdict);
    const notMet = expected.requirements.filter((r) => ['weak', 'missing', 'violated'].includes(r.status));
    assert.equal(await page.locator('#findings li').count(), notMet.length);
    assert.deepEqual(problems, []);
    assert.ok(requests.every((url) => url.startsWith(server.url)), requests.join('\n'));
  } finally {
    await browser.close();
    await server.close();
  }
});
