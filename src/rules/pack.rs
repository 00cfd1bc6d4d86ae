//! The rule pack format: TOML, versioned, deserialised as written (with spans, so that every
//! error can name a line and column). Compilation into matchers lives in `compile.rs`.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The schema string a pack declares; bumped on any incompatible change.
pub const PACK_SCHEMA: &str = "accordlint-pack/1";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub schema: Spanned<String>,
    pub pack: PackMeta,
    /// Named concepts: the pack's lexicon.
    #[serde(default)]
    pub concepts: BTreeMap<String, Spanned<ConceptDef>>,
    /// How to recognise each category of cooperation (profiles only).
    #[serde(default)]
    pub categories: Vec<Spanned<CategoryDef>>,
    #[serde(default)]
    pub requirements: Vec<Spanned<RequirementDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    pub id: Spanned<String>,
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub jurisdiction: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// For an overlay: the profile it tightens ("baseline"). Absent for a profile.
    #[serde(default)]
    pub extends: Option<Spanned<String>>,
}

/// A named concept: literal phrases (matched as whole words, case-insensitively, by one
/// Aho-Corasick automaton for the whole profile) and regular expressions (regex-lite,
/// linear time). A match overlapping an `exclude` match does not count.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ConceptDef {
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    pub id: String,
    pub title: String,
    /// Concepts whose matches in operative text count as evidence of the category.
    pub concepts: Vec<String>,
    /// How many matches (in distinct sentences) it takes to detect the category.
    #[serde(default = "one")]
    pub min_matches: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementDef {
    pub id: Spanned<String>,
    /// Required in a profile; in an overlay, a requirement with an id the base already has
    /// amends it (and only in the tightening direction).
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub principle: Option<String>,
    #[serde(default)]
    pub level: Option<Spanned<Level>>,
    /// Categories the requirement applies to; `["all"]` for every document.
    #[serde(default)]
    pub applies_to: Option<Vec<String>>,
    #[serde(default)]
    pub trigger: Option<Trigger>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub rationale: Option<String>,
    /// What to tell the negotiator when the requirement is not met.
    #[serde(default)]
    pub message: Option<String>,
    /// Model wording that would meet the requirement, ready to paste.
    #[serde(default)]
    pub suggestion: Option<String>,
    #[serde(default)]
    pub checks: Vec<Spanned<CheckDef>>,
    /// Example sentences with the status they must get; run whenever the pack is loaded.
    #[serde(default)]
    pub tests: Vec<Spanned<InlineTest>>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Should,
    Must,
}

/// A requirement that only applies when the draft uses something (emergency powers,
/// algorithms). `concept` is looked for in the whole operative text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    pub concept: String,
    /// The level while triggered (for instance a `should` that becomes `must`).
    #[serde(default)]
    pub level: Option<Level>,
    /// What happens when the trigger is absent: the requirement is `not_applicable`
    /// (default) or still evaluated as advice at `should` level.
    #[serde(default)]
    pub otherwise: Untriggered,
}

#[derive(Debug, Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Untriggered {
    #[default]
    NotApplicable,
    Advise,
}

/// The check types, after Vale's rule types.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum CheckDef {
    /// A sentence (or clause) that combines all of `all` and one of `any` (if given):
    /// met under binding modality, weak under hedged or permissive modality.
    Require {
        #[serde(default)]
        all: Vec<String>,
        #[serde(default)]
        any: Vec<String>,
        /// A sentence containing any of these concepts does not count (a carve-out).
        #[serde(default)]
        unless: Vec<String>,
        #[serde(default)]
        within: Within,
        /// A match that is only permissive or hedged makes the requirement weak.
        /// Set `weak_is_met = true` for rights conferred with "may" ("individuals may request").
        #[serde(default)]
        permission_meets: bool,
        /// An explicit verdict for a match regardless of modality ("weak" for an
        /// "informed only" further-use rule).
        #[serde(default)]
        status: Option<FixedStatus>,
        #[serde(default)]
        note: Option<String>,
    },
    /// Language that contradicts the requirement: `violated` with its span. Fires unless the
    /// sentence prohibits or negates it ("shall not be retained indefinitely").
    Forbid {
        #[serde(default)]
        all: Vec<String>,
        #[serde(default)]
        any: Vec<String>,
        #[serde(default)]
        unless: Vec<String>,
        #[serde(default)]
        within: Within,
        /// Fire even in a prohibition or negated sentence.
        #[serde(default)]
        regardless_of_modality: bool,
        #[serde(default)]
        note: Option<String>,
    },
    /// A stated quantity in a sentence with `concept` stays within a bound: violated beyond
    /// it, weak when the duration is vague ("as long as necessary"), met within it.
    Limit {
        concept: String,
        #[serde(default)]
        max_days: Option<f64>,
        #[serde(default)]
        max_hours: Option<f64>,
        /// "Without undue delay", "promptly", "immediately" meet the bound (deadlines).
        #[serde(default)]
        prompt_meets: bool,
        #[serde(default)]
        unless: Vec<String>,
        #[serde(default)]
        note: Option<String>,
    },
    /// Nested checks that only run when `concept` occurs in the operative text; otherwise
    /// the requirement is `not_applicable`.
    When {
        concept: String,
        checks: Vec<Spanned<CheckDef>>,
    },
}

#[derive(Debug, Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Within {
    #[default]
    Sentence,
    Clause,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FixedStatus {
    Met,
    Weak,
    Violated,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InlineTest {
    pub text: String,
    pub expect: String,
    /// Categories to check the example under; default: the requirement's own.
    #[serde(default)]
    pub categories: Option<Vec<String>>,
}
