// Drives the in-browser benchmark (bench.html) in headless Chromium and prints its figures:
//   node tests/js/bench/run-bench.mjs        (make bench; needs `make pkg`)
// Figures go to stdout, as lines for people and one JSON line for the record.
import { join } from 'node:path';
import { corpusDocuments, repoRoot } from '../corpus.mjs';
import { pkgDir } from '../support/pkg.mjs';
import { serve } from '../support/static-server.mjs';
import { launchChromium } from '../support/browser.mjs';

const texts = corpusDocuments().map((document) => document.text);
const server = await serve({ '/pkg/': pkgDir, '/': join(repoRoot, 'tests', 'js', 'bench') });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${server.url}bench.html`);
  await page.waitForFunction(() => window.accordlintBench !== undefined);
  const result = await page.evaluate((corpus) => window.accordlintBench.run(corpus), texts);
  const { throughput: run, incremental: edit } = result;
  const browserVersion = browser.version();
  console.log(`In-browser benchmark (headless Chromium ${browserVersion})`);
  console.log(`  full check, ${(run.bytes / 1e6).toFixed(2)} MB document: median ${run.medianMs.toFixed(1)} ms ` +
    `over ${run.runs} runs = ${run.mbPerSecond.toFixed(1)} MB/s`);
  console.log(`  session, one-word edit in a 100-page draft (${(edit.bytes / 1e3).toFixed(0)} KB, ` +
    `${edit.words} words): median ${edit.medianMs.toFixed(2)} ms, p95 ${edit.p95Ms.toFixed(2)} ms, ` +
    `max ${edit.maxMs.toFixed(2)} ms over ${edit.edits} edits`);
  console.log(JSON.stringify({ browser: `Chromium ${browserVersion}`, ...result }));
} finally {
  await browser.close();
  await server.close();
}
