//! Everything the evaluator computes for one clause on its own: the analysis of its
//! sentences and what every check finds in them. Both depend only on the clause (its text,
//! heading, lead-in and kind) and the profile, so a session keeps them with the clause and
//! an edit recomputes only the clauses that no longer read as before.

use super::analysis::{ClauseAnalysis, LeadInSentence, SharedParts};
use super::findings::{CheckPlan, ClauseFindings, LeadInModality};
use crate::document::{Clause, Document};
use crate::rules::lexicon::{Lexicon, SentenceHits};
use std::borrow::Borrow;

#[derive(Debug)]
pub struct ClauseResult {
    pub analysis: ClauseAnalysis,
    pub findings: ClauseFindings,
}

/// Computes the result of every clause of a document, asking `cached(clause index)` first
/// (a session's result for a clause that reads as before). A session shares its results
/// between versions (`R` = `Arc<ClauseResult>`); a one-shot check keeps them plain, without
/// an allocation per clause.
pub fn clause_results<R: From<ClauseResult> + Borrow<ClauseResult>>(
    document: &Document,
    lexicon: &Lexicon,
    plan: &CheckPlan,
    mut cached: impl FnMut(usize) -> Option<R>,
) -> Vec<R> {
    let mut results = Vec::with_capacity(document.clauses.len());
    let mut shared = SharedParts::default();
    let mut lead_in_modality = None;
    for (index, clause) in document.clauses.iter().enumerate() {
        let result = cached(index).unwrap_or_else(|| {
            let lead_in = document
                .lead_in_sentence(clause)
                .map(|sentence| LeadInSentence { text: &sentence.text, hits: lead_in_hits(document, clause, &results) });
            let analysis = ClauseAnalysis::analyze(clause, lead_in, lexicon, plan.clause_wide(), &mut shared);
            let modality = lead_in.map(|lead_in| LeadInModality::remembered(&mut lead_in_modality, lead_in, lexicon));
            let findings = plan.clause_findings(clause, &analysis, &document.definitions, modality.as_ref(), shared.lower_buffer());
            R::from(ClauseResult { analysis, findings })
        });
        results.push(result);
    }
    results
}

/// The hits of a list item's lead-in in the analysis of the clause it ends, when that
/// clause (the item's parent, which comes before it) has its result already.
fn lead_in_hits<'r, R: Borrow<ClauseResult>>(document: &Document, clause: &Clause, results: &'r [R]) -> Option<&'r SentenceHits> {
    let parent = clause.parent?;
    let lead_in = clause.lead_in?;
    let index = document.clauses.get(parent)?.sentences.iter().position(|s| s.span == lead_in)?;
    Some(&results.get(parent)?.borrow().analysis.sentences.get(index)?.hits)
}
