//! Incremental checking for editors. A session keeps the last version of the draft with the
//! result of each clause; the next version is read with [`Document::reparse`], which carries
//! unchanged clauses over, and only the clauses an edit touched are analysed and checked again.

use super::clauses::{clause_results, ClauseResult};
use super::{assemble, CheckOptions, Checker};
use crate::document::Document;
use crate::report::Report;
use std::sync::Arc;

pub struct Session {
    checker: Arc<Checker>,
    /// The last version checked, and each of its clauses' context key and result.
    last: Option<(Document, Vec<(u64, Arc<ClauseResult>)>)>,
    /// How many clauses the last update analysed afresh (for tests and benchmarks).
    last_misses: usize,
}

impl Session {
    pub fn new(checker: Arc<Checker>) -> Session {
        Session { checker, last: None, last_misses: 0 }
    }

    /// Checks the new text of the draft, reusing the results of unchanged clauses.
    pub fn update(&mut self, text: &str, options: &CheckOptions) -> Report {
        let (document, previous) = match self.last.take() {
            Some((document, results)) => {
                let (document, carried) = document.reparse(text);
                (document, Some((carried, results)))
            }
            None => (Document::parse(text), None),
        };
        let checker = &self.checker;
        let mut misses = 0;
        let results = clause_results(&document, &checker.profile.lexicon, &checker.plan, |index, context| {
            let (carried, results) = previous.as_ref()?;
            let reused = carried[index].map(|old| &results[old]).filter(|(old_context, _)| *old_context == context);
            misses += usize::from(reused.is_none());
            reused.map(|(_, result)| result.clone())
        });
        self.last_misses = if previous.is_some() { misses } else { results.len() };
        let clause_results: Vec<Arc<ClauseResult>> = results.iter().map(|(_, r)| r.clone()).collect();
        let report = assemble::report(&checker.profile, &checker.plan, &document, &clause_results, options, None);
        self.last = Some((document, results));
        report
    }

    pub fn last_misses(&self) -> usize {
        self.last_misses
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{corpus, random_edit, XorShift};

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

    #[test]
    fn after_any_edit_the_session_reports_what_a_fresh_check_does() {
        let checker = Arc::new(Checker::new("baseline", &[]).expect("baseline loads"));
        let options = CheckOptions::default();
        let mut random = XorShift::default();
        for (name, mut text) in corpus() {
            let mut session = Session::new(checker.clone());
            session.update(&text, &options);
            for step in 0..10 {
                text = random_edit(&text, &mut random);
                assert_eq!(session.update(&text, &options), checker.check(&text, &options), "{name}, edit {step}");
                assert!(session.last_misses() < Document::parse(text.as_str()).clauses.len(), "{name}, edit {step}: most clauses are reused");
            }
        }
    }
}
