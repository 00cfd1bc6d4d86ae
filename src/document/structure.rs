//! The structure of a draft: preamble, articles and their numbered paragraphs, list items,
//! headings, closing formulas; and the reference a reader would cite for each clause.
//!
//! One pass over the lines. Each line is first classified on its own ("Article 14 - Retention"
//! is a unit heading, "(a) ..." an item, anything else text); the pass then keeps the numbering
//! as a stack of levels, one per numbering style, so that "(2)" inside Article 14 is
//! "Art. 14(2)", "(a)" inside it "Art. 14(2)(a)", and "Article 15" starts afresh. Styles are
//! told apart by their form ("1." "(1)" "1)" "1.1") and kind (digits, letters, Roman numerals);
//! "(i)" is a letter right after "(h)" and a Roman numeral elsewhere.

mod lines;
mod numbering;
mod resume;

use super::{ClauseKind, Span};
use lines::{is_closing_start, is_recital, Line, LineKind, UnitKind, UnitLine};
use numbering::{ItemLine, Style};
use std::sync::Arc;

pub(super) use lines::title;
pub(super) use resume::{read, reread, PassRecord, Previous};

/// A clause as the structure pass finds it: where it is and how to cite it; the document
/// model adds sentences.
#[derive(Debug, Clone)]
pub(super) struct ClauseDraft {
    pub reference: String,
    pub heading: Option<Arc<str>>,
    pub kind: ClauseKind,
    /// The whole clause, number included.
    pub span: Span,
    /// The clause's text without its number: what is split into sentences.
    pub content: Span,
    /// The clause whose text introduces this one (an item's lead-in), by index.
    pub parent: Option<usize>,
}

/// Phrases that end a preamble: what follows is operative.
const OPERATIVE_MARKERS: &[&str] = &[
    "agreed as follows",
    "agree as follows",
    "have agreed upon the following",
    "have agreed on the following",
    "reached the following",
    "arrived at the following",
    "come to the following understanding",
    "have adopted this",
    "decided as follows",
    "hereby agree",
];

/// The line where the operative part starts: after "Have agreed as follows" if the draft says
/// it before its first article or numbered paragraph, else at that first article or
/// paragraph. `None` when the draft has no structure at all.
fn operative_start(source: &str, lines: &[Line]) -> Option<usize> {
    let first_unit = lines.iter().position(|l| matches!(&l.kind, LineKind::Unit(u) if u.kind != UnitKind::Preamble));
    let first_item = lines.iter().position(|l| matches!(&l.kind, LineKind::Item(i) if !i.is_bullet()));
    let structured = match (first_unit, first_item) {
        (Some(u), Some(i)) => Some(u.min(i)),
        (u, i) => u.or(i),
    };
    let marker_limit = first_unit.or(first_item).unwrap_or(0);
    let marker = lines[..marker_limit]
        .iter()
        .position(|line| OPERATIVE_MARKERS.iter().any(|m| contains_ignore_case(line.text(source), m)));
    match marker {
        Some(line) => Some(line + 1),
        None => structured,
    }
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Preamble,
    Body,
    Closing,
}

/// An article, section, annex (a unit), or a chapter or part around them (outer).
#[derive(Debug, Clone, PartialEq)]
struct Context {
    /// "Art. ", "Sec. ", "§ ", "Annex " ...
    word: &'static str,
    /// "14", "IV", "A"; may be empty ("Annex").
    number: Arc<str>,
    heading: Option<Arc<str>>,
    /// The last unnumbered paragraph directly in the unit: the lead-in of top-level items.
    text_clause: Option<usize>,
}

/// One level of the numbering stack.
#[derive(Debug, Clone, PartialEq)]
struct Level {
    style: Style,
    label: Arc<str>,
    heading: Option<Arc<str>>,
    /// The item's own text (or the paragraph attached to it), by clause index.
    text_clause: Option<usize>,
    /// The item is a heading ("(1) Agency", "7. RETENTION").
    heading_like: bool,
    /// The item's text does not end a sentence: it leads into what follows (":" or none).
    leads_on: bool,
}

