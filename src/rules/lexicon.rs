//! The compiled lexicon: every phrase of every concept in one Aho-Corasick automaton, plus
//! the concepts' regular expressions (regex-lite, whose searches are linear in the text, so
//! no pack can make a check hang).
//!
//! Phrases match whole words, case-insensitively. A phrase ending in `*` matches any word
//! that starts with it ("retain*" covers retain, retains, retained, retaining, retention is
//! not covered: stems are literal). A match that overlaps one of its concept's `exclude`
//! phrases does not count ("automated processing of personal data" is not an algorithm).
//!
//! The same pass finds the modality phrases of `language::modality` ("shall not", "may",
//! "where practicable" ...): a sentence is read once for its concepts and its modality.

use super::prefilter::{is_space, leading_literals, lower_case_form, required_sets, tail_and_reach, Literal, Reads, Step};
use crate::language::modality;
use crate::language::words::is_word_byte;
use super::automaton::Automaton;
use regex_lite::Regex;

/// Index of a concept in its profile.
pub type ConceptId = usize;

/// One occurrence of a concept in a sentence (byte range of the normalised sentence text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConceptHit {
    pub concept: ConceptId,
    pub start: usize,
    pub end: usize,
}

/// What the lexicon finds in a sentence: the concepts' hits, sorted by position, and where
/// the modality phrases stand on word boundaries, in one allocation (most sentences have
/// both, and a check keeps every sentence's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceHits {
    /// The concept hits, then the modality phrases' occurrences, whose `concept` is the
    /// phrase's index in `modality::phrases()`.
    all: Vec<ConceptHit>,
    concept_hits: usize,
}

impl SentenceHits {
    pub fn concepts(&self) -> &[ConceptHit] {
        &self.all[..self.concept_hits]
    }

    /// The modality phrases on word boundaries, as (phrase index, start, end).
    pub fn modality_phrases(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.all[self.concept_hits..].iter().map(|hit| (hit.concept, hit.start, hit.end))
    }
}

#[derive(Debug, Clone, Copy)]
struct PhraseEntry {
    /// The concept's id, or for a modality phrase its index.
    id: usize,
    role: PhraseRole,
    stem: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PhraseRole {
    Concept,
    Exclude,
    Modality,
}

/// What a concept brings to the matcher.
pub struct ConceptSource<'a> {
    pub phrases: &'a [String],
    pub patterns: Vec<Regex>,
    pub exclude: &'a [String],
}

pub struct Lexicon {
    automaton: Automaton,
    entries: Vec<PhraseEntry>,
    patterns: Vec<PatternEntry>,
    /// The automaton's patterns from this index on are the literals that gate the regular
    /// expressions (see `prefilter.rs`), not phrases.
    phrase_count: usize,
    literal_count: usize,
    concept_count: usize,
    /// Per literal, the patterns whose key set (see [`key_set`]) holds it: a sentence
    /// without any literal of a pattern's key set cannot open its gate, so only the
    /// patterns of the literals a sentence holds have their gates checked.
    keyed_patterns: Vec<Vec<usize>>,
    /// One bit per pattern without a gate: tried on every sentence.
    ungated: Vec<u64>,
}

struct PatternEntry {
    concept: ConceptId,
    /// The pattern as loaded: what the lexicon's own forms fall back to.
    regex: Regex,
    /// The pattern as `find_iter` runs it on lower-cased text (see [`lower_form`]).
    unanchored: LazyRegex,
    /// Sets of literals; the pattern runs only on a sentence with a literal of every set
    /// (standing as the pattern needs it: see [`GateLiteral`]). Empty: always run.
    gate: Vec<Vec<GateLiteral>>,
    /// When every match opens with one of these literals: the pattern anchored, tried only
    /// where they occur (see [`Lexicon::anchored_matches`]).
    leading: Option<Leading>,
    /// A suffix that every match ends with (see [`PatternEntry::last_tail`]).
    tail: Option<TailGate>,
    /// For a pattern tried only where it may start (at its leading literals, or at the
    /// start), literals its matches hold within a few words of that start (see
    /// [`within_reach`]).
    reach: Vec<ReachStep>,
    /// The pattern opens with `^`: it matches at the sentence's start or nowhere.
    opens_at_start: bool,
}

/// Literals (by index) one of which a match holds at most `gap` runs of whitespace after
/// the previous step's literal, or after its start (see `prefilter::reach`).
struct ReachStep {
    /// Each literal's index and length.
    literals: Vec<(usize, usize)>,
    gap: usize,
    bounded_before: bool,
    bounded_after: bool,
}

/// A literal of a pattern's gate: its index among the automaton's literals, and the word
/// boundaries it needs around it (`BEFORE` and `AFTER` bits).
#[derive(Debug, Clone, Copy)]
struct GateLiteral {
    literal: usize,
    bounds: u8,
}

const BEFORE: u8 = 1;
const AFTER: u8 = 2;

/// For the word boundaries found around an occurrence (`BEFORE`, `AFTER` bits), every
/// need it satisfies, one bit per need: an occurrence bounded on both sides satisfies all.
const SATISFIED: [u8; 4] = [0b0001, 0b0011, 0b0101, 0b1111];

/// A suffix of a pattern (see `prefilter::tail`): a match of the pattern starts no later
/// than the last place where the suffix matches, and a sentence where it matches nowhere
/// needs no try of the pattern. The suffix is selective where the pattern's literals are
/// not: "information" opens a try of the breach-notice pattern in most sentences, but
/// few hold "security incident" or "data breach" after it.
struct TailGate {
    literals: Vec<usize>,
    bounded_before: bool,
    /// See `prefilter::Tail::runs` and [`PatternEntry::search_end`].
    runs: Option<usize>,
    /// `^(?s:.)(?:suffix)` (in its lexicon form), tried from the character before an occurrence of a literal,
    /// so that a `\b` at the suffix's start sees that character.
    anchored: LazyRegex,
    /// See `prefilter::Window`.
    window: Option<Window>,
    /// See `prefilter::Tail::gates`.
    gates: bool,
}

/// A pattern's head before its window, and the window (see `prefilter::Window`).
struct Window {
    /// `^(?:head)`, in its lexicon form.
    head: LazyRegex,
    most: usize,
    reads: Reads,
    head_ends_once: bool,
}

impl Window {
    /// The last place the window that opens at `from` can reach (see [`Reads`]).
    fn last_end(&self, lower: &str, from: usize) -> usize {
        match self.reads {
            Reads::Characters => window_end(lower, from, self.most),
            Reads::Words => words_end(lower.as_bytes(), from, self.most),
        }
    }

