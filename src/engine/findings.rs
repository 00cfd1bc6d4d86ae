//! What each check finds in one clause.
//!
//! Whether a `require`, `forbid` or `limit` check fires on a sentence depends only on the
//! sentence, its clause and the kind of clause, never on the rest of the document. So the
//! findings of a clause are computed once and kept with the clause's analysis: a session
//! re-runs the checks of the clauses an edit touched, and the document-wide rules
//! (categories, triggers, `when`) are applied to the collected findings in
//! [`super::evaluate`].

use super::analysis::{lower_into, BitSet, ClauseAnalysis, ConceptSet, LeadInSentence, SentenceAnalysis};
use crate::document::{Clause, ClauseKind, Definition, OneOrMany, Sentence};
use crate::language::{duration, Duration, DurationKind, Modality, ModalityMarkers};
use std::cell::{Cell, OnceCell};
use crate::report::Status;
use crate::rules::lexicon::{ConceptId, Lexicon};
use crate::rules::pack::{FixedStatus, Within};
use crate::rules::profile::{Check, Profile, Terms};

/// What one check found in one sentence of a clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub effect: Status,
    /// The sentence's index in its clause.
    pub sentence: usize,
    pub check: &'static str,
    pub modality: Option<Modality>,
    /// For a `limit`, the duration found, as a byte range of the sentence's normalised
    /// text. What else matched is worked out from the check and the sentence's hits only
    /// for the findings a trace shows ([`CheckPlan::matched`]).
    pub duration: Option<(usize, usize)>,
    pub explanation: Explanation,
}

/// Why a check found what it did. Kept as data and written out only for the few findings a
/// report shows (its trace), with the check's note: most findings are never shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Explanation {
    Preamble,
    Discretion,
    Binding(Modality),
    Contradicting,
    NotBinding(Modality),
    Forbidden,
    Beyond { hours: f64, limit: f64 },
    Within { hours: f64, limit: f64 },
    OpenEnded,
    Vague { limit: f64 },
    Prompt,
}

impl Explanation {
    /// Appends the explanation in words. Pieces pushed one after the other, not `write!`:
    /// a report explains every step of its traces, and the formatting machinery cost more
    /// than the text.
    fn write_to(&self, out: &mut String) {
        let mut push = |pieces: &[&str]| pieces.iter().for_each(|piece| out.push_str(piece));
        match *self {
            Explanation::Preamble => push(&["in the preamble: an aspiration, not an obligation"]),
            Explanation::Discretion => push(&["an exception leaves it to one Party's discretion"]),
            Explanation::Binding(modality) => push(&["addressed in ", modality.as_str(), " language"]),
            Explanation::Contradicting => push(&["addressed in terms that contradict the requirement"]),
            Explanation::NotBinding(modality) => push(&["addressed only in ", modality.as_str(), " language"]),
            Explanation::Forbidden => push(&["contradicts the requirement"]),
            Explanation::Beyond { hours, limit } => {
                push(&["states ", &describe_hours(hours), ", beyond the limit of ", &describe_hours(limit)])
            }
            Explanation::Within { hours, limit } => {
                push(&["states ", &describe_hours(hours), ", within the limit of ", &describe_hours(limit)])
            }
            Explanation::OpenEnded => push(&["open-ended: no time limit at all"]),
            Explanation::Vague { limit } => push(&["vague: no figure where a limit of ", &describe_hours(limit), " is needed"]),
            Explanation::Prompt => push(&["prompt, without a figure"]),
        }
    }
}

/// Bytes enough for any [`Explanation`] in words.
const EXPLANATION_ROOM: usize = 80;

/// The findings of one clause as (check slot, finding), by slot and then by sentence.
#[derive(Debug, Default)]
pub struct ClauseFindings(Vec<(usize, Finding)>);

impl ClauseFindings {
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Finding)> {
        self.0.iter().map(|(slot, finding)| (*slot, finding))
    }
}

