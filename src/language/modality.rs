//! Modality: how binding a sentence is at a given point.
//!
//! Treaty language states obligations with a handful of modal constructions ("shall",
//! "undertakes to", "is required to"), prohibitions with their negations ("shall not",
//! "no Party shall"), permissions with "may", and hedges with "should", "endeavour" or
//! qualifiers like "where practicable". A sentence can mix them ("shall delete ... and may
//! keep ..."), so modality is asked *at a position*: the modal that governs that position
//! is the nearest one before it (or, failing that, the first one after it).

use serde::Serialize;

/// How binding the language at some point of a sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// "shall", "must", "undertakes to", "is required to", "agrees to", binding "will".
    Obligation,
    /// "shall not", "may not", "is prohibited", "no Party shall".
    Prohibition,
    /// A plain statement of fact or rule ("This Agreement applies to ...", "data are deleted").
    Declarative,
    /// "may", "is entitled to", "at its discretion".
    Permission,
    /// "should", "endeavour", "reasonable efforts", "where practicable", "as appropriate".
    Hedged,
    /// Preamble and recitals: aspirations, not obligations.
    Aspiration,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Obligation => "obligation",
            Modality::Prohibition => "prohibition",
            Modality::Declarative => "declarative",
            Modality::Permission => "permission",
            Modality::Hedged => "hedged",
            Modality::Aspiration => "aspiration",
        }
    }

    /// Binding language: what meets a requirement.
    pub fn is_binding(self) -> bool {
        matches!(self, Modality::Obligation | Modality::Prohibition | Modality::Declarative)
    }
}

/// What kind of signal a marker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// A modal verb phrase that governs what follows it.
    Modal(Modality),
    /// A qualifier that softens the sentence ("where practicable").
    Hedge,
    /// A plain negation ("not", "no", "never").
    Negation,
    /// An exception or carve-out ("unless", "notwithstanding", "subject to").
    Exception,
    /// Unilateral discretion ("at its discretion", "as it considers appropriate").
    Discretion,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    pub start: usize,
    pub end: usize,
}

/// The modality markers of one sentence, in text order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModalityMarkers {
    pub markers: Vec<Marker>,
}