    /// Whether the window that opens at `from` can end at `at`, from `from` up to its
    /// [`Window::last_end`], where a tail literal opens (with no whitespace): anywhere for
    /// characters, after a word's whitespace (or at `from`) for words.
    fn may_end_at(&self, lower: &[u8], from: usize, at: usize) -> bool {
        match self.reads {
            Reads::Characters => true,
            Reads::Words => at == from || is_space(char::from(lower[at - 1])),
        }
    }
}

struct Leading {
    literals: Vec<usize>,
    anchored: LazyRegex,
    /// The pattern opens with `\b`, which an anchored search cannot see past its start.
    boundary: bool,
}

/// One of the lexicon's own forms of a pattern (see [`lower_form`]), rewritten and compiled
/// the first time it is needed: a draft tries few of them, and preparing all of them up
/// front would double start-up's regex work (which a page pays before its first result).
struct LazyRegex {
    /// The form as the pattern spells it, before its rewrite.
    source: String,
    /// The pattern was loaded case-insensitive.
    folded: bool,
    compiled: std::sync::OnceLock<Option<Regex>>,
}

impl LazyRegex {
    fn new(source: String, loaded: &Regex) -> LazyRegex {
        LazyRegex { source, folded: loaded.as_str().starts_with("(?i)"), compiled: std::sync::OnceLock::new() }
    }

    /// The compiled expression; `None` if it does not compile, and the caller falls back.
    fn get(&self) -> Option<&Regex> {
        self.compiled.get_or_init(|| Regex::new(&lower_form(&self.source, self.folded)).ok()).as_ref()
    }
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon").field("phrases", &self.entries.len()).field("patterns", &self.patterns.len()).finish()
    }
}

/// Lower-cases a phrase and folds its spacing and punctuation the way sentences are
/// normalised, so that a phrase is written once and matches however the draft typed it.
pub fn normalise_phrase(phrase: &str) -> String {
    let fold = |c: char| match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        c => c.to_ascii_lowercase(),
    };
    let mut normalised = String::with_capacity(phrase.len());
    for word in phrase.split_whitespace() {
        if !normalised.is_empty() {
            normalised.push(' ');
        }
        normalised.extend(word.chars().map(fold));
    }
    normalised
}

impl Lexicon {
    pub fn new(concepts: Vec<ConceptSource<'_>>) -> Result<Lexicon, String> {
        let mut phrases: Vec<String> = Vec::new();
        let mut entries = Vec::new();
        let mut patterns = Vec::new();
        let mut literals = Interner::default();
        let concept_count = concepts.len();
        for (concept, source) in concepts.into_iter().enumerate() {
            for (list, role) in [(source.phrases, PhraseRole::Concept), (source.exclude, PhraseRole::Exclude)] {
                for phrase in list {
                    let normalised = normalise_phrase(phrase);
                    let stem = normalised.ends_with('*');
                    let literal = normalised.trim_end_matches('*').to_string();
                    if literal.is_empty() {
                        return Err(format!("empty phrase {phrase:?}"));
                    }
                    phrases.push(literal);
                    entries.push(PhraseEntry { id: concept, role, stem });
                }
            }
            for regex in source.patterns {
                let sets = required_sets(source_pattern(&regex)).unwrap_or_default();
                let gate = sets
                    .into_iter()
                    .map(|set| {
                        let to_gate = |literal: Literal| GateLiteral {
                            bounds: u8::from(literal.bounded_before) * BEFORE + u8::from(literal.bounded_after) * AFTER,
                            literal: literals.intern(literal.text),
                        };
                        set.into_iter().map(to_gate).collect()
                    })
                    .collect();
                let leading = leading_literals(source_pattern(&regex)).map(|set| {
                    let anchored = LazyRegex::new(format!("^(?:{})", source_pattern(&regex)), &regex);
                    let literals = set.into_iter().map(|literal| literals.intern(literal)).collect();
                    Leading { literals, anchored, boundary: source_pattern(&regex).starts_with("\\b") }
                });
                let (tail, steps) = tail_and_reach(source_pattern(&regex), leading.is_some());
                let tail = tail.map(|tail| TailGate {
                    literals: tail.literals.into_iter().map(|literal| literals.intern(literal)).collect(),
                    bounded_before: tail.bounded_before,
                    runs: tail.runs,
                    gates: tail.gates,
                    anchored: LazyRegex::new(format!("^(?s:.)(?:{})", tail.source), &regex),
                    window: tail.window.map(|window| Window {
                        head: LazyRegex::new(format!("^(?:{})", window.head), &regex),
                        most: window.most,
                        reads: window.reads,
                        head_ends_once: window.head_ends_once,
                    }),
                });
                let opens_at_start = source_pattern(&regex).starts_with('^');
                let tried_at_starts = leading.is_some() || opens_at_start;
                let reach = if tried_at_starts { reach_steps(steps, &mut literals) } else { Vec::new() };
                let unanchored = LazyRegex::new(source_pattern(&regex).to_string(), &regex);
                patterns.push(PatternEntry { concept, regex, unanchored, gate, leading, tail, reach, opens_at_start });
            }
        }
        for (index, phrase) in modality::phrases().enumerate() {
            phrases.push(phrase.to_string());
            entries.push(PhraseEntry { id: index, role: PhraseRole::Modality, stem: false });
        }
        let literals = literals.texts;
        let (keyed_patterns, ungated) = index_gates(&patterns, &literals);
        let word_starts_only = only_read_on_word_starts(&patterns, &literals);
        // One automaton for the phrases and the patterns' literals: one pass per sentence
        // (see `automaton.rs` for why not the aho-corasick crate's). It reports no phrase
        // after a word byte (phrases match whole words: `word_end` then tests only the end),
        // and no literal that only counts at a word start after an ASCII letter or digit.
        let phrase_count = phrases.len();
        let phrase_patterns = phrases.iter().map(|phrase| (phrase.as_bytes(), WORD));
        let refused = |only_word_starts: bool| if only_word_starts { ASCII_WORD } else { 0 };
        let literal_patterns = literals.iter().zip(word_starts_only).map(|(literal, only)| (literal.as_bytes(), refused(only)));
        let automaton = Automaton::new(phrase_patterns.chain(literal_patterns), byte_kinds())
            .map_err(|e| format!("the lexicon is too large to compile: {e}"))?;
        Ok(Lexicon {
            automaton,
            phrase_count,
            entries,
            patterns,
            literal_count: literals.len(),
            concept_count,
            keyed_patterns,
            ungated,
        })
    }

    pub fn concept_count(&self) -> usize {
        self.concept_count
    }

