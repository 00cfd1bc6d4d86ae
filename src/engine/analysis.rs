//! What the evaluator knows about each sentence: its concepts, and where its modality
//! phrases stand (the lexicon finds both in one pass). It depends only on the clause's own
//! text and the profile, so it is what a session caches per clause: an edit re-analyses only
//! the clauses it touched. The modality those phrases give and the durations are worked out
//! only where a check reads them (see `findings`).

use crate::document::{Clause, ClauseKind};
use crate::rules::lexicon::{ConceptHit, ConceptId, Lexicon, SentenceHits};

/// Members below this many words times 64 are kept inline.
const INLINE_WORDS: usize = 4;

/// A set of small numbers (concepts, check slots), one bit each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BitSet {
    /// Members below 256, in place: a check builds sets per sentence and per clause, and a
    /// profile rarely has more concepts (the baseline has 122), so most sets never allocate.
    low: [u64; INLINE_WORDS],
    /// Members from 256 on.
    high: Vec<u64>,
}

/// A set of concepts.
pub type ConceptSet = BitSet;

impl BitSet {
    /// The empty set of no size: it intersects nothing.
    pub const EMPTY: BitSet = BitSet { low: [0; INLINE_WORDS], high: Vec::new() };

    /// An empty set for the numbers below `len`.
    pub fn new(len: usize) -> Self {
        BitSet { low: [0; INLINE_WORDS], high: vec![0; len.div_ceil(64).saturating_sub(INLINE_WORDS)] }
    }

    pub fn insert(&mut self, member: usize) {
        let bit = 1 << (member % 64);
        match member / 64 {
            word if word < INLINE_WORDS => self.low[word] |= bit,
            word => self.high[word - INLINE_WORDS] |= bit,
        }
    }

    pub fn contains(&self, member: usize) -> bool {
        let word = match member / 64 {
            word if word < INLINE_WORDS => self.low.get(word),
            word => self.high.get(word - INLINE_WORDS),
        };
        word.is_some_and(|word| word & (1 << (member % 64)) != 0)
    }

    pub fn is_empty(&self) -> bool {
        self.low.iter().all(|&word| word == 0) && self.high.iter().all(|&word| word == 0)
    }

    pub fn intersects(&self, other: &BitSet) -> bool {
        let overlap = |mine: &[u64], theirs: &[u64]| mine.iter().zip(theirs).any(|(mine, theirs)| mine & theirs != 0);
        overlap(&self.low, &other.low) || overlap(&self.high, &other.high)
    }

    /// Whether every member is one of `other`'s.
    pub fn is_subset_of(&self, other: &BitSet) -> bool {
        let within = |mine: &[u64], theirs: &[u64]| {
            mine.iter().enumerate().all(|(index, word)| word & !theirs.get(index).copied().unwrap_or(0) == 0)
        };
        within(&self.low, &other.low) && within(&self.high, &other.high)
    }

    /// Adds `other`'s members: the inline words, then the rest, in two plain loops rather
    /// than one through an iterator chain (clauses merge sets per sentence and per check).
    pub fn union_with(&mut self, other: &BitSet) {
        for (mine, theirs) in self.low.iter_mut().zip(&other.low) {
            *mine |= theirs;
        }
        for (mine, theirs) in self.high.iter_mut().zip(&other.high) {
            *mine |= theirs;
        }
    }

    /// The members, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let mut words = self.low.iter().chain(&self.high).enumerate();
        let (mut index, mut rest) = (0, 0u64);
        std::iter::from_fn(move || {
            while rest == 0 {
                (index, rest) = words.next().map(|(index, &word)| (index, word))?;
            }
            let bit = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            Some(index * 64 + bit)
        })
    }
}

#[derive(Debug, Clone)]
pub struct SentenceAnalysis {
    /// Its concept hits and modality phrases.
    pub hits: SentenceHits,
    pub present: ConceptSet,
    /// A fragment too short to state anything ("Security control", "Retention"): a label,
    /// not a provision.
    pub fragment: bool,
}

/// Fewer words than this and a sentence without a modal is a label, not a provision.
const MIN_PROVISION_WORDS: usize = 4;