/// The clause being read, extended by continuation lines until a blank line or a new item.
#[derive(Debug, Clone)]
struct Open {
    draft: ClauseDraft,
    /// The level whose text this is; `None` for text directly in the unit.
    level: Option<usize>,
    /// The last line read into it, for deciding whether a following item is really an item.
    last_line: usize,
}

struct Builder<'a> {
    source: &'a str,
    lines: &'a [Line],
    operative_start: Option<usize>,
    state: State,
    open: Option<Open>,
    drafts: Vec<ClauseDraft>,
}

/// What the pass carries from one paragraph to the next (a checkpoint keeps a copy: see
/// `resume.rs`).
#[derive(Debug, Clone, PartialEq)]
struct State {
    region: Region,
    outer: Option<Context>,
    unit: Option<Context>,
    levels: Vec<Level>,
    /// A free-standing heading ("FINAL PROVISIONS") that applies until the next unit.
    floating_heading: Option<Arc<str>>,
    /// A unit heading without a title: the next short line may be its title.
    awaiting_title: bool,
    /// Free-standing headings that take the reference of the clause after them.
    headings_without_reference: Vec<usize>,
    /// Counts unnumbered body paragraphs of a draft without any structure ("Para 3").
    plain_paragraphs: usize,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str, lines: &'a [Line], operative_start: Option<usize>) -> Self {
        let region = match operative_start {
            Some(0) | None => Region::Body,
            Some(_) => Region::Preamble,
        };
        let state = State {
            region,
            outer: None,
            unit: None,
            levels: Vec::new(),
            floating_heading: None,
            awaiting_title: false,
            headings_without_reference: Vec::new(),
            plain_paragraphs: 0,
        };
        // A clause starts on a line of text: sized once, the list of clauses is never moved.
        let most_clauses = lines.iter().filter(|line| line.kind != LineKind::Blank).count();
        Builder { source, lines, operative_start, state, open: None, drafts: Vec::with_capacity(most_clauses) }
    }

    fn line(&mut self, index: usize) {
        if Some(index) == self.operative_start && self.state.region == Region::Preamble {
            self.close_open();
            self.state.region = Region::Body;
        }
        let line = &self.lines[index];
        match &line.kind {
            LineKind::Blank => self.close_open(),
            LineKind::Unit(unit) if unit.kind == UnitKind::Preamble || self.state.region == Region::Preamble => {
                self.text(index)
            }
            LineKind::Unit(unit) => self.unit_line(index, unit),
            LineKind::Item(item) => self.item(index, item),
            LineKind::Text { .. } => self.text(index),
        }
    }

    fn finish(mut self) -> Vec<ClauseDraft> {
        self.close_open();
        let fallback = self.drafts.iter().rev().find(|d| !d.reference.is_empty()).map(|d| d.reference.clone());
        for index in std::mem::take(&mut self.state.headings_without_reference) {
            self.drafts[index].reference = fallback.clone().unwrap_or_else(|| "Heading".to_string());
        }
        self.drafts
    }

    // ----- emitting clauses -------------------------------------------------------------

    fn push(&mut self, mut draft: ClauseDraft) -> Option<usize> {
        let content = &self.source[draft.content.start..draft.content.end];
        if content.trim().is_empty() {
            return None;
        }
        let index = self.drafts.len();
        if !draft.reference.is_empty() {
            for pending in std::mem::take(&mut self.state.headings_without_reference) {
                self.drafts[pending].reference = draft.reference.clone();
            }
        } else if draft.kind == ClauseKind::Heading {
            self.state.headings_without_reference.push(index);
        } else {
            draft.reference = "Opening".to_string();
        }
        self.drafts.push(draft);
        Some(index)
    }

    fn close_open(&mut self) {
        let Some(open) = self.open.take() else { return };
        let leads_on = leads_on(&self.source[open.draft.content.start..open.draft.content.end]);
        let Some(index) = self.push(open.draft) else { return };
        match open.level {
            Some(level) => {
                if let Some(level) = self.state.levels.get_mut(level) {
                    level.text_clause = Some(index);
                    level.leads_on = leads_on;
                }
            }
            None => {
                if let Some(unit) = self.state.unit.as_mut().or(self.state.outer.as_mut()) {
                    unit.text_clause = Some(index);
                }
            }
        }
    }

    fn heading_clause(&mut self, span: Span, content: Span, reference: String, heading: Option<Arc<str>>) {
        let kind = match self.state.region {
            Region::Body => ClauseKind::Heading,
            Region::Preamble => ClauseKind::Preamble,
            Region::Closing => ClauseKind::Closing,
        };
        self.push(ClauseDraft { reference, heading, kind, span, content, parent: None });
    }

    fn open_clause(&mut self, index: usize, content_start: usize, kind: ClauseKind, reference: String, level: Option<usize>, parent: Option<usize>) {
        let line = &self.lines[index];
        let heading = if kind == ClauseKind::Body { self.current_heading() } else { None };
        self.open = Some(Open {
            draft: ClauseDraft {
                reference,
                heading,
                kind,
                span: Span::new(line.start, line.end),
                content: Span::new(content_start, line.end),
                parent,
            },
            level,
            last_line: index,
        });
    }

    fn extend_open(&mut self, index: usize) -> bool {
        let end = self.lines[index].end;
        match self.open.as_mut() {
            Some(open) => {
                open.draft.span.end = end;
                open.draft.content.end = end;
                open.last_line = index;
                true
            }
            None => false,
        }
    }

    // ----- lines ------------------------------------------------------------------------

    fn unit_line(&mut self, index: usize, unit: &UnitLine) {
        self.close_open();
        if self.state.region == Region::Closing {
            self.state.region = Region::Body;
        }
        let line = &self.lines[index];
        let title = unit.title.map(|span| heading_text(self.source, span)).filter(|t| !t.is_empty());
        let context = Context {
            word: unit.kind.reference_word(unit.symbol),
            number: unit.number.clone(),
            heading: title.clone(),
            text_clause: None,
        };
        if unit.kind.is_outer() {
            self.state.outer = Some(context);
            self.state.unit = None;
        } else {
            self.state.unit = Some(context);
        }
        self.state.levels.clear();
        self.state.floating_heading = None;
        self.state.awaiting_title = title.is_none();
        let content = unit.title.filter(|_| title.is_some()).unwrap_or(Span::new(line.start, line.end));
        let reference = self.reference();
        self.heading_clause(Span::new(line.start, line.end), content, reference, title);
    }

    fn item(&mut self, index: usize, item: &ItemLine) {
        if self.open.is_some() && !self.starts_new_item(index, item) {
            self.extend_open(index);
            return;
        }
        self.close_open();
        self.state.awaiting_title = false;
        let line = &self.lines[index];
        let kind = match self.state.region {
            Region::Preamble => Some(ClauseKind::Preamble),
            Region::Closing => Some(ClauseKind::Closing),
            Region::Body => None,
        };
        if let Some(kind) = kind {
            let reference = self.region_reference();
            self.open_clause(index, item.content_start, kind, reference, None, None);
            return;
        }
        let style = numbering::resolve(item, &self.state.levels);
        let depth = self.state.levels.iter().rposition(|l| l.style == style).unwrap_or(self.state.levels.len());
        self.state.levels.truncate(depth);
        let parent = self.nearest_text_clause();
        self.state.levels.push(Level {
            style,
            label: item.label.clone(),
            heading: None,
            text_clause: None,
            heading_like: false,
            leads_on: false,
        });
        let level = self.state.levels.len() - 1;
        let reference = self.reference();
        if let Some(title) = self.item_heading(index, item, style) {
            self.state.levels[level].heading_like = true;
            self.state.levels[level].heading = Some(title.clone());
            let content = Span::new(item.content_start, line.end);
            self.heading_clause(Span::new(line.start, line.end), content, reference, Some(title));
            return;
        }
        let text = &self.source[item.content_start..line.end];
        self.state.levels[level].heading = numbering::inline_title(text).map(Arc::from);
        self.open_clause(index, item.content_start, ClauseKind::Body, reference, Some(level), parent);
    }

    /// A numbered line right after a line of text is a new item only if the text before it
    /// could end there, or if its number is the one expected next; otherwise it is a wrapped
    /// line that happens to start with "(1)" or "2.".
    fn starts_new_item(&self, index: usize, item: &ItemLine) -> bool {
        let Some(open) = &self.open else { return true };
        let content = &self.source[open.draft.content.start..open.draft.content.end];
        let previous = self.lines[open.last_line].text(self.source).trim_end();
        if content.trim().is_empty() || item.is_bullet() {
            return true;
        }
        let ends_cleanly = previous.ends_with(['.', ':', ';', ',', '-', '—', '–'])
            || previous.ends_with(" and")
            || previous.ends_with(" or");
        ends_cleanly || index == 0 || numbering::is_expected(item, &self.state.levels)
    }

    fn text(&mut self, index: usize) {
        let line = &self.lines[index];
        let text = line.text(self.source);
        let closing_start = self.state.region != Region::Preamble && is_closing_start(text, self.is_single_line(index));
        if closing_start {
            self.close_open();
            self.state.region = Region::Closing;
        } else if self.extend_open(index) {
            return;
        }
        let content_start = line.content_start();
        match self.state.region {
            Region::Preamble => {
                let reference = self.region_reference();
                self.open_clause(index, content_start, ClauseKind::Preamble, reference, None, None);
            }
            Region::Closing => {
                let reference = self.region_reference();
                self.open_clause(index, content_start, ClauseKind::Closing, reference, None, None);
            }
            Region::Body => self.body_paragraph(index),
        }
    }

    fn body_paragraph(&mut self, index: usize) {
        let line = &self.lines[index];
        let text = line.text(self.source);
        let standalone = self.is_single_line(index);
        let span = Span::new(line.start, line.end);
        let content = Span::new(line.content_start(), line.end);
        let awaited = std::mem::take(&mut self.state.awaiting_title);
        if awaited && (lines::is_title_like(text, 12) || (standalone && lines::is_title_like(text, 40))) {
            let title = heading_text(self.source, content);
            if let Some(unit) = self.state.unit.as_mut().or(self.state.outer.as_mut()) {
                unit.heading = Some(title.clone());
            }
            let reference = self.reference();
            self.heading_clause(span, content, reference, Some(title));
            return;
        }
        if standalone && line.is_heading_candidate(self.source) && !self.leads_into_item(index) {
            let title = heading_text(self.source, content);
            self.state.floating_heading = Some(title.clone());
            self.heading_clause(span, content, String::new(), Some(title));
            return;
        }
        if self.operative_start.is_none() {
            self.unstructured_paragraph(index);
            return;
        }
        self.attach_to_open_level();
        let level = self.state.levels.len().checked_sub(1);
        let parent = match self.state.levels.last() {
            Some(top) if top.text_clause.is_some() => top.text_clause,
            Some(_) => self.nearest_text_clause_below_top(),
            None => None,
        };
        let reference = self.reference();
        self.open_clause(index, line.content_start(), ClauseKind::Body, reference, level, parent);
    }

    /// A draft without articles or numbers: recitals are preamble, the rest numbered by
    /// paragraph ("Para 1", "Para 2").
    fn unstructured_paragraph(&mut self, index: usize) {
        let line = &self.lines[index];
        let text = line.text(self.source);
        let first = self.drafts.is_empty();
        let title_like = first && (lines::is_all_caps(text) || lines::is_title_like(text, 20));
        if is_recital(text) || title_like {
            self.open_clause(index, line.content_start(), ClauseKind::Preamble, "Preamble".to_string(), None, None);
            return;
        }
        self.state.plain_paragraphs += 1;
        let reference = format!("Para {}", self.state.plain_paragraphs);
        self.open_clause(index, line.content_start(), ClauseKind::Body, reference, None, None);
    }

    /// An unnumbered paragraph after items belongs to the innermost item that is still open
    /// (a heading item, an item without text, or one whose text leads on with ":"); closed
    /// items are left, so "and any other cooperation ..." after "(e) ...;" belongs to the
    /// paragraph that lists (a) to (e).
    fn attach_to_open_level(&mut self) {
        while let Some(top) = self.state.levels.last() {
            if top.heading_like || top.text_clause.is_none() || top.leads_on {
                return;
            }
            self.state.levels.pop();
        }
    }

    /// Whether the next line is an item that continues this one's sentence ("In this
    /// section" + "(1) the term ..."): then this line is a lead-in, not a heading.
    fn leads_into_item(&self, index: usize) -> bool {
        let next = self.lines[index + 1..].iter().find(|l| !matches!(l.kind, LineKind::Blank));
        match next.map(|l| (&l.kind, l)) {
            Some((LineKind::Item(item), _)) => {
                self.source[item.content_start..].starts_with(|c: char| c.is_lowercase())
            }
            _ => false,
        }
    }

    fn is_single_line(&self, index: usize) -> bool {
        let previous_ends = index == 0 || self.open.is_none();
        let next_ends = match self.lines.get(index + 1).map(|l| &l.kind) {
            None | Some(LineKind::Blank) | Some(LineKind::Item(_)) | Some(LineKind::Unit(_)) => true,
            Some(LineKind::Text { .. }) => false,
        };
        previous_ends && next_ends
    }

    /// The title of a numbered heading item ("7. RETENTION", "(1) Agency", "(d) Effective Date
    /// of Certification."), if the item is one: short, capitalised, on its own line, and
    /// followed by text or by deeper numbering rather than by a sibling.
    fn item_heading(&self, index: usize, item: &ItemLine, style: Style) -> Option<Arc<str>> {
        let line = &self.lines[index];
        let content = Span::new(item.content_start, line.end);
        let text = &self.source[content.start..content.end];
        if text.trim().is_empty() || !self.is_single_line_item(index) || !numbering::is_heading_text(text) {
            return None;
        }
        let next = self.lines[index + 1..].iter().find(|l| !matches!(l.kind, LineKind::Blank));
        let followed_by_content = match next.map(|l| &l.kind) {
            Some(LineKind::Text { .. }) => true,
            Some(LineKind::Item(next_item)) => {
                let next_style = numbering::resolve(next_item, &self.state.levels);
                next_style != style && !self.state.levels.iter().any(|l| l.style == next_style)
            }
            _ => false,
        };
        let heading = lines::is_all_caps(text) || (followed_by_content && !self.leads_into_item(index));
        heading.then(|| heading_text(self.source, content))
    }

    fn is_single_line_item(&self, index: usize) -> bool {
        !matches!(self.lines.get(index + 1).map(|l| &l.kind), Some(LineKind::Text { .. }))
    }

    // ----- references and headings ------------------------------------------------------

    fn region_reference(&self) -> String {
        match self.state.region {
            Region::Preamble => "Preamble".to_string(),
            Region::Closing => "Closing".to_string(),
            Region::Body => self.reference(),
        }
    }

    /// The reference of the current position: "Art. 14(2)(a)", "Sec. 1.1(a)", "Para 7(a)",
    /// "§ 1503(d)(2)", "Annex B.6(a)", "(a)(1)".
    fn reference(&self) -> String {
        let context = self.state.unit.as_ref().or(self.state.outer.as_ref());
        let mut word = context.map_or("", |c| c.word);
        let mut number = context.map_or("", |c| &*c.number);
        let mut labels = self.state.levels.iter().filter(|l| !l.style.is_bullet()).peekable();
        while let Some(level) = labels.peek() {
            let continues = level.style.is_dotted() && continues_number(number, &level.label);
            let starts_paragraph = word.is_empty() && number.is_empty() && level.style.is_dot_form();
            if !(continues || starts_paragraph) {
                break;
            }
            if word.is_empty() {
                word = "Para ";
            }
            number = &level.label;
            labels.next();
        }
        let mut reference = String::with_capacity(32);
        reference.push_str(if number.is_empty() { word.trim_end() } else { word });
        reference.push_str(number);
        for level in labels {
            if number.is_empty() && !word.is_empty() && reference.len() == word.trim_end().len() {
                reference.push(' ');
            }
            reference.push('(');
            reference.push_str(&level.label);
            reference.push(')');
        }
        reference
    }

    /// The innermost heading that says something: an item's heading, then a free-standing
    /// heading, then the unit's and the chapter's. "In general" says nothing.
    fn current_heading(&self) -> Option<Arc<str>> {
        let levels = self.state.levels.iter().rev().filter_map(|l| l.heading.as_ref());
        let rest = [
            self.state.floating_heading.as_ref(),
            self.state.unit.as_ref().and_then(|u| u.heading.as_ref()),
            self.state.outer.as_ref().and_then(|u| u.heading.as_ref()),
        ];
        levels
            .chain(rest.into_iter().flatten())
            .find(|h| !is_generic_heading(h))
            .cloned()
    }

    fn nearest_text_clause(&self) -> Option<usize> {
        self.state.levels
            .iter()
            .rev()
            .find_map(|l| l.text_clause)
            .or_else(|| self.state.unit.as_ref().or(self.state.outer.as_ref()).and_then(|u| u.text_clause))
    }

    fn nearest_text_clause_below_top(&self) -> Option<usize> {
        let below = self.state.levels.len().saturating_sub(1);
        self.state.levels[..below].iter().rev().find_map(|l| l.text_clause)
    }
}

