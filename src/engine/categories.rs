//! Which kinds of cooperation a draft is about (threat-intel, incident-response,
//! joint-investigation): detected from the pack's category concepts, or chosen by the user.

use super::analysis::{concepts_read, ConceptSet};
use super::clauses::ClauseResult;
use crate::document::Document;
use crate::rules::Profile;

/// The user's choice of categories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CategoryChoice {
    /// Detect them from the text (the default).
    #[default]
    Auto,
    /// Check only the requirements that apply to every agreement.
    None,
    /// Exactly these.
    Selected(Vec<String>),
}

/// Where a category's concept was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub category: String,
    pub selected: bool,
    /// (clause index, sentence index, byte range in the sentence's normalised text)
    pub evidence: Vec<(usize, usize, usize, usize)>,
}

/// How many pieces of evidence a detection reports (enough to explain, short to read).
const EVIDENCE_SHOWN: usize = 5;

pub fn resolve(choice: &CategoryChoice, profile: &Profile, document: &Document, clauses: &[&ClauseResult]) -> Vec<Detection> {
    match choice {
        CategoryChoice::None => Vec::new(),
        CategoryChoice::Selected(ids) => {
            sorted_once(ids).into_iter().map(|category| Detection { category, selected: true, evidence: Vec::new() }).collect()
        }
        CategoryChoice::Auto => detect(profile, document, clauses),
    }
}

/// The ids in order, each once. A caller selects a handful: inserting each in its place is
/// as quick as a sort, and spares the WebAssembly module a sort of strings.
fn sorted_once(ids: &[String]) -> Vec<String> {
    let mut sorted: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        if let Err(at) = sorted.binary_search(id) {
            sorted.insert(at, id.clone());
        }
    }
    sorted
}

fn detect(profile: &Profile, document: &Document, clauses: &[&ClauseResult]) -> Vec<Detection> {
    profile
        .categories
        .iter()
        .filter_map(|category| {
            let mut wanted = ConceptSet::new(profile.lexicon.concept_count());
            category.concepts.iter().for_each(|&c| wanted.insert(c));
            let mut sentences = 0;
            let mut evidence = Vec::new();
            for (c, (clause, result)) in document.clauses.iter().zip(clauses).enumerate() {
                if !concepts_read(clause.kind) || !result.analysis.concepts.intersects(&wanted) {
                    continue;
                }
                for (s, sentence) in result.analysis.sentences.iter().enumerate() {
                    if !sentence.present.intersects(&wanted) {
                        continue;
                    }
                    let hit = sentence.hits.concepts().iter().find(|h| category.concepts.contains(&h.concept));
                    if let Some(hit) = hit {
                        sentences += 1;
                        if evidence.len() < EVIDENCE_SHOWN {
                            evidence.push((c, s, hit.start, hit.end));
                        }
                    }
                }
            }
            (sentences >= category.min_matches).then(|| Detection { category: category.id.clone(), selected: false, evidence })
        })
        .collect()
}
