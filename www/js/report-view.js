// The result panel: verdict with counts, the categories checked and why, and the
// requirements grouped by principle with their evidence, suggestion and trace.

import { h, icon, replaceChildren } from './dom.js';
import { LEVELS, STATUSES, statusIcon, statusLabel, verdictText } from './statuses.js';

/** A status shown as icon + text + colour, never colour alone. */
export function statusBadge(status) {
  return h('span', { class: `status-badge status-${status}` }, icon(statusIcon(status)), statusLabel(status));
}

export function renderVerdict(element, report) {
  const { label, explanation } = verdictText(report.verdict);
  element.dataset.verdict = report.verdict;
  replaceChildren(
    element,
    h('p', { class: 'verdict-line' }, h('span', { class: `verdict-label verdict-${report.verdict}` }, label), ' ', explanation),
    h(
      'ul',
      { class: 'counts', 'aria-label': 'Requirements by status' },
      STATUSES.map((status) =>
        h('li', { class: `count status-${status}` }, icon(statusIcon(status)), h('strong', {}, report.summary[status]), ` ${statusLabel(status).toLowerCase()}`),
      ),
    ),
  );
}

/** Statuses a negotiator has to act on: only these show the requirement's message. */
const NEEDS_ATTENTION = ['weak', 'missing', 'violated'];

export function clearVerdict(element, message) {
  element.dataset.verdict = '';
  replaceChildren(element, h('p', { class: 'verdict-empty' }, message));
}

/** How many detecting phrases a category shows (each a button to where it stands). */
const PHRASES_SHOWN = 4;

/** The report's categories as shown: the first few detecting phrases of each, and how many more. */
export function categoriesShown(report) {
  return report.categories.map((category) => ({
    ...category,
    detected_by: category.detected_by.slice(0, PHRASES_SHOWN),
    more: Math.max(0, category.detected_by.length - PHRASES_SHOWN),
  }));
}

/** Which categories were checked, and the phrases that made the checker detect them. */
export function renderCategories(element, report, showEvidence) {
  const categories = categoriesShown(report);
  if (categories.length === 0) {
    replaceChildren(element, h('p', { class: 'help' }, 'No particular kind of cooperation was detected or chosen: only the general standards apply.'));
    return;
  }
  replaceChildren(
    element,
    h('h3', {}, 'Kinds of cooperation checked'),
    h('ul', { class: 'category-list' }, categories.map((category) => categoryItem(category, showEvidence))),
  );
}

/**
 * Invisible characters (zero-width, bidirectional controls ...) can hide or reorder words a
 * reader does not see; the checker ignores them for matching, and the page points them out.
 */
export function renderHiddenCharacters(element, report, showEvidence) {
  const { shown, count } = hiddenCharactersShown(report);
  if (count === 0) {
    replaceChildren(element);
    return;
  }
  const items = shown.map((character) =>
    h('li', {}, rangeButton(character, showEvidence, { class: 'link-button' }, `${character.code_point} ${character.name}${character.clause ? ` in ${character.clause}` : ''}`)),
  );
  const more = count - shown.length;
  replaceChildren(
    element,
    h('p', {}, h('strong', {}, `The draft contains ${count} invisible character${count === 1 ? '' : 's'}.`), ' They are ignored when checking; look at where they stand:'),
    h('ul', {}, items, more > 0 ? h('li', {}, `and ${more} more`) : null),
  );
}

const HIDDEN_SHOWN = 5;

/** The invisible characters as shown: the first few (each a button to where it stands), and the count. */
export function hiddenCharactersShown(report) {
  const hidden = report.document.hidden_characters;
  return { shown: hidden.slice(0, HIDDEN_SHOWN), count: hidden.length };
}

function categoryItem(category, showEvidence) {
  if (category.source === 'selected') return h('li', {}, h('strong', {}, category.id), ' (chosen)');
  const phrases = category.detected_by.map((found) => rangeButton(found, showEvidence, { class: 'link-button' }, `“${found.phrase}” in ${found.clause}`));
  return h('li', {}, h('strong', {}, category.id), ' detected from ', joinWith(phrases, ', '), category.more > 0 ? ` and ${category.more} more` : '');
}

