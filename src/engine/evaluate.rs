//! Evaluating one requirement against an analysed document: each check yields findings
//! (a sentence that meets, weakly meets or violates the requirement), and the findings
//! combine into one status as baseline.md defines: violated wins over met, met over weak,
//! and nothing at all is missing.

use super::analysis::{ClauseAnalysis, ConceptSet, SentenceAnalysis};
use crate::document::{ClauseKind, Document};
use crate::language::{DurationKind, Modality};
use crate::rules::lexicon::ConceptId;
use crate::rules::pack::{FixedStatus, Level, Untriggered, Within};
use crate::rules::profile::{Check, Profile, Requirement, Terms};
use crate::report::Status;

/// A document with its per-clause analyses, as the checks see it.
pub struct AnalysedDocument<'a> {
    pub document: &'a Document,
    pub clauses: &'a [std::sync::Arc<ClauseAnalysis>],
    /// Concepts anywhere in the operative text (for triggers and `when`).
    pub operative: ConceptSet,
    /// Start offsets of the sentences that define a term ("'X' means ..."): a definition
    /// says what a word means, it does not oblige anyone, so it never meets a requirement.
    defining: std::collections::HashSet<usize>,
}

impl<'a> AnalysedDocument<'a> {
    pub fn new(document: &'a Document, clauses: &'a [std::sync::Arc<ClauseAnalysis>], concept_count: usize) -> Self {
        let mut operative = ConceptSet::new(concept_count);
        for (clause, analysis) in document.clauses.iter().zip(clauses) {
            if clause.kind == ClauseKind::Body {
                for sentence in &analysis.sentences {
                    operative.union_with(&sentence.present);
                }
            }
        }
        let defining = document
            .clauses
            .iter()
            .flat_map(|c| &c.sentences)
            .filter(|s| document.definitions.iter().any(|d| s.span.start <= d.span.start && d.span.end <= s.span.end))
            .map(|s| s.span.start)
            .collect();
        AnalysedDocument { document, clauses, operative, defining }
    }

    /// Sentences that can state rules: operative text and the preamble (which can only
    /// aspire), never headings or signature blocks.
    fn sentences(&self) -> impl Iterator<Item = SentenceRef<'_>> {
        self.document.clauses.iter().zip(self.clauses.iter()).enumerate().flat_map(|(c, (clause, analysis))| {
            let counts = matches!(clause.kind, ClauseKind::Body | ClauseKind::Preamble);
            analysis.sentences.iter().enumerate().filter(move |(_, s)| counts && !s.fragment).map(move |(s, sentence)| SentenceRef {
                clause: c,
                sentence: s,
                preamble: clause.kind == ClauseKind::Preamble,
                analysis: sentence,
                lead_in: analysis.lead_in,
            })
        })
    }
}

impl AnalysedDocument<'_> {
    fn defines(&self, sentence: SentenceRef) -> bool {
        let span = self.document.clauses[sentence.clause].sentences[sentence.sentence].span;
        self.defining.contains(&span.start)
    }
}

#[derive(Clone, Copy)]
struct SentenceRef<'a> {
    clause: usize,
    sentence: usize,
    preamble: bool,
    analysis: &'a SentenceAnalysis,
    /// The modality of the list's lead-in, for an item.
    lead_in: Option<Modality>,
}

/// What one check found in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub effect: Status,
    pub clause: usize,
    pub sentence: usize,
    pub check: &'static str,
    pub modality: Option<Modality>,
    /// What matched, with byte ranges in the sentence's normalised text: a concept, or
    /// `None` for a duration.
    pub matched: Vec<(Option<ConceptId>, usize, usize)>,
    pub note: String,
}

/// The outcome for one requirement, before it is rendered into the report.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: Status,
    pub level: Level,
    pub findings: Vec<Finding>,
    /// Why the requirement was or was not applied (categories, triggers).
    pub applicability: Option<String>,
}

pub fn evaluate(requirement: &Requirement, document: &AnalysedDocument, categories: &[String], profile: &Profile) -> Outcome {
    let not_applicable = |why: String| Outcome { status: Status::NotApplicable, level: requirement.level, findings: Vec::new(), applicability: Some(why) };
    if !requirement.applies_to_all() && !requirement.applies_to.iter().any(|c| categories.contains(c)) {
        return not_applicable(format!("applies to {}, which is not among this document's categories", requirement.applies_to.join(", ")));
    }
    let mut level = requirement.level;
    let mut applicability = None;
    if let Some(trigger) = &requirement.trigger {
        let name = &profile.concept_names[trigger.concept];
        if document.operative.contains(trigger.concept) {
            level = trigger.level.unwrap_or(level);
            applicability = Some(format!("triggered: the operative text uses {name}"));
        } else if trigger.otherwise == Untriggered::Advise {
            level = Level::Should;
            applicability = Some(format!("not triggered (no {name} in the operative text): reported as advice"));
        } else {
            return not_applicable(format!("not triggered: the operative text does not use {name}"));
        }
    }
    let mut findings = Vec::new();
    let mut any_ran = false;
    for check in &requirement.checks {
        any_ran |= run_check(check, document, &mut findings);
    }
    if !any_ran {
        return not_applicable("the condition of its `when` checks does not occur in the operative text".to_string());
    }
    let status = combine(&findings);
    Outcome { status, level, findings, applicability }
}

