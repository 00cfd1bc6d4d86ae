//! Structure tests live in the document tests (they need sentences and lead-ins).