    /// All concept occurrences in a lower-cased sentence, sorted by position, and its
    /// modality phrases.
    pub fn find(&self, lower: &str) -> SentenceHits {
        let Scan { mut buffers, mut literals } = self.scan(lower);
        let mut next = 0;
        while let Some(index) = literals.next_candidate(next) {
            next = index + 1;
            let pattern = &self.patterns[index];
            let concept = pattern.concept;
            let found = pattern.matches(lower, &mut literals);
            buffers.hits.extend(found.into_iter().map(|(start, end)| ConceptHit { concept, start, end }));
        }
        literals.give_back();
        let HitBuffers { hits, excluded, modality } = &mut buffers;
        hits.retain(|hit| {
            !excluded.iter().any(|x| x.concept == hit.concept && x.start < hit.end && hit.start < x.end)
        });
        hits.sort_by_key(|h| (h.start, h.end, h.concept));
        hits.dedup_by_key(|h| (h.concept, h.start));
        let mut all = Vec::with_capacity(hits.len() + modality.len());
        all.extend_from_slice(hits);
        all.extend_from_slice(modality);
        let found = SentenceHits { all, concept_hits: hits.len() };
        buffers.give_back();
        found
    }

    /// One pass of the automaton over a sentence: the phrases' hits and exclusions, where
    /// the patterns' literals occur, and which patterns may open their gates.
    fn scan(&self, lower: &str) -> Scan {
        let mut scan = Scan {
            buffers: HitBuffers::take(),
            literals: LiteralTable::take(self.literal_count, &self.ungated),
        };
        let bytes = lower.as_bytes();
        self.automaton.occurrences(bytes, |index, start, end| {
            if let Some(literal) = index.checked_sub(self.phrase_count) {
                let first = scan.literals.record(literal, start, boundaries(bytes, start, end));
                if first {
                    scan.literals.add_candidates(&self.keyed_patterns[literal]);
                }
                return;
            }
            let entry = self.entries[index];
            let Some(end) = word_end(bytes, end, entry.stem) else { return };
            let hit = ConceptHit { concept: entry.id, start, end };
            match entry.role {
                PhraseRole::Concept => scan.buffers.hits.push(hit),
                PhraseRole::Exclude => scan.buffers.excluded.push(hit),
                PhraseRole::Modality => scan.buffers.modality.push(hit),
            }
        });
        scan
    }
}

/// The kinds of bytes (see `Automaton::new`) that the lexicon's patterns refuse before them:
/// ASCII letters and digits, and word bytes (see `is_word_byte`).
const ASCII_WORD: u8 = 1;
const WORD: u8 = 2;

fn byte_kinds() -> [u8; 256] {
    std::array::from_fn(|byte| {
        let byte = byte as u8;
        u8::from(byte.is_ascii_alphanumeric()) * ASCII_WORD + u8::from(is_word_byte(byte)) * WORD
    })
}

/// Per literal, whether no pattern reads it where it continues a word: it opens with an
/// ASCII letter or digit, and every use needs a word boundary before it (a gate literal with
/// `BEFORE`, a leading literal of a pattern opening with `\b`, a tail after a boundary).
/// After an ASCII letter or digit such an occurrence then fails every use: gates see no
/// `BEFORE` bound, `anchored_matches` and `TailGate::match_at` skip it, a reach step
/// cannot start there, and a gate's `last_start` still bounds the matches, which contain a
/// bounded occurrence.
fn only_read_on_word_starts(patterns: &[PatternEntry], literals: &[String]) -> Vec<bool> {
    let mut read_anywhere = vec![false; literals.len()];
    for pattern in patterns {
        let gate = pattern.gate.iter().flatten().filter(|g| g.bounds & BEFORE == 0).map(|g| g.literal);
        let leading = pattern.leading.iter().filter(|leading| !leading.boundary).flat_map(|leading| leading.literals.iter().copied());
        let tail = pattern.tail.iter().filter(|tail| !tail.bounded_before).flat_map(|tail| tail.literals.iter().copied());
        let reach = pattern.reach.iter().filter(|step| !step.bounded_before).flat_map(|step| step.literals.iter().map(|&(literal, _)| literal));
        gate.chain(leading).chain(tail).chain(reach).for_each(|literal| read_anywhere[literal] = true);
    }
    let opens_word = |text: &String| text.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric);
    literals.iter().zip(read_anywhere).map(|(text, anywhere)| opens_word(text) && !anywhere).collect()
}

/// Each literal's patterns by key set, and the bits of the patterns without a gate.
fn index_gates(patterns: &[PatternEntry], literals: &[String]) -> (Vec<Vec<usize>>, Vec<u64>) {
    let mut keyed = vec![Vec::new(); literals.len()];
    let mut ungated = vec![0; patterns.len().div_ceil(64)];
    for (index, pattern) in patterns.iter().enumerate() {
        match key_set(&pattern.gate, literals) {
            Some(set) => set.iter().for_each(|g| keyed[g.literal].push(index)),
            None => ungated[index / 64] |= 1 << (index % 64),
        }
    }
    for list in &mut keyed {
        list.dedup();
    }
    (keyed, ungated)
}

/// The set of a gate that indexes its pattern: the one whose shortest literal is longest
/// (the longer a literal, the fewer sentences hold it), of those the one with the fewest.
fn key_set<'g>(gate: &'g [Vec<GateLiteral>], literals: &[String]) -> Option<&'g Vec<GateLiteral>> {
    let shortest = |set: &Vec<GateLiteral>| set.iter().map(|g| literals[g.literal].len()).min().unwrap_or(0);
    gate.iter().max_by_key(|set| (shortest(set), std::cmp::Reverse(set.len())))
}

/// What one pass of the automaton finds in a sentence.
struct Scan {
    buffers: HitBuffers,
    literals: LiteralTable,
}

/// The buffers a sentence's hits and exclusions are gathered in, kept per thread between
/// sentences: the hits a sentence keeps are then allocated once, at their final size,
/// instead of growing a vector hit by hit (the most frequent allocation of a check).
#[derive(Default)]
struct HitBuffers {
    hits: Vec<ConceptHit>,
    excluded: Vec<ConceptHit>,
    modality: Vec<ConceptHit>,
}

thread_local! {
    static HIT_BUFFERS: std::cell::Cell<Option<HitBuffers>> = const { std::cell::Cell::new(None) };
}

impl HitBuffers {
    /// The thread's buffers, emptied.
    fn take() -> HitBuffers {
        let mut buffers = HIT_BUFFERS.take().unwrap_or_default();
        buffers.hits.clear();
        buffers.excluded.clear();
        buffers.modality.clear();
        buffers
    }

    /// Hands the buffers back to the thread for the next sentence.
    fn give_back(self) {
        HIT_BUFFERS.set(Some(self));
    }
}

