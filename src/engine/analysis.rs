//! What the evaluator knows about each sentence: its concepts, modality markers and
//! durations. It depends only on the clause's own text and the profile, so it is what a
//! session caches per clause: an edit re-analyses only the clauses it touched.

use crate::document::{Clause, Document, Sentence};
use crate::language::{self, Duration, Modality, ModalityMarkers};
use std::sync::Arc;
use crate::rules::lexicon::{ConceptHit, ConceptId, Lexicon};
use std::hash::{Hash, Hasher};

/// A set of concepts, one bit each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConceptSet(Vec<u64>);

impl ConceptSet {
    pub fn new(concept_count: usize) -> Self {
        ConceptSet(vec![0; concept_count.div_ceil(64)])
    }

    pub fn insert(&mut self, concept: ConceptId) {
        self.0[concept / 64] |= 1 << (concept % 64);
    }

    pub fn contains(&self, concept: ConceptId) -> bool {
        self.0.get(concept / 64).is_some_and(|word| word & (1 << (concept % 64)) != 0)
    }

    pub fn union_with(&mut self, other: &ConceptSet) {
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine |= theirs;
        }
    }
}

#[derive(Debug, Clone)]
pub struct SentenceAnalysis {
    pub hits: Vec<ConceptHit>,
    pub present: ConceptSet,
    pub markers: ModalityMarkers,
    pub durations: Vec<Duration>,
    /// A fragment too short to state anything ("Security control", "Retention"): a label,
    /// not a provision.
    pub fragment: bool,
}

/// Fewer words than this and a sentence without a modal is a label, not a provision.
const MIN_PROVISION_WORDS: usize = 4;

impl SentenceAnalysis {
    pub fn analyze(text: &str, lexicon: &Lexicon) -> SentenceAnalysis {
        let lower = text.to_ascii_lowercase();
        let hits = lexicon.find(&lower);
        let mut present = ConceptSet::new(lexicon.concept_count());
        for hit in &hits {
            present.insert(hit.concept);
        }
        let features = language::analyze(&lower);
        let fragment = text.split_whitespace().nth(MIN_PROVISION_WORDS - 1).is_none();
        SentenceAnalysis { hits, present, markers: features.markers, durations: features.durations, fragment }
    }

    pub fn hits_of(&self, concept: ConceptId) -> impl Iterator<Item = &ConceptHit> {
        self.hits.iter().filter(move |h| h.concept == concept)
    }
}

#[derive(Debug, Clone)]
pub struct ClauseAnalysis {
    pub sentences: Vec<SentenceAnalysis>,
    /// Concepts of the clause's heading ("Article 8 - Retention"), for clause-wide checks.
    pub heading: ConceptSet,
    /// For a list item, the modality its lead-in ends with ("Each Party shall ensure that:"):
    /// an item without a modal of its own is bound by it.
    pub lead_in: Option<Modality>,
}

impl ClauseAnalysis {
    /// Analyses a clause. A list item's sentences also carry the concepts of the lead-in
    /// they complete ("Personal data shall be: (a) deleted after two years").
    pub fn analyze(clause: &Clause, lead_in: Option<&Sentence>, lexicon: &Lexicon) -> ClauseAnalysis {
        let heading = clause.heading.as_deref().map_or_else(
            || ConceptSet::new(lexicon.concept_count()),
            |h| SentenceAnalysis::analyze(h, lexicon).present,
        );
        let lead_in = lead_in.map(|s| SentenceAnalysis::analyze(&s.text, lexicon));
        let sentences = clause
            .sentences
            .iter()
            .map(|s| {
                let mut analysis = SentenceAnalysis::analyze(&s.text, lexicon);
                if let Some(lead) = &lead_in {
                    analysis.present.union_with(&lead.present);
                    // A short item completes its lead-in: "(i) audit capabilities; and".
                    analysis.fragment = false;
                }
                analysis
            })
            .collect();
        let lead_in = lead_in.map(|lead| lead.markers.modality_at(usize::MAX));
        ClauseAnalysis { sentences, heading, lead_in }
    }
}

/// The cache key of a clause: everything [`ClauseAnalysis::analyze`] reads. The hasher has
/// fixed keys, so keys are the same on every run and platform.
pub fn clause_key(clause: &Clause, lead_in: Option<&Sentence>) -> u64 {
    #[allow(deprecated)]
    let mut hasher = std::hash::SipHasher::new();
    clause.heading.hash(&mut hasher);
    lead_in.map(|s| &s.text).hash(&mut hasher);
    for sentence in &clause.sentences {
        sentence.text.hash(&mut hasher);
    }
    hasher.finish()
}

/// Analyses every clause of a document, asking `cached` first (a session's cache).
pub fn analyze_document(
    document: &Document,
    lexicon: &Lexicon,
    mut cached: impl FnMut(u64) -> Option<Arc<ClauseAnalysis>>,
) -> Vec<(u64, Arc<ClauseAnalysis>)> {
    document
        .clauses
        .iter()
        .map(|clause| {
            let lead_in = document.lead_in_sentence(clause);
            let key = clause_key(clause, lead_in);
            let analysis = cached(key).unwrap_or_else(|| Arc::new(ClauseAnalysis::analyze(clause, lead_in, lexicon)));
            (key, analysis)
        })
        .collect()
}
