//! The report: one status per requirement with the evidence and the trace that explain it.
//! `json` is the contract with the package, the page and other tools (schema in README.md);
//! `markdown` and `text` are renderings of the same value for people.

pub mod json;
pub mod markdown;
pub mod text;

use serde::Serialize;

/// The schema string of the JSON report; bumped on any incompatible change.
pub const REPORT_SCHEMA: &str = "accordlint-report/1";

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub schema: &'static str,
    pub tool: ToolInfo,
    pub profile: ProfileInfo,
    pub categories: Vec<CategoryFinding>,
    pub verdict: Verdict,
    pub summary: Summary,
    pub requirements: Vec<RequirementResult>,
    pub document: DocumentInfo,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ToolInfo {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProfileInfo {
    pub id: String,
    pub version: String,
    pub overlays: Vec<PackRef>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PackRef {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CategoryFinding {
    pub id: String,
    /// "detected" when found in the text, "selected" when the user chose it.
    pub source: &'static str,
    /// Why it was detected: the phrases found and where (empty when selected).
    pub detected_by: Vec<CategoryEvidence>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CategoryEvidence {
    pub phrase: String,
    pub clause: String,
    pub start: usize,
    pub end: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Review,
    Fail,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Weak,
    Missing,
    Violated,
    NotApplicable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Weak => "weak",
            Status::Missing => "missing",
            Status::Violated => "violated",
            Status::NotApplicable => "not_applicable",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub met: usize,
    pub weak: usize,
    pub missing: usize,
    pub violated: usize,
    pub not_applicable: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RequirementResult {
    pub id: String,
    pub title: String,
    /// "must" or "should", as applied to this document (a trigger can raise it).
    pub level: &'static str,
    pub principle: String,
    pub status: Status,
    pub evidence: Vec<Evidence>,
    pub message: String,
    pub suggestion: String,
    pub sources: Vec<String>,
    pub rationale: String,
    pub trace: Vec<TraceStep>,
}

/// A sentence that decides a status.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Evidence {
    /// The clause reference ("Art. 8(1)").
    pub clause: String,
    /// UTF-8 byte offsets into the input.
    pub start: usize,
    pub end: usize,
    /// UTF-16 code-unit offsets into the input (JavaScript string indices).
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// The sentence as written.
    pub text: String,
    /// What this sentence does to the requirement: "met", "weak" or "violated".
    pub effect: Status,
    /// For a Word document: the paragraph and character range the sentence stands in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// A place in a Word document: paragraph index (body order, then footnotes and endnotes)
/// and a character range within the paragraph's visible text.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Location {
    pub paragraph: usize,
    pub start_char: usize,
    pub end_char: usize,
}

/// One step of the reasoning: which check fired on which sentence, and with what modality.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TraceStep {
    /// "require", "forbid", "limit", "when", "category", "trigger".
    pub check: &'static str,
    pub clause: Option<String>,
    /// The concepts matched, with the words that matched them ("retention: 'kept'").
    pub matched: Vec<String>,
    /// "obligation", "prohibition", "declarative", "permission", "hedged", "aspiration".
    pub modality: Option<&'static str>,
    pub outcome: Status,
    /// A short explanation in plain words.
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentInfo {
    pub title: Option<String>,
    pub clauses: usize,
    pub sentences: usize,
    pub words: usize,
    pub hidden_characters: Vec<HiddenCharacterInfo>,
    /// Text a reader of a Word document does not see (hidden runs, white or tiny text,
    /// comments, field codes); never used to meet or violate a requirement.
    pub hidden_text: Vec<HiddenTextInfo>,
    /// Tracked changes of a Word document, with the statuses each one changes.
    pub revisions: Vec<RevisionInfo>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HiddenTextInfo {
    /// "vanish", "white_text", "tiny_text", "comment" or "field_code".
    pub kind: String,
    pub text: String,
    pub clause: Option<String>,
    pub paragraph: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RevisionInfo {
    /// "insertion" or "deletion".
    pub kind: String,
    pub author: Option<String>,
    pub date: Option<String>,
    pub text: String,
    pub clause: Option<String>,
    pub paragraph: usize,
    /// Requirements whose status differs between the draft with all changes accepted and
    /// with all rejected, attributed to this change.
    pub changes: Vec<StatusChange>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatusChange {
    pub requirement: String,
    /// Status with the change rejected (the text before it).
    pub before: Status,
    /// Status with the change accepted.
    pub after: Status,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HiddenCharacterInfo {
    pub code_point: String,
    pub name: String,
    pub clause: Option<String>,
    pub start: usize,
    pub end: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
}

impl Report {
    /// Requirements grouped by principle, principles in the order they first appear.
    pub fn by_principle(&self) -> Vec<(&str, Vec<&RequirementResult>)> {
        let mut groups: Vec<(&str, Vec<&RequirementResult>)> = Vec::new();
        for r in &self.requirements {
            match groups.iter_mut().find(|(p, _)| *p == r.principle) {
                Some((_, members)) => members.push(r),
                None => groups.push((&r.principle, vec![r])),
            }
        }
        groups
    }
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Review => "review",
            Verdict::Fail => "fail",
        }
    }
}

impl Status {
    /// A symbol that tells statuses apart without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Met => "✓",
            Status::Weak => "~",
            Status::Missing => "○",
            Status::Violated => "✗",
            Status::NotApplicable => "–",
        }
    }
}