/// Per literal of the lexicon, what the current sentence holds of it. Entries carry the
/// number of the sentence they were written for, so that a sentence starts with an empty
/// table without clearing one entry per literal (most sentences hold a few dozen of the
/// hundreds of literals). The table and its buffers are kept per thread between sentences.
struct LiteralTable {
    entries: Vec<LiteralEntry>,
    sentence: u32,
    /// Every occurrence of a literal in the sentence: its start and the index of the
    /// literal's previous occurrence (`NONE`: the first), so each literal's occurrences
    /// are a list threaded through this one buffer.
    occurrences: Vec<(usize, u32)>,
    /// One bit per pattern whose gate may open (see `Lexicon::keyed_patterns`).
    candidates: Vec<u64>,
    /// Scratch for the starts an anchored pattern is tried at.
    starts: Vec<usize>,
}

const NONE: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct LiteralEntry {
    sentence: u32,
    /// The boundary needs its occurrences satisfy (see `SATISFIED`).
    seen: u8,
    /// Its last occurrence in `LiteralTable::occurrences`.
    last: u32,
}

impl Default for LiteralEntry {
    fn default() -> Self {
        LiteralEntry { sentence: 0, seen: 0, last: NONE }
    }
}

thread_local! {
    static LITERAL_TABLE: std::cell::Cell<Option<LiteralTable>> = const { std::cell::Cell::new(None) };
}

impl LiteralTable {
    /// The thread's table, emptied, with room for `literal_count` literals, and the
    /// `ungated` patterns as the only candidates so far.
    fn take(literal_count: usize, ungated: &[u64]) -> LiteralTable {
        let mut table = LITERAL_TABLE.take().unwrap_or(LiteralTable {
            entries: Vec::new(),
            sentence: 0,
            occurrences: Vec::new(),
            candidates: Vec::new(),
            starts: Vec::new(),
        });
        if table.entries.len() < literal_count {
            table.entries.resize(literal_count, LiteralEntry::default());
        }
        table.sentence = table.sentence.wrapping_add(1);
        if table.sentence == 0 {
            // After 2^32 sentences the numbers come round again: start afresh once.
            table.entries.fill(LiteralEntry::default());
            table.sentence = 1;
        }
        table.occurrences.clear();
        table.candidates.clear();
        table.candidates.extend_from_slice(ungated);
        table
    }

    /// Hands the table back to the thread for the next sentence.
    fn give_back(self) {
        LITERAL_TABLE.set(Some(self));
    }

    fn entry(&self, literal: usize) -> LiteralEntry {
        let entry = self.entries[literal];
        if entry.sentence == self.sentence { entry } else { LiteralEntry::default() }
    }

    /// Records an occurrence; true when it is the literal's first in the sentence. The
    /// automaton reports occurrences in the order they end, so a literal's come in the
    /// order they start: its last is its latest (see [`LiteralTable::last_start`]). Updated
    /// in place: the most frequent call of a sentence's scan.
    fn record(&mut self, literal: usize, start: usize, bounds: u8) -> bool {
        let index = u32::try_from(self.occurrences.len()).unwrap_or(NONE);
        let entry = &mut self.entries[literal];
        let first = entry.sentence != self.sentence;
        if first {
            *entry = LiteralEntry { sentence: self.sentence, ..LiteralEntry::default() };
        }
        entry.seen |= SATISFIED[usize::from(bounds & (BEFORE | AFTER))];
        self.occurrences.push((start, entry.last));
        entry.last = index;
        first
    }

    fn add_candidates(&mut self, patterns: &[usize]) {
        for &pattern in patterns {
            self.candidates[pattern / 64] |= 1 << (pattern % 64);
        }
    }

    /// The first candidate pattern from index `from` on.
    fn next_candidate(&self, from: usize) -> Option<usize> {
        let mut word = from / 64;
        let mut bits = self.candidates.get(word)? & (u64::MAX << (from % 64));
        loop {
            if bits != 0 {
                return Some(word * 64 + bits.trailing_zeros() as usize);
            }
            word += 1;
            bits = *self.candidates.get(word)?;
        }
    }

    /// Where `literal` occurs in the sentence, last occurrence first.
    fn starts_of(&self, literal: usize) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.entry(literal).last;
        std::iter::from_fn(move || {
            let &(start, previous) = self.occurrences.get(usize::try_from(at).ok()?)?;
            at = previous;
            Some(start)
        })
    }

    fn satisfies(&self, literal: &GateLiteral) -> bool {
        self.entry(literal.literal).seen & (1 << literal.bounds) != 0
    }

    /// Where the literal's latest occurrence starts (0 when it has none).
    fn last_start(&self, literal: usize) -> usize {
        self.starts_of(literal).next().unwrap_or(0)
    }
}

impl PatternEntry {
    /// The pattern's matches in the sentence, as `find_iter` gives them, found with as few
    /// tries of the regular expression as the literal table allows.
    fn matches(&self, lower: &str, literals: &mut LiteralTable) -> Vec<(usize, usize)> {
        if !self.passes_gate(literals) {
            return Vec::new();
        }
        let Some(last_tail) = self.last_tail(lower, literals) else { return Vec::new() };
        let (tail_start, end) = (last_tail.start, self.search_end(lower, last_tail.start));
        match self.leading.as_ref().and_then(|leading| Some((leading, leading.anchored.get()?))) {
            Some((leading, anchored)) => {
                let until = self.last_start(literals).min(tail_start);
                let whole = |start: usize| anchored.find(&lower[start..end]).map(|m| start + m.end());
                let split = self.split_at_window();
                let try_at = |start: usize, literals: &LiteralTable| match split {
                    Some((tail, window)) => match tail.end_across_window(lower, window, (start, last_tail), literals) {
                        SplitTry::Ends(end) => Some(end),
                        SplitTry::Fails => None,
                        SplitTry::Unsure => whole(start),
                    },
                    None => whole(start),
                };
                anchored_matches(lower, leading, try_at, &self.reach, literals, until)
            }
            None if self.opens_at_start && !within_reach(&self.reach, lower, 0, literals) => Vec::new(),
            None => {
                let regex = self.unanchored.get().unwrap_or(&self.regex);
                regex.find_iter(&lower[..end]).map(|m| (m.start(), m.end())).collect()
            }
        }
    }

    /// Where a search for the pattern's matches may stop, given the last place its tail
    /// matches: when the tail reads only word characters and whitespace (see
    /// `prefilter::Tail::runs`), a match ends before the first other character, or the first
    /// run of whitespace past those the tail touches, from there on. A search stopped there
    /// finds the same matches (the pattern has no `$`, and a `\b` sees a character that is
    /// no word character either way), and spares the threads of greedy windows and
    /// repetitions that read on after a match until they die.
    fn search_end(&self, lower: &str, tail_start: usize) -> usize {
        let Some(runs) = self.tail.as_ref().and_then(|tail| tail.runs) else { return lower.len() };
        let bytes = lower.as_bytes();
        let is_space = |b: &u8| is_space(char::from(*b));
        let (mut at, mut seen) = (tail_start, 0);
        while let Some(b) = bytes.get(at) {
            if is_regex_word(b) {
                at += 1;
                continue;
            }
            if !is_space(b) || seen == runs {
                return at;
            }
            seen += 1;
            at += bytes[at..].iter().take_while(|b| is_space(b)).count();
        }
        lower.len()
    }