/**
 * A button that shows `range` (`{start_utf16, end_utf16}`) in the draft. The offsets live in
 * its data-start and data-end, read at the click: an edit before the range moves them
 * without the button being rebuilt (moveRanges).
 */
function rangeButton(range, showEvidence, attributes, ...children) {
  return h(
    'button',
    {
      type: 'button',
      ...attributes,
      dataset: { ...attributes.dataset, start: range.start_utf16, end: range.end_utf16 },
      on: { click: (event) => showEvidence(Number(event.currentTarget.dataset.start), Number(event.currentTarget.dataset.end)) },
    },
    ...children,
  );
}

/** Gives the range buttons under `element`, in document order, the offsets of `ranges`, in the same order. */
function moveRanges(element, ranges) {
  element.querySelectorAll('button[data-start]').forEach((button, index) => {
    const range = ranges[index];
    if (!range) return;
    if (button.dataset.start !== String(range.start_utf16)) button.dataset.start = range.start_utf16;
    if (button.dataset.end !== String(range.end_utf16)) button.dataset.end = range.end_utf16;
  });
}

const OFFSET_KEYS = new Set(['start', 'end', 'start_utf16', 'end_utf16']);

/** JSON of `value` without its offsets: what an edit elsewhere in the draft does not change. */
function shapeOf(value) {
  return JSON.stringify(value, (key, inner) => (OFFSET_KEYS.has(key) ? undefined : inner));
}

/** Every `{start_utf16, end_utf16}` in `value`, in JSON order (the order the buttons are built in). */
function rangesIn(value, found = []) {
  if (Array.isArray(value)) {
    for (const item of value) rangesIn(item, found);
  } else if (value && typeof value === 'object') {
    if (Number.isInteger(value.start_utf16)) found.push(value);
    for (const inner of Object.values(value)) rangesIn(inner, found);
  }
  return found;
}

function joinWith(nodes, separator) {
  return nodes.flatMap((node, index) => (index === 0 ? [node] : [separator, node]));
}

/**
 * Parts of the result that each show one slice of the report (`part(report)`, plain data):
 * a part is rebuilt only when its slice changed other than by offsets; when only offsets
 * moved (an edit before them), its range buttons are given the new ones. `part` holds what
 * is shown, with its ranges in the order the part's buttons are built.
 */
export class ReportSections {
  /** `sections`: `[{element, part(report), render(element, report)}]`. */
  constructor(sections) {
    this.sections = sections;
    this.shapes = sections.map(() => null);
  }

  render(report) {
    this.sections.forEach((section, index) => {
      const part = section.part(report);
      const shape = shapeOf(part);
      if (shape === this.shapes[index]) {
        moveRanges(section.element, rangesIn(part));
        return;
      }
      this.shapes[index] = shape;
      section.render(section.element, report);
    });
  }

  clear() {
    for (const { element } of this.sections) replaceChildren(element);
    this.shapes.fill(null);
  }
}

/**
 * Every requirement, grouped by principle in report order. `ui` carries the callbacks
 * (showEvidence, copy) and the set of expanded traces; `filters` the statuses and levels
 * shown.
 *
 * Re-checks come at every pause in typing, and most leave most rows as they were, except
 * that evidence after the edit moved: a row whose content (offsets aside) is unchanged is
 * kept, with its evidence offsets updated, so the browser re-lays out only what changed and
 * an open trace stays open. The live session says which requirements it kept (`kept`: id to
 * the previous live report's requirement, see Engine.checkLive); that holds for a row shown
 * from that very object, and the others are compared here.
 */
export class RequirementsView {
  constructor(element, ui, filters) {
    this.element = element;
    this.ui = ui;
    this.filters = filters;
    this.clear();
  }

  clear() {
    replaceChildren(this.element);
    /** id to `{requirement, element}` of the rows shown. */
    this.rows = new Map();
    /** `[{element, rows}]`: each principle's section and its rows, for the filters. */
    this.groups = [];
    this.layout = '';
  }

