//! Durations and deadlines: "two (2) years", "24 months", "ninety days", "72 hours",
//! tiers ("seven years, then dormant for eight years" is fifteen years in all), and the
//! vague ("as long as necessary"), open-ended ("indefinitely") and prompt ("without undue
//! delay") expressions that stand where a figure should.

use super::words::{find_words, on_word_boundaries, words};
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Input, MatchKind};
use std::sync::OnceLock;
use serde::Serialize;

/// Days in a month and a year, as baseline.md compares durations.
pub const DAYS_PER_MONTH: f64 = 30.0;
pub const DAYS_PER_YEAR: f64 = 365.0;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum DurationKind {
    /// A stated figure, normalised to hours (so that "72 hours" and "3 days" compare).
    Definite { hours: f64 },
    /// No figure where one is needed: "as long as necessary", "from time to time".
    Vague,
    /// No end at all: "indefinitely", "permanently", "as long as it considers".
    Indefinite,
    /// Immediate action without a figure: "without undue delay", "promptly".
    Prompt,
}

/// A duration found in a sentence, with its byte range in the (lower-cased) sentence text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Duration {
    #[serde(flatten)]
    pub kind: DurationKind,
    pub start: usize,
    pub end: usize,
}

impl Duration {
    pub fn days(&self) -> Option<f64> {
        self.hours().map(|h| h / 24.0)
    }

    pub fn hours(&self) -> Option<f64> {
        match self.kind {
            DurationKind::Definite { hours } => Some(hours),
            _ => None,
        }
    }
}

const VAGUE: &[&str] = &[
    "as long as necessary",
    "as long as is necessary",
    "as long as it is necessary",
    "as long as they are necessary",
    "as long as needed",
    "as long as required",
    "as long as is required",
    "no longer than necessary",
    "no longer than is necessary",
    "not longer than necessary",
    "not longer than is necessary",
    "no longer than needed",
    "no longer than required",
    "from time to time",
    "periodically",
    "at regular intervals",
    "at appropriate intervals",
    "regularly",
    "a reasonable time",
    "a reasonable period",
    "reasonable period of time",
    "an appropriate period",
    "in due course",
];

const INDEFINITE: &[&str] = &[
    "indefinitely",
    "indefinite period",
    "unlimited period",
    "unlimited duration",
    "indefinite duration",
    "without time limit",
    "without any time limit",
    "without limit of time",
    "without limitation in time",
    "no time limit",
    "permanently",
    "in perpetuity",
    "perpetual",
];

const PROMPT: &[&str] = &[
    "without undue delay",
    "without delay",
    "promptly",
    "immediately",
    "forthwith",
    "as soon as possible",
    "as soon as practicable",
    "as soon as reasonably practicable",
    "in a timely manner",
    "expeditiously",
];

/// "for as long as the requesting Party considers ...": the end is one Party's call, so
/// there is no end at all.
const DISCRETIONARY_END_VERBS: &[&str] =
    &["considers", "consider", "deems", "deem", "determines", "determine", "decides", "decide", "wishes", "sees fit"];

/// How far after "as long as" a discretionary verb may stand (bytes).
const DISCRETION_REACH: usize = 60;

/// Words that make a figure a recurring interval ("every thirty months"): it repeats, so it
/// is never added to the figure before it.
const RECURRENCE: &[&str] = &["every", "each"];

/// Adverbs of frequency that stand for a figure.
const FREQUENCIES: &[(&str, f64)] = &[
    ("annually", DAYS_PER_YEAR),
    ("yearly", DAYS_PER_YEAR),
    ("biennially", 2.0 * DAYS_PER_YEAR),
    ("triennially", 3.0 * DAYS_PER_YEAR),
    ("quarterly", 3.0 * DAYS_PER_MONTH),
    ("monthly", DAYS_PER_MONTH),
];

/// Words that join tiers of one retention scheme into a single total.
const TIER_JOINERS: &[&str] = &["then", "thereafter", "followed by", "after which", "further", "additional"];

/// Finds the durations of a lower-cased, normalised sentence, in text order.
pub fn find(lower: &str) -> Vec<Duration> {
    let mut found = definite(lower);
    found = join_tiers(lower, found);
    for m in phrase_matcher().try_find_iter(Input::new(lower)).expect("an unanchored DFA searches any unanchored input") {
        if !on_word_boundaries(lower, m.start(), m.end()) {
            continue;
        }
        let kind = match PHRASES[m.pattern().as_usize()].1 {
            Some(kind) => kind,
            None if ends_at_discretion(lower, m.end()) => DurationKind::Indefinite,
            None => DurationKind::Vague,
        };
        insert_unless_overlapping(&mut found, Duration { kind, start: m.start(), end: m.end() });
    }
    found
}

