//! Language features of one sentence, independent of any rule: how binding it is
//! ([`modality`]), what it negates or carves out, and which durations it states
//! ([`duration`]). The evaluator combines these with a pack's concepts.

pub mod duration;
pub mod modality;
pub mod words;

pub use duration::{Duration, DurationKind};
pub use modality::{Modality, ModalityMarkers};

/// Everything the rules need to know about a sentence besides its concepts.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceFeatures {
    pub markers: ModalityMarkers,
    pub durations: Vec<Duration>,
}

/// Analyses one normalised sentence (see `document::Sentence::text`), lower-cased with
/// `to_ascii_lowercase` (offsets stay those of the sentence).
pub fn analyze(lower: &str) -> SentenceFeatures {
    SentenceFeatures { markers: ModalityMarkers::find(lower), durations: duration::find(lower) }
}