    /// The last place where the pattern's tail matches (at `usize::MAX` when the pattern
    /// has none to check), or `None` when it matches nowhere. Occurrences are tried from the
    /// last, so a sentence that holds a match pays for the failures after it only.
    fn last_tail(&self, lower: &str, literals: &mut LiteralTable) -> Option<TailMatch> {
        let gate = self.tail.as_ref().filter(|tail| tail.gates);
        let Some((tail, anchored)) = gate.and_then(|tail| Some((tail, tail.anchored.get()?))) else {
            return Some(TailMatch { start: usize::MAX, end: None });
        };
        let mut starts = std::mem::take(&mut literals.starts);
        starts.clear();
        for &literal in &tail.literals {
            starts.extend(literals.starts_of(literal));
        }
        starts.sort_unstable_by(|a, b| b.cmp(a));
        starts.dedup();
        let found = starts.iter().find_map(|&start| tail.match_at(lower, anchored, start));
        literals.starts = starts;
        found
    }

    /// The pattern's tail and the head before its window, when it has both (compiled).
    fn split_at_window(&self) -> Option<(TailForms<'_>, (&Regex, &Window))> {
        let tail = self.tail.as_ref()?;
        let window = tail.window.as_ref()?;
        Some((TailForms { tail, anchored: tail.anchored.get()? }, (window.head.get()?, window)))
    }

    /// False when the sentence lacks every literal of one of the gate's sets: the pattern
    /// cannot match there.
    fn passes_gate(&self, literals: &LiteralTable) -> bool {
        self.gate.iter().all(|set| set.iter().any(|g| literals.satisfies(g)))
    }

    /// The last place a match can start: a match contains a literal of every set of the
    /// gate, so it starts no later than the last occurrence of each set.
    fn last_start(&self, literals: &LiteralTable) -> usize {
        let last_of_set = |set: &Vec<GateLiteral>| set.iter().map(|g| literals.last_start(g.literal)).max().unwrap_or(usize::MAX);
        self.gate.iter().map(last_of_set).min().unwrap_or(usize::MAX)
    }
}

impl TailGate {
    /// The suffix's match from `start`, if any; at the sentence's start, where there is no
    /// character before it to try from, a match of unknown end (no pruning there is always
    /// safe).
    fn match_at(&self, lower: &str, anchored: &Regex, start: usize) -> Option<TailMatch> {
        if !self.may_open_at(lower, start) {
            return None;
        }
        let Some((before, _)) = lower.get(..start).and_then(|head| head.char_indices().next_back()) else {
            return Some(TailMatch { start, end: None });
        };
        anchored.find(&lower[before..]).map(|m| TailMatch { start, end: Some(before + m.end()) })
    }

    /// False where an ASCII word character stands before `start` and the suffix needs a
    /// boundary there, whatever the regex counts as one.
    fn may_open_at(&self, lower: &str, start: usize) -> bool {
        let bytes = lower.as_bytes();
        !(self.bounded_before && start > 0 && bytes.get(start - 1).is_some_and(is_regex_word))
    }
}

/// A tail with its compiled anchored form.
#[derive(Clone, Copy)]
struct TailForms<'a> {
    tail: &'a TailGate,
    anchored: &'a Regex,
}

impl TailForms<'_> {
    /// The match of a pattern split at its window (see `prefilter::Window`) that starts at
    /// `start`: the head's preferred match, then the tail's at the latest place in the
    /// window where it matches. The tail opens with one of its literals, so only their
    /// occurrences are tried, latest first, none after `last_tail` (the tail's last match:
    /// see [`PatternEntry::last_tail`], whose end needs no second run). Without a head, the
    /// pattern fails; without a tail, it fails too if the head ends in one place only.
    fn end_across_window(self, lower: &str, (head, window): (&Regex, &Window), (start, last_tail): (usize, TailMatch), literals: &LiteralTable) -> SplitTry {
        let Some(head_end) = lower.get(start..).and_then(|rest| head.find(rest)).map(|m| start + m.end()) else { return SplitTry::Fails };
        let mut below = window.last_end(lower, head_end).min(last_tail.start) + 1;
        loop {
            let latest = |literal: &usize| literals.starts_of(*literal).find(|&at| at < below);
            let Some(at) = self.tail.literals.iter().filter_map(latest).max().filter(|&at| at >= head_end) else {
                return if window.head_ends_once { SplitTry::Fails } else { SplitTry::Unsure };
            };
            let known = last_tail.end.filter(|_| at == last_tail.start);
            if let Some(end) = window.may_end_at(lower.as_bytes(), head_end, at).then(|| known.or_else(|| self.end_at(lower, at))).flatten() {
                return SplitTry::Ends(end);
            }
            below = at;
        }
    }

    /// The end of the tail's match that starts at `start` (after the sentence's start).
    fn end_at(self, lower: &str, start: usize) -> Option<usize> {
        self.tail.match_at(lower, self.anchored, start)?.end
    }
}

/// Where a pattern's tail matches (see [`TailGate::match_at`]).
#[derive(Clone, Copy)]
struct TailMatch {
    start: usize,
    /// `None`: not run (at the sentence's start).
    end: Option<usize>,
}

/// What a try of a pattern split at its window found.
enum SplitTry {
    Ends(usize),
    Fails,
    /// The tail follows nowhere after the head's preferred match, but another way through
    /// the head may end elsewhere: the whole pattern must be tried.
    Unsure,
}

/// The last place a window `.{0,most}` that opens at `from` can reach: `most` characters on,
/// and no further than a line break (which `.` does not match).
fn window_end(lower: &str, from: usize, most: usize) -> usize {
    from + lower[from..].chars().take(most).take_while(|&c| c != '\n').map(char::len_utf8).sum::<usize>()
}

/// The last place a window `(\w+\s+){0,most}` that opens at `from` can reach: past at most
/// `most` runs of ASCII word characters, each followed by a run of whitespace.
fn words_end(lower: &[u8], from: usize, most: usize) -> usize {
    let run = |at: usize, of: fn(&u8) -> bool| lower.get(at..).unwrap_or_default().iter().take_while(|b| of(b)).count();
    let mut end = from;
    for _ in 0..most {
        let word = run(end, is_regex_word);
        let space = run(end + word, |b| is_space(char::from(*b)));
        if word == 0 || space == 0 {
            break;
        }
        end += word + space;
    }
    end
}

/// Whether a byte is a word character as a regular expression's `\b` and `\w` see it
/// (regex-lite's are ASCII).
fn is_regex_word(byte: &u8) -> bool {
    byte.is_ascii_alphanumeric() || *byte == b'_'
}

