// What each status and verdict means to a reader: label, icon, and rank. The rank orders
// statuses from best to worst (met > weak > missing > violated) for comparisons; a
// not_applicable requirement has no rank, because it was not asked of the draft.

export const STATUSES = ['violated', 'missing', 'weak', 'met', 'not_applicable'];

const STATUS_INFO = {
  met: { label: 'Met', rank: 3, icon: 'check' },
  weak: { label: 'Weak', rank: 2, icon: 'half' },
  missing: { label: 'Missing', rank: 1, icon: 'empty' },
  violated: { label: 'Violated', rank: 0, icon: 'cross' },
  not_applicable: { label: 'Not applicable', rank: null, icon: 'dash' },
};

export const LEVELS = ['must', 'should'];

export function statusLabel(status) {
  return STATUS_INFO[status]?.label ?? status;
}

export function statusRank(status) {
  return STATUS_INFO[status]?.rank ?? null;
}

export function statusIcon(status) {
  return STATUS_INFO[status]?.icon ?? 'dash';
}

const VERDICT_TEXT = {
  pass: { label: 'Pass', explanation: 'Every "must" standard is met.' },
  review: {
    label: 'Review',
    explanation: 'No "must" standard is missing or contradicted, but some are only weakly addressed.',
  },
  fail: {
    label: 'Fail',
    explanation: 'At least one "must" standard is missing from the draft or contradicted by it.',
  },
};

export function verdictText(verdict) {
  return VERDICT_TEXT[verdict] ?? { label: verdict, explanation: '' };
}

/** The evidence effect that wins when one sentence is evidence for several findings. */
export function worseEffect(a, b) {
  return statusRank(a) <= statusRank(b) ? a : b;
}