/// Whether a dotted label continues the current number ("9.1" in Article 9, "A.2" in
/// Annex A, "1.1" after "Para 1"), or starts a number where there is none ("Annex" + "3.1").
fn continues_number(number: &str, label: &str) -> bool {
    number.is_empty()
        || (label.len() > number.len() + 1
            && label.starts_with(number)
            && label.as_bytes()[number.len()] == b'.')
}

fn is_generic_heading(heading: &str) -> bool {
    let heading = heading.trim();
    ["in general", "general", "generally", "general provisions"].iter().any(|generic| heading.eq_ignore_ascii_case(generic))
}

/// Whether clause text leads into what follows rather than ending or closing a list item:
/// it ends with a colon, a dash or a word, not with a full stop, question or exclamation
/// mark, semicolon or comma.
fn leads_on(text: &str) -> bool {
    let trimmed = text.trim_end().trim_end_matches(['*', '_']);
    !trimmed.ends_with(['.', '!', '?', ';', ','])
}

/// Heading text as shown: whitespace collapsed, Markdown emphasis and trailing full stops,
/// colons and dashes removed. Shared: every clause under a heading carries it.
fn heading_text(source: &str, span: Span) -> Arc<str> {
    let normalized;
    let text = match super::normalize::unchanged(source, span) {
        Some(text) => text,
        None => {
            normalized = super::normalize::normalize(source, span).text;
            normalized.as_str()
        }
    };
    Arc::from(text.trim_matches(|c: char| c == '*' || c == '_' || c == '#' || c.is_whitespace())
        .trim_end_matches(['.', ':', '-', ' ']))
}

#[cfg(test)]
mod tests;