/// The checks that read sentences (a `when` only gates the checks inside it), in the order
/// the requirements list them; a check's index here is its slot.
#[derive(Debug)]
pub struct CheckPlan {
    checks: Vec<Check>,
    /// The slot of each requirement's first check, by requirement index.
    first_slot: Vec<usize>,
    /// By concept, the slots of the checks that need it: a check fires on a sentence only
    /// if the sentence has one of its concepts, so a clause runs only the checks of the
    /// concepts it has.
    readers: Vec<BitSet>,
    /// By slot, the concepts a clause needs for the check to fire in it at all.
    gates: Vec<Option<Gate>>,
    /// The concepts of the clause-wide checks (`within = "clause"`), the only ones that read
    /// a clause's heading.
    clause_wide: ConceptSet,
}

impl CheckPlan {
    pub fn new(profile: &Profile) -> CheckPlan {
        let concept_count = profile.lexicon.concept_count();
        let mut checks = Vec::new();
        let mut first_slot = Vec::with_capacity(profile.requirements.len());
        for requirement in &profile.requirements {
            first_slot.push(checks.len());
            collect_leaves(&requirement.checks, &mut checks);
        }
        let mut readers = vec![BitSet::new(checks.len()); concept_count];
        let mut clause_wide = ConceptSet::new(concept_count);
        let gates = checks.iter().map(|check| Gate::new(check, concept_count)).collect();
        for (slot, check) in checks.iter().enumerate() {
            let needed: Vec<ConceptId> = match check {
                Check::Require { terms, .. } | Check::Forbid { terms, .. } => terms.all.iter().chain(&terms.any).copied().collect(),
                Check::Limit { concept, .. } => vec![*concept],
                Check::When { .. } => Vec::new(),
            };
            let reads_clause = matches!(check, Check::Require { within: Within::Clause, .. } | Check::Forbid { within: Within::Clause, .. });
            for concept in needed {
                readers[concept].insert(slot);
                if reads_clause {
                    clause_wide.insert(concept);
                }
            }
        }
        CheckPlan { checks, first_slot, readers, gates, clause_wide }
    }

    /// The concepts of the clause-wide checks: a clause without any of them runs none, so
    /// its heading is never read.
    pub fn clause_wide(&self) -> &ConceptSet {
        &self.clause_wide
    }

    pub fn slot_count(&self) -> usize {
        self.checks.len()
    }

    pub fn first_slot(&self, requirement: usize) -> usize {
        self.first_slot[requirement]
    }

    /// The note of a finding of the check at `slot`: its explanation, then the check's own
    /// note when it has one.
    pub fn note(&self, slot: usize, finding: &Finding) -> String {
        let check_note = match &self.checks[slot] {
            Check::Require { note, .. } | Check::Forbid { note, .. } | Check::Limit { note, .. } => note.as_deref(),
            Check::When { .. } => None,
        };
        // Room for the longest explanation: the text grows without moving.
        let mut text = String::with_capacity(EXPLANATION_ROOM + check_note.map_or(0, |note| note.len() + 2));
        finding.explanation.write_to(&mut text);
        if let Some(note) = check_note {
            text.push_str("; ");
            text.push_str(note);
        }
        text
    }

    /// What the finding of the check at `slot` matched in its sentence (analysed as
    /// `sentence`), with byte ranges in the sentence's normalised text: the first hit of each
    /// of the check's `all` and `any` concepts (a `limit`'s concept), then a `limit`'s
    /// duration (`None` for the concept).
    pub fn matched<'s>(&'s self, slot: usize, finding: &Finding, sentence: &'s SentenceAnalysis) -> impl Iterator<Item = (Option<ConceptId>, usize, usize)> + 's {
        let (all, any): (&[ConceptId], &[ConceptId]) = match &self.checks[slot] {
            Check::Require { terms, .. } | Check::Forbid { terms, .. } => (&terms.all, &terms.any),
            Check::Limit { concept, .. } => (std::slice::from_ref(concept), &[]),
            Check::When { .. } => (&[], &[]),
        };
        let first_hits = all.iter().chain(any).filter_map(|&concept| sentence.hits_of(concept).next().map(|hit| (Some(concept), hit.start, hit.end)));
        first_hits.chain(finding.duration.map(|(start, end)| (None, start, end)))
    }