  render(report, kept = new Map()) {
    const layout = report.requirements.map((requirement) => `${requirement.principle}\u0001${requirement.id}`).join('\u0002');
    const previous = this.rows;
    this.rows = new Map();
    if (layout === this.layout) {
      let changed = false;
      for (const requirement of report.requirements) {
        const old = previous.get(requirement.id).element;
        const row = this.row(requirement, previous, kept);
        if (row !== old) {
          old.replaceWith(row);
          changed = true;
        }
      }
      if (changed) this.regroup();
      return;
    }
    this.layout = layout;
    const groups = new Map();
    for (const requirement of report.requirements) {
      if (!groups.has(requirement.principle)) groups.set(requirement.principle, []);
      groups.get(requirement.principle).push(requirement);
    }
    replaceChildren(
      this.element,
      [...groups].map(([principle, requirements]) =>
        h('section', { class: 'principle', 'aria-label': principle }, h('h3', {}, principle), requirements.map((requirement) => this.row(requirement, previous, kept))),
      ),
    );
    this.regroup();
  }

  /** The row for `requirement`: the previous one when only offsets changed, else a new one. */
  row(requirement, previous, kept) {
    const shown = previous.get(requirement.id);
    let element;
    if (requirement === shown?.requirement) {
      element = shown.element;
    } else if (shown && (kept.get(requirement.id) === shown.requirement || rowKey(shown.requirement) === rowKey(requirement))) {
      element = shown.element;
      moveRanges(element, requirement.evidence);
    } else {
      element = requirementRow(requirement, this.ui);
      element.hidden = !this.shows(element);
    }
    this.rows.set(requirement.id, { requirement, element });
    return element;
  }

  /** Notes each principle's section and rows anew, and hides the sections left empty. */
  regroup() {
    this.groups = [...this.element.children].map((section) => ({ element: section, rows: [...section.querySelectorAll(':scope > [data-testid="requirement"]')] }));
    for (const group of this.groups) group.element.hidden = group.rows.every((row) => row.hidden);
  }

  /** Hides the rows the filters exclude, and the principle groups left empty. */
  applyFilters() {
    for (const group of this.groups) {
      for (const row of group.rows) row.hidden = !this.shows(row);
      group.element.hidden = group.rows.every((row) => row.hidden);
    }
  }

  shows(row) {
    return this.filters.statuses.has(row.dataset.status) && this.filters.levels.has(row.dataset.level);
  }
}

/** What a row shows, without the evidence offsets (which every edit before them moves). */
function rowKey(requirement) {
  const evidence = requirement.evidence.map(({ clause, text, effect }) => [clause, text, effect]);
  return JSON.stringify({ ...requirement, evidence });
}


function requirementRow(requirement, ui) {
  const titleId = `title-${requirement.id}`;
  return h(
    'article',
    {
      class: `requirement status-${requirement.status}`,
      id: `req-${requirement.id}`,
      tabindex: '-1',
      'aria-labelledby': titleId,
      dataset: { testid: 'requirement', id: requirement.id, status: requirement.status, level: requirement.level },
    },
    h(
      'div',
      { class: 'requirement-head' },
      statusBadge(requirement.status),
      h('span', { class: `level level-${requirement.level}` }, requirement.level),
      h('h4', { id: titleId, class: 'requirement-title' }, requirement.title),
      h('code', { class: 'requirement-id' }, requirement.id),
    ),
    NEEDS_ATTENTION.includes(requirement.status) && h('p', { class: 'message' }, requirement.message),
    evidenceList(requirement, ui),
    suggestion(requirement, ui),
    requirement.sources.length > 0 && h('p', { class: 'sources' }, h('span', { class: 'sources-label' }, 'Sources: '), requirement.sources.join('; ')),
    trace(requirement, ui),
  );
}

