//! Evaluating one requirement against an analysed document. The checks' findings in each
//! clause come from [`super::findings`]; here the document-wide rules decide which of them
//! count (categories, triggers, `when`), and the findings combine into one status as
//! baseline.md defines: violated wins over met, met over weak, and nothing at all is missing.

use super::analysis::ConceptSet;
use super::clauses::ClauseResult;
use super::findings::{leaf_count, CheckPlan, Finding};
use crate::document::{ClauseKind, Document};
use crate::rules::pack::{Level, Untriggered};
use crate::rules::profile::{Check, Profile, Requirement};
use crate::report::Status;

/// A document with every clause's analysis and findings, as the requirements see it.
pub struct AnalysedDocument<'a> {
    /// Concepts anywhere in the operative text (for triggers and `when`).
    operative: ConceptSet,
    /// The findings of each check slot, in document order.
    by_slot: Vec<Vec<Located<'a>>>,
}

/// A finding with the index of its clause.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    pub clause: usize,
    /// The slot of the check that found it.
    pub slot: usize,
    pub finding: &'a Finding,
}

impl<'a> AnalysedDocument<'a> {
    pub fn new(
        document: &Document,
        clauses: &[&'a ClauseResult],
        plan: &CheckPlan,
        concept_count: usize,
    ) -> Self {
        let mut operative = ConceptSet::new(concept_count);
        for (clause, result) in document.clauses.iter().zip(clauses) {
            if clause.kind == ClauseKind::Body {
                operative.union_with(&result.analysis.concepts);
            }
        }
        let mut by_slot = vec![Vec::new(); plan.slot_count()];
        for (clause, result) in clauses.iter().enumerate() {
            for (slot, finding) in result.findings.iter() {
                by_slot[slot].push(Located { clause, slot, finding });
            }
        }
        AnalysedDocument { operative, by_slot }
    }
}

/// The outcome for one requirement, before it is rendered into the report.
#[derive(Debug, Clone)]
pub struct Outcome<'a> {
    pub status: Status,
    pub level: Level,
    pub findings: Vec<Located<'a>>,
    /// Why the requirement was or was not applied (categories, triggers).
    pub applicability: Option<String>,
}

/// Evaluates the requirement at `index` of the profile.
pub fn evaluate<'a>(
    index: usize,
    requirement: &Requirement,
    document: &AnalysedDocument<'a>,
    categories: &[String],
    profile: &Profile,
    plan: &CheckPlan,
) -> Outcome<'a> {
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
    let mut slot = plan.first_slot(index);
    if !gather(&requirement.checks, document, &mut slot, &mut findings) {
        return not_applicable("the condition of its `when` checks does not occur in the operative text".to_string());
    }
    let status = combine(&findings);
    Outcome { status, level, findings, applicability }
}

/// Violated wins over met, met over weak; no finding at all is missing.
fn combine(findings: &[Located]) -> Status {
    let has = |status| findings.iter().any(|f| f.finding.effect == status);
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

/// Appends the findings of `checks` (whose first slot is `slot`), check by check. A `when`
/// whose condition is absent from the operative text contributes nothing; returns false when
/// no check applied at all.
fn gather<'a>(checks: &[Check], document: &AnalysedDocument<'a>, slot: &mut usize, findings: &mut Vec<Located<'a>>) -> bool {
    let mut any_applied = false;
    for check in checks {
        match check {
            Check::When { concept, checks } if !document.operative.contains(*concept) => *slot += leaf_count(checks),
            Check::When { checks, .. } => {
                gather(checks, document, slot, findings);
                any_applied = true;
            }
            _ => {
                findings.extend_from_slice(&document.by_slot[*slot]);
                *slot += 1;
                any_applied = true;
            }
        }
    }
    any_applied
}

#[cfg(test)]
mod tests {
    use crate::report::Status;
    use crate::testing::tiny_checker;
    use crate::{CategoryChoice, CheckOptions};


    fn status(text: &str, id: &str) -> Status {
        let report = tiny_checker().check(text, &CheckOptions { categories: CategoryChoice::None });
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