/// Violated wins over met, met over weak; no finding at all is missing.
fn combine(findings: &[Finding]) -> Status {
    let has = |status| findings.iter().any(|f| f.effect == status);
    if has(Status::Violated) {
        Status::Violated
    } else if has(Status::Met) {
        Status::Met
    } else if has(Status::Weak) {
        Status::Weak
    } else {
        Status::Missing
    }
}

/// Runs a check, appending its findings. Returns false when a `when` condition is absent.
fn run_check(check: &Check, document: &AnalysedDocument, findings: &mut Vec<Finding>) -> bool {
    match check {
        Check::Require { terms, within, permission_meets, status, note } => {
            require(terms, *within, *permission_meets, *status, note.as_deref(), document, findings);
        }
        Check::Forbid { terms, within, regardless_of_modality, note } => {
            forbid(terms, *within, *regardless_of_modality, note.as_deref(), document, findings);
        }
        Check::Limit { concept, max_hours, prompt_meets, unless, note } => {
            limit(*concept, *max_hours, *prompt_meets, unless, note.as_deref(), document, findings);
        }
        Check::When { concept, checks } => {
            if !document.operative.contains(*concept) {
                return false;
            }
            for nested in checks {
                run_check(nested, document, findings);
            }
        }
    }
    true
}

fn matches_terms(terms: &Terms, present: &ConceptSet) -> bool {
    terms.all.iter().all(|&c| present.contains(c))
        && (terms.any.is_empty() || terms.any.iter().any(|&c| present.contains(c)))
        && !terms.unless.iter().any(|&c| present.contains(c))
}

/// The concept whose position decides modality: the last `any`/`all` concept, which pack
/// authors write as the operative one ("retention" + "indefinite").
fn operative_hits(terms: &Terms, sentence: &SentenceAnalysis) -> Vec<(ConceptId, usize, usize)> {
    let wanted: &[ConceptId] = if terms.any.is_empty() { &terms.all } else { &terms.any };
    sentence
        .hits
        .iter()
        .filter(|h| wanted.contains(&h.concept))
        .map(|h| (h.concept, h.start, h.end))
        .collect()
}

fn matched_terms(terms: &Terms, sentence: &SentenceAnalysis) -> Vec<(Option<ConceptId>, usize, usize)> {
    terms
        .all
        .iter()
        .chain(&terms.any)
        .filter_map(|&concept| sentence.hits_of(concept).next().map(|hit| (Some(concept), hit.start, hit.end)))
        .collect()
}

fn sentence_modality(sentence: SentenceRef, pos: usize) -> Modality {
    if sentence.preamble {
        return Modality::Aspiration;
    }
    match (sentence.analysis.markers.modality_at(pos), sentence.lead_in) {
        (Modality::Declarative, Some(lead_in)) => lead_in,
        (own, _) => own,
    }
}

/// How a sentence's modality meets a requirement.
fn effect_of(modality: Modality, permission_meets: bool, discretionary: bool) -> Status {
    match modality {
        _ if discretionary => Status::Weak,
        m if m.is_binding() => Status::Met,
        Modality::Permission if permission_meets => Status::Met,
        _ => Status::Weak,
    }
}