function evidenceList(requirement, ui) {
  if (requirement.evidence.length === 0) return null;
  return h(
    'ul',
    { class: 'evidence-list', 'aria-label': 'Evidence in the draft' },
    requirement.evidence.map((evidence) =>
      h(
        'li',
        {},
        rangeButton(
          evidence,
          ui.showEvidence,
          { class: `evidence effect-${evidence.effect}`, dataset: { testid: 'evidence' }, title: 'Show this sentence in the draft' },
          h('span', { class: 'evidence-clause' }, evidence.clause),
          h('span', { class: 'evidence-text' }, `“${evidence.text}”`),
          h('span', { class: `evidence-effect status-${evidence.effect}` }, icon(statusIcon(evidence.effect)), statusLabel(evidence.effect).toLowerCase()),
        ),
      ),
    ),
  );
}

function suggestion(requirement, ui) {
  const needed = ['weak', 'missing', 'violated'].includes(requirement.status);
  if (!needed || !requirement.suggestion) return null;
  const text = h('blockquote', { class: 'suggestion-text' }, requirement.suggestion);
  const feedback = h('span', { class: 'copy-feedback', role: 'status' });
  return h(
    'div',
    { class: 'suggestion' },
    h('p', { class: 'suggestion-label' }, 'Suggested clause'),
    text,
    h(
      'button',
      { type: 'button', class: 'secondary copy-button', dataset: { testid: 'copy-suggestion' }, on: { click: () => ui.copy(requirement.suggestion, text, feedback) } },
      icon('copy'),
      'Copy',
    ),
    feedback,
  );
}

/**
 * How the status was decided, folded. Its steps are built in idle time after the result is
 * shown (or at once when it is opened first): most traces are never read, and building
 * them all would slow the first result down; built, they are found by the browser's search.
 */
function trace(requirement, ui) {
  if (requirement.trace.length === 0 && !requirement.rationale) return null;
  const open = ui.openTraces.has(requirement.id);
  const details = h('details', { class: 'trace', open }, h('summary', {}, 'How this was decided'));
  const fill = () => {
    if (details.childElementCount === 1) details.append(...traceSteps(requirement));
  };
  if (open) fill();
  else whenIdle(() => details.isConnected && fill());
  details.addEventListener('toggle', () => {
    if (details.open) ui.openTraces.add(requirement.id);
    else ui.openTraces.delete(requirement.id);
    if (details.open) fill();
  });
  return details;
}

/** Work left for idle time, a little per idle period, so that typing never waits for it. */
const idleWork = [];
const requestIdle = globalThis.requestIdleCallback ?? ((callback) => setTimeout(() => callback({ timeRemaining: () => 5 }), 50));

function whenIdle(task) {
  if (idleWork.push(task) === 1) requestIdle(doIdleWork);
}

function doIdleWork(deadline) {
  while (idleWork.length > 0 && deadline.timeRemaining() > 1) idleWork.shift()();
  if (idleWork.length > 0) requestIdle(doIdleWork);
}

function traceSteps(requirement) {
  return [requirement.rationale && h('p', { class: 'rationale' }, requirement.rationale), h('ol', {}, requirement.trace.map(traceStep))].filter(Boolean);
}

function traceStep(step) {
  const where = step.clause ? ` in ${step.clause}` : '';
  const modality = step.modality ? `, ${step.modality}` : '';
  const matched = step.matched.length > 0 ? ` (${step.matched.join('; ')})` : '';
  return h('li', {}, h('span', { class: 'trace-check' }, step.check), where, modality, ': ', statusBadge(step.outcome), ' ', step.note, matched);
}

/** Builds the status and level checkboxes; `onChange` gets called after each toggle. */
export function renderFilters(statusBox, levelBox, filters, onChange) {
  const box = (kind, value, label, set) =>
    h(
      'label',
      { class: `filter filter-${value}` },
      h('input', {
        type: 'checkbox',
        checked: set.has(value),
        dataset: { testid: `filter-${value}` },
        on: {
          change: (event) => {
            if (event.target.checked) set.add(value);
            else set.delete(value);
            onChange();
          },
        },
      }),
      kind === 'status' ? statusBadge(value) : label,
    );
  replaceChildren(statusBox, STATUSES.map((status) => box('status', status, statusLabel(status), filters.statuses)));
  replaceChildren(levelBox, LEVELS.map((level) => box('level', level, level, filters.levels)));
}
