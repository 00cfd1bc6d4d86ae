// What only a Word draft has: text a reader does not see (it never meets or violates a
// requirement, but a negotiator should know it is there) and tracked changes, with the
// requirements whose status each change moves.

import { h, replaceChildren } from './dom.js';

const HIDDEN_KINDS = {
  vanish: 'hidden text',
  white_text: 'white text',
  tiny_text: 'tiny text',
  comment: 'comment',
  field_code: 'field code',
};

/** Fills `element` with the report's Word sections, or empties it when there are none. */
export function renderWordDetails(element, report) {
  const hidden = report.document.hidden_text ?? [];
  const revisions = report.document.revisions ?? [];
  if (hidden.length === 0 && revisions.length === 0) {
    replaceChildren(element);
    return;
  }
  replaceChildren(
    element,
    hidden.length > 0 && hiddenTextSection(hidden),
    revisions.length > 0 && revisionsSection(revisions),
  );
}

function hiddenTextSection(hidden) {
  return h(
    'section',
    { 'aria-labelledby': 'word-hidden-heading', 'data-testid': 'word-hidden-text' },
    h('h3', { id: 'word-hidden-heading' }, `Text a reader does not see (${hidden.length})`),
    h('p', {}, 'It is left out of the check: it neither meets nor violates a requirement.'),
    h(
      'ul',
      {},
      hidden.map((item) => h('li', {}, h('strong', {}, HIDDEN_KINDS[item.kind] ?? item.kind), ` ${where(item)}: `, h('q', {}, item.text))),
    ),
  );
}

function revisionsSection(revisions) {
  return h(
    'section',
    { 'aria-labelledby': 'word-revisions-heading', 'data-testid': 'word-revisions' },
    h('h3', { id: 'word-revisions-heading' }, `Tracked changes (${revisions.length})`),
    h('p', {}, 'The draft is checked with every change accepted.'),
    h('ul', {}, revisions.map(revisionItem)),
  );
}

/** A change, who made it and when (the day: Word records the time in UTC), and the statuses it moves. */
function revisionItem(revision) {
  const by = [revision.author && `by ${revision.author}`, revision.date && `on ${revision.date.slice(0, 10)}`].filter(Boolean).join(' ');
  return h(
    'li',
    {},
    h('strong', {}, revision.kind === 'insertion' ? 'Insertion' : 'Deletion'),
    ` ${where(revision)}${by ? ` ${by}` : ''}: `,
    h('q', {}, revision.text),
    revision.changes.length > 0 &&
      h(
        'ul',
        {},
        revision.changes.map((change) => h('li', {}, `${change.requirement}: ${label(change.before)} → ${label(change.after)}`)),
      ),
  );
}

function where(item) {
  return item.clause ? `in ${item.clause}` : `in paragraph ${item.paragraph + 1}`;
}

function label(status) {
  return status.replace('_', ' ');
}