/// Which ends of `[start, end)` stand on a word boundary as a regular expression's `\b` sees
/// it (`BEFORE`, `AFTER` bits).
fn boundaries(text: &[u8], start: usize, end: usize) -> u8 {
    let before = start == 0 || !text.get(start - 1).is_some_and(is_regex_word);
    let after = !text.get(end).is_some_and(is_regex_word);
    u8::from(before) * BEFORE + u8::from(after) * AFTER
}

/// The lexicon's own form of `source`, (part of) a pattern, for lower-cased text (see
/// `prefilter::lower_case_form`): case folding only where the loaded pattern folds
/// (`folded`) and the form needs it (the lower-casing, like regex-lite's folding, is ASCII
/// only).
fn lower_form(source: &str, folded: bool) -> String {
    let (form, folds) = lower_case_form(source).unwrap_or_else(|| (source.to_string(), true));
    if folded && folds { format!("(?i){form}") } else { form }
}

/// The pattern as its author wrote it, without the case-insensitivity flag added on load.
fn source_pattern(regex: &Regex) -> &str {
    regex.as_str().trim_start_matches("(?i)")
}

/// The matches `find_iter` would give, found by trying the anchored pattern only where one
/// of its leading literals occurs, leftmost first: every match starts at such a place, so
/// the first success at or after the last match's end is the next leftmost-first match.
/// No match starts after `until`. `try_at` gives the end of the match that starts at a
/// place, if any.
fn anchored_matches(
    lower: &str,
    leading: &Leading,
    try_at: impl Fn(usize, &LiteralTable) -> Option<usize>,
    reach: &[ReachStep],
    literals: &mut LiteralTable,
    until: usize,
) -> Vec<(usize, usize)> {
    let mut starts = std::mem::take(&mut literals.starts);
    starts.clear();
    for &literal in &leading.literals {
        starts.extend(literals.starts_of(literal).filter(|&start| start <= until));
    }
    starts.sort_unstable();
    starts.dedup();
    let is_word = |at: usize| lower.as_bytes().get(at).is_some_and(is_regex_word);
    let mut found = Vec::new();
    let mut resume = 0;
    for &start in &starts {
        let boundary_ok = !leading.boundary || start == 0 || is_word(start - 1) != is_word(start);
        if start < resume || !boundary_ok || !within_reach(reach, lower, start, literals) {
            continue;
        }
        if let Some(end) = try_at(start, literals) {
            found.push((start, end));
            resume = end.max(start + 1);
        }
    }
    literals.starts = starts;
    found
}

/// A pattern's reach steps (see `prefilter::reach`), their literals interned.
fn reach_steps(steps: Vec<Step>, literals: &mut Interner) -> Vec<ReachStep> {
    let mut intern = |literal: String| {
        let len = literal.len();
        (literals.intern(literal), len)
    };
    let step = |step: Step| ReachStep {
        literals: step.literals.into_iter().map(&mut intern).collect(),
        gap: step.gap,
        bounded_before: step.bounded_before,
        bounded_after: step.bounded_after,
    };
    steps.into_iter().map(step).collect()
}

/// Whether a match starting at `start` can hold the steps' literals where the steps allow:
/// each at or after an occurrence of the previous step's (the first, at or after the start),
/// with at most the step's gap of runs of whitespace in between, and ending a word where the
/// step says so.
fn within_reach(steps: &[ReachStep], lower: &str, start: usize, literals: &LiteralTable) -> bool {
    let text = lower.as_bytes();
    let ends_word = |at: usize| !text.get(at).is_some_and(is_regex_word);
    let mut previous = Places::default();
    previous.push(start);
    for step in steps {
        let earliest = previous.iter().copied().min().unwrap_or(start);
        // Counted only once a literal stands where it might do: most tries end before.
        let mut limits = None;
        let mut found = Places::default();
        for &(literal, len) in &step.literals {
            for at in literals.starts_of(literal).take_while(|&at| at >= earliest) {
                if step.bounded_after && !ends_word(at + len) {
                    continue;
                }
                let limits = limits.get_or_insert_with(|| previous.map(|from| run_start(text, from, step.gap + 1)));
                if !previous.iter().zip(limits.iter()).any(|(&from, &limit)| from <= at && at <= limit) {
                    continue;
                }
                if !found.push(at) {
                    // More places than kept: the check would be guesswork; let the try run.
                    return true;
                }
            }
        }
        if found.is_empty() {
            return false;
        }
        previous = found;
    }
    true
}

/// A few places in a sentence, kept without allocating.
#[derive(Default, Clone, Copy)]
struct Places {
    at: [usize; 8],
    len: usize,
}

