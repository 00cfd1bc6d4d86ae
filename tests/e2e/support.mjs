// Shared helpers for the page's end-to-end tests: the server, the browser, the CLI, the
// corpus, and how to paste a draft and wait for its result.

import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const WWW = join(ROOT, 'www');
export const CLI = join(ROOT, 'target/fast/accordlint');
export const CORPUS = resolve(ROOT, process.env.CORPUS ?? '../shared/corpus');
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
export const FAKE_PACKAGE = join(ROOT, 'tests/e2e/fixtures/fake-accordlint.js');

/** Where `/pkg/` is served from, as `accordlint serve` does: www/pkg if present, else pkg/ beside www/. */
export const PACKAGE = existsSync(join(WWW, 'pkg')) ? join(WWW, 'pkg') : join(ROOT, 'pkg');
/** True when the real package is built (`make pkg`). */
export const HAS_PACKAGE = existsSync(join(PACKAGE, 'accordlint_bg.wasm'));
/** True when the CLI is built and can check (the reference for the page's results). */
export const HAS_CLI = existsSync(CLI);

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * The page's server and one browser for a test file: started before its tests, closed after
 * them. The returned object's `server` and `browser` are set once the tests run.
 */
export function serverAndBrowser() {
  const shared = { server: undefined, browser: undefined };
  before(async () => {
    shared.server = await startServer();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/** A page in a new context of `browser`, with every request it makes and every error it reports recorded. */
export async function recordedPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return { context, page, requests, problems };
}

async function freePort() {
  const server = createNetServer();
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address();
  await new Promise((closed) => server.close(closed));
  return port;
}

function cliServes() {
  return HAS_CLI && spawnSync(CLI, ['serve', '--help'], { encoding: 'utf8' }).status === 0;
}

/**
 * Serves www/ (and the package at /pkg/) on a free loopback port: with `accordlint serve`
 * when the CLI has it, otherwise with a small Node server laid out the same way. Returns
 * `{url, close}`.
 */
export async function startServer() {
  const port = await freePort();
  return cliServes() ? startCliServer(port) : startNodeServer(port);
}

async function startCliServer(port) {
  const child = spawn(CLI, ['serve', '--port', String(port), '--root', WWW], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ready, fail) => {
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes(`:${port}`)) ready();
    });
    child.on('exit', (code) => fail(new Error(`accordlint serve exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, close: async () => void child.kill() };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

async function startNodeServer(port) {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const [base, inside] = pathname.startsWith('/pkg/') ? [PACKAGE, pathname.slice(5)] : [WWW, pathname];
    const path = normalize(join(base, inside));
    const file = path.endsWith(sep) ? join(path, 'index.html') : path;
    if (!file.startsWith(base) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    response.end(readFileSync(file));
  });
  await new Promise((ready) => server.listen(port, '127.0.0.1', ready));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((closed) => server.close(closed)) };
}

/**
 * Serves the package to the page from the sources instead of www/pkg: the worker and its
 * client from js/, and the fake in place of the wasm-bindgen module (UI tests).
 */
export async function useFakePackage(context) {
  const files = {
    'accordlint.js': FAKE_PACKAGE,
    'accordlint-client.js': join(ROOT, 'js/accordlint-client.js'),
    'worker.js': join(ROOT, 'js/worker.js'),
  };
  for (const [name, path] of Object.entries(files)) {
    await context.route(`**/pkg/${name}`, (route) => route.fulfill({ path, contentType: 'text/javascript; charset=utf-8' }));
  }
}

/** Opens the page and waits until it is ready (checker loaded, stored draft restored). */
export async function openPage(page, url) {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
}

/** Replaces the draft with `text` and waits for the result computed on exactly that text. */
export async function pasteDraft(page, text) {
  await page.fill('[data-testid="draft"]', text);
  await waitForResult(page);
}

export async function waitForResult(page) {
  await page.waitForFunction(() => {
    const results = document.getElementById('results');
    return results.dataset.checks && !results.hasAttribute('aria-busy');
  });
}

/** Waits for the comparison of the drafts now in A and B. */
export async function waitForComparison(page) {
  await page.waitForSelector('#comparison:not([aria-busy]) [data-testid="compare-row"]', { state: 'attached' });
}

/** `{verdict, statuses: {id: status}}` as the page shows them. */
export async function shownResult(page) {
  return page.evaluate(() => ({
    verdict: document.querySelector('[data-testid="verdict"]').dataset.verdict,
    statuses: Object.fromEntries([...document.querySelectorAll('[data-testid="requirement"]')].map((row) => [row.dataset.id, row.dataset.status])),
  }));
}

/** Drops a corpus document's header: everything up to the first line made only of '='. */
export function stripHeader(text) {
  const lines = text.split('\n');
  const rule = lines.findIndex((line) => /^=+\s*$/.test(line));
  return rule === -1 ? text : lines.slice(rule + 1).join('\n');
}

/** Every corpus document, header stripped: `[{name, text}]`. */
export function corpusDocuments() {
  return readdirSync(CORPUS)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: stripHeader(readFileSync(join(CORPUS, name), 'utf8')) }));
}

/** The CLI's JSON report for `text` (exit status 1 only means "review" or "fail"). */
export function cliJson(text) {
  const run = spawnSync(CLI, ['check', '--format', 'json', '-'], { input: text, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`accordlint check failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The sample draft the page offers. */
export function sampleDraft() {
  return readFileSync(join(WWW, 'samples/sample-draft.txt'), 'utf8');
}
