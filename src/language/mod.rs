//! Language features of one sentence, independent of any rule: how binding it is
//! ([`modality`]), what it negates or carves out, and which durations it states
//! ([`duration`]). The evaluator combines these with a pack's concepts.

pub mod duration;
pub mod modality;
pub mod words;

pub use duration::{Duration, DurationKind};
pub use modality::{Modality, ModalityMarkers};