    /// Runs every check on the sentences of one clause. `definitions` are the document's, in
    /// document order: a sentence that defines a term says what a word means, it obliges no
    /// one, so it never meets a requirement. `lead_in` is a list item's lead-in modality.
    /// `lower` is a buffer for lower-cased sentences, kept between clauses.
    pub fn clause_findings(
        &self,
        of: &Clause,
        analysis: &ClauseAnalysis,
        definitions: &[Definition],
        lead_in: Option<&LeadInModality>,
        lower: &mut String,
    ) -> ClauseFindings {
        let mut found = Vec::new();
        if !matches!(of.kind, ClauseKind::Body | ClauseKind::Preamble) {
            return ClauseFindings(found);
        }
        let mut clause_concepts = analysis.heading.clone();
        clause_concepts.union_with(&analysis.concepts);
        let slots = self.slots_that_may_fire(&analysis.concepts, &clause_concepts);
        if slots.is_empty() {
            return ClauseFindings(found);
        }
        let language = Language::new(&of.sentences, &analysis.sentences, Cell::from_mut(lower));
        let clause = ClauseView {
            analysis,
            sentences: &of.sentences,
            definitions,
            preamble: of.kind == ClauseKind::Preamble,
            concepts: &clause_concepts,
            language: &language,
            lead_in,
        };
        for slot in slots.iter() {
            let mut emit = |finding: Finding| found.push((slot, finding));
            match &self.checks[slot] {
                Check::Require { terms, within, permission_meets, status, .. } => {
                    require(&clause, terms, *within, *permission_meets, *status, &mut emit)
                }
                Check::Forbid { terms, within, regardless_of_modality, .. } => {
                    forbid(&clause, terms, *within, *regardless_of_modality, &mut emit)
                }
                Check::Limit { concept, max_hours, prompt_meets, unless, .. } => {
                    limit(&clause, *concept, *max_hours, *prompt_meets, unless, &mut emit)
                }
                // `collect_leaves` keeps the checks inside a `when`, never the `when` itself.
                Check::When { .. } => {}
            }
        }
        ClauseFindings(found)
    }

    /// The slots of the checks that read one of the clause's sentence concepts `touched` and
    /// whose wanted terms its concepts `present` (its heading's too) can meet.
    fn slots_that_may_fire(&self, touched: &ConceptSet, present: &ConceptSet) -> BitSet {
        let mut read = BitSet::new(self.checks.len());
        for concept in touched.iter() {
            read.union_with(&self.readers[concept]);
        }
        let mut slots = BitSet::new(self.checks.len());
        for slot in read.iter().filter(|&slot| self.gates[slot].as_ref().is_some_and(|gate| gate.opens_for(present))) {
            slots.insert(slot);
        }
        slots
    }
}

/// Appends the checks that read sentences, those inside a `when` in its place.
fn collect_leaves(checks: &[Check], leaves: &mut Vec<Check>) {
    for check in checks {
        match check {
            Check::When { checks, .. } => collect_leaves(checks, leaves),
            _ => leaves.push(check.clone()),
        }
    }
}

/// How many checks a `when` holds, all levels down: the slots it skips when its condition is
/// absent.
pub fn leaf_count(checks: &[Check]) -> usize {
    checks
        .iter()
        .map(|check| match check {
            Check::When { checks, .. } => leaf_count(checks),
            _ => 1,
        })
        .sum()
}

/// The modality markers and durations of a clause's sentences, found the first time a
/// check reads them: a check reads them only at its hits in sentences it applies to, which
/// most sentences are not, and the searches cost more than the checks.
struct Language<'a> {
    sentences: &'a [Sentence],
    analyses: &'a [SentenceAnalysis],
    found: OneOrMany<(OnceCell<ModalityMarkers>, OnceCell<Vec<Duration>>)>,
    /// The buffer a sentence is lower-cased into for a search, kept between clauses.
    lower: &'a Cell<String>,
}