/// Phrases, lower-case, in priority order: where two overlap, the earlier-listed (longer,
/// more specific) one wins ("shall not" before "shall", "will endeavour" before "will").
const PHRASES: &[(&str, MarkerKind)] = {
    use MarkerKind::*;
    use Modality::*;
    &[
        // Prohibitions.
        ("shall not", Modal(Prohibition)),
        ("shall neither", Modal(Prohibition)),
        ("shall in no case", Modal(Prohibition)),
        ("shall under no circumstances", Modal(Prohibition)),
        ("shall in no event", Modal(Prohibition)),
        ("must not", Modal(Prohibition)),
        ("may not", Modal(Prohibition)),
        ("will not", Modal(Prohibition)),
        ("cannot", Modal(Prohibition)),
        ("can not", Modal(Prohibition)),
        ("is prohibited", Modal(Prohibition)),
        ("are prohibited", Modal(Prohibition)),
        ("be prohibited", Modal(Prohibition)),
        ("prohibited from", Modal(Prohibition)),
        ("is not permitted", Modal(Prohibition)),
        ("are not permitted", Modal(Prohibition)),
        ("is not allowed", Modal(Prohibition)),
        ("are not allowed", Modal(Prohibition)),
        ("is forbidden", Modal(Prohibition)),
        ("are forbidden", Modal(Prohibition)),
        ("shall refrain from", Modal(Prohibition)),
        ("in no case", Modal(Prohibition)),
        ("under no circumstances", Modal(Prohibition)),
        // Hedged modals: soft commitments even when they contain "shall" or "will".
        ("shall endeavour", Modal(Hedged)),
        ("shall endeavor", Modal(Hedged)),
        ("will endeavour", Modal(Hedged)),
        ("will endeavor", Modal(Hedged)),
        ("shall seek to", Modal(Hedged)),
        ("will seek to", Modal(Hedged)),
        ("shall strive", Modal(Hedged)),
        ("will strive", Modal(Hedged)),
        ("shall make every effort", Modal(Hedged)),
        ("shall use reasonable efforts", Modal(Hedged)),
        ("shall use best efforts", Modal(Hedged)),
        ("shall use its best efforts", Modal(Hedged)),
        ("shall use their best efforts", Modal(Hedged)),
        ("should", Modal(Hedged)),
        ("ought to", Modal(Hedged)),
        ("endeavour", Modal(Hedged)),
        ("endeavours", Modal(Hedged)),
        ("endeavor", Modal(Hedged)),
        ("endeavors", Modal(Hedged)),
        ("intend to", Modal(Hedged)),
        ("intends to", Modal(Hedged)),
        ("seek to", Modal(Hedged)),
        ("seeks to", Modal(Hedged)),
        ("aim to", Modal(Hedged)),
        ("aims to", Modal(Hedged)),
        ("strive to", Modal(Hedged)),
        ("strives to", Modal(Hedged)),
        ("are encouraged to", Modal(Hedged)),
        ("is encouraged to", Modal(Hedged)),
        ("reasonable efforts", Modal(Hedged)),
        ("best efforts", Modal(Hedged)),
        ("every effort", Modal(Hedged)),
        // Obligations.
        ("shall", Modal(Obligation)),
        ("must", Modal(Obligation)),
        ("undertake to", Modal(Obligation)),
        ("undertakes to", Modal(Obligation)),
        ("undertake that", Modal(Obligation)),
        ("undertakes that", Modal(Obligation)),
        ("is required to", Modal(Obligation)),
        ("are required to", Modal(Obligation)),
        ("be required to", Modal(Obligation)),
        ("is obliged to", Modal(Obligation)),
        ("are obliged to", Modal(Obligation)),
        ("is obligated to", Modal(Obligation)),
        ("are obligated to", Modal(Obligation)),
        ("is bound to", Modal(Obligation)),
        ("are bound to", Modal(Obligation)),
        ("agree to", Modal(Obligation)),
        ("agrees to", Modal(Obligation)),
        ("commit to", Modal(Obligation)),
        ("commits to", Modal(Obligation)),
        ("are committed to", Modal(Obligation)),
        ("is committed to", Modal(Obligation)),
        ("will", Modal(Obligation)),
        // Permissions.
        ("may", Modal(Permission)),
        ("can", Modal(Permission)),
        ("is entitled to", Modal(Permission)),
        ("are entitled to", Modal(Permission)),
        ("is permitted to", Modal(Permission)),
        ("are permitted to", Modal(Permission)),
        ("is authorised to", Modal(Permission)),
        ("are authorised to", Modal(Permission)),
        ("is authorized to", Modal(Permission)),
        ("are authorized to", Modal(Permission)),
        ("is free to", Modal(Permission)),
        ("are free to", Modal(Permission)),
        // Qualifiers that soften whatever they stand in.
        ("where practicable", Hedge),
        ("where possible", Hedge),
        ("wherever possible", Hedge),
        ("where appropriate", Hedge),
        ("where feasible", Hedge),
        ("when possible", Hedge),
        ("when practicable", Hedge),
        ("when appropriate", Hedge),
        ("if possible", Hedge),
        ("if practicable", Hedge),
        ("if appropriate", Hedge),
        ("if necessary", Hedge),
        ("as far as possible", Hedge),
        ("as far as practicable", Hedge),
        ("insofar as possible", Hedge),
        ("in so far as possible", Hedge),
        ("to the extent possible", Hedge),
        ("to the extent practicable", Hedge),
        ("to the extent feasible", Hedge),
        ("to the extent appropriate", Hedge),
        ("to the greatest extent possible", Hedge),
        ("to the maximum extent possible", Hedge),
        ("to the extent reasonably practicable", Hedge),
        ("as appropriate", Hedge),
        ("in principle", Hedge),
        ("in general", Hedge),
        ("as a general rule", Hedge),
        // Exceptions and carve-outs.
        ("except", Exception),
        ("except where", Exception),
        ("except as", Exception),
        ("unless", Exception),
        ("notwithstanding", Exception),
        ("subject to", Exception),
        ("without prejudice to", Exception),
        ("save as", Exception),
        ("save where", Exception),
        ("save that", Exception),
        ("other than", Exception),
        // Unilateral discretion.
        ("at its discretion", Discretion),
        ("at its sole discretion", Discretion),
        ("at their discretion", Discretion),
        ("in its discretion", Discretion),
        ("in its sole discretion", Discretion),
        ("at its own discretion", Discretion),
        ("as it considers appropriate", Discretion),
        ("as it deems appropriate", Discretion),
        ("as it sees fit", Discretion),
        ("considers", Discretion),
        ("deems", Discretion),
        ("decides", Discretion),
        ("determines", Discretion),
        // Negations.
        ("not", Negation),
        ("no", Negation),
        ("never", Negation),
        ("neither", Negation),
        ("nor", Negation),
        ("none", Negation),
    ]
};

/// The phrases, in priority order. The lexicon finds them in its pass over each sentence
/// (`rules::lexicon`): one walk of one automaton reads a sentence for its concepts and its
/// modality.
pub fn phrases() -> impl Iterator<Item = &'static str> {
    PHRASES.iter().map(|&(phrase, _)| phrase)
}

