// The highlight layer behind the draft's textarea, drawn one block per line of the draft.
//
// Why lines: a 30-page draft is some 100,000 characters, and re-laying out all of it on each
// keystroke takes longer than a frame. A line's block is rebuilt only when its text or its
// marks change, so typing touches one block and the browser re-lays out that block alone.
// The blocks wrap exactly as the textarea does: a newline is a forced break in both, and
// each block has the textarea's width, font and white-space rules.
//
// Why runs of lines: when one line changes, the browser still walks every sibling of its
// block to place them (some 1,300 lines in 30 pages: about 2 ms a change); grouped in runs
// of at most RUN_LINES lines, it walks one run and the runs (a tenth of a millisecond).

/** Most lines a run holds; a run that an edit grows past twice this is split. */
const RUN_LINES = 64;

export class LineMirror {
  constructor(element) {
    this.element = element;
    this.keys = [];
    /** The runs, in order: `{element, count}` (count = lines in it). */
    this.runs = [];
  }

  /**
   * Shows `text` with `pieces` (consecutive `{start, end, className}` covering the text;
   * an empty className is plain text). Only lines that differ from the last render change.
   */
  render(text, pieces) {
    const lines = splitIntoLines(text, pieces);
    const keys = lines.map((line) => line.key);
    const { prefix, suffix } = unchangedEnds(this.keys, keys);
    const nodes = lines.slice(prefix, keys.length - suffix).map(lineNode);
    this.replaceLines(prefix, this.keys.length - suffix, nodes);
    this.keys = keys;
  }

  /** Replaces lines `[start, end)` by `nodes`, touching only the runs that hold them. */
  replaceLines(start, end, nodes) {
    if (start === end && nodes.length === 0) return;
    if (this.runs.length === 0) this.runs.push(this.newRun([], null));
    const first = this.runAt(start);
    const last = end > start ? this.runAt(end - 1) : { ...first, offset: first.offset - 1 };
    const run = this.runs[first.index];
    if (first.index === last.index && run.count - (end - start) + nodes.length <= 2 * RUN_LINES) {
      // The usual edit: within one run, changed in place.
      const lines = run.element.children;
      for (let index = last.offset; index >= first.offset; index -= 1) lines[index].remove();
      run.element.insertBefore(fragmentOf(nodes), lines[first.offset] ?? null);
      run.count += nodes.length - (end - start);
      if (run.count === 0) this.removeRuns(first.index, 1);
      return;
    }
    // Across runs, or a run grown too long: the runs involved are rebuilt from their lines.
    const involved = this.runs.slice(first.index, last.index + 1);
    const kept = (from, to) => [...involved[from].element.children].slice(...to);
    const lines = [...kept(0, [0, first.offset]), ...nodes, ...kept(involved.length - 1, [last.offset + 1])];
    const next = involved[involved.length - 1].element.nextSibling;
    this.removeRuns(first.index, involved.length);
    const fresh = [];
    for (let index = 0; index < lines.length; index += RUN_LINES) fresh.push(this.newRun(lines.slice(index, index + RUN_LINES), next));
    this.runs.splice(first.index, 0, ...fresh);
  }

  /** The run holding line `line` and the line's place in it; past the end: the last run's end. */
  runAt(line) {
    let before = 0;
    for (let index = 0; index < this.runs.length; index += 1) {
      const { count } = this.runs[index];
      if (line < before + count || index === this.runs.length - 1) return { index, offset: line - before };
      before += count;
    }
    throw new Error('mirror: no run');
  }

  newRun(lines, next) {
    const element = document.createElement('div');
    element.append(fragmentOf(lines));
    this.element.insertBefore(element, next);
    return { element, count: lines.length };
  }

  removeRuns(index, count) {
    for (const run of this.runs.splice(index, count)) run.element.remove();
  }
}

function fragmentOf(nodes) {
  const fragment = document.createDocumentFragment();
  fragment.append(...nodes);
  return fragment;
}

/** How many entries at the start and at the end of two lists are equal (not overlapping). */
function unchangedEnds(before, after) {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < shorter - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
  return { prefix, suffix };
}

/** The lines of `text` (without their newlines), each with the parts of `pieces` it holds. */
export function splitIntoLines(text, pieces) {
  const lines = [];
  let first = 0;
  let lineStart = 0;
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    while (first < pieces.length && pieces[first].end <= lineStart) first += 1;
    const parts = [];
    for (let index = first; index < pieces.length && pieces[index].start < lineEnd; index += 1) {
      const piece = pieces[index];
      const [start, end] = [Math.max(piece.start, lineStart), Math.min(piece.end, lineEnd)];
      if (end > start) parts.push({ text: text.slice(start, end), className: piece.className });
    }
    lines.push({ parts, key: parts.map((part) => `${part.className}\u0001${part.text}`).join('\u0002') });
    if (newline === -1) return lines;
    lineStart = newline + 1;
  }
}

function lineNode({ parts }) {
  const line = document.createElement('div');
  if (parts.length === 0) line.append(document.createElement('br'));
  for (const { text, className } of parts) {
    if (className === '') {
      line.append(text);
    } else {
      const mark = document.createElement('mark');
      mark.className = className;
      mark.textContent = text;
      line.append(mark);
    }
  }
  return line;
}
