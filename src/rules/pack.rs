//! The rule pack format: TOML, versioned, read as written (with spans, so that every error
//! can name a line and column). Compilation into matchers lives in `profile.rs`.
//!
//! The TOML is read by `toml-span`, a parser that keeps the span of every value and is a
//! fraction of the size of the `toml` crate in the WebAssembly module (the size budget of
//! issue 4). Its tree becomes these types through the `Deserialize` impls at the end of this
//! file: every table refuses fields it does not know, and every missing or malformed field is
//! reported, not only the first.

use toml_span::de_helpers::{expected, TableHelper};
use toml_span::value::{Value, ValueInner};
use toml_span::{DeserError, Deserialize, Error, ErrorKind};

pub use toml_span::Spanned;

/// The schema string a pack declares; bumped on any incompatible change.
pub const PACK_SCHEMA: &str = "accordlint-pack/1";

#[derive(Debug)]
pub struct PackFile {
    pub schema: Spanned<String>,
    pub pack: PackMeta,
    /// Named concepts: the pack's lexicon, in name order (a TOML table's), each name once.
    pub concepts: Vec<(String, Spanned<ConceptDef>)>,
    /// How to recognise each category of cooperation (profiles only).
    pub categories: Vec<Spanned<CategoryDef>>,
    pub requirements: Vec<Spanned<RequirementDef>>,
}

#[derive(Debug, Default)]
pub struct PackMeta {
    pub id: Spanned<String>,
    pub version: String,
    pub title: String,
    pub jurisdiction: Option<String>,
    pub description: Option<String>,
    /// For an overlay: the profile it tightens ("baseline"). Absent for a profile.
    pub extends: Option<Spanned<String>>,
}

/// A named concept: literal phrases (matched as whole words, case-insensitively, by one
/// Aho-Corasick automaton for the whole profile) and regular expressions (regex-lite,
/// linear time). A match overlapping an `exclude` match does not count.
#[derive(Debug, Default)]
pub struct ConceptDef {
    pub description: Option<String>,
    pub phrases: Vec<String>,
    pub patterns: Vec<Spanned<String>>,
    pub exclude: Vec<String>,
}

#[derive(Debug)]
pub struct CategoryDef {
    pub id: String,
    pub title: String,
    /// Concepts whose matches in operative text count as evidence of the category.
    pub concepts: Vec<String>,
    /// How many matches (in distinct sentences) it takes to detect the category.
    pub min_matches: usize,
}

#[derive(Debug)]
pub struct RequirementDef {
    pub id: Spanned<String>,
    /// Required in a profile; in an overlay, a requirement with an id the base already has
    /// amends it (and only in the tightening direction).
    pub title: Option<String>,
    pub principle: Option<String>,
    pub level: Option<Spanned<Level>>,
    /// Categories the requirement applies to; `["all"]` for every document.
    pub applies_to: Option<Vec<String>>,
    pub trigger: Option<Trigger>,
    pub sources: Vec<String>,
    pub rationale: Option<String>,
    /// What to tell the negotiator when the requirement is not met.
    pub message: Option<String>,
    /// Model wording that would meet the requirement, ready to paste.
    pub suggestion: Option<String>,
    pub checks: Vec<Spanned<CheckDef>>,
    /// Example sentences with the status they must get; run whenever the pack is loaded.
    pub tests: Vec<Spanned<InlineTest>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Should,
    Must,
}

