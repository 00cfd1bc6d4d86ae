//! Rule packs: the format, its compilation, overlays and inline tests.

pub mod pack;
