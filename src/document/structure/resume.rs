//! Reading the structure of a new version of a draft without reading all of it again.
//!
//! Lines are classified on their own, so only the changed lines are classified again. The
//! structure pass carries a state from line to line (the numbering stack, the current
//! article, the region). Between paragraphs that state is small, so the pass records it
//! every [`SPACING`] lines as a checkpoint. After an edit, the pass resumes from the last
//! checkpoint before the changed lines, and stops as soon as it reaches a line after them
//! where its state equals the previous version's checkpoint there: from that line on, the
//! previous version's clauses are the new ones, moved by the change in length.
//!
//! A line's reading looks ahead at most to the next non-blank line, so the checkpoint it
//! resumes from is one with an unchanged non-blank line between it and the change.

use super::lines::{classify_lines, reclassify_lines, Line, LineKind};
use super::{operative_start, Builder, ClauseDraft, State};
use crate::document::edit::Edit;
use crate::document::Clause;

/// Lines between two checkpoints, at least: resuming re-reads at most this many unchanged
/// lines, and a checkpoint costs a copy of the state.
const SPACING: usize = 16;

/// The structure pass's result: the clauses, and what the next version's pass reuses.
pub(in crate::document) struct Structure {
    pub drafts: Vec<ClauseDraft>,
    pub record: PassRecord,
}

/// What the structure pass of a version leaves for the next one: its lines and the
/// checkpoints of its state. A cache: two documents of the same text are equal whatever
/// their records.
#[derive(Debug, Clone, Default)]
pub(in crate::document) struct PassRecord {
    lines: Vec<Line>,
    operative_start: Option<usize>,
    checkpoints: Vec<Checkpoint>,
}

impl PartialEq for PassRecord {
    fn eq(&self, _: &PassRecord) -> bool {
        true
    }
}

#[derive(Debug, Clone)]
struct Checkpoint {
    /// The line about to be read: a blank line with no clause open.
    line: usize,
    state: State,
    /// How many clauses were found before.
    drafts: usize,
}

impl Builder<'_> {
    fn at_rest(&self, index: usize) -> bool {
        self.open.is_none() && self.lines[index].kind == LineKind::Blank
    }

    fn checkpoint(&self, line: usize) -> Checkpoint {
        Checkpoint { line, state: self.state.clone(), drafts: self.drafts.len() }
    }

    /// Whether the pass stands where `checkpoint` was taken (compared in place: this runs
    /// at every blank line until the pass meets the previous version again).
    fn is_at(&self, checkpoint: &Checkpoint) -> bool {
        self.drafts.len() == checkpoint.drafts && self.state == checkpoint.state
    }
}

/// Reads the structure of `source` from the start.
pub(in crate::document) fn read(source: &str) -> Structure {
    let lines = classify_lines(source);
    let operative_start = operative_start(source, &lines);
    let checkpoints = Vec::with_capacity(lines.len() / SPACING + 1);
    let (drafts, checkpoints) = run(Builder::new(source, &lines, operative_start), 0, checkpoints, None);
    Structure { drafts, record: PassRecord { lines, operative_start, checkpoints } }
}

/// The previous version, as a resumed pass needs it.
pub(in crate::document) struct Previous<'p> {
    pub record: PassRecord,
    pub clauses: &'p [Clause],
    pub edit: &'p Edit,
}