/// A requirement that only applies when the draft uses something (emergency powers,
/// algorithms). `concept` is looked for in the whole operative text.
#[derive(Debug)]
pub struct Trigger {
    pub concept: String,
    /// The level while triggered (for instance a `should` that becomes `must`).
    pub level: Option<Level>,
    /// What happens when the trigger is absent: the requirement is `not_applicable`
    /// (default) or still evaluated as advice at `should` level.
    pub otherwise: Untriggered,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Untriggered {
    #[default]
    NotApplicable,
    Advise,
}

/// The check types, after Vale's rule types.
#[derive(Debug, Clone)]
pub enum CheckDef {
    /// A sentence (or clause) that combines all of `all` and one of `any` (if given):
    /// met under binding modality, weak under hedged or permissive modality.
    Require {
        all: Vec<String>,
        any: Vec<String>,
        /// A sentence containing any of these concepts does not count (a carve-out).
        unless: Vec<String>,
        within: Within,
        /// A match that is only permissive or hedged makes the requirement weak.
        /// Set `weak_is_met = true` for rights conferred with "may" ("individuals may request").
        permission_meets: bool,
        /// An explicit verdict for a match regardless of modality ("weak" for an
        /// "informed only" further-use rule).
        status: Option<FixedStatus>,
        note: Option<String>,
    },
    /// Language that contradicts the requirement: `violated` with its span. Fires unless the
    /// sentence prohibits or negates it ("shall not be retained indefinitely").
    Forbid {
        all: Vec<String>,
        any: Vec<String>,
        unless: Vec<String>,
        within: Within,
        /// Fire even in a prohibition or negated sentence.
        regardless_of_modality: bool,
        note: Option<String>,
    },
    /// A stated quantity in a sentence with `concept` stays within a bound: violated beyond
    /// it, weak when the duration is vague ("as long as necessary"), met within it.
    Limit {
        concept: String,
        max_days: Option<f64>,
        max_hours: Option<f64>,
        /// "Without undue delay", "promptly", "immediately" meet the bound (deadlines).
        prompt_meets: bool,
        unless: Vec<String>,
        note: Option<String>,
    },
    /// Nested checks that only run when `concept` occurs in the operative text; otherwise
    /// the requirement is `not_applicable`.
    When {
        concept: String,
        checks: Vec<Spanned<CheckDef>>,
    },
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    #[default]
    Sentence,
    Clause,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixedStatus {
    Met,
    Weak,
    Violated,
}

#[derive(Debug)]
pub struct InlineTest {
    pub text: String,
    pub expect: String,
    /// Categories to check the example under; default: the requirement's own.
    pub categories: Option<Vec<String>>,
}

// Reading the TOML tree ----------------------------------------------------------------------

/// Reads a pack's TOML into its types; the errors (syntax first, then every schema error)
/// come with the byte offset they concern.
pub fn read(text: &str) -> Result<PackFile, Vec<(usize, String)>> {
    let placed = |errors: Vec<Error>| errors.into_iter().flat_map(placed_messages).collect::<Vec<_>>();
    let mut tree = parse_toml(text).map_err(|e| placed(vec![e]))?;
    PackFile::deserialize(&mut tree).map_err(|e| placed(e.errors))
}

/// The TOML tree of `text`, every value with its span. toml-span starts a string's span after
/// its opening quotes (and after the newline that may open a multi-line string); the `toml`
/// crate started it at the quotes, and so do the positions pack authors are shown.
pub fn parse_toml(text: &str) -> Result<Value<'_>, Error> {
    let mut tree = toml_span::parse(text)?;
    start_strings_at_their_quotes(text, &mut tree);
    Ok(tree)
}

fn start_strings_at_their_quotes(text: &str, value: &mut Value<'_>) {
    match value.take() {
        ValueInner::Table(mut table) => {
            table.values_mut().for_each(|item| start_strings_at_their_quotes(text, item));
            value.set(ValueInner::Table(table));
        }
        ValueInner::Array(mut items) => {
            items.iter_mut().for_each(|item| start_strings_at_their_quotes(text, item));
            value.set(ValueInner::Array(items));
        }
        ValueInner::String(string) => {
            value.span.start = opening_quotes(text, value.span.start);
            value.set(ValueInner::String(string));
        }
        scalar => value.set(scalar),
    }
}

/// Where the quotes open of a string whose content starts at `start`.
fn opening_quotes(text: &str, start: usize) -> usize {
    let before = text.get(..start).unwrap_or_default();
    let opened = before.strip_suffix('\n').map_or(before, |b| b.strip_suffix('\r').unwrap_or(b));
    let quotes = if opened.ends_with("\"\"\"") || opened.ends_with("'''") { 3 } else { 1 };
    opened.len().saturating_sub(quotes)
}

/// An error's message and offset: a table's unknown fields get one each, at the field; a key
/// or table defined twice is placed at its second definition.
fn placed_messages(error: Error) -> Vec<(usize, String)> {
    let message = error.to_string();
    match error.kind {
        ErrorKind::DuplicateKey { first, .. } | ErrorKind::DuplicateTable { first, .. } => {
            vec![(error.span.start.max(first.start), message)]
        }
        ErrorKind::UnexpectedKeys { keys, expected } => {
            let known = expected.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
            keys.into_iter().map(|(key, span)| (span.start, format!("unknown field `{key}`, expected one of {known}"))).collect()
        }
        _ => vec![(error.span.start, message)],
    }
}
// A field without a default is required; optional fields and their defaults are spelled out
// in each impl.

impl<'de> Deserialize<'de> for PackFile {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        let mut fields = TableHelper::new(value)?;
        let schema = required(&mut fields, "schema");
        let pack = required(&mut fields, "pack");
        let concepts = concepts(&mut fields);
        let categories = fields.optional("categories").unwrap_or_default();
        let requirements = fields.optional("requirements").unwrap_or_default();
        fields.finalize(None)?;
        Ok(PackFile { schema, pack, concepts, categories, requirements })
    }
}