impl Places {
    /// Adds a place; false when there is no room left.
    fn push(&mut self, place: usize) -> bool {
        let Some(slot) = self.at.get_mut(self.len) else { return false };
        *slot = place;
        self.len += 1;
        true
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn iter(&self) -> impl Iterator<Item = &usize> {
        self.at[..self.len].iter()
    }

    fn map(&self, f: impl Fn(usize) -> usize) -> Places {
        let mut mapped = *self;
        mapped.at[..self.len].iter_mut().for_each(|place| *place = f(*place));
        mapped
    }
}

/// Where the `n`-th run of whitespace counted from `from` begins (a run that `from` stands
/// in counts as the first), or the text's end when there are fewer.
fn run_start(text: &[u8], from: usize, n: usize) -> usize {
    let is_space = |b: &u8| is_space(char::from(*b));
    let mut at = from;
    for counted in 0..n {
        let rest = text.get(at..).unwrap_or_default();
        // Past the run counted last, to the next one.
        let inside = if counted == 0 { 0 } else { rest.iter().take_while(|b| is_space(b)).count() };
        match rest[inside..].iter().position(is_space) {
            Some(next) => at += inside + next,
            None => return text.len(),
        }
    }
    at
}

/// The patterns' literals, each once, numbered in the order they first come.
#[derive(Default)]
struct Interner {
    texts: Vec<String>,
    numbers: std::collections::HashMap<String, usize>,
}

impl Interner {
    fn intern(&mut self, literal: String) -> usize {
        let next = self.texts.len();
        *self.numbers.entry(literal).or_insert_with_key(|literal| {
            self.texts.push(literal.clone());
            next
        })
    }
}

/// Where a phrase match ends once word boundaries are respected, or `None` when it ends
/// inside a word. A stem extends to the end of the word it starts. Only the end is tested:
/// the automaton reports no phrase after a word byte (see `Lexicon::new`).
fn word_end(text: &[u8], end: usize, stem: bool) -> Option<usize> {
    if !stem {
        return (!text.get(end).is_some_and(|&b| is_word_byte(b))).then_some(end);
    }
    Some(end + text[end..].iter().take_while(|&&b| is_word_byte(b)).count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(concepts: &[(&[&str], &[&str])]) -> Lexicon {
        let owned: Vec<(Vec<String>, Vec<String>)> = concepts
            .iter()
            .map(|(p, x)| (p.iter().map(|s| s.to_string()).collect(), x.iter().map(|s| s.to_string()).collect()))
            .collect();
        Lexicon::new(
            owned.iter().map(|(p, x)| ConceptSource { phrases: p, patterns: Vec::new(), exclude: x }).collect(),
        )
        .unwrap()
    }

    /// A lexicon of one concept per pattern (case-insensitive, as packs load them).
    fn pattern_lexicon(patterns: &[&str]) -> Lexicon {
        let concept = |source: &&str| ConceptSource {
            phrases: &[],
            patterns: vec![Regex::new(&format!("(?i){source}")).unwrap()],
            exclude: &[],
        };
        Lexicon::new(patterns.iter().map(concept).collect()).unwrap()
    }

    /// A sentence's hits as (concept, start, end).
    fn hits_in(lexicon: &Lexicon, sentence: &str) -> Vec<(ConceptId, usize, usize)> {
        lexicon.find(sentence).concepts().iter().map(|h| (h.concept, h.start, h.end)).collect()
    }

    #[test]
    fn patterns_keep_case_insensitivity_where_they_spell_capitals() {
        let lexicon = pattern_lexicon(&[r"\bthe\s+EU\s+(law|rules)\b", r"\bthe\s+eu\s+(law|rules)\b"]);
        assert_eq!(hits_in(&lexicon, "under the eu law"), vec![(0, 6, 16), (1, 6, 16)]);
    }

    #[test]
    fn whole_words_stems_and_exclusions() {
        let lex = lexicon(&[(&["use"], &[]), (&["retain*"], &[]), (&["automated"], &["automated processing of personal data"])]);
        let concepts = |s: &str| lex.find(s).concepts().iter().map(|h| h.concept).collect::<Vec<_>>();
        assert_eq!(concepts("the user may use it"), vec![0]);
        assert_eq!(concepts("data retained or retaining"), vec![1, 1]);
        assert_eq!(concepts("unretained"), Vec::<usize>::new());
        assert_eq!(concepts("automated processing of personal data"), Vec::<usize>::new());
        assert_eq!(concepts("automated decisions"), vec![2]);
        let hit = lex.find("data retained").concepts()[0];
        assert_eq!((hit.start, hit.end), (5, 13));
    }

    /// Every sentence of the corpus, lower-cased, and the same sentences with "shall" for
    /// "must" and all words glued to the next (where no literal stands on a boundary).
    fn corpus_sentences() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
        let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
        let mut sentences = Vec::new();
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            let document = crate::document::Document::parse(std::fs::read_to_string(&path).unwrap());
            for sentence in document.clauses.iter().flat_map(|c| c.sentences.iter()) {
                let lower = sentence.text.to_ascii_lowercase();
                sentences.push(lower.replace("must", "shall"));
                sentences.push(lower.replace(' ', ""));
                sentences.push(lower);
            }
        }
        sentences
    }

    /// The candidate patterns of a sentence's literal table, in order.
    fn candidates_of(literals: &LiteralTable) -> Vec<usize> {
        std::iter::successors(literals.next_candidate(0), |&c| literals.next_candidate(c + 1)).collect()
    }

    /// Every pattern of the baseline finds exactly what a plain search finds, on every
    /// sentence of the corpus where it is a candidate, with its gate, tail and anchored form.
    #[test]
    fn pattern_matches_agree_with_find_iter() {
        let checker = crate::Checker::new("baseline", &[]).expect("baseline");
        let lexicon = &checker.profile().lexicon;
        let (mut compared, mut matched) = (0, 0);
        for lower in corpus_sentences() {
            let mut scan = lexicon.scan(&lower);
            let candidates = candidates_of(&scan.literals);
            for index in candidates {
                let pattern = &lexicon.patterns[index];
                let plain: Vec<(usize, usize)> = pattern.regex.find_iter(&lower).map(|m| (m.start(), m.end())).collect();
                assert_eq!(pattern.matches(&lower, &mut scan.literals), plain, "{} on {lower:?}", pattern.regex.as_str());
                compared += 1;
                matched += usize::from(!plain.is_empty());
            }
        }
        assert!(compared > 10_000 && matched > 400, "compared {compared} pattern runs, {matched} with matches");
    }

    /// The tail of a pattern is tried from the character before its literal: a `\b` that
    /// opens it sees that character, and a literal inside a word is no start.
    #[test]
    fn tails_see_the_text_before_them() {
        let lexicon = pattern_lexicon(&[r"\bnotice\b.{0,20}\bdata\s+breach\b", r"\b(a|an)\s+(unknown|other)\b", r"\bx\w*\s+\.com\b"]);
        let concepts = |s: &str| hits_in(&lexicon, s);
        assert_eq!(concepts("notice of a data breach"), vec![(0, 0, 23)]);
        assert_eq!(concepts("notice of a metadata breach"), vec![]);
        assert_eq!(concepts("a data breach, then notice"), vec![]);
        assert_eq!(concepts("an unknown"), vec![(1, 0, 10)]);
        assert_eq!(concepts("an sunknown"), vec![]);
        assert_eq!(concepts("xyz .com"), vec![(2, 0, 8)]);
        let tail_start = |s: &str| lexicon.patterns[0].last_tail(s, &mut lexicon.scan(s).literals).map(|tail| tail.start);
        assert_eq!(tail_start("notice of a data breach, data"), Some(12), "the last place the tail matches");
        assert_eq!(tail_start("notice of the data, metadata breach"), None, "no try where the tail matches nowhere");
    }

    /// A search stops after the tail's last match, its word and the runs of whitespace the
    /// tail can touch: the greedy window still reaches the last tail, and a `\b` at the cut
    /// sees the character there.
    #[test]
    fn searches_stop_after_the_last_tail() {
        let lexicon = pattern_lexicon(&[r"\bx.{0,40}\bdata\s+breach\w*", r"\bx\w*\s+(\w+\s+){0,9}(report\w*|alert)\b"]);
        let hits = |s: &str| hits_in(&lexicon, s);
        assert_eq!(hits("x data breaches and more"), vec![(0, 0, 15)]);
        assert_eq!(hits("x data breach y data breaches, z"), vec![(0, 0, 29)], "the window reaches the last tail");
        assert_eq!(hits("x data  breach_es z"), vec![(0, 0, 17)]);
        assert_eq!(hits("xa b reported alert c"), vec![(1, 0, 19)]);
        assert_eq!(hits("xa b alerts c"), vec![], "no boundary after the tail's literal");
        let end = |s: &str| lexicon.patterns[0].search_end(s, s.rfind("data").unwrap_or(0));
        assert_eq!(end("x data breach y data breaches, z"), 29, "stops at a character other than a word or a space");
        assert_eq!(end("x data\t breach more"), 14, "stops at a run past the tail's");
    }

