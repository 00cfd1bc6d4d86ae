// The draft: an ordinary textarea (so typing, pasting, undo and Playwright's fill all work)
// over a mirror that draws the findings behind the text, plus a read view that marks each
// finding with an icon and a link to its requirement.
//
// The mirror (mirror.js) has the textarea's exact font, padding and wrapping, and
// transparent text, so its <mark> backgrounds and underlines sit under the right words; it
// scrolls with the textarea.

import { h, icon, replaceChildren } from './dom.js';
import { editedRegion, followEdit, segments } from './marks.js';
import { statusIcon, statusLabel } from './statuses.js';
import { LineMirror } from './mirror.js';
import { measureSince } from './timing.js';

export class DraftEditor {
  /** `onReplaced()` is called when an edit replaces the whole draft (select all, paste). */
  constructor({ textarea, mirror, readView, editor, modeEdit, modeMarked, onReplaced }) {
    Object.assign(this, { textarea, mirror, readView, editor, modeEdit, modeMarked, onReplaced });
    this.lineMirror = new LineMirror(mirror);
    this.marks = [];
    this.focus = null;
    this.shownText = textarea.value;
    this.scrollSyncPending = false;
    textarea.addEventListener('scroll', () => this.syncScroll());
    textarea.addEventListener('input', () => this.followTyping());
    modeEdit.addEventListener('click', () => this.setMode('edit'));
    modeMarked.addEventListener('click', () => this.setMode('marked'));
    new ResizeObserver(() => this.syncScroll()).observe(textarea);
  }

  get text() {
    return this.textarea.value;
  }

  /** Replaces the draft (a file, the sample, a stored draft); old marks no longer apply. */
  setText(text) {
    this.textarea.value = text;
    this.textarea.scrollTop = 0;
    this.setMarks([]);
  }

  /** Shows a new report's marks, for the text it was computed on. */
  setMarks(marks) {
    this.marks = marks;
    this.focus = null;
    this.render();
  }

  /** Shows a report's marks; `text` is what it was computed on, which typing may have changed since. */
  setMarksFor(marks, text) {
    this.setMarks(text === this.text ? marks : followEdit(marks, text, this.text));
  }

  /** Keeps marks on their sentences between a keystroke and its re-check. */
  followTyping() {
    const started = performance.now();
    const region = editedRegion(this.shownText, this.text);
    if (region.prefix === 0 && region.oldEnd === this.shownText.length && this.shownText !== '') this.onReplaced();
    this.marks = followEdit(this.marks, this.shownText, this.text, region);
    this.focus = null;
    this.render();
    measureSince('accordlint:keystroke', started);
  }

  /** Scrolls the draft to `[start, end)` (UTF-16 offsets), selects it and highlights it. */
  showRange(start, end) {
    this.setMode('edit');
    this.focus = { start, end };
    this.render();
    this.editor.scrollIntoView({ block: 'nearest' });
    const target = this.mirror.querySelector('.is-focus');
    if (target) this.textarea.scrollTop = Math.max(0, target.offsetTop - this.textarea.clientHeight / 3);
    this.textarea.focus({ preventScroll: true });
    this.textarea.setSelectionRange(start, end, 'forward');
    this.syncScroll();
  }

  setMode(mode) {
    const marked = mode === 'marked';
    this.modeEdit.setAttribute('aria-pressed', String(!marked));
    this.modeMarked.setAttribute('aria-pressed', String(marked));
    if (marked === this.editor.hidden) return;
    const scrolled = marked ? this.textarea.scrollTop : this.readView.scrollTop;
    this.editor.hidden = marked;
    this.readView.hidden = !marked;
    if (marked) this.renderReadView();
    // Both views wrap the same text at the same width: keep the reader's place.
    if (marked) this.readView.scrollTop = scrolled;
    else this.textarea.scrollTop = scrolled;
  }

  render() {
    this.shownText = this.text;
    this.lineMirror.render(this.shownText, mirrorPieces(this.shownText, this.marks, this.focus));
    this.scheduleScrollSync();
    if (!this.readView.hidden) this.renderReadView();
  }

  /**
   * Aligns the mirror with the textarea at the next frame. Reading the textarea's scroll
   * position right after changing the mirror would force a layout of the whole page there
   * and then, and the frame would lay it out again; in the frame's own callback the one
   * layout the frame needs anyway is done once (and timed, for the benchmark).
   */
  scheduleScrollSync() {
    if (this.scrollSyncPending) return;
    this.scrollSyncPending = true;
    requestAnimationFrame(() => {
      this.scrollSyncPending = false;
      const started = performance.now();
      this.syncScroll();
      measureSince('accordlint:frame-layout', started);
    });
  }

  renderReadView() {
    renderReadView(this.readView, this.text, this.marks);
  }

  syncScroll() {
    this.mirror.scrollTop = this.textarea.scrollTop;
    this.mirror.scrollLeft = this.textarea.scrollLeft;
  }
}

/** Cuts the text at marks and at the focused range, so each piece has one look. */
function pieces(text, marks, focus) {
  return segments(text.length, marks).flatMap((piece) => splitAtFocus(piece, focus));
}

function splitAtFocus(piece, focus) {
  if (!focus || focus.end <= piece.start || focus.start >= piece.end) return [{ ...piece, focused: false }];
  const cuts = [piece.start, Math.max(piece.start, focus.start), Math.min(piece.end, focus.end), piece.end];
  const parts = [];
  for (let i = 0; i < 3; i += 1) {
    if (cuts[i + 1] > cuts[i]) parts.push({ ...piece, start: cuts[i], end: cuts[i + 1], focused: i === 1 });
  }
  return parts;
}

/** The mirror's pieces: each mark's look, the focused range on top. */
function mirrorPieces(text, marks, focus) {
  return pieces(text, marks, focus).map((piece) => {
    const classes = [piece.effect || piece.focused ? 'mark' : '', piece.effect ? `mark-${piece.effect}` : '', piece.focused ? 'is-focus' : ''];
    return { start: piece.start, end: piece.end, className: classes.filter(Boolean).join(' ') };
  });
}

function renderReadView(view, text, marks) {
  if (text.trim() === '') {
    replaceChildren(view, h('p', { class: 'help' }, 'Nothing to show yet: the draft is empty.'));
    return;
  }
  const nodes = segments(text.length, marks).map((piece) => {
    const content = text.slice(piece.start, piece.end);
    if (piece.effect === null) return content;
    const label = `${statusLabel(piece.effect)}: ${piece.ids.join(', ')}`;
    return h(
      'a',
      { class: `mark mark-${piece.effect}`, href: `#req-${piece.ids[0]}`, title: label, dataset: { ids: piece.ids.join(' ') } },
      icon(statusIcon(piece.effect), 'icon mark-icon'),
      h('span', { class: 'visually-hidden' }, `${label}. `),
      content,
    );
  });
  replaceChildren(view, nodes);
}