/// `[concepts.NAME]` tables, in name order: the order of a `Table` (a map by name).
fn concepts(fields: &mut TableHelper<'_>) -> Vec<(String, Spanned<ConceptDef>)> {
    let mut concepts = Vec::new();
    let Some((_, mut value)) = fields.take("concepts") else { return concepts };
    let table = match value.take() {
        ValueInner::Table(table) => table,
        other => {
            fields.errors.push(expected("a table", other, value.span));
            return concepts;
        }
    };
    for (name, mut concept) in table {
        match Spanned::<ConceptDef>::deserialize(&mut concept) {
            Ok(def) => {
                concepts.push((name.name.into_owned(), def));
            }
            Err(errors) => fields.errors.extend(errors.errors),
        }
    }
    concepts
}

impl<'de> Deserialize<'de> for PackMeta {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        let mut fields = TableHelper::new(value)?;
        let meta = PackMeta {
            id: required(&mut fields, "id"),
            version: required(&mut fields, "version"),
            title: required(&mut fields, "title"),
            jurisdiction: fields.optional("jurisdiction"),
            description: fields.optional("description"),
            extends: fields.optional_s("extends"),
        };
        fields.finalize(None)?;
        Ok(meta)
    }
}

impl<'de> Deserialize<'de> for ConceptDef {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        let mut fields = TableHelper::new(value)?;
        let concept = ConceptDef {
            description: fields.optional("description"),
            phrases: fields.optional("phrases").unwrap_or_default(),
            patterns: fields.optional("patterns").unwrap_or_default(),
            exclude: fields.optional("exclude").unwrap_or_default(),
        };
        fields.finalize(None)?;
        Ok(concept)
    }
}

impl<'de> Deserialize<'de> for CategoryDef {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        let mut fields = TableHelper::new(value)?;
        let category = CategoryDef {
            id: required(&mut fields, "id"),
            title: required(&mut fields, "title"),
            concepts: required(&mut fields, "concepts"),
            min_matches: fields.optional("min_matches").unwrap_or(1),
        };
        fields.finalize(None)?;
        Ok(category)
    }
}

impl<'de> Deserialize<'de> for RequirementDef {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        let mut fields = TableHelper::new(value)?;
        let requirement = RequirementDef {
            id: required(&mut fields, "id"),
            title: fields.optional("title"),
            principle: fields.optional("principle"),
            level: fields.optional_s("level"),
            applies_to: fields.optional("applies_to"),
            trigger: fields.optional("trigger"),
            sources: fields.optional("sources").unwrap_or_default(),
            rationale: fields.optional("rationale"),
            message: fields.optional("message"),
            suggestion: fields.optional("suggestion"),
            checks: fields.optional("checks").unwrap_or_default(),
            tests: fields.optional("tests").unwrap_or_default(),
        };
        fields.finalize(None)?;
        Ok(requirement)
    }
}

impl<'de> Deserialize<'de> for Trigger {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        let mut fields = TableHelper::new(value)?;
        let trigger = Trigger {
            concept: required(&mut fields, "concept"),
            level: fields.optional("level"),
            otherwise: fields.optional("otherwise").unwrap_or_default(),
        };
        fields.finalize(None)?;
        Ok(trigger)
    }
}

/// The `type` of a check table, which decides its other fields.
#[derive(Clone, Copy)]
enum CheckType {
    Require,
    Forbid,
    Limit,
    When,
}

