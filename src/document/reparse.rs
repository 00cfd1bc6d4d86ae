//! Reading a new version of a draft from the previous one: what an editor's session does
//! after each edit. The structure is read again (resumed where the edit allows, see
//! `structure/resume.rs`), but the clauses before and after the changed stretch keep their
//! sentences and definitions, moved to their new place.

use super::edit::Edit;
use super::{count_words, structure, Clause, Definition, Document, Span};
use std::ops::Range;

impl Document {
    /// Reads a new version of this document's text. The structure is read afresh, but a
    /// clause the edit did not touch (before or after the changed stretch) takes its
    /// sentences and definitions from this version, moved to their new
    /// place instead of normalised and read again: an edit costs the structure pass plus the
    /// clauses it touched. Returns the new document and, for each of its clauses, the clause
    /// of this version that reads the same: same text, kind, heading and lead-in.
    pub fn reparse(self, source: impl Into<String>) -> (Document, Vec<Option<usize>>) {
        let source = source.into();
        let edit = Edit::between(&self.source, &source);
        let word_count = recount_words(&self.source, self.word_count, &source, &edit);
        let Document { source: old_source, clauses: mut old_clauses, definitions, definitions_of, structure: record, .. } = self;
        let structure = structure::reread(&source, structure::Previous { record, clauses: &old_clauses, edit: &edit });
        let mut carried = Vec::with_capacity(structure.drafts.len());
        let clauses = structure
            .drafts
            .into_iter()
            .map(|draft| {
                let from = edit.old_span(draft.content).and_then(|old| clause_with_content(&old_clauses, old));
                carried.push(from);
                let old = from.map(|index| (&mut old_clauses[index], draft.content.start));
                Clause::new(&source, draft, old)
            })
            .collect();
        let previous = CarriedDefinitions { clauses: &old_clauses, carried: &carried, definitions, definitions_of };
        let document = Document::assemble(source, clauses, structure.record, word_count, Some(previous));
        let same = carried
            .into_iter()
            .zip(&document.clauses)
            .map(|(from, clause)| {
                from.filter(|&index| {
                    let old = &old_clauses[index];
                    old.kind == clause.kind
                        && old.heading == clause.heading
                        && lead_in_text(&old_source, old) == lead_in_text(&document.source, clause)
                })
            })
            .collect();
        (document, same)
    }

}

/// The definitions a reparse carries over from the previous version.
pub(super) struct CarriedDefinitions<'a> {
    /// The previous clauses (their sentences already moved out).
    clauses: &'a [Clause],
    /// For each new clause, the previous clause of the same text.
    carried: &'a [Option<usize>],
    definitions: Vec<Definition>,
    definitions_of: Vec<Range<usize>>,
}

impl CarriedDefinitions<'_> {
    /// The definitions of the previous clause that new clause `index` was carried over
    /// from, with how far they moved; `None` when the clause is new or is now cited
    /// differently (a definition names its clause).
    pub(super) fn unchanged_definitions(&self, index: usize, clause: &Clause) -> Option<(&[Definition], isize)> {
        let old_index = self.carried[index]?;
        let old = &self.clauses[old_index];
        if old.reference != clause.reference || old.kind != clause.kind {
            return None;
        }
        let delta = clause.content.start as isize - old.content.start as isize;
        Some((&self.definitions[self.definitions_of[old_index].clone()], delta))
    }
}

/// The original text of the sentence that introduces the clause, if it is a list item.
fn lead_in_text<'s>(source: &'s str, clause: &Clause) -> Option<&'s str> {
    clause.lead_in.map(|span| &source[span.start..span.end])
}

/// The index of the clause whose content is `content` (clauses are in document order).
fn clause_with_content(clauses: &[Clause], content: Span) -> Option<usize> {
    let index = clauses.partition_point(|c| c.content.start < content.start);
    clauses.get(index).is_some_and(|c| c.content == content).then_some(index)
}

/// The word count of `new`, from that of `old`: only the lines that differ are counted again.
/// A line break is not part of a word, so counts of whole lines add up.
fn recount_words(old: &str, old_count: usize, new: &str, edit: &Edit) -> usize {
    let (old_lines, new_lines) = edit.changed_lines(old, new);
    old_count - count_words(&old[old_lines.start..old_lines.end]) + count_words(&new[new_lines.start..new_lines.end])
}