/// Every phrase with its kind; `None` for "as long as", whose kind depends on what follows.
/// Leftmost-longest matching lets "as long as necessary" win over "as long as".
static PHRASES: std::sync::LazyLock<Vec<(&'static str, Option<DurationKind>)>> = std::sync::LazyLock::new(|| {
    let tagged = |list: &'static [&'static str], kind| list.iter().map(move |p| (*p, Some(kind)));
    let frequencies = FREQUENCIES.iter().map(|&(word, days)| (word, Some(DurationKind::Definite { hours: days * 24.0 })));
    tagged(PROMPT, DurationKind::Prompt)
        .chain(tagged(INDEFINITE, DurationKind::Indefinite))
        .chain(tagged(VAGUE, DurationKind::Vague))
        .chain(frequencies)
        .chain([("as long as", None)])
        .collect()
});

/// A DFA, not the `AhoCorasick` wrapper, whose choice of automaton at run time brings every
/// kind into the WebAssembly module (11 KB of its 300 KB budget).
fn phrase_matcher() -> &'static DFA {
    static MATCHER: OnceLock<DFA> = OnceLock::new();
    MATCHER.get_or_init(|| {
        DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(PHRASES.iter().map(|(phrase, _)| phrase))
            .expect("the built-in duration phrases form a valid automaton")
    })
}

/// Adds `candidate` in text order unless it overlaps a duration already found. `found` is
/// in text order already (figures come in order), and durations that do not overlap start
/// at different places: inserting keeps the order without a sort.
fn insert_unless_overlapping(found: &mut Vec<Duration>, candidate: Duration) {
    if !found.iter().any(|d| d.start < candidate.end && candidate.start < d.end) {
        let at = found.partition_point(|d| d.start < candidate.start);
        found.insert(at, candidate);
    }
}

fn ends_at_discretion(lower: &str, from: usize) -> bool {
    let mut to = (from + DISCRETION_REACH).min(lower.len());
    while !lower.is_char_boundary(to) {
        to -= 1;
    }
    let window = &lower[from..to];
    let before_figure = window.split(|c: char| c.is_ascii_digit()).next().unwrap_or("");
    !before_figure.contains("necessary")
        && DISCRETIONARY_END_VERBS.iter().any(|verb| find_words(before_figure, verb).next().is_some())
}

/// What every unit word of [`unit_hours`] contains: a sentence without any of them states
/// no figure, and most sentences are spared reading their words as numbers.
const UNIT_STEMS: &[&str] = &["hour", "day", "week", "month", "year"];

/// Figures with a unit: a number (digits or words, "two (2)"), optional adjectives
/// ("calendar", "working"), then hours, days, weeks, months or years.
fn definite(lower: &str) -> Vec<Duration> {
    if !UNIT_STEMS.iter().any(|stem| lower.contains(stem)) {
        return Vec::new();
    }
    let tokens: Vec<(usize, &str)> = words(lower).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match number_at(&tokens, i) {
            Some((value, after_number)) => {
                let unit_index = skip_adjectives(&tokens, after_number);
                if let Some(hours) = tokens.get(unit_index).and_then(|(_, unit)| unit_hours(unit)) {
                    let (start, _) = tokens[i];
                    let (unit_start, unit) = tokens[unit_index];
                    found.push(Duration { kind: DurationKind::Definite { hours: value * hours }, start, end: unit_start + unit.len() });
                    i = unit_index + 1;
                    continue;
                }
                i = after_number.max(i + 1);
            }
            None => i += 1,
        }
    }
    found
}

/// Parses a number starting at token `i`: digits, number words ("thirty six", "one hundred
/// and twenty"), "a"/"an" before a unit, and a parenthesised repetition in digits ("two (2)").
/// Returns the value and the index of the first token after it.
fn number_at(tokens: &[(usize, &str)], i: usize) -> Option<(f64, usize)> {
    let (_, first) = tokens[i];
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        let value = first.parse::<f64>().ok()?;
        return (value.is_finite() && first.len() <= 9).then_some((value, i + 1));
    }
    if first == "a" || first == "an" {
        return Some((1.0, i + 1));
    }
    let mut total = 0.0;
    let mut current = word_value(first)?;
    let mut j = i + 1;
    while let Some(&(_, word)) = tokens.get(j) {
        if word == "hundred" {
            current *= 100.0;
        } else if word == "and" && tokens.get(j + 1).and_then(|(_, w)| word_value(w)).is_some() {
            // "one hundred and twenty": the next word continues the number.
        } else if let Some(value) = word_value(word) {
            if value >= 100.0 {
                break;
            }
            current += value;
        } else {
            break;
        }
        j += 1;
    }
    total += current;
    // "two (2) years": skip the figure repeated in digits.
    if let Some(&(_, digits)) = tokens.get(j) {
        if digits.parse::<f64>().ok() == Some(total) {
            j += 1;
        }
    }
    Some((total, j))
}

