// The page's pure logic, run in Node without a browser: where marks go in the draft, how
// they follow an edit, how the mirror cuts lines, how two reports compare, export names.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { changeBetween, compareReports } from '../../www/js/compare.js';
import { exportName } from '../../www/js/exporting.js';
import { editedRegion, evidenceMarks, followEdit, segments } from '../../www/js/marks.js';
import { splitIntoLines } from '../../www/js/mirror.js';

const mark = (start, end, effect, ids = ['x']) => ({ start, end, effect, ids });

describe('marks', () => {
  test('one mark per evidence range, with the worst effect and every requirement citing it', () => {
    const evidence = (start, end, effect) => ({ start_utf16: start, end_utf16: end, effect });
    const report = {
      requirements: [
        { id: 'a', evidence: [evidence(0, 5, 'met'), evidence(10, 20, 'weak')] },
        { id: 'b', evidence: [evidence(10, 20, 'violated')] },
      ],
    };
    assert.deepEqual(evidenceMarks(report), [mark(0, 5, 'met', ['a']), mark(10, 20, 'violated', ['a', 'b'])]);
  });

  test('segments cover the text, combining overlaps into the worse effect', () => {
    const pieces = segments(30, [mark(5, 15, 'met', ['a']), mark(10, 20, 'weak', ['b'])]);
    assert.deepEqual(
      pieces.map(({ start, end, effect, ids }) => [start, end, effect, ids.join()]),
      [
        [0, 5, null, ''],
        [5, 10, 'met', 'a'],
        [10, 15, 'weak', 'a,b'],
        [15, 20, 'weak', 'b'],
        [20, 30, null, ''],
      ],
    );
  });

  test('segments clamp marks that reach past the end of a shortened text', () => {
    assert.deepEqual(
      segments(8, [mark(5, 12, 'violated')]).map(({ start, end, effect }) => [start, end, effect]),
      [
        [0, 5, null],
        [5, 8, 'violated'],
      ],
    );
  });

  test('the edited region is the differing middle', () => {
    assert.deepEqual(editedRegion('abcdef', 'abXYef'), { prefix: 2, oldEnd: 4, newEnd: 4 });
    assert.deepEqual(editedRegion('aaa', 'aaaa'), { prefix: 3, oldEnd: 3, newEnd: 4 });
    assert.deepEqual(editedRegion('abc', ''), { prefix: 0, oldEnd: 3, newEnd: 0 });
  });

  test('marks follow typing: shifted after the edit, stretched around it, dropped when deleted', () => {
    const before = 'Alpha beta. Gamma delta. Epsilon.';
    const marks = [mark(0, 11, 'met', ['m']), mark(12, 24, 'weak', ['w']), mark(25, 33, 'violated', ['v'])];
    const typed = before.replace('Gamma', 'Gamma ray');
    assert.deepEqual(
      followEdit(marks, before, typed).map(({ start, end }) => typed.slice(start, end)),
      ['Alpha beta.', 'Gamma ray delta.', 'Epsilon.'],
    );
    const deleted = before.replace('Gamma delta. ', '');
    assert.deepEqual(
      followEdit(marks, before, deleted).map(({ ids, start, end }) => [ids[0], deleted.slice(start, end)]),
      [
        ['m', 'Alpha beta.'],
        ['v', 'Epsilon.'],
      ],
    );
  });
});

describe('the mirror lines', () => {
  test('split at newlines, keeping each line its parts of the pieces and an empty last line', () => {
    const text = 'ab\n\ncd\n';
    const lines = splitIntoLines(text, [
      { start: 0, end: 1, className: '' },
      { start: 1, end: 5, className: 'mark mark-weak' },
      { start: 5, end: 7, className: '' },
    ]);
    assert.deepEqual(
      lines.map((line) => line.parts.map((part) => `${part.className || 'plain'}:${part.text}`)),
      [['plain:a', 'mark mark-weak:b'], [], ['mark mark-weak:c', 'plain:d'], []],
    );
    assert.equal(new Set(lines.map((line) => line.key)).size, 3, 'the two empty lines have the same key');
  });
});

describe('comparison', () => {
  test('orders met > weak > missing > violated, and sets not_applicable aside', () => {
    assert.equal(changeBetween('met', 'weak'), 'worse');
    assert.equal(changeBetween('missing', 'violated'), 'worse');
    assert.equal(changeBetween('violated', 'met'), 'better');
    assert.equal(changeBetween('weak', 'weak'), 'same');
    assert.equal(changeBetween('met', 'not_applicable'), 'aside');
    assert.equal(changeBetween('not_applicable', 'violated'), 'aside');
  });

  test('counts the changes of every requirement of both reports', () => {
    const report = (verdict, statuses) => ({
      verdict,
      requirements: Object.entries(statuses).map(([id, status]) => ({ id, status, title: id, principle: 'p', level: 'must', message: `${id} ${status}` })),
    });
    const comparison = compareReports(report('pass', { a: 'met', b: 'weak', c: 'met' }), report('fail', { a: 'violated', b: 'met', c: 'met' }));
    assert.deepEqual(comparison.counts, { worse: 1, better: 1, aside: 0, same: 1 });
    assert.deepEqual(
      comparison.rows.map((row) => [row.id, row.change]),
      [
        ['a', 'worse'],
        ['b', 'better'],
        ['c', 'same'],
      ],
    );
    assert.equal(comparison.rows[0].messageB, 'a violated');
  });
});

test('export names come from the draft title', () => {
  assert.equal(exportName('weak-threat-intel-mou.txt', 'json'), 'weak-threat-intel-mou.accordlint.json');
  assert.equal(exportName('MEMORANDUM OF UNDERSTANDING', 'md'), 'memorandum-of-understanding.accordlint.md');
  assert.equal(exportName('Accord « spécial » / 2026', 'json'), 'accord-special-2026.accordlint.json');
  assert.equal(exportName('***', 'json'), 'draft.accordlint.json');
});