    /// Each pattern splits at its window and finds what `find_iter` finds, on random texts
    /// made of `pieces`; the texts hold at least `least` matches in all.
    fn assert_splits_agree_on_random_texts(patterns: &[&str], pieces: &[&str], least: usize) {
        let lexicon = pattern_lexicon(patterns);
        assert!(lexicon.patterns.iter().all(|p| p.split_at_window().is_some()), "every pattern splits");
        let mut random = crate::testing::XorShift(0x5851_f42d_4c95_7f2d);
        let mut matched = 0;
        for round in 0..4000 {
            let count = random.below(24);
            let text = crate::testing::random_text(pieces, count, &mut random);
            for (concept, pattern) in lexicon.patterns.iter().enumerate() {
                let plain: Vec<(ConceptId, usize, usize)> = pattern.regex.find_iter(&text).map(|m| (concept, m.start(), m.end())).collect();
                let found: Vec<_> = hits_in(&lexicon, &text).into_iter().filter(|hit| hit.0 == concept).collect();
                assert_eq!(found, plain, "round {round}: {} on {text:?}", pattern.regex.as_str());
                matched += plain.len();
            }
        }
        assert!(matched > least, "{matched} matches");
    }

    /// Windows of characters that end short of, at or past a tail, heads that recur inside
    /// the window, tails inside words, line breaks and characters of several bytes.
    #[test]
    fn patterns_split_at_a_window_agree_with_find_iter_on_random_texts() {
        let patterns = [r"\b(not|nothing)\b.{0,12}\bprev\w*\b", r"\bab\w*\b.{0,6}(cdx|cdx\s+f)", r"\b(ab|abc)\b.{0,9}\bcdy\w*\b.{0,5}\b(ef|gh)\b"];
        let pieces = ["not ", "nothing", "prev", "prevent ", "ab", "abc ", "cdx", "cdx f", "cdy", "ef", "gh", " ", "x", ", ", "\n", "é", "_"];
        assert_splits_agree_on_random_texts(&patterns, &pieces, 500);
    }

    /// Gaps of words (runs of spaces, tabs, line breaks; words with punctuation or letters
    /// of several bytes, which end the gap; tails inside a gap's words, with and without a
    /// boundary before them), and heads that may end in several places, where the tail
    /// fails after the head's preferred end but not after another.
    #[test]
    fn patterns_split_at_words_or_after_heads_with_several_ends_agree_with_find_iter() {
        let patterns = [
            r"\b(in\s+acc|in|conf)\s+with\s+(\w+\s+){0,3}(law|laws|legal\s+fw)\b",
            r"\b(ab|ab\s+cd)\s+(?:\w+\s+)?(zzz|zzzy)\b",
            r"\bab\s*(\w+\s+){0,2}\bcdd\w*",
            r"\bab\s*(\w+\s+){0,2}cdd",
            r"\b(ab|ab\s+cd)\b.{0,5}\bzzz",
        ];
        let pieces = ["in ", "acc ", "with ", "conf ", "law", "laws ", "legal fw", "ab ", "ab", "cd ", "cdd", "zzz", "zzzy ", "x ", " ", "\t", "\n", ", ", "é", "_"];
        assert_splits_agree_on_random_texts(&patterns, &pieces, 500);
    }

    /// Literals that a pattern reads inside a word ("ation" in `\w+ation\b`, "dat" without
    /// any `\b`) count there: a scan that only looked at word starts would miss these matches.
    #[test]
    fn literals_count_inside_words() {
        let lexicon = pattern_lexicon(&[r"\w+ation\b", r"dat[ae]", r"\bin\w*"]);
        let hits = |s: &str| hits_in(&lexicon, s);
        assert_eq!(hits("the formation"), vec![(0, 4, 13)]);
        assert_eq!(hits("metadata"), vec![(1, 4, 8)]);
        assert_eq!(hits("within it"), vec![], "a literal that needs a boundary before it does not count inside a word");
        assert_eq!(hits("an invitation"), vec![(0, 3, 13), (2, 3, 13)]);
    }

    /// A pattern's gate closes, or the pattern is not a candidate for its key set, only on
    /// sentences where the pattern finds nothing, for every pattern of the baseline and every
    /// sentence of the corpus; and it does close often.
    #[test]
    fn the_gate_never_skips_a_match() {
        let checker = crate::Checker::new("baseline", &[]).expect("baseline");
        let lexicon = &checker.profile().lexicon;
        let (mut skipped, mut matched) = (0, 0);
        for lower in corpus_sentences() {
            let scan = lexicon.scan(&lower);
            let candidates = candidates_of(&scan.literals);
            for (index, pattern) in lexicon.patterns.iter().enumerate() {
                let found = pattern.regex.find(&lower);
                matched += usize::from(found.is_some());
                if !candidates.contains(&index) || !pattern.passes_gate(&scan.literals) {
                    assert_eq!(found.map(|m| m.as_str()), None, "{} skipped on {lower:?}", pattern.regex.as_str());
                    skipped += 1;
                }
            }
        }
        assert!(matched > 400 && skipped > 100_000, "matched {matched}, skipped {skipped}");
    }

    /// Candidates come out in pattern order across the words of the bit set, each once;
    /// a literal's occurrences come back latest first, and none from an earlier sentence.
    #[test]
    fn candidates_and_occurrences_of_the_literal_table() {
        let mut table = LiteralTable::take(3, &[1, 0, 0]);
        table.add_candidates(&[130, 63, 64, 63]);
        let candidates = candidates_of(&table);
        assert_eq!(candidates, vec![0, 63, 64, 130]);
        assert!(table.record(2, 5, BEFORE | AFTER));
        assert!(table.record(0, 9, 0));
        assert!(!table.record(2, 17, BEFORE));
        assert_eq!(table.starts_of(2).collect::<Vec<_>>(), vec![17, 5]);
        assert_eq!(table.last_start(2), 17);
        assert!(table.satisfies(&GateLiteral { literal: 2, bounds: BEFORE | AFTER }));
        assert!(!table.satisfies(&GateLiteral { literal: 0, bounds: BEFORE }));
        table.give_back();
        let next = LiteralTable::take(3, &[0, 0, 0]);
        assert_eq!(next.starts_of(2).count(), 0);
        assert_eq!(next.next_candidate(0), None);
    }

    #[test]
    fn phrases_are_folded_like_sentences() {
        assert_eq!(normalise_phrase("  Data  Protection\u{2019}s   Authority "), "data protection's authority");
    }
}