fn word_value(word: &str) -> Option<f64> {
    const UNITS: &[&str] = &[
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];
    const TENS: &[&str] = &["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(n) = UNITS.iter().position(|&w| w == word) {
        return Some(n as f64);
    }
    TENS.iter().position(|&w| w == word).map(|n| (n as f64 + 2.0) * 10.0)
}

fn skip_adjectives(tokens: &[(usize, &str)], mut i: usize) -> usize {
    const ADJECTIVES: &[&str] =
        &["calendar", "working", "business", "consecutive", "additional", "further", "full", "more", "clear"];
    while tokens.get(i).is_some_and(|(_, w)| ADJECTIVES.contains(w)) {
        i += 1;
    }
    i
}

fn unit_hours(unit: &str) -> Option<f64> {
    let hours_per_day = 24.0;
    match unit {
        "hour" | "hours" => Some(1.0),
        "day" | "days" => Some(hours_per_day),
        "week" | "weeks" => Some(7.0 * hours_per_day),
        "month" | "months" => Some(DAYS_PER_MONTH * hours_per_day),
        "year" | "years" => Some(DAYS_PER_YEAR * hours_per_day),
        _ => None,
    }
}

/// Sums consecutive figures joined by a tier word ("seven years, then dormant for eight
/// years"): the longest stated retention is the whole scheme, not one tier of it.
fn join_tiers(lower: &str, durations: Vec<Duration>) -> Vec<Duration> {
    let mut joined: Vec<Duration> = Vec::with_capacity(durations.len());
    for next in durations {
        if let Some(last) = joined.last_mut() {
            let between = &lower[last.end..next.start];
            let recurring = RECURRENCE.iter().any(|w| between.trim_end().ends_with(w));
            let is_tier = !recurring && between.len() <= 80 && TIER_JOINERS.iter().any(|w| find_words(between, w).next().is_some());
            if let (true, Some(a), Some(b)) = (is_tier, last.hours(), next.hours()) {
                *last = Duration { kind: DurationKind::Definite { hours: a + b }, start: last.start, end: next.end };
                continue;
            }
        }
        joined.push(next);
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str) -> Vec<f64> {
        find(&text.to_ascii_lowercase()).iter().filter_map(Duration::days).collect()
    }

    fn kinds(text: &str) -> Vec<DurationKind> {
        find(&text.to_ascii_lowercase()).iter().map(|d| d.kind).collect()
    }

    #[test]
    fn figures_in_words_and_digits() {
        assert_eq!(days("kept for two (2) years"), vec![730.0]);
        assert_eq!(days("no longer than 24 months"), vec![720.0]);
        assert_eq!(days("within ninety days"), vec![90.0]);
        assert_eq!(days("within 72 hours"), vec![3.0]);
        assert_eq!(days("one year from receipt"), vec![365.0]);
        assert_eq!(days("thirty-six months"), vec![1080.0]);
        assert_eq!(days("one hundred and twenty days"), vec![120.0]);
        assert_eq!(days("an 18-month period"), vec![540.0]);
        assert_eq!(days("within 30 calendar days"), vec![30.0]);
    }

    #[test]
    fn tiers_add_up() {
        assert_eq!(days("retained for seven years, then dormant for eight years"), vec![5475.0]);
        assert_eq!(days("deleted within 30 days; reports are due in 12 months"), vec![30.0, 360.0]);
        assert_eq!(days("one year after entry into force and thereafter every thirty months"), vec![365.0, 900.0]);
    }

    #[test]
    fn frequencies_stand_for_figures() {
        assert_eq!(days("the parties shall review it annually"), vec![365.0]);
        assert_eq!(days("reports are published quarterly"), vec![90.0]);
    }

    #[test]
    fn vague_open_ended_and_prompt() {
        assert_eq!(kinds("kept as long as necessary"), vec![DurationKind::Vague]);
        assert_eq!(kinds("may be retained indefinitely"), vec![DurationKind::Indefinite]);
        assert_eq!(kinds("notify without undue delay"), vec![DurationKind::Prompt]);
        assert_eq!(kinds("reviewed from time to time"), vec![DurationKind::Vague]);
        assert_eq!(
            kinds("continue for as long as the requesting participant considers that the emergency persists"),
            vec![DurationKind::Indefinite]
        );
    }

    #[test]
    fn numbers_without_units_are_not_durations() {
        assert!(find("article 5 of the 2001 protocol").is_empty());
        assert!(find("").is_empty());
    }
}