fn require(
    terms: &Terms,
    within: Within,
    permission_meets: bool,
    fixed: Option<FixedStatus>,
    note: Option<&str>,
    document: &AnalysedDocument,
    findings: &mut Vec<Finding>,
) {
    for sentence in document.sentences().filter(|s| !document.defines(*s)) {
        let in_scope = match within {
            Within::Sentence => matches_terms(terms, &sentence.analysis.present),
            Within::Clause => {
                let clause_has_terms = matches_terms(terms, &clause_concepts(document, sentence.clause));
                let sentence_touches = terms.all.iter().chain(&terms.any).any(|&c| sentence.analysis.present.contains(c));
                clause_has_terms && sentence_touches && !terms.unless.iter().any(|&c| sentence.analysis.present.contains(c))
            }
        };
        if !in_scope {
            continue;
        }
        let discretionary = sentence.analysis.markers.discretionary_exception();
        let best = operative_hits(terms, sentence.analysis)
            .into_iter()
            .map(|(_, start, _)| sentence_modality(sentence, start))
            .max_by_key(|&m| (effect_of(m, permission_meets, discretionary) == Status::Met, m.is_binding()));
        let Some(modality) = best else { continue };
        let effect = match fixed {
            Some(FixedStatus::Met) => Status::Met,
            Some(FixedStatus::Weak) => Status::Weak,
            Some(FixedStatus::Violated) => Status::Violated,
            None => effect_of(modality, permission_meets, discretionary),
        };
        let explanation = match (effect, sentence.preamble, discretionary) {
            (_, true, _) => "in the preamble: an aspiration, not an obligation".to_string(),
            (Status::Weak, _, true) => "an exception leaves it to one Party's discretion".to_string(),
            (Status::Met, _, _) => format!("addressed in {} language", modality.as_str()),
            (Status::Violated, _, _) => "addressed in terms that contradict the requirement".to_string(),
            _ => format!("addressed only in {} language", modality.as_str()),
        };
        findings.push(finding(effect, sentence, "require", Some(modality), matched_terms(terms, sentence.analysis), note, explanation));
    }
}

fn clause_concepts(document: &AnalysedDocument, clause: usize) -> ConceptSet {
    let analysis = &document.clauses[clause];
    let mut present = analysis.heading.clone();
    for sentence in &analysis.sentences {
        present.union_with(&sentence.present);
    }
    present
}

fn forbid(
    terms: &Terms,
    within: Within,
    regardless_of_modality: bool,
    note: Option<&str>,
    document: &AnalysedDocument,
    findings: &mut Vec<Finding>,
) {
    for sentence in document.sentences().filter(|s| !s.preamble) {
        let present = match within {
            Within::Sentence => sentence.analysis.present.clone(),
            Within::Clause => clause_concepts(document, sentence.clause),
        };
        if !matches_terms(terms, &present) {
            continue;
        }
        let markers = &sentence.analysis.markers;
        let firing = operative_hits(terms, sentence.analysis)
            .into_iter()
            .find(|&(_, start, _)| regardless_of_modality || !markers.negates(start));
        let Some((_, start, _)) = firing else { continue };
        let modality = sentence_modality(sentence, start);
        let explanation = "contradicts the requirement".to_string();
        findings.push(finding(Status::Violated, sentence, "forbid", Some(modality), matched_terms(terms, sentence.analysis), note, explanation));
    }
}

fn limit(
    concept: ConceptId,
    max_hours: f64,
    prompt_meets: bool,
    unless: &[ConceptId],
    note: Option<&str>,
    document: &AnalysedDocument,
    findings: &mut Vec<Finding>,
) {
    let bound = describe_hours(max_hours);
    for sentence in document.sentences() {
        let analysis = sentence.analysis;
        if !analysis.present.contains(concept) || unless.iter().any(|&c| analysis.present.contains(c)) {
            continue;
        }
        for duration in &analysis.durations {
            let modality = sentence_modality(sentence, duration.start);
            let (effect, explanation) = match duration.kind {
                DurationKind::Definite { hours } if hours > max_hours => {
                    (Status::Violated, format!("states {}, beyond the limit of {bound}", describe_hours(hours)))
                }
                DurationKind::Definite { hours } => {
                    (effect_of(modality, true, false), format!("states {}, within the limit of {bound}", describe_hours(hours)))
                }
                DurationKind::Indefinite if analysis.markers.negates(duration.start) => continue,
                DurationKind::Indefinite => (Status::Violated, "open-ended: no time limit at all".to_string()),
                DurationKind::Vague => (Status::Weak, format!("vague: no figure where a limit of {bound} is needed")),
                DurationKind::Prompt if prompt_meets => (effect_of(modality, true, false), "prompt, without a figure".to_string()),
                DurationKind::Prompt => continue,
            };
            let effect = if sentence.preamble { Status::Weak.min(effect) } else { effect };
            let hit = analysis.hits_of(concept).next().map(|h| (Some(concept), h.start, h.end));
            let mut matched: Vec<_> = hit.into_iter().collect();
            matched.push((None, duration.start, duration.end));
            findings.push(finding(effect, sentence, "limit", Some(modality), matched, note, explanation));
        }
    }
}

fn describe_hours(hours: f64) -> String {
    const HOURS_PER_DAY: f64 = 24.0;
    if hours < 2.0 * HOURS_PER_DAY {
        format!("{} hours", trim_number(hours))
    } else {
        format!("{} days", trim_number(hours / HOURS_PER_DAY))
    }
}

