//! A profile: a base pack plus overlays, resolved and compiled once, ready to evaluate any
//! number of documents.
//!
//! Overlays are a floor, not a ceiling (baseline.md, "Overlays"): they may add concepts,
//! phrases, requirements and forbidding checks, raise `should` to `must`, widen a
//! requirement's categories and lower limits. Anything that would let a draft pass more
//! easily is refused with the file, line and requirement.

use super::error::PackError;
use super::lexicon::{ConceptId, ConceptSource, Lexicon};
use super::pack::{CheckDef, FixedStatus, Level, PackFile, RequirementDef, Spanned, Untriggered, Within, PACK_SCHEMA};
use crate::report::PackRef;
use regex_lite::Regex;

/// A pack's text and the name to cite in errors (its file name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackSource {
    pub name: String,
    pub text: String,
}

impl PackSource {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        PackSource { name: name.into(), text: text.into() }
    }
}

#[derive(Debug)]
pub struct Profile {
    pub id: String,
    pub version: String,
    pub title: String,
    pub overlays: Vec<PackRef>,
    pub concept_names: Vec<String>,
    pub categories: Vec<Category>,
    pub requirements: Vec<Requirement>,
    pub lexicon: Lexicon,
}

#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub title: String,
    pub concepts: Vec<ConceptId>,
    pub min_matches: usize,
}

#[derive(Debug, Clone)]
pub struct Requirement {
    pub id: String,
    pub title: String,
    pub principle: String,
    pub level: Level,
    pub applies_to: Vec<String>,
    pub trigger: Option<TriggerSpec>,
    pub sources: Vec<String>,
    pub rationale: String,
    pub message: String,
    pub suggestion: String,
    pub checks: Vec<Check>,
    pub tests: Vec<InlineTestSpec>,
}

impl Requirement {
    pub fn applies_to_all(&self) -> bool {
        self.applies_to.iter().any(|c| c == "all")
    }
}

#[derive(Debug, Clone, Copy)]
pub struct TriggerSpec {
    pub concept: ConceptId,
    pub level: Option<Level>,
    pub otherwise: Untriggered,
}

/// A check with its concepts resolved to ids and its bounds in hours.
#[derive(Debug, Clone)]
pub enum Check {
    Require { terms: Terms, within: Within, permission_meets: bool, status: Option<FixedStatus>, note: Option<String> },
    Forbid { terms: Terms, within: Within, regardless_of_modality: bool, note: Option<String> },
    Limit { concept: ConceptId, max_hours: f64, prompt_meets: bool, unless: Vec<ConceptId>, note: Option<String> },
    When { concept: ConceptId, checks: Vec<Check> },
}

impl Check {
    pub fn kind(&self) -> &'static str {
        match self {
            Check::Require { .. } => "require",
            Check::Forbid { .. } => "forbid",
            Check::Limit { .. } => "limit",
            Check::When { .. } => "when",
        }
    }
}

/// Which concepts a sentence must (and must not) contain for a check to apply.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    pub all: Vec<ConceptId>,
    pub any: Vec<ConceptId>,
    pub unless: Vec<ConceptId>,
}

#[derive(Debug, Clone)]
pub struct InlineTestSpec {
    pub text: String,
    pub expect: String,
    pub categories: Option<Vec<String>>,
    /// Where the test stands, to point at it when it fails.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// From a pack compiled into this build: its examples ran in the project's own tests, so
    /// loading need not run them again.
    pub built_in: bool,
}

/// The limits a pack may state, for comparing overlays against their base.
const HOURS_PER_DAY: f64 = 24.0;

/// Parses a pack's TOML, reporting syntax and schema errors with their position.
pub fn parse_pack(source: &PackSource) -> Result<PackFile, Vec<PackError>> {
    let pack = super::pack::read(&source.text).map_err(|errors| {
        errors.into_iter().map(|(offset, message)| PackError::at(&source.name, &source.text, offset, None, message)).collect::<Vec<_>>()
    })?;
    if pack.schema.value != PACK_SCHEMA {
        let message = format!("unsupported schema {:?}; this version of accordlint reads {PACK_SCHEMA:?}", pack.schema.value);
        return Err(vec![PackError::at(&source.name, &source.text, pack.schema.span.start, None, message)]);
    }
    Ok(pack)
}

