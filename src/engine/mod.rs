//! The evaluator: a [`Checker`] holds a compiled profile and checks documents against it;
//! a [`Session`] does the same for a draft being edited, re-analysing only changed clauses.

pub mod analysis;
mod assemble;
pub mod categories;
mod clauses;
pub mod evaluate;
mod findings;
mod inline;
mod session;
mod word;

pub use categories::CategoryChoice;
pub use session::Session;

use crate::document::Document;
use crate::report::Report;
use crate::rules::pack::Level;
use crate::rules::{builtin, profile, PackError, PackSource, Profile};
use findings::CheckPlan;
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOptions {
    pub categories: CategoryChoice,
}

/// A requirement as `accordlint rules` lists it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RequirementInfo {
    pub id: String,
    pub title: String,
    pub level: &'static str,
    pub principle: String,
    pub applies_to: Vec<String>,
    pub trigger: Option<String>,
    pub sources: Vec<String>,
}

/// What a valid pack holds.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PackSummary {
    pub id: String,
    pub version: String,
    pub requirements: usize,
    pub tests: usize,
}

/// A compiled profile, ready to check any number of documents.
#[derive(Debug)]
pub struct Checker {
    profile: Profile,
    plan: CheckPlan,
}

pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::Must => "must",
        Level::Should => "should",
    }
}

impl Checker {
    /// Compiles a built-in profile ("baseline") with overlays (TOML texts) and runs the
    /// inline tests of every pack from outside this build; a pack whose tests fail is refused.
    pub fn new(profile_id: &str, overlays: &[PackSource]) -> Result<Checker, Vec<PackError>> {
        let base = builtin::profile(profile_id).ok_or_else(|| {
            let known = builtin::profile_ids().join(", ");
            vec![PackError {
                file: profile_id.to_string(),
                line: 0,
                column: 0,
                requirement: None,
                message: format!("unknown profile {profile_id:?}; built-in profiles: {known}"),
            }]
        })?;
        Checker::from_packs(&base, overlays)
    }

    /// Compiles any base pack with overlays.
    pub fn from_packs(base: &PackSource, overlays: &[PackSource]) -> Result<Checker, Vec<PackError>> {
        let profile = profile::build_profile(base, overlays)?;
        let plan = CheckPlan::new(&profile);
        let checker = Checker { profile, plan };
        let failures = inline::run_all(&checker, false);
        if failures.is_empty() {
            Ok(checker)
        } else {
            Err(failures)
        }
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    pub fn profile_ids() -> Vec<&'static str> {
        builtin::profile_ids()
    }

    pub fn check(&self, text: &str, options: &CheckOptions) -> Report {
        self.check_only(text, options, None)
    }

    /// Checks `text`, reporting only requirement `only` when given (inline tests).
    fn check_only(&self, text: &str, options: &CheckOptions, only: Option<&str>) -> Report {
        self.check_document(&Document::parse(text), options, only)
    }

    fn check_document(&self, document: &Document, options: &CheckOptions, only: Option<&str>) -> Report {
        let clauses: Vec<clauses::ClauseResult> = clauses::clause_results(document, &self.profile.lexicon, &self.plan, |_| None);
        let clauses: Vec<&clauses::ClauseResult> = clauses.iter().collect();
        assemble::report(&self.profile, &self.plan, document, &clauses, options, only)
    }

    /// A user's choice of categories, refused with the known ids when one is unknown.
    pub fn select_categories(&self, ids: &[String]) -> Result<CategoryChoice, String> {
        let known: Vec<&str> = self.profile.categories.iter().map(|c| c.id.as_str()).collect();
        match ids.iter().find(|id| !known.contains(&id.as_str())) {
            Some(unknown) => Err(format!("unknown category {unknown:?}; use auto, none, or one of: {}", known.join(", "))),
            None => Ok(CategoryChoice::Selected(ids.to_vec())),
        }
    }

    pub fn requirements(&self) -> Vec<RequirementInfo> {
        self.profile
            .requirements
            .iter()
            .map(|r| RequirementInfo {
                id: r.id.clone(),
                title: r.title.clone(),
                level: level_name(r.level),
                principle: r.principle.clone(),
                applies_to: r.applies_to.clone(),
                trigger: r.trigger.map(|t| self.profile.concept_names[t.concept].clone()),
                sources: r.sources.clone(),
            })
            .collect()
    }
}

/// Validates a pack on its own: a profile (no `extends`) is compiled with its tests; an
/// overlay is compiled on the built-in profile it extends.
pub fn validate_pack(pack: &PackSource) -> Result<PackSummary, Vec<PackError>> {
    let parsed = profile::parse_pack(pack)?;
    let checker = match &parsed.pack.extends {
        None => Checker::from_packs(pack, &[])?,
        Some(base) => Checker::new(&base.value, std::slice::from_ref(pack))?,
    };
    let id = &parsed.pack.id.value;
    let own: Vec<_> = checker
        .profile
        .requirements
        .iter()
        .filter(|r| parsed.pack.extends.is_none() || parsed.requirements.iter().any(|d| d.value.id.value == r.id))
        .collect();
    Ok(PackSummary {
        id: id.clone(),
        version: parsed.pack.version.clone(),
        requirements: own.len(),
        tests: parsed.requirements.iter().map(|r| r.value.tests.len()).sum(),
    })
}
