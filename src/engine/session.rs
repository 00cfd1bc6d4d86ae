//! Incremental checking for editors: the analysis and findings of each clause are cached by
//! the clause's content, so after an edit only the changed clauses are checked again.

use super::clauses::{clause_results, ClauseResult};
use super::{assemble, CheckOptions, Checker};
use crate::document::Document;
use crate::report::Report;
use std::collections::HashMap;
use std::sync::Arc;

pub struct Session {
    checker: Arc<Checker>,
    cache: HashMap<u64, Arc<ClauseResult>>,
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
        let mut hits = 0;
        let checker = &self.checker;
        let analysed = clause_results(&document, &checker.profile.lexicon, &checker.plan, |key| {
            let cached = self.cache.get(&key).cloned();
            hits += usize::from(cached.is_some());
            cached
        });
        self.last_misses = analysed.len() - hits;
        self.cache = analysed.iter().cloned().collect();
        let results: Vec<Arc<ClauseResult>> = analysed.into_iter().map(|(_, r)| r).collect();
        assemble::report(&checker.profile, &checker.plan, &document, &results, options, None)
    }

    pub fn last_misses(&self) -> usize {
        self.last_misses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str = "Article 1\n\nPersonal data shall be kept for no longer than two years.\n\nArticle 2\n\nThe Parties shall designate contact points.\n";

    #[test]
    fn an_edit_reanalyses_only_the_changed_clause() {
        let checker = Arc::new(Checker::new("baseline", &[]).expect("baseline loads"));
        let options = CheckOptions::default();
        let mut session = Session::new(checker.clone());
        let first = session.update(DRAFT, &options);
        assert!(session.last_misses() >= 2);
        let edited = DRAFT.replace("two years", "nine years");
        let second = session.update(&edited, &options);
        assert_eq!(session.last_misses(), 1, "only the edited clause is analysed again");
        assert_eq!(second, checker.check(&edited, &options), "the cached result equals a fresh check");
        assert_ne!(first.requirements, second.requirements);
    }
}
