//! Turns evaluation outcomes into the report: evidence with both kinds of offsets, the
//! trace, the summary and the verdict.

use super::categories::{self, Detection};
use super::clauses::ClauseResult;
use super::evaluate::{evaluate, AnalysedDocument, Located, Outcome};
use super::findings::CheckPlan;
use super::{level_name, CheckOptions};
use crate::document::offsets::Utf16Index;
use crate::document::Document;
use crate::report::*;
use crate::rules::pack::Level;
use crate::rules::profile::Requirement;
use crate::rules::Profile;

/// How many evidence sentences a requirement shows, and how many trace steps.
const EVIDENCE_SHOWN: usize = 5;
const TRACE_SHOWN: usize = 12;

pub fn report(
    profile: &Profile,
    plan: &CheckPlan,
    document: &Document,
    clauses: &[&ClauseResult],
    options: &CheckOptions,
    only: Option<&str>,
) -> Report {
    let index = Utf16Index::new(&document.source);
    let detections = categories::resolve(&options.categories, profile, document, clauses);
    let selected: Vec<String> = detections.iter().map(|d| d.category.clone()).collect();
    let analysed = AnalysedDocument::new(document, clauses, plan, profile.lexicon.concept_count());
    let requirements: Vec<RequirementResult> = profile
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| only.is_none_or(|id| r.id == id))
        .map(|(position, r)| {
            let outcome = evaluate(position, r, &analysed, &selected, profile, plan);
            requirement_result(r, outcome, document, clauses, profile, plan, &index)
        })
        .collect();
    Report {
        schema: REPORT_SCHEMA,
        tool: ToolInfo { name: "accordlint", version: env!("CARGO_PKG_VERSION") },
        profile: ProfileInfo { id: profile.id.clone(), version: profile.version.clone(), overlays: profile.overlays.clone() },
        categories: detections.iter().map(|d| category_finding(d, document, &index)).collect(),
        verdict: verdict(&requirements),
        summary: summary(&requirements),
        document: document_info(document, &index),
        requirements,
    }
}

fn requirement_result(
    r: &Requirement,
    outcome: Outcome<'_>,
    document: &Document,
    clauses: &[&ClauseResult],
    profile: &Profile,
    plan: &CheckPlan,
    index: &Utf16Index,
) -> RequirementResult {
    let mut trace = Vec::new();
    if let Some(why) = &outcome.applicability {
        trace.push(TraceStep { check: "applies", clause: None, matched: Vec::new(), modality: None, outcome: outcome.status, note: why.clone() });
    }
    trace.extend(outcome.findings.iter().take(TRACE_SHOWN).map(|f| trace_step(f, document, clauses, profile, plan)));
    if outcome.findings.len() > TRACE_SHOWN {
        let more = outcome.findings.len() - TRACE_SHOWN;
        trace.push(TraceStep { check: "more", clause: None, matched: Vec::new(), modality: None, outcome: outcome.status, note: format!("{more} more findings not shown") });
    }
    if outcome.status == Status::Missing {
        trace.push(TraceStep { check: "result", clause: None, matched: Vec::new(), modality: None, outcome: Status::Missing, note: "no sentence addresses it".to_string() });
    }
    RequirementResult {
        id: r.id.clone(),
        title: r.title.clone(),
        level: level_name(outcome.level),
        principle: r.principle.clone(),
        status: outcome.status,
        evidence: evidence(&outcome, document, index),
        message: r.message.clone(),
        suggestion: r.suggestion.clone(),
        sources: r.sources.clone(),
        rationale: r.rationale.clone(),
        trace,
    }
}

/// The sentences that decide the status, each once, in document order.
fn evidence(outcome: &Outcome, document: &Document, index: &Utf16Index) -> Vec<Evidence> {
    first_deciding_sentences(outcome)
        .into_iter()
        .map(|(clause, sentence)| {
            let clause = &document.clauses[clause];
            let span = clause.sentences[sentence].span;
            Evidence {
                clause: clause.reference.clone(),
                start: span.start,
                end: span.end,
                start_utf16: index.utf16(span.start),
                end_utf16: index.utf16(span.end),
                text: document.source[span.start..span.end].to_string(),
                effect: outcome.status,
                location: None,
            }
        })
        .collect()
}

/// The first `EVIDENCE_SHOWN` sentences (clause, sentence) that decide the status, in
/// document order and each once: picked one after the other, each the first after the one
/// before (no sort: a few passes over the findings cost less than sorting them all).
fn first_deciding_sentences(outcome: &Outcome) -> Vec<(usize, usize)> {
    let deciding = || outcome.findings.iter().filter(|f| f.finding.effect == outcome.status).map(|f| (f.clause, f.finding.sentence));
    let mut shown: Vec<(usize, usize)> = Vec::with_capacity(EVIDENCE_SHOWN);
    while shown.len() < EVIDENCE_SHOWN {
        let last = shown.last().copied();
        // `None` orders before any `Some`: the first pick may be any sentence.
        match deciding().filter(|&at| Some(at) > last).min() {
            Some(next) => shown.push(next),
            None => break,
        }
    }
    shown
}

