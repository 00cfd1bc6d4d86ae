//! Everything the evaluator computes for one clause on its own: the analysis of its
//! sentences and what every check finds in them. Both depend only on the clause (its text,
//! heading, lead-in and kind) and the profile, so a session keeps them with the clause and
//! an edit recomputes only the clauses it touched.

use super::analysis::{ClauseAnalysis, ConceptSet};
use super::findings::{CheckPlan, ClauseFindings};
use crate::document::{Clause, Definition, Document, Sentence};
use crate::rules::lexicon::Lexicon;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

#[derive(Debug)]
pub struct ClauseResult {
    pub analysis: ClauseAnalysis,
    /// Every concept of the clause's sentences (with their lead-in's): a document-wide pass
    /// looking for a concept skips the clauses without it.
    pub concepts: ConceptSet,
    pub findings: ClauseFindings,
}

/// What a clause's result depends on besides the text of its sentences: its kind, heading
/// and lead-in. A clause carried over unchanged by [`Document::reparse`] keeps its result if
/// this is unchanged too. Keys are compared only within one session.
pub fn context_key(clause: &Clause, lead_in: Option<&Sentence>) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    clause.kind.hash(&mut hasher);
    clause.heading.hash(&mut hasher);
    lead_in.map(|s| &s.text).hash(&mut hasher);
    hasher.finish()
}

/// Computes the result of every clause of a document with its [`context_key`], asking
/// `cached(clause index, context key)` first (a session's previous results).
pub fn clause_results(
    document: &Document,
    lexicon: &Lexicon,
    plan: &CheckPlan,
    mut cached: impl FnMut(usize, u64) -> Option<Arc<ClauseResult>>,
) -> Vec<(u64, Arc<ClauseResult>)> {
    document
        .clauses
        .iter()
        .enumerate()
        .map(|(index, clause)| {
            let lead_in = document.lead_in_sentence(clause);
            let key = context_key(clause, lead_in);
            let result = cached(index, key).unwrap_or_else(|| {
                let analysis = ClauseAnalysis::analyze(clause, lead_in, lexicon);
                let mut concepts = ConceptSet::new(lexicon.concept_count());
                for sentence in &analysis.sentences {
                    concepts.union_with(&sentence.present);
                }
                let defining = defining_sentences(clause, &document.definitions);
                let findings = plan.clause_findings(clause.kind, &analysis, &concepts, &defining);
                Arc::new(ClauseResult { analysis, concepts, findings })
            });
            (key, result)
        })
        .collect()
}

/// Which sentences of the clause define a term ("'X' means ..."). Definitions are in
/// document order and each lies inside its sentence.
fn defining_sentences(clause: &Clause, definitions: &[Definition]) -> Vec<bool> {
    clause
        .sentences
        .iter()
        .map(|sentence| {
            let first = definitions.partition_point(|d| d.span.start < sentence.span.start);
            definitions.get(first).is_some_and(|d| d.span.end <= sentence.span.end)
        })
        .collect()
}
