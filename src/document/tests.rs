//! Whole-document tests: references in each drafting style, preamble and closing, lead-ins,
//! robustness, and every corpus document.