impl<'a> Language<'a> {
    fn new(sentences: &'a [Sentence], analyses: &'a [SentenceAnalysis], lower: &'a Cell<String>) -> Self {
        Language { sentences, analyses, found: sentences.iter().map(|_| Default::default()).collect(), lower }
    }

    fn markers(&self, sentence: usize) -> &ModalityMarkers {
        let phrases = || self.analyses[sentence].hits.modality_phrases();
        let text = &self.sentences[sentence].text;
        self.found[sentence].0.get_or_init(|| self.read_lower(text, |lower| ModalityMarkers::from_phrases(lower, phrases())))
    }

    fn durations(&self, sentence: usize) -> &[Duration] {
        self.found[sentence].1.get_or_init(|| self.read_lower(&self.sentences[sentence].text, duration::find))
    }

    /// What `read` makes of `text` lower-cased in the shared buffer, which is taken out of
    /// its cell meanwhile (a nested read would start from an empty one).
    fn read_lower<T>(&self, text: &str, read: impl FnOnce(&str) -> T) -> T {
        let mut lower = self.lower.take();
        let value = read(lower_into(&mut lower, text));
        self.lower.set(lower);
        value
    }
}

/// The modality a list item's lead-in ends with ("Each Party shall ensure that:"), which
/// binds an item without a modal of its own. Found only when a check reads the modality at a
/// hit of such an item, from the lead-in's modality phrases (found again by the lexicon when
/// its analysis is not at hand), and then remembered for the list's next items.
pub struct LeadInModality<'a> {
    lead_in: LeadInSentence<'a, 'a>,
    lexicon: &'a Lexicon,
    /// The modality once found, kept by the caller between the items of a list.
    known: &'a OnceCell<Modality>,
}

impl<'a> LeadInModality<'a> {
    /// The lead-in modality of `lead_in`, found at most once for a run of items with the
    /// same lead-in: `memo` holds the last lead-in's text and, once found, its modality.
    pub fn remembered<'t: 'a>(
        memo: &'a mut Option<(&'t str, OnceCell<Modality>)>,
        lead_in: LeadInSentence<'t, 'a>,
        lexicon: &'a Lexicon,
    ) -> LeadInModality<'a> {
        // Another list's lead-in: what was found for the last one goes.
        *memo = memo.take().filter(|(text, _)| *text == lead_in.text);
        let (_, known) = memo.get_or_insert_with(|| (lead_in.text, OnceCell::new()));
        LeadInModality { lead_in, lexicon, known }
    }

    fn modality(&self, language: &Language) -> Modality {
        *self.known.get_or_init(|| {
            language.read_lower(self.lead_in.text, |lower| {
                let markers = match self.lead_in.hits {
                    Some(hits) => ModalityMarkers::from_phrases(lower, hits.modality_phrases()),
                    None => ModalityMarkers::from_phrases(lower, self.lexicon.find(lower).modality_phrases()),
                };
                markers.modality_at(usize::MAX)
            })
        })
    }
}

/// A clause as the checks see it.
struct ClauseView<'a> {
    analysis: &'a ClauseAnalysis,
    sentences: &'a [Sentence],
    /// The document's definitions, in document order.
    definitions: &'a [Definition],
    /// Recitals only aspire.
    preamble: bool,
    /// The concepts of the heading and every sentence, for clause-wide checks.
    concepts: &'a ConceptSet,
    language: &'a Language<'a>,
    lead_in: Option<&'a LeadInModality<'a>>,
}