/// Builds a profile from a base pack and overlays (in order).
pub fn build_profile(base: &PackSource, overlays: &[PackSource]) -> Result<Profile, Vec<PackError>> {
    let base_pack = parse_pack(base)?;
    if let Some(extends) = &base_pack.pack.extends {
        let message = format!("this pack extends {:?}: load it as an overlay on that profile", extends.value);
        return Err(vec![PackError::at(&base.name, &base.text, extends.span.start, None, message)]);
    }
    let mut builder = Builder::default();
    builder.add_pack(base, &base_pack, None);
    let profile_id = base_pack.pack.id.value.clone();
    let mut overlay_refs = Vec::new();
    for overlay in overlays {
        let pack = parse_pack(overlay)?;
        match &pack.pack.extends {
            Some(extends) if extends.value == profile_id => {}
            Some(extends) => {
                let message = format!("overlay extends {:?}, but the profile is {profile_id:?}", extends.value);
                builder.errors.push(PackError::at(&overlay.name, &overlay.text, extends.span.start, None, message));
                continue;
            }
            None => {
                let message = format!("an overlay must say which profile it tightens: add `extends = {profile_id:?}` to [pack]");
                builder.errors.push(PackError::at(&overlay.name, &overlay.text, pack.pack.id.span.start, None, message));
                continue;
            }
        }
        overlay_refs.push(PackRef { id: pack.pack.id.value.clone(), version: pack.pack.version.clone() });
        builder.add_pack(overlay, &pack, Some(&profile_id));
    }
    builder.finish(base_pack, overlay_refs)
}

/// Accumulates concepts and requirements across packs, collecting every error rather than
/// stopping at the first, so that a pack author sees them all at once.
#[derive(Default)]
struct Builder {
    /// By name, in name order (a sorted list: a map would cost the .wasm a B-tree).
    concepts: Vec<(String, ConceptAccum)>,
    categories: Vec<(CategoryDraft, Origin)>,
    requirements: Vec<(RequirementDraft, Origin)>,
    errors: Vec<PackError>,
}

/// Where something was defined: the pack file and its text, to place later errors.
#[derive(Clone)]
struct Origin {
    file: String,
    text: std::rc::Rc<str>,
}

impl Origin {
    fn error(&self, offset: usize, requirement: Option<&str>, message: impl Into<String>) -> PackError {
        PackError::at(&self.file, &self.text, offset, requirement, message)
    }
}

#[derive(Default)]
struct ConceptAccum {
    phrases: Vec<String>,
    patterns: Vec<Regex>,
    exclude: Vec<String>,
}

struct CategoryDraft {
    id: String,
    title: String,
    concepts: Vec<(String, usize)>,
    min_matches: usize,
}

/// A requirement before its concept names are resolved.
struct RequirementDraft {
    id: String,
    title: String,
    principle: String,
    level: Level,
    applies_to: Vec<String>,
    trigger: Option<(String, Option<Level>, Untriggered, usize)>,
    sources: Vec<String>,
    rationale: String,
    message: String,
    suggestion: String,
    checks: Vec<(Spanned<CheckDef>, Origin)>,
    tests: Vec<InlineTestSpec>,
}

impl Builder {
    fn add_pack(&mut self, source: &PackSource, pack: &PackFile, overlay_of: Option<&str>) {
        let origin = Origin { file: source.name.clone(), text: source.text.as_str().into() };
        for (name, concept) in &pack.concepts {
            self.add_concept(name, concept, &origin, overlay_of.is_some());
        }
        for category in &pack.categories {
            self.add_category(category, &origin);
        }
        for requirement in &pack.requirements {
            let id = requirement.value.id.value.clone();
            match self.requirements.iter().position(|(r, _)| r.id == id) {
                Some(index) if overlay_of.is_some() => self.amend(index, requirement, &origin),
                Some(_) => self.errors.push(origin.error(requirement.span.start, Some(&id), "defined twice in this pack")),
                None => self.add_requirement(requirement, &origin),
            }
        }
    }

    fn add_concept(&mut self, name: &str, concept: &Spanned<super::pack::ConceptDef>, origin: &Origin, in_overlay: bool) {
        let def = &concept.value;
        let slot = self.concepts.binary_search_by(|(known, _)| known.as_str().cmp(name));
        let existing = slot.is_ok();
        if in_overlay && existing && !def.exclude.is_empty() {
            let message = format!(
                "concept {name:?}: an overlay may add phrases and patterns to a baseline concept, not exclusions (they would let drafts pass more easily)"
            );
            self.errors.push(origin.error(concept.span.start, None, message));
            return;
        }
        let mut compiled = Vec::new();
        for pattern in &def.patterns {
            match Regex::new(&format!("(?i){}", pattern.value)) {
                Ok(regex) => compiled.push(regex),
                Err(e) => self.errors.push(origin.error(pattern.span.start, None, format!("concept {name:?}: invalid pattern: {e}"))),
            }
        }
        if def.phrases.is_empty() && def.patterns.is_empty() && !existing {
            self.errors.push(origin.error(concept.span.start, None, format!("concept {name:?} has no phrases or patterns")));
        }
        let index = slot.unwrap_or_else(|at| {
            self.concepts.insert(at, (name.to_string(), ConceptAccum::default()));
            at
        });
        let accum = &mut self.concepts[index].1;
        accum.phrases.extend(def.phrases.iter().cloned());
        accum.patterns.extend(compiled);
        accum.exclude.extend(def.exclude.iter().cloned());
    }

