// The in-browser benchmark, run in headless Chromium by run-bench.mjs (`make bench`):
// throughput of a full check on a document of at least 1 MB, and the time a session takes to
// re-check a 100-page draft after a one-word edit. Runs on the page's main thread, as a
// worker would, with the package loaded the way a page loads it.
import init, { Checker, Session } from '/pkg/accordlint.js';

const MB = 1_000_000;
const encoder = new TextEncoder();

const utf8Length = (text) => encoder.encode(text).length;

/** Repeats the corpus until the text holds at least `bytes` bytes of UTF-8. */
function buildDocument(texts, bytes) {
  const parts = [];
  let size = 0;
  for (let index = 0; size < bytes; index += 1) {
    const text = texts[index % texts.length];
    parts.push(text);
    size += utf8Length(text) + 2;
  }
  return parts.join('\n\n');
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

function time(work) {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function throughput(checker, texts, runs) {
  const document = buildDocument(texts, 1_048_576);
  const bytes = utf8Length(document);
  checker.check(document); // warm-up: first-touch memory growth is not the steady state
  const millis = Array.from({ length: runs }, () => time(() => checker.check(document)));
  return { bytes, runs, medianMs: median(millis), mbPerSecond: bytes / MB / (median(millis) / 1000) };
}

/** Inserts one word at a word boundary near `fraction` of the text. */
function insertWord(text, fraction) {
  const at = text.indexOf(' ', Math.floor(text.length * fraction));
  return at < 0 ? `${text} very` : `${text.slice(0, at)} very${text.slice(at)}`;
}

function incrementalEdit(checker, texts, edits) {
  // A page of a treaty is about 3,000 characters; 100 pages are about 300 KB.
  let draft = buildDocument(texts, 300_000);
  const session = new Session(checker);
  session.update(draft);
  const millis = [];
  for (let edit = 0; edit < edits; edit += 1) {
    draft = insertWord(draft, (edit * 0.618) % 1);
    millis.push(time(() => session.update(draft)));
  }
  session.free();
  return {
    bytes: utf8Length(draft),
    words: draft.split(/\s+/).length,
    edits,
    medianMs: median(millis),
    p95Ms: percentile(millis, 0.95),
    maxMs: Math.max(...millis),
  };
}

window.accordlintBench = {
  async run(texts, { runs = 7, edits = 40 } = {}) {
    await init();
    const checker = new Checker('baseline');
    const result = {
      userAgent: navigator.userAgent,
      throughput: throughput(checker, texts, runs),
      incremental: incrementalEdit(checker, texts, edits),
    };
    checker.free();
    return result;
  },
};
