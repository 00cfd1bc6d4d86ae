//! Incremental checking for editors. A session keeps the last version of the draft with the
//! result of each clause; the next version is read with [`Document::reparse`], which carries
//! unchanged clauses over, and only the clauses that no longer read as before are analysed
//! and checked again.

use super::clauses::{clause_results, ClauseResult};
use super::{assemble, CheckOptions, Checker};
use crate::document::Document;
use crate::report::Report;
use std::sync::Arc;

pub struct Session {
    checker: Arc<Checker>,
    /// The last version checked, with its clauses' results.
    last: Option<(Document, Vec<Arc<ClauseResult>>)>,
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
                let (document, same) = document.reparse(text);
                (document, Some((same, results)))
            }
            None => (Document::parse(text), None),
        };
        let checker = &self.checker;
        let mut misses = 0;
        let results = clause_results(&document, &checker.profile.lexicon, &checker.plan, |index| {
            let (same, previous) = previous.as_ref()?;
            let reused = same[index].map(|old| previous[old].clone());
            misses += usize::from(reused.is_none());
            reused
        });
        self.last_misses = if previous.is_some() { misses } else { results.len() };
        let shared: Vec<&ClauseResult> = results.iter().map(|result| &**result).collect();
        let report = assemble::report(&checker.profile, &checker.plan, &document, &shared, options, None);
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
    use crate::testing::{corpus, random_edit, tiny_checker, XorShift};
    use crate::CategoryChoice;

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

    #[test]
    fn a_clause_is_checked_again_when_its_heading_or_lead_in_changes() {
        let checker = Arc::new(tiny_checker());
        let options = CheckOptions { categories: CategoryChoice::None };
        let headed = "Article 1 - Retention\n\nThe Parties shall delete the data after use.\n";
        let listed = "Article 1\n\n1. Each Party shall ensure that:\n(a) the data are deleted after use; and\n(b) the Parties cooperate.\n";
        for (draft, edited) in [(headed, headed.replace("Retention", "Cooperation")), (listed, listed.replace("shall ensure", "should ensure"))] {
            let mut session = Session::new(checker.clone());
            let before = session.update(draft, &options);
            let after = session.update(&edited, &options);
            assert_eq!(after, checker.check(&edited, &options), "{edited}");
            assert_ne!(before.requirements, after.requirements, "the edit changes a status: {edited}");
        }
    }
}
