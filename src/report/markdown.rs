//! (rendering to come)
