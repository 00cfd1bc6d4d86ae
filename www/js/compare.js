// Comparing two reports on the same profile: which requirements a revision made worse or
// better. Statuses are ordered met > weak > missing > violated; a change to or from
// not_applicable (a category or trigger that appeared or vanished) is listed aside, since it
// is neither better nor worse in itself.

import { statusRank } from './statuses.js';

export const CHANGE_ORDER = ['worse', 'better', 'aside', 'same'];

export function compareReports(reportA, reportB) {
  const inA = new Map(reportA.requirements.map((requirement) => [requirement.id, requirement]));
  const inB = new Map(reportB.requirements.map((requirement) => [requirement.id, requirement]));
  const ids = [...new Set([...inA.keys(), ...inB.keys()])];
  const rows = ids.map((id) => compareOne(inA.get(id), inB.get(id)));
  const counts = Object.fromEntries(CHANGE_ORDER.map((change) => [change, 0]));
  for (const row of rows) counts[row.change] += 1;
  return { rows, counts, verdictA: reportA.verdict, verdictB: reportB.verdict };
}

function compareOne(a, b) {
  const either = b ?? a;
  return {
    id: either.id,
    title: either.title,
    principle: either.principle,
    level: either.level,
    a: a?.status ?? null,
    b: b?.status ?? null,
    messageB: b?.message ?? '',
    change: changeBetween(a?.status, b?.status),
  };
}

export function changeBetween(statusA, statusB) {
  if (statusA === statusB) return 'same';
  const [rankA, rankB] = [statusRank(statusA), statusRank(statusB)];
  if (rankA === null || rankB === null) return 'aside';
  return rankB < rankA ? 'worse' : 'better';
}