    fn add_category(&mut self, category: &Spanned<super::pack::CategoryDef>, origin: &Origin) {
        let def = &category.value;
        if self.categories.iter().any(|(c, _)| c.id == def.id) {
            self.errors.push(origin.error(category.span.start, None, format!("category {:?} is defined twice", def.id)));
            return;
        }
        let at = category.span.start;
        self.categories.push((
            CategoryDraft {
                id: def.id.clone(),
                title: def.title.clone(),
                concepts: def.concepts.iter().map(|c| (c.clone(), at)).collect(),
                min_matches: def.min_matches.max(1),
            },
            origin.clone(),
        ));
    }

    fn add_requirement(&mut self, spanned: &Spanned<RequirementDef>, origin: &Origin) {
        let def = &spanned.value;
        let id = def.id.value.clone();
        let at = spanned.span.start;
        let mut missing = Vec::new();
        let mut field = |value: &Option<String>, name: &'static str| {
            value.clone().unwrap_or_else(|| {
                missing.push(name);
                String::new()
            })
        };
        let title = field(&def.title, "title");
        let principle = field(&def.principle, "principle");
        let message = field(&def.message, "message");
        let suggestion = field(&def.suggestion, "suggestion");
        let rationale = def.rationale.clone().unwrap_or_default();
        if def.level.is_none() {
            missing.push("level");
        }
        if def.checks.is_empty() {
            missing.push("checks");
        }
        if !missing.is_empty() {
            let message = format!("a new requirement needs {}", missing.join(", "));
            self.errors.push(origin.error(at, Some(&id), message));
        }
        let draft = RequirementDraft {
            id,
            title,
            principle,
            level: def.level.as_ref().map_or(Level::Should, |l| l.value),
            applies_to: def.applies_to.clone().unwrap_or_else(|| vec!["all".to_string()]),
            trigger: def.trigger.as_ref().map(|t| (t.concept.clone(), t.level, t.otherwise, at)),
            sources: def.sources.clone(),
            rationale,
            message,
            suggestion,
            checks: def.checks.iter().map(|c| (c.clone(), origin.clone())).collect(),
            tests: inline_tests(def, origin),
        };
        self.requirements.push((draft, origin.clone()));
    }

    /// An overlay's amendment of an existing requirement: only in the tightening direction.
    fn amend(&mut self, index: usize, spanned: &Spanned<RequirementDef>, origin: &Origin) {
        let def = &spanned.value;
        let id = def.id.value.clone();
        let mut errors = Vec::new();
        let (draft, _) = &mut self.requirements[index];
        if let Some(level) = &def.level {
            if level.value < draft.level {
                errors.push(origin.error(level.span.start, Some(&id), "an overlay may not lower a requirement from must to should"));
            } else {
                draft.level = level.value;
            }
        }
        if let Some(applies_to) = &def.applies_to {
            let widened = draft.applies_to.iter().all(|c| applies_to.contains(c) || applies_to.iter().any(|a| a == "all"));
            if widened {
                draft.applies_to = applies_to.clone();
            } else {
                errors.push(origin.error(spanned.span.start, Some(&id), "an overlay may widen applies_to, not narrow it"));
            }
        }
        if def.trigger.is_some() {
            errors.push(origin.error(spanned.span.start, Some(&id), "an overlay may not add a trigger to a baseline requirement (it would switch it off)"));
        }
        for check in &def.checks {
            match tighten_with(draft, check) {
                Ok(()) => draft.checks.push((check.clone(), origin.clone())),
                Err(message) => errors.push(origin.error(check.span.start, Some(&id), message)),
            }
        }
        draft.sources.extend(def.sources.iter().filter(|s| !draft.sources.contains(s)).cloned().collect::<Vec<_>>());
        for (target, value) in [
            (&mut draft.title, &def.title),
            (&mut draft.message, &def.message),
            (&mut draft.suggestion, &def.suggestion),
            (&mut draft.rationale, &def.rationale),
        ] {
            if let Some(value) = value {
                *target = value.clone();
            }
        }
        draft.tests.extend(inline_tests(def, origin));
        self.errors.extend(errors);
    }

    fn finish(mut self, base: PackFile, overlays: Vec<PackRef>) -> Result<Profile, Vec<PackError>> {
        let concept_names: Vec<String> = self.concepts.iter().map(|(name, _)| name.clone()).collect();
        let mut resolver = Resolver { concept_names: &concept_names, errors: Vec::new() };
        let categories = self
            .categories
            .iter()
            .map(|(c, origin)| Category {
                id: c.id.clone(),
                title: c.title.clone(),
                concepts: c.concepts.iter().filter_map(|(name, at)| resolver.concept(name, origin, *at, None)).collect(),
                min_matches: c.min_matches,
            })
            .collect();
        let requirements = self.requirements.iter().map(|(draft, origin)| resolver.requirement(draft, origin)).collect();
        self.errors.extend(resolver.errors);
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let sources = self
            .concepts
            .iter_mut()
            .map(|(_, c)| ConceptSource { phrases: &c.phrases, patterns: std::mem::take(&mut c.patterns), exclude: &c.exclude })
            .collect();
        let lexicon = Lexicon::new(sources).map_err(|message| {
            vec![PackError { file: String::new(), line: 0, column: 0, requirement: None, message }]
        })?;
        Ok(Profile {
            id: base.pack.id.value,
            version: base.pack.version,
            title: base.pack.title,
            overlays,
            concept_names,
            categories,
            requirements,
            lexicon,
        })
    }
}