/// Words that introduce examples: a qualifier inside an example list ("including, where
/// appropriate, encryption") softens only that example, not the obligation.
const EXAMPLE_LEADS: &[&str] = &["including", "such as", "in particular", "for example", "e.g."];

/// How far before a qualifier an example lead may stand and still own it (bytes).
const EXAMPLE_LEAD_REACH: usize = 24;

impl ModalityMarkers {
    /// The markers of a lower-cased, normalised sentence, from the occurrences of the
    /// [`phrases`] on word boundaries in it, as (phrase index, start, end): where two
    /// overlap, the phrase of higher priority wins.
    pub fn from_phrases(lower: &str, occurrences: impl Iterator<Item = (usize, usize, usize)>) -> ModalityMarkers {
        let marker = |(priority, start, end): (usize, usize, usize)| (priority, Marker { kind: PHRASES[priority].1, start, end });
        let mut candidates: Vec<(usize, Marker)> = occurrences.map(marker).collect();
        candidates.sort_by_key(|&(priority, m)| (priority, m.start));
        let mut markers: Vec<Marker> = Vec::with_capacity(candidates.len());
        for (_, candidate) in candidates {
            if !markers.iter().any(|m| m.start < candidate.end && candidate.start < m.end) {
                markers.push(candidate);
            }
        }
        mark_no_party_shall(lower, &mut markers);
        markers.retain(|m| m.kind != MarkerKind::Hedge || !inside_example(lower, m.start));
        markers.sort_by_key(|m| (m.start, m.end));
        ModalityMarkers { markers }
    }

    /// The modal verb phrase that governs byte `pos`: the nearest before it, or failing
    /// that the first after it. `None` when the sentence has no modal.
    fn governing(&self, pos: usize) -> Option<Modality> {
        let modals = || {
            self.markers.iter().filter_map(|m| match m.kind {
                MarkerKind::Modal(modality) => Some((m.start, modality)),
                _ => None,
            })
        };
        let before = modals().rfind(|&(start, _)| start <= pos);
        before.or_else(|| modals().next()).map(|(_, m)| m)
    }

    /// The modality at byte `pos` of the sentence: its governing modal, softened to hedged
    /// by any qualifier in the sentence ("where practicable, ... shall not ...").
    pub fn modality_at(&self, pos: usize) -> Modality {
        let hedged = self.markers.iter().any(|m| m.kind == MarkerKind::Hedge);
        match self.governing(pos) {
            _ if hedged => Modality::Hedged,
            Some(m) => m,
            None => Modality::Declarative,
        }
    }

    /// True when the text just before `pos` negates it ("not ... for any purpose", "no
    /// Party shall"), or a prohibition governs it.
    pub fn negates(&self, pos: usize) -> bool {
        const REACH: usize = 40;
        let negated_nearby = self.markers.iter().any(|m| {
            m.kind == MarkerKind::Negation && m.end <= pos && pos - m.end <= REACH
        });
        negated_nearby || self.governing(pos) == Some(Modality::Prohibition)
    }

    fn has(&self, kind: MarkerKind) -> bool {
        self.markers.iter().any(|m| m.kind == kind)
    }

    /// An exception that hands the matter back to one Party's discretion ("unless the
    /// receiving Party considers ...", "except as it deems appropriate"): it swallows the rule.
    pub fn discretionary_exception(&self) -> bool {
        self.has(MarkerKind::Exception) && self.has(MarkerKind::Discretion)
    }
}

/// "No Party shall", "Neither Participant may", "no personal data shall": a negated subject
/// turns the modal that follows it into a prohibition. Near the modal, or anywhere before
/// it when the sentence opens with the negation ("No decision producing legal effects, or
/// similarly significant effects, concerning a person shall be based solely on ...").
fn mark_no_party_shall(lower: &str, markers: &mut [Marker]) {
    const REACH: usize = 60;
    let negated_subjects: Vec<(usize, bool)> = markers
        .iter()
        .filter(|m| m.kind == MarkerKind::Negation && matches!(&lower[m.start..m.end], "no" | "neither"))
        .map(|m| (m.end, opens_sentence(lower, m.start)))
        .collect();
    for (subject_end, opening) in negated_subjects {
        let next_modal = markers.iter_mut().find(|m| m.start >= subject_end && matches!(m.kind, MarkerKind::Modal(_)));
        if let Some(modal) = next_modal {
            let between = &lower[subject_end..modal.start];
            let close = modal.start - subject_end <= REACH && !between.contains(',');
            let plain = matches!(modal.kind, MarkerKind::Modal(Modality::Obligation | Modality::Permission));
            if plain && (close || opening) {
                modal.kind = MarkerKind::Modal(Modality::Prohibition);
            }
        }
    }
}