fn trim_number(value: f64) -> String {
    crate::rules::profile::decimal(value, 1)
}

fn finding(
    effect: Status,
    sentence: SentenceRef,
    check: &'static str,
    modality: Option<Modality>,
    matched: Vec<(Option<ConceptId>, usize, usize)>,
    note: Option<&str>,
    explanation: String,
) -> Finding {
    let note = match note {
        Some(n) => format!("{explanation}; {n}"),
        None => explanation,
    };
    Finding { effect, clause: sentence.clause, sentence: sentence.sentence, check, modality, matched, note }
}

#[cfg(test)]
mod tests {
    use crate::report::Status;
    use crate::rules::PackSource;
    use crate::{CategoryChoice, CheckOptions, Checker};

    /// A pack small enough to read: one requirement per check type.
    const PACK: &str = r#"
schema = "accordlint-pack/1"
[pack]
id = "tiny"
version = "1.0.0"
title = "Tiny"

[concepts.retention]
phrases = ["retain*", "kept"]
[concepts.indefinite]
phrases = ["indefinitely"]
[concepts.deletion]
phrases = ["delete*", "erase*"]
[concepts.emergency]
phrases = ["emergency"]

[[requirements]]
id = "t.retention"
title = "Retention is limited"
principle = "Retention"
level = "must"
message = "m"
suggestion = "s"
[[requirements.checks]]
type = "limit"
concept = "retention"
max_days = 730
[[requirements.checks]]
type = "forbid"
all = ["retention", "indefinite"]

[[requirements]]
id = "t.deletion"
title = "Data are deleted"
principle = "Retention"
level = "must"
message = "m"
suggestion = "s"
[[requirements.checks]]
type = "require"
all = ["deletion"]

[[requirements]]
id = "t.emergency"
title = "Emergency deletion"
principle = "Emergency"
level = "must"
trigger = { concept = "emergency" }
message = "m"
suggestion = "s"
[[requirements.checks]]
type = "require"
all = ["deletion"]
"#;

    fn status(text: &str, id: &str) -> Status {
        let checker = Checker::from_packs(&PackSource::new("tiny.toml", PACK), &[]).expect("tiny pack");
        let report = checker.check(text, &CheckOptions { categories: CategoryChoice::None });
        report.requirements.iter().find(|r| r.id == id).expect("reported").status
    }

    #[test]
    fn violated_wins_over_met() {
        let text = "Article 1\n\nData shall be kept for no longer than one year.\n\nArticle 2\n\nStatistics may be retained indefinitely.\n";
        assert_eq!(status(text, "t.retention"), Status::Violated);
        assert_eq!(status("Data shall be kept for no longer than one year.", "t.retention"), Status::Met);
        assert_eq!(status("Data shall not be retained indefinitely.", "t.retention"), Status::Missing);
    }

    #[test]
    fn modality_decides_met_or_weak() {
        assert_eq!(status("The Parties shall delete the data.", "t.deletion"), Status::Met);
        assert_eq!(status("The Parties should delete the data.", "t.deletion"), Status::Weak);
        assert_eq!(status("The Parties may delete the data.", "t.deletion"), Status::Weak);
        assert_eq!(status("The Parties shall cooperate.", "t.deletion"), Status::Missing);
    }

    #[test]
    fn an_item_is_bound_by_its_lead_in_and_the_preamble_only_aspires() {
        let list = "Article 1\n\n1. Each Party shall ensure that:\n(a) the data are deleted after use; and\n(b) the Parties cooperate.\n";
        assert_eq!(status(list, "t.deletion"), Status::Met);
        assert_eq!(status(&list.replace("shall ensure", "should ensure"), "t.deletion"), Status::Weak, "the item takes the lead-in's hedge");
        let preamble = "The Parties,\n\nDesiring that data be deleted when no longer needed,\n\nHave agreed as follows:\n\nArticle 1\n\nThe Parties shall cooperate.\n";
        assert_eq!(status(preamble, "t.deletion"), Status::Weak);
    }

    #[test]
    fn a_definition_never_meets_a_requirement() {
        let text = "Article 1\n\n\"Deletion\" means the erasure of data so that they cannot be restored.\n";
        assert_eq!(status(text, "t.deletion"), Status::Missing);
    }

    #[test]
    fn an_absent_trigger_makes_a_requirement_not_applicable() {
        assert_eq!(status("The Parties shall delete the data.", "t.emergency"), Status::NotApplicable);
        assert_eq!(status("In an emergency, the Parties shall delete the data.", "t.emergency"), Status::Met);
    }
}