impl<'de> Deserialize<'de> for CheckDef {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        let mut fields = TableHelper::new(value)?;
        let check_type = fields.required("type")?;
        let check = match check_type {
            CheckType::Require => CheckDef::Require {
                all: fields.optional("all").unwrap_or_default(),
                any: fields.optional("any").unwrap_or_default(),
                unless: fields.optional("unless").unwrap_or_default(),
                within: fields.optional("within").unwrap_or_default(),
                permission_meets: fields.optional("permission_meets").unwrap_or(false),
                status: fields.optional("status"),
                note: fields.optional("note"),
            },
            CheckType::Forbid => CheckDef::Forbid {
                all: fields.optional("all").unwrap_or_default(),
                any: fields.optional("any").unwrap_or_default(),
                unless: fields.optional("unless").unwrap_or_default(),
                within: fields.optional("within").unwrap_or_default(),
                regardless_of_modality: fields.optional("regardless_of_modality").unwrap_or(false),
                note: fields.optional("note"),
            },
            CheckType::Limit => CheckDef::Limit {
                concept: required(&mut fields, "concept"),
                max_days: fields.optional::<Number>("max_days").map(|n| n.0),
                max_hours: fields.optional::<Number>("max_hours").map(|n| n.0),
                prompt_meets: fields.optional("prompt_meets").unwrap_or(false),
                unless: fields.optional("unless").unwrap_or_default(),
                note: fields.optional("note"),
            },
            CheckType::When => CheckDef::When {
                concept: required(&mut fields, "concept"),
                checks: required(&mut fields, "checks"),
            },
        };
        fields.finalize(None)?;
        Ok(check)
    }
}

impl<'de> Deserialize<'de> for InlineTest {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        let mut fields = TableHelper::new(value)?;
        let test = InlineTest {
            text: required(&mut fields, "text"),
            expect: required(&mut fields, "expect"),
            categories: fields.optional("categories"),
        };
        fields.finalize(None)?;
        Ok(test)
    }
}

/// A required field. A missing or malformed one is recorded in `fields`, which `finalize`
/// reports; its default only stands in until then.
fn required<'de, T: Deserialize<'de> + Default>(fields: &mut TableHelper<'de>, name: &'static str) -> T {
    fields.required(name).unwrap_or_default()
}

/// A limit: an integer or a float (`max_days = 730` and `max_hours = 1.5`).
struct Number(f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        match value.take() {
            ValueInner::Float(number) => Ok(Number(number)),
            ValueInner::Integer(number) => Ok(Number(number as f64)),
            other => Err(expected("a number", other, value.span).into()),
        }
    }
}

/// One of a fixed set of words (`level = "must"`), refusing any other with the list.
fn one_of<T: Copy>(value: &mut Value<'_>, words: &[(&'static str, T)]) -> Result<T, DeserError> {
    let word = value.take_string(None)?;
    if let Some((_, choice)) = words.iter().find(|(w, _)| *w == word) {
        return Ok(*choice);
    }
    let choices: Vec<String> = words.iter().map(|(w, _)| format!("`{w}`")).collect();
    let message = format!("unknown value `{word}`, expected one of {}", choices.join(", "));
    Err(Error { kind: ErrorKind::Custom(message.into()), span: value.span, line_info: None }.into())
}

impl<'de> Deserialize<'de> for CheckType {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        use CheckType::*;
        one_of(value, &[("require", Require), ("forbid", Forbid), ("limit", Limit), ("when", When)])
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        one_of(value, &[("should", Level::Should), ("must", Level::Must)])
    }
}

impl<'de> Deserialize<'de> for Untriggered {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        one_of(value, &[("not_applicable", Untriggered::NotApplicable), ("advise", Untriggered::Advise)])
    }
}

impl<'de> Deserialize<'de> for Within {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        one_of(value, &[("sentence", Within::Sentence), ("clause", Within::Clause)])
    }
}