/// Reads the structure of `source`, a new version of `previous`, resuming the previous
/// version's pass where the edit allows.
pub(in crate::document) fn reread(source: &str, previous: Previous) -> Structure {
    let PassRecord { lines: old_lines, operative_start: old_start, checkpoints: mut list } = previous.record;
    let old_line_count = old_lines.len();
    let lines = reclassify_lines(old_lines, source, previous.edit);
    let operative_start = operative_start(source, &lines);
    let mut builder = Builder::new(source, &lines, operative_start);
    let first_changed = lines.partition_point(|line| line.end < previous.edit.prefix);
    let unchanged_text_between = |from: usize| lines[from + 1..first_changed].iter().any(|l| l.kind != LineKind::Blank);
    let restart = list.iter().rposition(|c| c.line < first_changed && unchanged_text_between(c.line));
    let (drafts, checkpoints) = match restart.filter(|_| operative_start == old_start) {
        None => run(builder, 0, Vec::new(), None),
        Some(restart) => {
            let mut tail = list.split_off(restart);
            let from = tail[0].line;
            let resumed = tail.remove(0);
            builder.drafts.extend(previous.clauses[..resumed.drafts].iter().map(draft_of));
            builder.state = resumed.state;
            let rejoin = Rejoin { old_lines: old_line_count, checkpoints: tail, clauses: previous.clauses, edit: previous.edit };
            run(builder, from, list, Some(rejoin))
        }
    };
    Structure { drafts, record: PassRecord { lines, operative_start, checkpoints } }
}

/// Reads lines from `from`, taking checkpoints; with `rejoin`, stops where the pass meets
/// the previous version again. Returns the clauses and the checkpoints.
fn run(mut builder: Builder, from: usize, mut checkpoints: Vec<Checkpoint>, rejoin: Option<Rejoin>) -> (Vec<ClauseDraft>, Vec<Checkpoint>) {
    let mut last = checkpoints.last().map(|c| c.line);
    for index in from..builder.lines.len() {
        if builder.at_rest(index) {
            if let Some(drafts) = rejoin.as_ref().and_then(|r| r.try_at(&mut builder, index, &mut checkpoints)) {
                return (drafts, checkpoints);
            }
            if last.is_none_or(|line| index >= line + SPACING) {
                checkpoints.push(builder.checkpoint(index));
                last = Some(index);
            }
        }
        builder.line(index);
    }
    (builder.finish(), checkpoints)
}

/// The previous version's checkpoints after the restart, to rejoin them.
struct Rejoin<'p> {
    old_lines: usize,
    checkpoints: Vec<Checkpoint>,
    clauses: &'p [Clause],
    edit: &'p Edit,
}

impl Rejoin<'_> {
    /// At a blank line after the change where the previous version had a checkpoint with
    /// the same state: the clauses from here on are the previous version's, moved. Returns
    /// all the clauses, and completes `checkpoints` with the previous version's.
    fn try_at(&self, builder: &mut Builder, index: usize, checkpoints: &mut Vec<Checkpoint>) -> Option<Vec<ClauseDraft>> {
        let line_start = builder.lines[index].start;
        if line_start < builder.source.len() - self.edit.suffix + 1 {
            return None;
        }
        let old_line = (index + self.old_lines).checked_sub(builder.lines.len())?;
        let at = self.checkpoints.binary_search_by_key(&old_line, |c| c.line).ok()?;
        if !builder.is_at(&self.checkpoints[at]) {
            return None;
        }
        let line_delta = builder.lines.len() as isize - self.old_lines as isize;
        checkpoints.extend(self.checkpoints[at..].iter().map(|c| Checkpoint { line: (c.line as isize + line_delta) as usize, ..c.clone() }));
        let mut drafts = std::mem::take(&mut builder.drafts);
        // Headings still waiting for a reference got it later, as in the previous version.
        for &pending in &builder.state.headings_without_reference {
            drafts[pending].reference = self.clauses[pending].reference.clone();
        }
        let delta = self.edit.delta();
        drafts.extend(self.clauses[drafts.len()..].iter().map(|clause| {
            let mut draft = draft_of(clause);
            draft.span = draft.span.shifted(delta);
            draft.content = draft.content.shifted(delta);
            draft
        }));
        Some(drafts)
    }
}

fn draft_of(clause: &Clause) -> ClauseDraft {
    ClauseDraft {
        reference: clause.reference.clone(),
        heading: clause.heading.clone(),
        kind: clause.kind,
        span: clause.span,
        content: clause.content,
        parent: clause.parent,
    }
}
