//! Metamorphic properties over the labelled corpus (issue 3): for every `must` requirement a
//! document meets, (a) deleting the deciding sentences stops it being met, (b) hedging them
//! ("Where practicable, ...") makes it weak, and (c) adding contradicting language makes it
//! violated. Every requirement is covered by at least one case.

mod common;

use accordlint::report::Status;
use accordlint::{CategoryChoice, CheckOptions, Checker, Report};
use std::collections::BTreeSet;

/// The report shows at most this many deciding sentences; with as many, others may exist.
const EVIDENCE_SHOWN: usize = 5;

/// Contradicting sentences, in the wording drafts use, for the requirements a draft can
/// contradict outright.
const CONTRADICTIONS: &[(&str, &str)] = &[
    ("scope.data-categories", "The Parties may exchange any information that either of them considers relevant."),
    ("purpose.specified", "Notwithstanding any other provision, the receiving Party may use the data for any purpose."),
    ("purpose.further-use", "The receiving Party may use the data for other purposes without the consent of the transferring Party."),
    ("minimisation.necessity", "The Parties may exchange data in bulk."),
    ("retention.limit", "Personal data may be retained indefinitely."),
    ("transfer.onward", "The receiving Party may share the data with any third party at its sole discretion."),
    ("security.breach-notification", "A Party shall notify the other Party of a security incident affecting the exchanged data within thirty days."),
    ("automated.human-review", "Decisions concerning individuals may be taken solely by automated means without human review."),
    ("oversight.independent", "The activities under this Agreement shall not be subject to review by any court or independent authority."),
    ("redress.effective", "Nothing in this Agreement creates any right for any private person to seek a remedy."),
    ("transparency.notice", "Exchanges shall take place without notice to the persons concerned."),
    ("governance.periodic-review", "The Parties shall review this Agreement every ten years."),
    ("equality.non-discrimination", "Only nationals of the requesting Party may seek a remedy under this Agreement."),
];

fn status(report: &Report, id: &str) -> Status {
    report.requirements.iter().find(|r| r.id == id).expect("requirement reported").status
}

/// Applies `edit` to every deciding sentence of `id`, from the last to the first so that
/// offsets stay valid.
fn edit_evidence(text: &str, report: &Report, id: &str, edit: impl Fn(&str) -> String) -> String {
    let requirement = report.requirements.iter().find(|r| r.id == id).expect("requirement");
    let mut spans: Vec<(usize, usize)> = requirement.evidence.iter().map(|e| (e.start, e.end)).collect();
    spans.sort();
    spans.dedup();
    let mut edited = text.to_string();
    for (start, end) in spans.into_iter().rev() {
        let replacement = edit(&edited[start..end]);
        edited.replace_range(start..end, &replacement);
    }
    edited
}

#[test]
fn deleting_hedging_and_contradicting_move_the_status() {
    let checker = Checker::new("baseline", &[]).expect("baseline");
    let mut covered: BTreeSet<String> = BTreeSet::new();
    let mut failures = Vec::new();
    for document in common::corpus() {
        let options = CheckOptions { categories: CategoryChoice::Selected(document.categories.clone()) };
        let report = checker.check(&document.text, &options);
        let met_musts = report.requirements.iter().filter(|r| r.level == "must" && r.status == Status::Met && r.evidence.len() < EVIDENCE_SHOWN);
        for requirement in met_musts {
            let id = requirement.id.as_str();
            let deleted = edit_evidence(&document.text, &report, id, |_| String::new());
            let after_delete = status(&checker.check(&deleted, &options), id);
            if after_delete == Status::Met {
                failures.push(format!("{} {id}: still met after deleting its deciding sentences", document.name));
            }
            let hedged = edit_evidence(&document.text, &report, id, |s| format!("Where practicable, {s}"));
            let after_hedge = status(&checker.check(&hedged, &options), id);
            if after_hedge != Status::Weak {
                failures.push(format!("{} {id}: {} after hedging, expected weak", document.name, after_hedge.as_str()));
            }
            covered.insert(id.to_string());
        }
        for (id, contradiction) in CONTRADICTIONS {
            if status(&report, id) != Status::Met {
                continue;
            }
            let contradicted = format!("{}\n\nArticle 99\n\n{contradiction}\n", document.text);
            let after = status(&checker.check(&contradicted, &options), id);
            if after != Status::Violated {
                failures.push(format!("{} {id}: {} after adding {contradiction:?}, expected violated", document.name, after.as_str()));
            }
            covered.insert(id.to_string());
        }
    }
    assert!(failures.is_empty(), "{} metamorphic failures:\n{}", failures.len(), failures.join("\n"));
    let musts: Vec<String> = checker.requirements().into_iter().filter(|r| r.level == "must").map(|r| r.id).collect();
    let uncovered: Vec<&String> = musts.iter().filter(|id| !covered.contains(*id)).collect();
    assert!(uncovered.is_empty(), "must requirements without a metamorphic case: {uncovered:?}");
}
