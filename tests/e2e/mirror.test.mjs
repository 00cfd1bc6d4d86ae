// The highlight layer behind the draft (www/js/mirror.js) in the browser: after any sequence
// of edits (typing, new lines, deleted stretches, pastes across many lines), its lines are
// exactly the draft's lines with their marks, in order, and its runs of lines stay short.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverAndBrowser } from './support.mjs';

const shared = serverAndBrowser();

test('the mirror shows every line of the draft with its marks, edit after edit', async () => {
  const page = await shared.browser.newPage();
  // Any page of the origin with an HTML document will do: the sample draft, shown as text.
  await page.goto(`${shared.server.url}samples/sample-draft.txt`);
  const failures = await page.evaluate(async () => {
    const { LineMirror } = await import('/js/mirror.js');
    // A fixed pseudo-random sequence, so that a failure can be replayed.
    let seed = 7;
    const random = (below) => {
      seed = (seed * 48271) % 2147483647;
      return seed % below;
    };
    const words = ['shall', 'may', 'data', '\n', '\n\n', 'retained', ' ', 'Article 5.\n'];
    const chunk = (count) => Array.from({ length: count }, () => words[random(words.length)]).join(' ');
    /** Pieces covering the text: every third sentence-ish stretch marked. */
    const piecesOf = (text) => {
      const pieces = [];
      for (let start = 0, index = 0; start < text.length; index += 1) {
        const end = Math.min(text.length, start + 1 + random(40));
        pieces.push({ start, end, className: index % 3 === 1 ? 'mark mark-weak' : '' });
        start = end;
      }
      return pieces;
    };
    /** The lines as the mirror shows them: `class:text` parts per line. */
    const shown = (element) =>
      [...element.children].flatMap((run) => [...run.children]).map((line) =>
        [...line.childNodes].filter((node) => node.nodeName !== 'BR').map((node) => `${node.nodeName === 'MARK' ? node.className : ''}:${node.textContent}`).join('|'),
      );
    const expected = (text, pieces) =>
      text.split('\n').map((_, lineIndex, all) => {
        const lineStart = all.slice(0, lineIndex).reduce((sum, line) => sum + line.length + 1, 0);
        const lineEnd = lineStart + all[lineIndex].length;
        return pieces
          .filter((piece) => Math.min(piece.end, lineEnd) > Math.max(piece.start, lineStart))
          .map((piece) => `${piece.className}:${text.slice(Math.max(piece.start, lineStart), Math.min(piece.end, lineEnd))}`)
          .join('|');
      });
    const element = document.createElement('div');
    document.body.append(element);
    const mirror = new LineMirror(element);
    const problems = [];
    let text = chunk(3000);
    for (let step = 0; step < 300 && problems.length === 0; step += 1) {
      const at = random(text.length + 1);
      const removed = [0, 1, 5, 200, 5000][random(5)];
      const inserted = [() => 'x', () => '\n', () => chunk(4), () => chunk(600), () => ''][random(5)]();
      text = text.slice(0, at) + inserted + text.slice(at + removed);
      if (step % 50 === 49) text = chunk(random(2) === 0 ? 0 : 2000);
      const pieces = piecesOf(text);
      mirror.render(text, pieces);
      const [got, want] = [shown(element), expected(text, pieces)];
      const differing = want.findIndex((line, index) => got[index] !== line);
      if (got.length !== want.length || differing !== -1) problems.push(`step ${step}: ${got.length} lines shown, ${want.length} expected; line ${differing}: ${JSON.stringify(got[differing])} for ${JSON.stringify(want[differing])}`);
      const longest = Math.max(0, ...[...element.children].map((run) => run.children.length));
      if (longest > 128) problems.push(`step ${step}: a run of ${longest} lines`);
      if ([...element.children].some((run) => run.children.length === 0)) problems.push(`step ${step}: an empty run`);
    }
    return problems;
  });
  assert.deepEqual(failures, []);
  await page.close();
});