fn trace_step(located: &Located, document: &Document, clauses: &[&ClauseResult], profile: &Profile, plan: &CheckPlan) -> TraceStep {
    let (clause, finding) = (&document.clauses[located.clause], located.finding);
    let text = &clause.sentences[finding.sentence].text;
    let sentence = clauses.get(located.clause).and_then(|result| result.analysis.sentences.get(finding.sentence));
    let matched = sentence
        .into_iter()
        .flat_map(|sentence| plan.matched(located.slot, finding, sentence))
        .map(|(concept, start, end)| {
            let label = concept.map_or("duration", |c| profile.concept_names[c].as_str());
            // Pushed piece by piece: `format!` cost more than the text.
            let words = text.get(start..end).unwrap_or("");
            let mut shown = String::with_capacity(label.len() + words.len() + 4);
            [label, ": '", words, "'"].iter().for_each(|piece| shown.push_str(piece));
            shown
        })
        .collect();
    TraceStep {
        check: finding.check,
        clause: Some(clause.reference.clone()),
        matched,
        modality: finding.modality.map(|m| m.as_str()),
        outcome: finding.effect,
        note: plan.note(located.slot, finding),
    }
}

fn category_finding(detection: &Detection, document: &Document, index: &Utf16Index) -> CategoryFinding {
    let detected_by = detection
        .evidence
        .iter()
        .map(|&(c, s, start, end)| {
            let clause = &document.clauses[c];
            let sentence = &clause.sentences[s];
            let span = sentence.original_span(start, end);
            CategoryEvidence {
                phrase: sentence.text.get(start..end).unwrap_or("").to_string(),
                clause: clause.reference.clone(),
                start: span.start,
                end: span.end,
                start_utf16: index.utf16(span.start),
                end_utf16: index.utf16(span.end),
            }
        })
        .collect();
    CategoryFinding { id: detection.category.clone(), source: if detection.selected { "selected" } else { "detected" }, detected_by }
}

/// Fail on any must missing or violated; review on any must weak; else pass.
pub fn verdict(requirements: &[RequirementResult]) -> Verdict {
    let musts = || requirements.iter().filter(|r| r.level == level_name(Level::Must));
    if musts().any(|r| matches!(r.status, Status::Missing | Status::Violated)) {
        Verdict::Fail
    } else if musts().any(|r| r.status == Status::Weak) {
        Verdict::Review
    } else {
        Verdict::Pass
    }
}

fn summary(requirements: &[RequirementResult]) -> Summary {
    let mut summary = Summary::default();
    for r in requirements {
        *match r.status {
            Status::Met => &mut summary.met,
            Status::Weak => &mut summary.weak,
            Status::Missing => &mut summary.missing,
            Status::Violated => &mut summary.violated,
            Status::NotApplicable => &mut summary.not_applicable,
        } += 1;
    }
    summary
}

fn document_info(document: &Document, index: &Utf16Index) -> DocumentInfo {
    let hidden_characters = document
        .hidden_characters
        .iter()
        .map(|h| HiddenCharacterInfo {
            code_point: h.code_point.clone(),
            name: h.name.clone(),
            clause: document.clauses.iter().find(|c| c.span.start <= h.span.start && h.span.start < c.span.end).map(|c| c.reference.clone()),
            start: h.span.start,
            end: h.span.end,
            start_utf16: index.utf16(h.span.start),
            end_utf16: index.utf16(h.span.end),
        })
        .collect();
    DocumentInfo {
        title: document.title.clone(),
        clauses: document.clauses.len(),
        sentences: document.clauses.iter().map(|c| c.sentences.len()).sum(),
        words: document.word_count,
        hidden_characters,
        hidden_text: Vec::new(),
        revisions: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::tiny_checker;
    use crate::{CategoryChoice, CheckOptions};

    /// The `matched` of each trace step of requirement `id`, the finding steps only.
    fn matched(text: &str, id: &str) -> Vec<Vec<String>> {
        let report = tiny_checker().check(text, &CheckOptions { categories: CategoryChoice::None });
        let requirement = report.requirements.iter().find(|r| r.id == id).expect("reported");
        requirement.trace.iter().filter(|step| step.clause.is_some()).map(|step| step.matched.clone()).collect()
    }

    #[test]
    fn a_trace_shows_the_first_hit_of_each_term_and_a_limit_s_duration() {
        let text = "Data shall be kept for five years, then kept no more and deleted.\n\nData may be retained indefinitely.\n";
        assert_eq!(
            matched(text, "t.retention"),
            [["retention: 'kept'", "duration: 'five years'"], ["retention: 'retained'", "duration: 'indefinitely'"], ["retention: 'retained'", "indefinite: 'indefinitely'"]],
            "the limit's two findings, then the forbid's"
        );
        assert_eq!(matched(text, "t.retention-deletes"), [["retention: 'kept'", "deletion: 'deleted'"]]);
    }
}