impl SentenceAnalysis {
    /// Analyses a sentence; `lead_in` holds the concepts of the lead-in it completes, which
    /// count as the sentence's own. `lower` is a buffer for the lower-cased text, kept
    /// between sentences.
    fn analyze(text: &str, lower: &mut String, lexicon: &Lexicon, lead_in: Option<&ConceptSet>) -> SentenceAnalysis {
        let hits = lexicon.find(lower_into(lower, text));
        let mut present = concepts_of(hits.concepts(), lexicon);
        if let Some(lead_in) = lead_in {
            present.union_with(lead_in);
        }
        // A short item completes its lead-in: "(i) audit capabilities; and".
        let fragment = lead_in.is_none() && fewer_words_than(text, MIN_PROVISION_WORDS);
        SentenceAnalysis { hits, present, fragment }
    }

    pub fn hits_of(&self, concept: ConceptId) -> impl Iterator<Item = &ConceptHit> {
        self.hits.concepts().iter().filter(move |h| h.concept == concept)
    }
}

/// `text` lower-cased (ASCII letters only, as the lexicon reads) into `buffer`, which is
/// kept between sentences so that lower-casing allocates nothing.
pub fn lower_into<'b>(buffer: &'b mut String, text: &str) -> &'b str {
    buffer.clear();
    buffer.push_str(text);
    buffer.make_ascii_lowercase();
    buffer
}

/// Whether `text` has fewer than `count` whitespace-separated words. Counted byte by byte
/// while the text is ASCII, as sentences nearly always are: `split_whitespace` decodes every
/// character and cost more than the rest of the sentence's analysis but the lexicon.
fn fewer_words_than(text: &str, count: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for &byte in text.as_bytes() {
        if !byte.is_ascii() {
            return text.split_whitespace().nth(count - 1).is_none();
        }
        // `char::is_whitespace` counts the vertical tab too.
        let space = byte.is_ascii_whitespace() || byte == b'\x0b';
        if !space && !in_word {
            words += 1;
            if words == count {
                return false;
            }
        }
        in_word = !space;
    }
    true
}

#[derive(Debug, Clone)]
pub struct ClauseAnalysis {
    pub sentences: Vec<SentenceAnalysis>,
    /// Every concept of the clause's sentences (with their lead-in's): a document-wide pass
    /// looking for a concept skips the clauses without it.
    pub concepts: ConceptSet,
    /// Concepts of the clause's heading ("Article 8 - Retention"), for clause-wide checks;
    /// empty when the clause has no concept of any clause-wide check, which then never run.
    pub heading: ConceptSet,
}

/// The concepts a list item takes from the sentence that leads into it ("Personal data
/// shall be:"). The modality it ends with is found only when a check asks (see
/// `findings::LeadInModality`).
fn lead_in_concepts(lead_in: LeadInSentence, lexicon: &Lexicon, lower: &mut String) -> ConceptSet {
    match lead_in.hits {
        Some(hits) => concepts_of(hits.concepts(), lexicon),
        None => concepts_of(lexicon.find(lower_into(lower, lead_in.text)).concepts(), lexicon),
    }
}

/// The sentence that leads into a list item, with its concept hits when the clause it ends
/// is analysed already (it comes before its items): the lexicon need not read it twice.
#[derive(Debug, Clone, Copy)]
pub struct LeadInSentence<'t, 'h> {
    pub text: &'t str,
    pub hits: Option<&'h SentenceHits>,
}

fn concepts_of(hits: &[ConceptHit], lexicon: &Lexicon) -> ConceptSet {
    let mut present = ConceptSet::new(lexicon.concept_count());
    for hit in hits {
        present.insert(hit.concept);
    }
    present
}

/// The concepts of a heading: headings only feed clause-wide checks, so modality and
/// durations are not needed.
fn heading_concepts(heading: &str, lexicon: &Lexicon, lower: &mut String) -> ConceptSet {
    concepts_of(lexicon.find(lower_into(lower, heading)).concepts(), lexicon)
}

/// What the analyses of consecutive clauses share. The last heading and lead-in seen: every
/// paragraph of an article has its heading, every item of a list its lead-in, so a run of
/// clauses analyses each once. Both are the document's text (`'t`), remembered without a
/// copy.
#[derive(Debug, Default)]
pub struct SharedParts<'t> {
    heading: Option<(&'t str, ConceptSet)>,
    lead_in: Option<(&'t str, ConceptSet)>,
    /// The buffer sentences are lower-cased into.
    lower: String,
}

impl<'t> SharedParts<'t> {
    /// The buffer sentences are lower-cased into, for the checks of a clause too.
    pub fn lower_buffer(&mut self) -> &mut String {
        &mut self.lower
    }

    fn heading(&mut self, text: &'t str, lexicon: &Lexicon) -> ConceptSet {
        remembered(&mut self.heading, text, || heading_concepts(text, lexicon, &mut self.lower))
    }

    fn lead_in(&mut self, lead_in: LeadInSentence<'t, '_>, lexicon: &Lexicon) -> ConceptSet {
        remembered(&mut self.lead_in, lead_in.text, || lead_in_concepts(lead_in, lexicon, &mut self.lower))
    }
}

/// The value remembered for `text`, or a fresh one remembered instead.
fn remembered<'t, T: Clone>(slot: &mut Option<(&'t str, T)>, text: &'t str, fresh: impl FnOnce() -> T) -> T {
    match slot {
        Some((last, value)) if *last == text => value.clone(),
        _ => slot.insert((text, fresh())).1.clone(),
    }
}

