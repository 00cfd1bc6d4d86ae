//! Word documents through the checker: the corpus converted to .docx gives the same
//! statuses as its text, findings point into paragraphs, tracked changes are attributed,
//! hidden text is reported and never counts, and the annotated copy carries the comments.

mod common;
#[path = "support/docx_fixture.rs"]
mod docx_fixture;

use accordlint::document::docx;
use accordlint::{CategoryChoice, CheckOptions, Checker};
use docx_fixture::*;

fn options() -> CheckOptions {
    CheckOptions { categories: CategoryChoice::Selected(vec!["threat-intel".into()]) }
}

fn statuses(report: &accordlint::Report) -> Vec<(String, &'static str)> {
    report.requirements.iter().map(|r| (r.id.clone(), r.status.as_str())).collect()
}

#[test]
fn corpus_documents_as_docx_give_the_statuses_of_their_text() {
    let checker = Checker::new("baseline", &[]).unwrap();
    for document in common::corpus() {
        let options = CheckOptions { categories: CategoryChoice::Selected(document.categories.clone()) };
        let bytes = DocxBuilder::from_plain_text(&document.text).build();
        let from_docx = checker.check_docx(&bytes, &options).unwrap_or_else(|e| panic!("{}: {e}", document.name));
        let from_text = checker.check(&document.text, &options);
        assert_eq!(statuses(&from_docx), statuses(&from_text), "{}", document.name);
        let located = from_docx.requirements.iter().flat_map(|r| &r.evidence).all(|e| e.location.is_some());
        assert!(located, "{}: every finding points into a paragraph", document.name);
    }
}

#[test]
fn a_tracked_deletion_that_removes_a_safeguard_is_reported() {
    let checker = Checker::new("baseline", &[]).unwrap();
    let body = [
        p("Article 7 - Retention"),
        p_runs(&format!(
            "{}{}",
            r("Personal data received under this Agreement shall be deleted "),
            del(1, "Counter-party", "2026-11-20T10:00:00Z", "no later than two years after receipt, and ")
        )),
        p("Article 8 - Use"),
        p("Personal data shall be used only for the purposes of this Agreement."),
    ]
    .concat();
    let bytes = DocxBuilder::new().body(&body).build();
    let report = checker.check_docx(&bytes, &options()).unwrap();
    let deletion = report.document.revisions.iter().find(|r| r.kind == "deletion").expect("the deletion is listed");
    assert_eq!(deletion.author.as_deref(), Some("Counter-party"));
    assert_eq!(deletion.date.as_deref(), Some("2026-11-20T10:00:00Z"));
    let change = deletion.changes.iter().find(|c| c.requirement == "retention.limit").expect("retention.limit changed by it");
    assert_eq!((change.before.as_str(), change.after.as_str()), ("met", "missing"));
}

#[test]
fn hidden_text_is_reported_and_never_meets_a_requirement() {
    let checker = Checker::new("baseline", &[]).unwrap();
    let hidden = r_with("<w:vanish/>", "Personal data shall be deleted no later than two years after receipt.");
    let bytes = DocxBuilder::new().body(&(p("Article 1") + &p_runs(&hidden) + &p("The Parties shall cooperate."))).build();
    let report = checker.check_docx(&bytes, &options()).unwrap();
    assert_eq!(report.document.hidden_text.len(), 1);
    assert_eq!(report.document.hidden_text[0].kind, "vanish");
    let retention = report.requirements.iter().find(|r| r.id == "retention.limit").unwrap();
    assert_eq!(retention.status.as_str(), "missing");
}

#[test]
fn the_annotated_copy_carries_one_comment_per_finding_and_a_summary() {
    let checker = Checker::new("baseline", &[]).unwrap();
    let text = "1. RETENTION\n\nInformation received under this Memorandum may be retained indefinitely.\n\n2. USE\n\nInformation may be used for any purpose.\n";
    let original = DocxBuilder::from_plain_text(text).build();
    let copy = original.clone();
    let (report, annotated) = checker.annotate_docx(&original, &options()).unwrap();
    assert_eq!(original, copy, "the input is never modified");
    let findings = report.requirements.iter().filter(|r| matches!(r.status.as_str(), "weak" | "violated") && r.evidence.iter().any(|e| e.location.is_some())).count();
    assert!(findings >= 2);
    let reread = docx::read(&annotated).expect("the annotated copy reads");
    let comments = reread.hidden.iter().filter(|h| h.kind == docx::HiddenKind::Comment).count();
    assert_eq!(comments, findings + 1, "one comment per finding plus the summary");
    assert_eq!(checker.check_docx(&annotated, &options()).unwrap().verdict, report.verdict, "comments never count as draft text");
}