/// Checks that an overlay's extra check only tightens: no new way to be met, and limits
/// only lowered.
fn tighten_with(draft: &mut RequirementDraft, check: &Spanned<CheckDef>) -> Result<(), String> {
    match &check.value {
        CheckDef::Require { .. } => Err(
            "an overlay may not add a `require` check to a baseline requirement: it would give drafts a new way to meet it (add a `forbid` or a stricter `limit`)".to_string(),
        ),
        CheckDef::Limit { concept, max_days, max_hours, .. } => {
            let new_bound = bound_hours(max_days, max_hours).ok_or("a limit needs max_days or max_hours")?;
            for (existing, _) in &draft.checks {
                if let CheckDef::Limit { concept: c, max_days: d, max_hours: h, .. } = &existing.value {
                    let old = bound_hours(d, h).unwrap_or(f64::INFINITY);
                    if c == concept && new_bound > old {
                        return Err(format!(
                            "an overlay may not raise a limit ({} to {}): it may only lower it",
                            describe_hours(old, d.is_some()),
                            describe_hours(new_bound, max_days.is_some())
                        ));
                    }
                }
            }
            Ok(())
        }
        CheckDef::Forbid { .. } | CheckDef::When { .. } => Ok(()),
    }
}

fn bound_hours(max_days: &Option<f64>, max_hours: &Option<f64>) -> Option<f64> {
    max_days.map(|d| d * HOURS_PER_DAY).or(*max_hours)
}

fn describe_hours(hours: f64, as_days: bool) -> String {
    if as_days {
        format!("max_days {}", decimal(hours / HOURS_PER_DAY, 3))
    } else {
        format!("max_hours {}", decimal(hours, 3))
    }
}

/// A non-negative quantity rounded to at most `places` decimals, without trailing zeros
/// ("730", "1.5"). Written with integer arithmetic because core's float formatting adds some
/// 14 KB of code to the WebAssembly module; a value beyond `u64` after scaling saturates.
pub fn decimal(value: f64, places: u32) -> String {
    let scale = 10u64.pow(places);
    let scaled = (value.max(0.0) * scale as f64).round() as u64;
    let (whole, fraction) = (scaled / scale, scaled % scale);
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:0width$}", width = places as usize);
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

fn inline_tests(def: &RequirementDef, origin: &Origin) -> Vec<InlineTestSpec> {
    def.tests
        .iter()
        .map(|t| {
            let (line, column) = super::error::line_column(&origin.text, t.span.start);
            let test = &t.value;
            InlineTestSpec {
                text: test.text.clone(),
                expect: test.expect.clone(),
                categories: test.categories.clone(),
                file: origin.file.clone(),
                line,
                column,
                built_in: super::builtin::is_built_in(&origin.text),
            }
        })
        .collect()
}