impl ClauseView<'_> {
    /// The sentences that can state rules: fragments ("Retention") are labels.
    fn sentences(&self) -> impl Iterator<Item = (usize, &SentenceAnalysis)> {
        self.analysis.sentences.iter().enumerate().filter(|(_, s)| !s.fragment)
    }

    /// Whether a definition ("'X' means ...") lies inside the sentence: the first one from
    /// its start ends before it does.
    fn defines(&self, sentence: usize) -> bool {
        let Some(span) = self.sentences.get(sentence).map(|s| s.span) else { return false };
        let first = self.definitions.partition_point(|d| d.span.start < span.start);
        self.definitions.get(first).is_some_and(|d| d.span.end <= span.end)
    }

    fn markers(&self, sentence: usize) -> &ModalityMarkers {
        self.language.markers(sentence)
    }

    /// The modality at byte `pos` of sentence `sentence`.
    fn modality(&self, sentence: usize, pos: usize) -> Modality {
        if self.preamble {
            return Modality::Aspiration;
        }
        match (self.markers(sentence).modality_at(pos), self.lead_in) {
            (Modality::Declarative, Some(lead_in)) => lead_in.modality(self.language),
            (own, _) => own,
        }
    }
}

/// What a check needs to fire anywhere in a clause: all the `all` concepts and one of the
/// `any` concepts (when there are some), whatever the `unless` ones; for a `limit`, its
/// concept. A sentence's concepts are among its clause's (with its heading's), so a check
/// whose gate they do not open skips the clause's sentences. Most of the checks a clause's
/// concepts select are skipped so; as sets, the test is a few word operations. It is
/// [`has_wanted_terms`] read from sets, for the clause; sentences keep the list form.
#[derive(Debug)]
struct Gate {
    all: ConceptSet,
    any: ConceptSet,
}

impl Gate {
    /// The gate of a check that reads sentences; a `when` only gates the checks inside it.
    fn new(check: &Check, concept_count: usize) -> Option<Gate> {
        let set = |concepts: &[ConceptId]| {
            let mut set = ConceptSet::new(concept_count);
            concepts.iter().for_each(|&concept| set.insert(concept));
            set
        };
        match check {
            Check::Require { terms, .. } | Check::Forbid { terms, .. } => Some(Gate { all: set(&terms.all), any: set(&terms.any) }),
            Check::Limit { concept, .. } => Some(Gate { all: set(&[*concept]), any: ConceptSet::EMPTY }),
            Check::When { .. } => None,
        }
    }

    /// Whether a clause with the concepts `present` (its heading's and sentences') opens it.
    fn opens_for(&self, present: &ConceptSet) -> bool {
        self.all.is_subset_of(present) && (self.any.is_empty() || self.any.intersects(present))
    }
}

/// All the `all` concepts and one of the `any` concepts (when there are some), whatever the
/// `unless` concepts.
fn has_wanted_terms(terms: &Terms, present: &ConceptSet) -> bool {
    terms.all.iter().all(|&c| present.contains(c)) && (terms.any.is_empty() || terms.any.iter().any(|&c| present.contains(c)))
}

fn matches_terms(terms: &Terms, present: &ConceptSet) -> bool {
    has_wanted_terms(terms, present) && !terms.unless.iter().any(|&c| present.contains(c))
}

/// The concepts whose hits decide modality: the `any` concepts, or the `all` concepts when
/// there are none, which pack authors write as the operative ones ("retention" +
/// "indefinite").
fn operative_concepts(terms: &Terms) -> &[ConceptId] {
    if terms.any.is_empty() {
        &terms.all
    } else {
        &terms.any
    }
}