/// Whether anything reads the concepts of a clause of `kind`. The checks read the
/// operative text and the preamble, category detection every clause but the closing ones
/// (signature blocks, "Done at ..."), and a list item's lead-in is a clause of its own kind;
/// so closing clauses, a sixth of a long document's sentences, are not matched at all.
pub fn concepts_read(kind: ClauseKind) -> bool {
    kind != ClauseKind::Closing
}

impl ClauseAnalysis {
    /// Analyses a clause: none of its sentences when nothing reads them (see
    /// [`concepts_read`]). A list item's sentences also carry the concepts of the lead-in
    /// they complete ("Personal data shall be: (a) deleted after two years"). The heading
    /// is read only when the clause has one of the concepts of `clause_wide`.
    pub fn analyze<'t>(
        clause: &'t Clause,
        lead_in: Option<LeadInSentence<'t, '_>>,
        lexicon: &Lexicon,
        clause_wide: &ConceptSet,
        shared: &mut SharedParts<'t>,
    ) -> ClauseAnalysis {
        if !concepts_read(clause.kind) {
            let none = ConceptSet::new(lexicon.concept_count());
            return ClauseAnalysis { sentences: Vec::new(), concepts: none.clone(), heading: none };
        }
        let lead_in = lead_in.map(|s| shared.lead_in(s, lexicon));
        let lead_in_present = lead_in.as_ref();
        let sentences: Vec<SentenceAnalysis> =
            clause.sentences.iter().map(|s| SentenceAnalysis::analyze(&s.text, &mut shared.lower, lexicon, lead_in_present)).collect();
        let mut concepts = ConceptSet::new(lexicon.concept_count());
        for sentence in &sentences {
            concepts.union_with(&sentence.present);
        }
        let heading = match clause.heading.as_deref() {
            Some(heading) if concepts.intersects(clause_wide) => shared.heading(heading, lexicon),
            _ => ConceptSet::new(lexicon.concept_count()),
        };
        ClauseAnalysis { sentences, concepts, heading }
    }
}

#[cfg(test)]
mod tests {
    use super::{fewer_words_than, BitSet};

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in ["", "Retention", "  Security  control ", "a b c", "a b c d", "a\x0bb\tc\nd", "é b c d", "a\u{a0}b c d", "(i) audit capabilities; and"] {
            let expected = text.split_whitespace().count() < 4;
            assert_eq!(fewer_words_than(text, 4), expected, "{text:?}");
        }
        assert!(!fewer_words_than("Each Party shall ensure", 4));
        assert!(!fewer_words_than("a\u{a0}b c d", 4), "a no-break space separates words");
    }

    #[test]
    fn a_bit_set_lists_its_members_in_order_across_words() {
        let mut set = BitSet::new(300);
        for member in [130, 0, 63, 64, 299, 256] {
            set.insert(member);
        }
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![0, 63, 64, 130, 256, 299]);
        assert!(set.contains(64) && !set.contains(65) && set.contains(299) && !set.contains(1000));
        let mut high = BitSet::new(300);
        high.insert(299);
        assert!(set.intersects(&high) && !high.intersects(&BitSet::new(300)));
        assert!(BitSet::new(300).is_empty() && !high.is_empty() && !set.is_empty());
        let mut union = BitSet::new(300);
        union.union_with(&set);
        assert_eq!(union, set);
        assert_eq!(BitSet::new(10).iter().count(), 0);
        assert!(!set.intersects(&BitSet::EMPTY));
        assert!(high.is_subset_of(&set) && !set.is_subset_of(&high) && BitSet::EMPTY.is_subset_of(&high));
        let mut outside = BitSet::new(400);
        outside.insert(350);
        assert!(!outside.is_subset_of(&set), "a member beyond the other set's words");
    }
}