struct Resolver<'a> {
    /// The concepts' names in the order of their ids: sorted and unique.
    concept_names: &'a [String],
    errors: Vec<PackError>,
}

impl Resolver<'_> {
    fn concept(&mut self, name: &str, origin: &Origin, at: usize, requirement: Option<&str>) -> Option<ConceptId> {
        let found = self.concept_names.binary_search_by(|n| n.as_str().cmp(name)).ok();
        if found.is_none() {
            let message = format!("unknown concept {name:?}: define it under [concepts.{name}]");
            self.errors.push(origin.error(at, requirement, message));
        }
        found
    }

    fn concepts(&mut self, names: &[String], origin: &Origin, at: usize, id: &str) -> Vec<ConceptId> {
        names.iter().filter_map(|n| self.concept(n, origin, at, Some(id))).collect()
    }

    fn requirement(&mut self, draft: &RequirementDraft, origin: &Origin) -> Requirement {
        let trigger = draft.trigger.as_ref().and_then(|(name, level, otherwise, at)| {
            self.concept(name, origin, *at, Some(&draft.id)).map(|concept| TriggerSpec { concept, level: *level, otherwise: *otherwise })
        });
        let checks = draft.checks.iter().filter_map(|(check, origin)| self.check(check, origin, &draft.id)).collect();
        Requirement {
            id: draft.id.clone(),
            title: draft.title.clone(),
            principle: draft.principle.clone(),
            level: draft.level,
            applies_to: draft.applies_to.clone(),
            trigger,
            sources: draft.sources.clone(),
            rationale: draft.rationale.clone(),
            message: draft.message.clone(),
            suggestion: draft.suggestion.clone(),
            checks,
            tests: draft.tests.clone(),
        }
    }

    fn check(&mut self, check: &Spanned<CheckDef>, origin: &Origin, id: &str) -> Option<Check> {
        let at = check.span.start;
        let terms = |all: &[String], any: &[String], unless: &[String], this: &mut Self| Terms {
            all: this.concepts(all, origin, at, id),
            any: this.concepts(any, origin, at, id),
            unless: this.concepts(unless, origin, at, id),
        };
        Some(match &check.value {
            CheckDef::Require { all, any, unless, within, permission_meets, status, note } => {
                if all.is_empty() && any.is_empty() {
                    self.errors.push(origin.error(at, Some(id), "a require check needs `all` or `any` concepts"));
                    return None;
                }
                let terms = terms(all, any, unless, self);
                Check::Require { terms, within: *within, permission_meets: *permission_meets, status: *status, note: note.clone() }
            }
            CheckDef::Forbid { all, any, unless, within, regardless_of_modality, note } => {
                if all.is_empty() && any.is_empty() {
                    self.errors.push(origin.error(at, Some(id), "a forbid check needs `all` or `any` concepts"));
                    return None;
                }
                let terms = terms(all, any, unless, self);
                Check::Forbid { terms, within: *within, regardless_of_modality: *regardless_of_modality, note: note.clone() }
            }
            CheckDef::Limit { concept, max_days, max_hours, prompt_meets, unless, note } => {
                let Some(max_hours) = bound_hours(max_days, max_hours) else {
                    self.errors.push(origin.error(at, Some(id), "a limit check needs max_days or max_hours"));
                    return None;
                };
                if !(max_hours.is_finite() && max_hours >= 0.0) {
                    self.errors.push(origin.error(at, Some(id), "a limit must be a non-negative number"));
                    return None;
                }
                let concept = self.concept(concept, origin, at, Some(id))?;
                let unless = self.concepts(unless, origin, at, id);
                Check::Limit { concept, max_hours, prompt_meets: *prompt_meets, unless, note: note.clone() }
            }
            CheckDef::When { concept, checks } => {
                let concept = self.concept(concept, origin, at, Some(id))?;
                let checks = checks.iter().filter_map(|c| self.check(c, origin, id)).collect();
                Check::When { concept, checks }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn decimals_are_rounded_and_trimmed() {
        assert_eq!(decimal(730.0, 1), "730");
        assert_eq!(decimal(1.5, 1), "1.5");
        assert_eq!(decimal(2.25, 1), "2.3");
        assert_eq!(decimal(71.96, 1), "72");
        assert_eq!(decimal(0.04, 1), "0");
        assert_eq!(decimal(0.125, 3), "0.125");
        assert_eq!(decimal(2.0 / 3.0, 3), "0.667");
        assert_eq!(decimal(1.05, 3), "1.05");
    }
}