/// The sentence's own hits (not its lead-in's) of the [`operative_concepts`]: the only
/// places a `require` or `forbid` reads the modality at.
fn operative_hits<'s>(terms: &'s Terms, sentence: &'s SentenceAnalysis) -> impl Iterator<Item = usize> + 's {
    let wanted = operative_concepts(terms);
    sentence.hits.concepts().iter().filter(move |h| wanted.contains(&h.concept)).map(|h| h.start)
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
    clause: &ClauseView,
    terms: &Terms,
    within: Within,
    permission_meets: bool,
    fixed: Option<FixedStatus>,
    emit: &mut impl FnMut(Finding),
) {
    for (index, sentence) in clause.sentences() {
        let in_scope = match within {
            Within::Sentence => matches_terms(terms, &sentence.present),
            Within::Clause => {
                let sentence_touches = terms.all.iter().chain(&terms.any).any(|&c| sentence.present.contains(c));
                matches_terms(terms, clause.concepts) && sentence_touches && !terms.unless.iter().any(|&c| sentence.present.contains(c))
            }
        };
        // A definition is looked up (a binary search) only in the few sentences in scope.
        if !in_scope || clause.defines(index) {
            continue;
        }
        let mut hits = operative_hits(terms, sentence).peekable();
        if hits.peek().is_none() {
            continue;
        }
        let discretionary = clause.markers(index).discretionary_exception();
        let best = hits
            .map(|start| clause.modality(index, start))
            .max_by_key(|&m| (effect_of(m, permission_meets, discretionary) == Status::Met, m.is_binding()));
        let Some(modality) = best else { continue };
        let effect = match fixed {
            Some(FixedStatus::Met) => Status::Met,
            Some(FixedStatus::Weak) => Status::Weak,
            Some(FixedStatus::Violated) => Status::Violated,
            None => effect_of(modality, permission_meets, discretionary),
        };
        let explanation = match (effect, clause.preamble, discretionary) {
            (_, true, _) => Explanation::Preamble,
            (Status::Weak, _, true) => Explanation::Discretion,
            (Status::Met, _, _) => Explanation::Binding(modality),
            (Status::Violated, _, _) => Explanation::Contradicting,
            _ => Explanation::NotBinding(modality),
        };
        emit(Finding { effect, sentence: index, check: "require", modality: Some(modality), duration: None, explanation });
    }
}

fn forbid(
    clause: &ClauseView,
    terms: &Terms,
    within: Within,
    regardless_of_modality: bool,
    emit: &mut impl FnMut(Finding),
) {
    if clause.preamble {
        return;
    }
    for (index, sentence) in clause.sentences() {
        let present = match within {
            Within::Sentence => &sentence.present,
            Within::Clause => clause.concepts,
        };
        if !matches_terms(terms, present) {
            continue;
        }
        let firing = operative_hits(terms, sentence).find(|&start| regardless_of_modality || !clause.markers(index).negates(start));
        let Some(start) = firing else { continue };
        let modality = clause.modality(index, start);
        emit(Finding { effect: Status::Violated, sentence: index, check: "forbid", modality: Some(modality), duration: None, explanation: Explanation::Forbidden });
    }
}

fn limit(
    clause: &ClauseView,
    concept: ConceptId,
    max_hours: f64,
    prompt_meets: bool,
    unless: &[ConceptId],
    emit: &mut impl FnMut(Finding),
) {
    for (index, sentence) in clause.sentences() {
        if !sentence.present.contains(concept) || unless.iter().any(|&c| sentence.present.contains(c)) {
            continue;
        }
        for duration in clause.language.durations(index) {
            let modality = clause.modality(index, duration.start);
            let (effect, explanation) = match duration.kind {
                DurationKind::Definite { hours } if hours > max_hours => (Status::Violated, Explanation::Beyond { hours, limit: max_hours }),
                DurationKind::Definite { hours } => (effect_of(modality, true, false), Explanation::Within { hours, limit: max_hours }),
                DurationKind::Indefinite if clause.markers(index).negates(duration.start) => continue,
                DurationKind::Indefinite => (Status::Violated, Explanation::OpenEnded),
                DurationKind::Vague => (Status::Weak, Explanation::Vague { limit: max_hours }),
                DurationKind::Prompt if prompt_meets => (effect_of(modality, true, false), Explanation::Prompt),
                DurationKind::Prompt => continue,
            };
            let effect = if clause.preamble { Status::Weak.min(effect) } else { effect };
            let duration = Some((duration.start, duration.end));
            emit(Finding { effect, sentence: index, check: "limit", modality: Some(modality), duration, explanation });
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
