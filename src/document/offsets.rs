//! (filled in by the document model work)
