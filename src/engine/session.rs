//! Incremental checking for editors: the analysis of each clause is cached by the clause's
//! content, so after an edit only the changed clauses are analysed again.

use super::analysis::{clause_key, ClauseAnalysis};
use super::{assemble, CheckOptions, Checker};
use crate::document::Document;
use crate::report::Report;
use std::collections::HashMap;
use std::sync::Arc;

pub struct Session {
    checker: Arc<Checker>,
    cache: HashMap<u64, Arc<ClauseAnalysis>>,
    /// How many clauses the last update analysed afresh (for tests and benchmarks).
    last_misses: usize,
}

impl Session {
    pub fn new(checker: Arc<Checker>) -> Session {
        Session { checker, cache: HashMap::new(), last_misses: 0 }
    }

    /// Checks the new text of the draft, reusing the analysis of unchanged clauses. The
    /// cache keeps only the clauses of this version, so it never outgrows the draft.
    pub fn update(&mut self, text: &str, options: &CheckOptions) -> Report {
        let document = Document::parse(text);
        let lexicon = &self.checker.profile.lexicon;
        let mut fresh = HashMap::with_capacity(document.clauses.len());
        let mut misses = 0;
        let analyses: Vec<Arc<ClauseAnalysis>> = document
            .clauses
            .iter()
            .map(|clause| {
                let key = clause_key(clause);
                let analysis = self.cache.remove(&key).or_else(|| fresh.get(&key).cloned()).unwrap_or_else(|| {
                    misses += 1;
                    Arc::new(ClauseAnalysis::analyze(clause, lexicon))
                });
                fresh.insert(key, analysis.clone());
                analysis
            })
            .collect();
        self.cache = fresh;
        self.last_misses = misses;
        assemble::report(&self.checker.profile, &document, &analyses, options, None)
    }

    pub fn last_misses(&self) -> usize {
        self.last_misses
    }
}
