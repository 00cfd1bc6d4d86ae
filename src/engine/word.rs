//! Word documents through the checker: the report points into the .docx (paragraph and
//! character range), lists the text a reader does not see, and says which tracked change
//! turned which requirement from one status to another; `annotate_docx` gives back a copy
//! with one comment per finding.

use super::{CheckOptions, Checker};
use crate::document::docx::{self, Comment, DocxError, DocxText, RevisionKind};
use crate::document::{Document, Span};
use crate::report::{HiddenTextInfo, Location, Report, RevisionInfo, Status, StatusChange};

/// The author Word shows for the comments this tool adds.
const COMMENT_AUTHOR: &str = "Accordlint";
const COMMENT_INITIALS: &str = "AL";

/// A deleted text this short ("a", "not") is matched by position, never by content.
const MIN_ATTRIBUTABLE_TEXT: usize = 12;

impl Checker {
    /// Checks a .docx as its reader sees it (tracked changes accepted, hidden text left out).
    pub fn check_docx(&self, bytes: &[u8], options: &CheckOptions) -> Result<Report, DocxError> {
        let docx = docx::read(bytes)?;
        let document = Document::parse(docx.text.as_str());
        let mut report = self.check_document(&document, options, None);
        for evidence in report.requirements.iter_mut().flat_map(|r| r.evidence.iter_mut()) {
            evidence.location = location(&docx, Span::new(evidence.start, evidence.end));
        }
        report.document.hidden_text = docx
            .hidden
            .iter()
            .map(|h| HiddenTextInfo {
                kind: serde_json::to_value(h.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
                text: h.text.clone(),
                clause: clause_at(&document, h.position),
                paragraph: h.paragraph,
            })
            .collect();
        if !docx.revisions.is_empty() {
            let before = self.check(&docx::text_with_changes_rejected(bytes)?, options);
            report.document.revisions = revisions(&docx, &document, &before, &report);
        }
        Ok(report)
    }

    /// Checks a .docx and returns a copy with one Word comment per finding at the deciding
    /// sentence, and a summary comment at the top. The input is never modified.
    pub fn annotate_docx(&self, bytes: &[u8], options: &CheckOptions) -> Result<(Report, Vec<u8>), DocxError> {
        let report = self.check_docx(bytes, options)?;
        let comments: Vec<Comment> = report
            .requirements
            .iter()
            .filter(|r| matches!(r.status, Status::Weak | Status::Violated))
            .filter_map(|r| {
                let place = r.evidence.iter().find_map(|e| e.location)?;
                Some(Comment {
                    paragraph: place.paragraph,
                    start_char: place.start_char,
                    end_char: place.end_char,
                    author: COMMENT_AUTHOR.to_string(),
                    initials: COMMENT_INITIALS.to_string(),
                    text: format!("{} ({}) {}: {}\n{}\nSuggested wording: {}", r.status.as_str(), r.level, r.id, r.title, r.message, r.suggestion),
                })
            })
            .collect();
        let annotated = docx::annotate(bytes, &comments, &summary(&report))?;
        Ok((report, annotated))
    }
}

fn location(docx: &DocxText, span: Span) -> Option<Location> {
    docx.anchor(span).map(|a| Location { paragraph: a.paragraph, start_char: a.start_char, end_char: a.end_char })
}

fn clause_at(document: &Document, position: usize) -> Option<String> {
    document.clauses.iter().find(|c| c.span.start <= position && position <= c.span.end).map(|c| c.reference.clone())
}

/// What the summary comment says: the verdict, the counts, and what is missing (missing
/// requirements have no sentence to comment on).
fn summary(report: &Report) -> String {
    let s = &report.summary;
    let mut text = format!(
        "Accordlint {} ({} {}): {}. {} met, {} weak, {} missing, {} violated, {} not applicable.",
        env!("CARGO_PKG_VERSION"),
        report.profile.id,
        report.profile.version,
        report.verdict.as_str().to_uppercase(),
        s.met,
        s.weak,
        s.missing,
        s.violated,
        s.not_applicable
    );
    let missing: Vec<String> = report
        .requirements
        .iter()
        .filter(|r| r.status == Status::Missing)
        .map(|r| format!("{} ({}): {}", r.id, r.level, r.message))
        .collect();
    if !missing.is_empty() {
        text.push_str("\nMissing:\n");
        text.push_str(&missing.join("\n"));
    }
    text
}

/// Each tracked change with the requirements whose status it changes. A requirement whose
/// status differs between the draft with every change rejected and with every change
/// accepted is attributed to the changes in the paragraphs of its deciding sentences, or to
/// a deletion whose text stood in the sentence that decided it before.
fn revisions(docx: &DocxText, document: &Document, before: &Report, after: &Report) -> Vec<RevisionInfo> {
    let mut infos: Vec<RevisionInfo> = docx
        .revisions
        .iter()
        .map(|r| RevisionInfo {
            kind: match r.kind {
                RevisionKind::Insertion => "insertion".to_string(),
                RevisionKind::Deletion => "deletion".to_string(),
            },
            author: r.author.clone(),
            date: r.date.clone(),
            text: r.text.clone(),
            clause: clause_at(document, r.span.start),
            paragraph: r.paragraph,
            changes: Vec::new(),
        })
        .collect();
    for (old, new) in before.requirements.iter().zip(&after.requirements) {
        if old.status == new.status {
            continue;
        }
        let paragraphs: Vec<usize> = new.evidence.iter().filter_map(|e| e.location.map(|l| l.paragraph)).collect();
        let by_place: Vec<usize> = (0..infos.len()).filter(|&i| paragraphs.contains(&docx.revisions[i].paragraph)).collect();
        let by_text: Vec<usize> = (0..infos.len())
            .filter(|&i| {
                let removed = docx.revisions[i].text.trim();
                removed.len() >= MIN_ATTRIBUTABLE_TEXT && old.evidence.iter().any(|e| e.text.contains(removed) || removed.contains(e.text.trim()))
            })
            .collect();
        let culprits = if !by_place.is_empty() { by_place } else if !by_text.is_empty() { by_text } else if infos.len() == 1 { vec![0] } else { Vec::new() };
        for i in culprits {
            infos[i].changes.push(StatusChange { requirement: new.id.clone(), before: old.status, after: new.status });
        }
    }
    infos
}
