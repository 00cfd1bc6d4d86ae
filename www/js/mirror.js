// The highlight layer behind the draft's textarea, drawn one block per line of the draft.
//
// Why lines: a 30-page draft is some 100,000 characters, and re-laying out all of it on each
// keystroke takes longer than a frame. A line's block is rebuilt only when its text or its
// marks change, so typing touches one block and the browser re-lays out that block alone.
// The blocks wrap exactly as the textarea does: a newline is a forced break in both, and
// each block has the textarea's width, font and white-space rules.

export class LineMirror {
  constructor(element) {
    this.element = element;
    this.keys = [];
  }

  /**
   * Shows `text` with `pieces` (consecutive `{start, end, className}` covering the text;
   * an empty className is plain text). Only lines that differ from the last render change.
   */
  render(text, pieces) {
    const lines = splitIntoLines(text, pieces);
    const keys = lines.map((line) => line.key);
    const { prefix, suffix } = unchangedEnds(this.keys, keys);
    const children = this.element.children;
    for (let index = this.keys.length - suffix - 1; index >= prefix; index -= 1) children[index].remove();
    const fragment = document.createDocumentFragment();
    for (let index = prefix; index < keys.length - suffix; index += 1) fragment.append(lineNode(lines[index]));
    this.element.insertBefore(fragment, children[prefix] ?? null);
    this.keys = keys;
  }
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
