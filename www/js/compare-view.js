// The comparison of draft A with its revision B: what got worse first, since what a
// revision quietly removed is what a negotiator most needs to see.

import { h, replaceChildren } from './dom.js';
import { compareReports } from './compare.js';
import { statusBadge } from './report-view.js';
import { verdictText } from './statuses.js';

const GROUPS = [
  { change: 'worse', title: 'Worse in B', open: true },
  { change: 'better', title: 'Better in B', open: true },
  { change: 'aside', title: 'Applies in only one draft', open: true },
  { change: 'same', title: 'Unchanged', open: false },
];

export function renderComparison(element, reportA, reportB) {
  const comparison = compareReports(reportA, reportB);
  replaceChildren(
    element,
    h('h2', { id: 'comparison-heading' }, 'What changed from A to B'),
    summary(comparison),
    GROUPS.map((group) => changeGroup(group, comparison.rows.filter((row) => row.change === group.change))),
  );
}

export function renderComparisonHint(element, message) {
  replaceChildren(element, h('h2', { id: 'comparison-heading' }, 'What changed from A to B'), h('p', { class: 'help' }, message));
}

function summary({ counts, verdictA, verdictB }) {
  const verdict = (value) => h('span', { class: `verdict-label verdict-${value}` }, verdictText(value).label);
  return h(
    'div',
    { class: 'compare-summary', dataset: { testid: 'compare-summary', worse: counts.worse, better: counts.better } },
    h('p', {}, 'Verdict: draft A ', verdict(verdictA), ', draft B ', verdict(verdictB), '.'),
    h(
      'p',
      {},
      h('strong', {}, counts.worse), ` requirement${counts.worse === 1 ? '' : 's'} worse in B, `,
      h('strong', {}, counts.better), ' better, ',
      h('strong', {}, counts.same), ' unchanged',
      counts.aside > 0 ? [', ', h('strong', {}, counts.aside), ' applying in only one draft'] : '',
      '.',
    ),
  );
}

function changeGroup(group, rows) {
  if (rows.length === 0) return null;
  return h(
    'details',
    { class: `compare-group change-${group.change}`, open: group.open, dataset: { change: group.change } },
    h('summary', {}, h('h3', {}, `${group.title} (${rows.length})`)),
    h(
      'table',
      { class: 'compare-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Requirement'), h('th', { scope: 'col' }, 'Draft A'), h('th', { scope: 'col' }, 'Draft B'))),
      h('tbody', {}, rows.map(compareRow)),
    ),
  );
}

function compareRow(row) {
  const cell = (status) => h('td', {}, status ? statusBadge(status) : 'not in this profile');
  return h(
    'tr',
    { dataset: { testid: 'compare-row', id: row.id, change: row.change, a: row.a ?? '', b: row.b ?? '' } },
    h(
      'th',
      { scope: 'row' },
      h('span', { class: 'requirement-title' }, row.title),
      ' ',
      h('code', { class: 'requirement-id' }, row.id),
      ' ',
      h('span', { class: `level level-${row.level}` }, row.level),
      row.change === 'worse' && row.messageB ? h('span', { class: 'compare-message' }, row.messageB) : null,
    ),
    cell(row.a),
    cell(row.b),
  );
}
