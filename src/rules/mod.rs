//! Rule packs: rules are data. A pack is a TOML file (format in `pack.rs`, documented in
//! README.md) with a lexicon of concepts and requirements made of a few check types.
//! `profile.rs` resolves a base pack and its overlays into a compiled [`Profile`];
//! The engine runs the examples a pack carries and refuses a pack whose examples fail.

mod automaton;
pub mod builtin;
pub mod error;
pub mod lexicon;
pub mod pack;
pub mod prefilter;
pub mod profile;

pub use error::PackError;
pub use profile::{PackSource, Profile};
