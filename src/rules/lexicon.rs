//! The compiled lexicon: every phrase of every concept in one Aho-Corasick automaton, plus
//! the concepts' regular expressions (regex-lite, whose searches are linear in the text, so
//! no pack can make a check hang).
//!
//! Phrases match whole words, case-insensitively. A phrase ending in `*` matches any word
//! that starts with it ("retain*" covers retain, retains, retained, retaining, retention is
//! not covered: stems are literal). A match that overlaps one of its concept's `exclude`
//! phrases does not count ("automated processing of personal data" is not an algorithm).

use super::prefilter::required_sets;
use crate::language::words::{is_word_byte, on_word_boundaries};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
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

#[derive(Debug, Clone, Copy)]
struct PhraseEntry {
    concept: ConceptId,
    exclude: bool,
    stem: bool,
}

/// What a concept brings to the matcher.
pub struct ConceptSource<'a> {
    pub phrases: &'a [String],
    pub patterns: Vec<Regex>,
    pub exclude: &'a [String],
}

pub struct Lexicon {
    automaton: AhoCorasick,
    entries: Vec<PhraseEntry>,
    patterns: Vec<PatternEntry>,
    /// The literals that gate the patterns (see `prefilter.rs`), in one automaton.
    literals: AhoCorasick,
    concept_count: usize,
}

struct PatternEntry {
    concept: ConceptId,
    regex: Regex,
    /// Sets of indices into the literal automaton; the pattern runs only on a sentence
    /// with a literal of every set. Empty: always run.
    gate: Vec<Vec<usize>>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon").field("phrases", &self.entries.len()).field("patterns", &self.patterns.len()).finish()
    }
}

/// Lower-cases a phrase and folds its spacing and punctuation the way sentences are
/// normalised, so that a phrase is written once and matches however the draft typed it.
pub fn normalise_phrase(phrase: &str) -> String {
    let folded: String = phrase
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Lexicon {
    pub fn new(concepts: Vec<ConceptSource<'_>>) -> Result<Lexicon, String> {
        let mut phrases: Vec<String> = Vec::new();
        let mut entries = Vec::new();
        let mut patterns = Vec::new();
        let mut literals: Vec<String> = Vec::new();
        let concept_count = concepts.len();
        for (concept, source) in concepts.into_iter().enumerate() {
            for (list, exclude) in [(source.phrases, false), (source.exclude, true)] {
                for phrase in list {
                    let normalised = normalise_phrase(phrase);
                    let stem = normalised.ends_with('*');
                    let literal = normalised.trim_end_matches('*').to_string();
                    if literal.is_empty() {
                        return Err(format!("empty phrase {phrase:?}"));
                    }
                    phrases.push(literal);
                    entries.push(PhraseEntry { concept, exclude, stem });
                }
            }
            for regex in source.patterns {
                let sets = required_sets(regex.as_str().trim_start_matches("(?i)")).unwrap_or_default();
                let gate = sets
                    .into_iter()
                    .map(|set| set.into_iter().map(|literal| intern(&mut literals, literal)).collect())
                    .collect();
                patterns.push(PatternEntry { concept, regex, gate });
            }
        }
        // A full DFA: overlapping searches cannot use the prefilters that make the default
        // automaton fast, so the per-byte cost of the automaton itself is what counts.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&phrases)
            .map_err(|e| format!("the lexicon is too large to compile: {e}"))?;
        let literals = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literals)
            .map_err(|e| format!("the pattern prefilter is too large to compile: {e}"))?;
        Ok(Lexicon { automaton, entries, patterns, literals, concept_count })
    }

    pub fn concept_count(&self) -> usize {
        self.concept_count
    }

    /// All concept occurrences in a lower-cased sentence, sorted by position.
    pub fn find(&self, lower: &str) -> Vec<ConceptHit> {
        let mut hits = Vec::new();
        let mut excluded: Vec<ConceptHit> = Vec::new();
        for m in self.automaton.find_overlapping_iter(lower) {
            let entry = self.entries[m.pattern().as_usize()];
            let Some(end) = word_end(lower, m.start(), m.end(), entry.stem) else { continue };
            let hit = ConceptHit { concept: entry.concept, start: m.start(), end };
            if entry.exclude {
                excluded.push(hit);
            } else {
                hits.push(hit);
            }
        }
        let mut present_literals = vec![false; self.literals.patterns_len()];
        for m in self.literals.find_overlapping_iter(lower) {
            present_literals[m.pattern().as_usize()] = true;
        }
        for pattern in &self.patterns {
            let gated_out = pattern.gate.iter().any(|set| !set.iter().any(|&l| present_literals[l]));
            if !gated_out {
                let concept = pattern.concept;
                hits.extend(pattern.regex.find_iter(lower).map(|m| ConceptHit { concept, start: m.start(), end: m.end() }));
            }
        }
        hits.retain(|hit| {
            !excluded.iter().any(|x| x.concept == hit.concept && x.start < hit.end && hit.start < x.end)
        });
        hits.sort_by_key(|h| (h.start, h.end, h.concept));
        hits.dedup_by_key(|h| (h.concept, h.start));
        hits
    }
}

fn intern(literals: &mut Vec<String>, literal: String) -> usize {
    literals.iter().position(|l| *l == literal).unwrap_or_else(|| {
        literals.push(literal);
        literals.len() - 1
    })
}

/// Where a phrase match ends once word boundaries are respected, or `None` when it sits
/// inside a word. A stem extends to the end of the word it starts.
fn word_end(text: &str, start: usize, end: usize, stem: bool) -> Option<usize> {
    if !stem {
        return on_word_boundaries(text, start, end).then_some(end);
    }
    if start > 0 && is_word_byte(text.as_bytes()[start - 1]) {
        return None;
    }
    let rest = &text.as_bytes()[end..];
    Some(end + rest.iter().take_while(|&&b| is_word_byte(b)).count())
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

    #[test]
    fn whole_words_stems_and_exclusions() {
        let lex = lexicon(&[(&["use"], &[]), (&["retain*"], &[]), (&["automated"], &["automated processing of personal data"])]);
        let concepts = |s: &str| lex.find(s).iter().map(|h| h.concept).collect::<Vec<_>>();
        assert_eq!(concepts("the user may use it"), vec![0]);
        assert_eq!(concepts("data retained or retaining"), vec![1, 1]);
        assert_eq!(concepts("unretained"), Vec::<usize>::new());
        assert_eq!(concepts("automated processing of personal data"), Vec::<usize>::new());
        assert_eq!(concepts("automated decisions"), vec![2]);
        let hit = lex.find("data retained")[0];
        assert_eq!((hit.start, hit.end), (5, 13));
    }

    #[test]
    fn phrases_are_folded_like_sentences() {
        assert_eq!(normalise_phrase("  Data  Protection\u{2019}s   Authority "), "data protection's authority");
    }
}
