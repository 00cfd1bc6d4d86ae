// Where the findings stand in the draft. Offsets are UTF-16 code units (the report's
// start_utf16/end_utf16), which is what JavaScript strings and textarea selections use.

import { worseEffect } from './statuses.js';

/**
 * One mark per distinct evidence range, with the worst effect any finding gives it and the
 * requirements that cite it (several requirements often rest on the same sentence).
 */
export function evidenceMarks(report) {
  const byRange = new Map();
  for (const requirement of report.requirements) {
    for (const evidence of requirement.evidence) {
      const key = `${evidence.start_utf16}:${evidence.end_utf16}`;
      const mark = byRange.get(key);
      if (mark) {
        mark.effect = worseEffect(mark.effect, evidence.effect);
        if (!mark.ids.includes(requirement.id)) mark.ids.push(requirement.id);
      } else {
        byRange.set(key, {
          start: evidence.start_utf16,
          end: evidence.end_utf16,
          effect: evidence.effect,
          ids: [requirement.id],
        });
      }
    }
  }
  return [...byRange.values()].sort((x, y) => x.start - y.start || y.end - x.end);
}

/**
 * Cuts `[0, length)` into consecutive pieces, each either plain (`effect: null`) or covered
 * by marks; overlapping marks combine into the worse effect and the union of their ids.
 * A sweep over the cut points: linear in the marks, whatever their number.
 */
export function segments(length, marks) {
  const clamped = marks
    .map((mark) => ({ ...mark, start: clamp(mark.start, length), end: clamp(mark.end, length) }))
    .filter((mark) => mark.end > mark.start)
    .sort((x, y) => x.start - y.start);
  const points = [...new Set([0, length, ...clamped.flatMap((mark) => [mark.start, mark.end])])].sort((x, y) => x - y);
  const pieces = [];
  let active = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    active = active.filter((mark) => mark.end > start);
    while (next < clamped.length && clamped[next].start <= start) active.push(clamped[next++]);
    pieces.push(combine(start, end, active));
  }
  return mergePlain(pieces);
}

function combine(start, end, covering) {
  if (covering.length === 0) return { start, end, effect: null, ids: [] };
  const effect = covering.map((mark) => mark.effect).reduce(worseEffect);
  const ids = [...new Set(covering.flatMap((mark) => mark.ids))];
  return { start, end, effect, ids };
}

function mergePlain(pieces) {
  const merged = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last && last.effect === null && piece.effect === null) last.end = piece.end;
    else merged.push(piece);
  }
  return merged;
}

function clamp(offset, length) {
  return Math.max(0, Math.min(offset, length));
}

/**
 * Moves marks to follow an edit from `before` to `after`, so highlights stay on their
 * sentences while the re-check is pending. Marks that the edit falls inside stretch or
 * shrink with it; marks the edit deletes disappear. `region` is editedRegion(before, after)
 * when the caller has it already.
 */
export function followEdit(marks, before, after, region = editedRegion(before, after)) {
  const { prefix, oldEnd, newEnd } = region;
  const delta = after.length - before.length;
  const move = (offset, inside) => {
    if (offset <= prefix) return offset;
    if (offset >= oldEnd) return offset + delta;
    return inside;
  };
  return marks
    .map((mark) => ({ ...mark, start: move(mark.start, prefix), end: move(mark.end, newEnd) }))
    .filter((mark) => mark.end > mark.start);
}

/** Compared a block at a time first: string equality runs far faster than a loop over characters. */
const BLOCK = 512;

/** The differing middle of two strings: common prefix length and where the change ends. */
export function editedRegion(before, after) {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix + BLOCK <= shorter && before.slice(prefix, prefix + BLOCK) === after.slice(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  const common = shorter - prefix;
  let suffix = 0;
  while (suffix + BLOCK <= common && before.slice(before.length - suffix - BLOCK, before.length - suffix) === after.slice(after.length - suffix - BLOCK, after.length - suffix)) {
    suffix += BLOCK;
  }
  while (suffix < common && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix += 1;
  return { prefix, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}