/// True when only list numbering ("(a)", "2.", "3.1") or an introductory phrase closed by a
/// comma ("Where practicable, no ...") stands before byte `at`.
fn opens_sentence(lower: &str, at: usize) -> bool {
    let before = &lower[..at];
    let is_label = |token: &str| token.chars().all(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | '.')) || token.len() <= 4 && token.starts_with('(');
    before.split_whitespace().all(is_label) || before.trim_end().ends_with(',')
}

fn inside_example(lower: &str, hedge_start: usize) -> bool {
    let from = floor_char_boundary(lower, hedge_start.saturating_sub(EXAMPLE_LEAD_REACH));
    let window = &lower[from..hedge_start];
    EXAMPLE_LEADS.iter().any(|lead| window.contains(lead))
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::lexicon::Lexicon;

    /// The markers as a check sees them: from the phrases the lexicon's pass finds.
    fn markers(lower: &str) -> ModalityMarkers {
        let lexicon = Lexicon::new(Vec::new()).expect("an empty lexicon");
        ModalityMarkers::from_phrases(lower, lexicon.find(lower).modality_phrases())
    }

    fn modality(sentence: &str, at_word: &str) -> Modality {
        let lower = sentence.to_ascii_lowercase();
        let pos = lower.find(at_word).expect("word in sentence");
        markers(&lower).modality_at(pos)
    }

    #[test]
    fn binding_obligations() {
        assert_eq!(modality("Personal data shall be deleted after two years.", "deleted"), Modality::Obligation);
        assert_eq!(modality("The Parties undertake to delete the data.", "delete"), Modality::Obligation);
        assert_eq!(modality("Each Party is required to keep records.", "records"), Modality::Obligation);
    }

    #[test]
    fn prohibitions_and_negated_subjects() {
        assert_eq!(modality("Data shall not be retained for more than two years.", "retained"), Modality::Prohibition);
        assert_eq!(modality("No Party shall transfer the data to a third State.", "transfer"), Modality::Prohibition);
        assert_eq!(modality("Neither Participant may disclose it.", "disclose"), Modality::Prohibition);
        assert_eq!(modality("Processing is prohibited.", "processing"), Modality::Prohibition);
        let long = "No decision producing legal effects, or similarly significant effects, concerning a person shall be based solely on automated processing.";
        assert_eq!(modality(long, "automated"), Modality::Prohibition);
        let later = "The data are kept, and no other authority, however constituted, shall receive them.";
        assert_eq!(modality(later, "receive"), Modality::Obligation, "a negation inside the sentence reaches only nearby");
    }

    #[test]
    fn hedges_soften_obligations() {
        assert_eq!(modality("The Parties should delete the data.", "delete"), Modality::Hedged);
        assert_eq!(modality("The Parties shall, where practicable, delete the data.", "delete"), Modality::Hedged);
        assert_eq!(modality("The Parties shall endeavour to delete the data.", "delete"), Modality::Hedged);
        assert_eq!(modality("Data shall be corrected as appropriate.", "corrected"), Modality::Hedged);
    }

    #[test]
    fn a_qualifier_inside_an_example_list_does_not_soften() {
        let s = "Each Party shall apply security measures, including, where appropriate, encryption.";
        assert_eq!(modality(s, "security"), Modality::Obligation);
    }

    #[test]
    fn the_nearest_preceding_modal_governs() {
        let s = "The receiving Party shall delete the data and may keep statistics.";
        assert_eq!(modality(s, "delete"), Modality::Obligation);
        assert_eq!(modality(s, "statistics"), Modality::Permission);
    }

    #[test]
    fn statements_without_modals_are_declarative() {
        assert_eq!(modality("This Agreement applies to threat information.", "applies"), Modality::Declarative);
    }

    #[test]
    fn phrases_inside_words_are_no_markers() {
        assert_eq!(markers("they notify the maynard office of cannonades").markers, vec![]);
        let found = markers("they may not notify");
        assert_eq!(found.markers, vec![Marker { kind: MarkerKind::Modal(Modality::Prohibition), start: 5, end: 12 }]);
    }

    #[test]
    fn negation_and_discretion() {
        let lower = "information shall not be used for any purpose other than those specified.";
        let m = markers(lower);
        assert!(m.negates(lower.find("any purpose").unwrap()));
        let lower = "data shall be deleted after one year unless the receiving party considers it useful.";
        assert!(markers(lower).discretionary_exception());
    }
}