impl<'de> Deserialize<'de> for FixedStatus {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        one_of(value, &[("met", FixedStatus::Met), ("weak", FixedStatus::Weak), ("violated", FixedStatus::Violated)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::error::line_column;

    const HEAD: &str = "schema = \"accordlint-pack/1\"\n[pack]\nid = \"t\"\nversion = \"1\"\ntitle = \"T\"\n";

    /// The (line, message) of each error reading `HEAD` followed by `rest`.
    fn errors(rest: &str) -> Vec<(usize, String)> {
        let text = format!("{HEAD}{rest}");
        let errors = read(&text).expect_err("must be refused");
        errors.into_iter().map(|(offset, message)| (line_column(&text, offset).0, message)).collect()
    }

    fn pack(rest: &str) -> PackFile {
        read(&format!("{HEAD}{rest}")).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn fields_take_their_defaults_and_limits_take_integers_or_floats() {
        let read = pack(
            "[concepts.c]\nphrases = [\"x\"]\n[[requirements]]\nid = \"r\"\n\
             [[requirements.checks]]\ntype = \"limit\"\nconcept = \"c\"\nmax_days = 730\n\
             [[requirements.checks]]\ntype = \"when\"\nconcept = \"c\"\n\
             [[requirements.checks.checks]]\ntype = \"limit\"\nconcept = \"c\"\nmax_hours = 1.5\n",
        );
        let (name, concept) = &read.concepts[0];
        assert_eq!((name.as_str(), &concept.value.phrases[..]), ("c", &["x".to_string()][..]));
        let requirement = &read.requirements[0].value;
        assert_eq!((requirement.level.is_none(), requirement.sources.len()), (true, 0));
        let CheckDef::Limit { max_days, max_hours, prompt_meets, .. } = &requirement.checks[0].value else { panic!() };
        assert_eq!((*max_days, *max_hours, *prompt_meets), (Some(730.0), None, false));
        let CheckDef::When { checks, .. } = &requirement.checks[1].value else { panic!() };
        assert!(matches!(checks[0].value, CheckDef::Limit { max_hours: Some(h), .. } if h == 1.5));
    }

    #[test]
    fn a_string_value_is_placed_at_its_opening_quote() {
        let text = format!("{HEAD}[[requirements]]\nid = 'r'\nlevel = \"must\"\nmessage = \"\"\"\nx\"\"\"\n");
        let pack = read(&text).unwrap_or_else(|e| panic!("{e:?}"));
        let requirement = &pack.requirements[0].value;
        assert_eq!(line_column(&text, requirement.id.span.start), (7, 6));
        let level = requirement.level.as_ref().expect("level");
        assert_eq!(line_column(&text, level.span.start), (8, 9));
        let tree = parse_toml(&text).expect("parses");
        let message = tree.pointer("/requirements/0/message").expect("message");
        assert_eq!(line_column(&text, message.span.start), (9, 11));
    }

    #[test]
    fn every_schema_error_is_reported_at_its_line() {
        let found = errors(
            "[[requirements]]\nid = \"r\"\ncolour = \"red\"\nlevel = \"maybe\"\n\
             [[requirements.checks]]\ntype = \"require\"\nall = [1]\n\
             [[categories]]\nid = \"c\"\n",
        );
        let has = |line: usize, text: &str| found.iter().any(|(l, m)| *l == line && m.contains(text));
        assert!(has(8, "unknown field `colour`, expected one of"), "{found:?}");
        assert!(has(9, "unknown value `maybe`, expected one of `should`, `must`"), "{found:?}");
        assert!(has(12, "expected a string, found integer"), "{found:?}");
        assert!(has(13, "missing field 'title'"), "{found:?}");
        assert_eq!(found.len(), 5, "{found:?}");
    }

    #[test]
    fn a_check_needs_a_known_type() {
        let found = errors("[[requirements]]\nid = \"r\"\n[[requirements.checks]]\ntype = \"allow\"\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 9);
        assert!(found[0].1.contains("unknown value `allow`, expected one of `require`, `forbid`, `limit`, `when`"));
        let found = errors("[[requirements]]\nid = \"r\"\n[[requirements.checks]]\nall = [\"c\"]\n");
        assert!(found[0].1.contains("missing field 'type'"), "{found:?}");
    }

    #[test]
    fn a_key_defined_twice_is_placed_at_the_second() {
        let found = errors("[concepts.a]\nphrases = [\"x\"]\n[concepts.a]\nphrases = [\"y\"]\n");
        assert_eq!(found[0].0, 8, "{found:?}");
        assert!(found[0].1.contains("redefinition of table"), "{found:?}");
    }
}
