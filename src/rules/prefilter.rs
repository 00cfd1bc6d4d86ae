//! Literal prefilters for a pack's regular expressions.
//!
//! regex-lite guarantees linear time but has no literal optimisations, so running every
//! pattern of a profile over every sentence would be slow. Most patterns, though, cannot
//! match unless one of a few literal words occurs ("(use|used|processed) ... only for"
//! needs "use", "used" or "processed"). [`required_literals`] finds such a set by reading
//! the pattern; the lexicon scans for all of them with one automaton and runs a pattern
//! only on sentences where one of its literals occurs. A pattern with no safe set always
//! runs: the prefilter may only skip work, never change a result.

/// Shortest literal worth filtering on: anything shorter occurs in nearly every sentence.
const MIN_LITERAL: usize = 3;

/// Words that most sentences of an agreement hold and that no pattern needs as a leading
/// literal or a tail: a gate or reach step with one of them prunes next to nothing, and
/// the lexicon would record each of their occurrences for it (per check of the 1 MB text,
/// 7,490 "of" and 4,865 "and"). They are left out; the next reach step counts its gap from
/// the step before. Measured: leaving out "the", "in", "to" or "be" as well costs more
/// regex tries than it saves (they stay literals for other uses, and prune well in reach
/// steps); "this" saves as many instructions in the walk as the regex tries it adds.
const COMMON_WORDS: [&str; 2] = ["of", "and"];

/// Whether a set of literals can tell sentences apart: its literals are long enough and
/// none is a common word (see [`COMMON_WORDS`]).
fn prunes<T: AsRef<str>>(set: &[T], least: usize) -> bool {
    shortest(set) >= least && !set.iter().any(|l| COMMON_WORDS.contains(&l.as_ref()))
}

/// A literal that a match contains, and whether the pattern puts a word boundary (`\b`,
/// `\s`, `\W` or a space) right before or after it: then an occurrence inside a longer word
/// ("all" in "shall", "use" in "because") cannot be the one the match contains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub text: String,
    pub bounded_before: bool,
    pub bounded_after: bool,
}

/// Every set of literals that a pattern's top-level sequence requires: a match contains one
/// literal of *each* set ("(use|used) ... (only|solely)" needs a "use" and an "only"), so a
/// sentence that lacks any set cannot match. `None` when no set can be read off safely.
pub fn required_sets(pattern: &str) -> Option<Vec<Vec<Literal>>> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut parser = Parser { chars: &chars, pos: 0 };
    let sets = parser.top_level()?;
    let selective: Vec<Vec<Literal>> = sets
        .into_iter()
        .filter(|set| prunes(set, MIN_LITERAL))
        .map(|set| set.into_iter().map(Piece::into_literal).collect())
        .collect();
    (parser.pos == chars.len() && !selective.is_empty()).then_some(selective)
}

/// What stands on one side of a literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// A word boundary, whatever the context.
    Bounded,
    /// Anything, or nothing known.
    Open,
    /// The edge of the group the literal was read in: the group's context decides.
    Edge,
}

/// A literal while the pattern is read: its sides may still depend on the enclosing group.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    text: String,
    before: Side,
    after: Side,
}

impl Piece {
    /// The literal once its context is known. A boundary counts only beside a word
    /// character: what stands beside punctuation says nothing about words.
    fn into_literal(self) -> Literal {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        Literal {
            bounded_before: self.before == Side::Bounded && word(self.text.chars().next()),
            bounded_after: self.after == Side::Bounded && word(self.text.chars().last()),
            text: self.text,
        }
    }

    /// Settles the sides left to the context: `before`/`after` are what stands beside the
    /// group in its own sequence (`None`: the sequence's edge).
    fn in_context(self, before: Option<Side>, after: Option<Side>) -> Piece {
        let settle = |side: Side, context: Option<Side>| match side {
            Side::Edge => context.unwrap_or(Side::Edge),
            side => side,
        };
        Piece { before: settle(self.before, before), after: settle(self.after, after), text: self.text }
    }

    /// A literal of a group that is repeated: its neighbours may be its own repetitions.
    fn repeated(self) -> Piece {
        let open = |side: Side| if side == Side::Edge { Side::Open } else { side };
        Piece { before: open(self.before), after: open(self.after), text: self.text }
    }
}

impl AsRef<str> for Piece {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// The length in characters of a set's shortest literal.
fn shortest<T: AsRef<str>>(set: &[T]) -> usize {
    set.iter().map(|l| l.as_ref().chars().count()).min().unwrap_or(0)
}

/// One element of a concatenation, with what it matches first and last: a word boundary
/// (`\b`, `\s`, `\W`, a space) or anything.
struct Element {
    kind: Kind,
    starts_bounded: bool,
    ends_bounded: bool,
    /// It may match nothing at all (`?`, `*`, `{0,n}`).
    optional: bool,
}

enum Kind {
    /// A literal character.
    Char(char),
    /// A group that requires one of these literals.
    Set(Vec<Piece>),
    /// Anything else: a class, a wildcard, an assertion, a group without literals.
    Other,
}

impl Element {
    fn new(kind: Kind, bounded: bool) -> Element {
        Element { kind, starts_bounded: bounded, ends_bounded: bounded, optional: false }
    }
}

/// A sequence's required pieces, and whether whatever it matches starts and ends with a
/// word boundary.
struct Sequence {
    pieces: Vec<Vec<Piece>>,
    starts_bounded: bool,
    ends_bounded: bool,
}

/// A group: one literal of `set` is in every match (when there is such a set).
struct Group {
    set: Option<Vec<Piece>>,
    starts_bounded: bool,
    ends_bounded: bool,
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// The whole pattern: the required pieces of its sequence when it has one branch, or the
    /// union of every branch's best piece when it has several. A match may start and end
    /// anywhere, so what stands at the pattern's edges is open.
    fn top_level(&mut self) -> Option<Vec<Vec<Piece>>> {
        let open = |set: Vec<Piece>| set.into_iter().map(|p| p.in_context(Some(Side::Open), Some(Side::Open))).collect();
        let first = self.concatenation_pieces()?.pieces;
        if self.peek() != Some('|') {
            return Some(first.into_iter().map(open).collect());
        }
        let mut union: Vec<Piece> = best_piece(first)?;
        while self.peek() == Some('|') {
            self.pos += 1;
            union.extend(best_piece(self.concatenation_pieces()?.pieces)?);
        }
        Some(vec![open(union)])
    }

    /// `a|b|c` up to a closing parenthesis or the end: every branch needs a set, and the
    /// alternation needs their union; it is bounded at an edge when every branch is.
    fn alternation(&mut self) -> Option<Group> {
        let mut group = Group { set: Some(Vec::new()), starts_bounded: true, ends_bounded: true };
        loop {
            let branch = self.concatenation_pieces()?;
            group.starts_bounded &= branch.starts_bounded;
            group.ends_bounded &= branch.ends_bounded;
            group.set = match (group.set, best_piece(branch.pieces)) {
                (Some(mut all), Some(set)) => {
                    all.extend(set);
                    Some(all)
                }
                _ => None,
            };
            match self.peek() {
                Some('|') => self.pos += 1,
                _ => {
                    group.set = group.set.filter(|u| !u.is_empty());
                    return Some(group);
                }
            }
        }
    }

    /// Every required piece of a sequence of elements.
    fn concatenation_pieces(&mut self) -> Option<Sequence> {
        let mut elements: Vec<Element> = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let mut element = self.atom()?;
            match self.quantifier() {
                Quantifier::Once => elements.push(element),
                Quantifier::Optional => {
                    element.kind = Kind::Other;
                    element.optional = true;
                    elements.push(element);
                }
                // "s+" contains one "s" but is not followed by what follows the atom.
                Quantifier::Repeated => {
                    let literal_char = matches!(element.kind, Kind::Char(_));
                    if let Kind::Set(set) = element.kind {
                        element.kind = Kind::Set(set.into_iter().map(Piece::repeated).collect());
                    }
                    elements.push(element);
                    if literal_char {
                        elements.push(Element::new(Kind::Other, false));
                    }
                }
            }
        }
        let starts_bounded = side_through(elements.iter(), |e| e.starts_bounded) == Some(Side::Bounded);
        let ends_bounded = side_through(elements.iter().rev(), |e| e.ends_bounded) == Some(Side::Bounded);
        Some(Sequence { pieces: required_pieces(&elements), starts_bounded, ends_bounded })
    }

    /// Reads one atom. Returns `None` only for syntax this reader does not follow.
    fn atom(&mut self) -> Option<Element> {
        let c = self.peek()?;
        self.pos += 1;
        Some(match c {
            '(' => {
                self.skip_group_flags();
                let group = self.alternation()?;
                if self.peek() != Some(')') {
                    return None;
                }
                self.pos += 1;
                let kind = group.set.map_or(Kind::Other, Kind::Set);
                Element { kind, starts_bounded: group.starts_bounded, ends_bounded: group.ends_bounded, optional: false }
            }
            '[' => {
                self.skip_class()?;
                Element::new(Kind::Other, false)
            }
            '.' | '^' | '$' => Element::new(Kind::Other, false),
            '\\' => {
                let escaped = self.peek()?;
                self.pos += 1;
                match escaped {
                    'b' | 's' | 'W' | '<' | '>' => Element::new(Kind::Other, true),
                    c if c.is_ascii_alphanumeric() => Element::new(Kind::Other, false),
                    c => Element::new(Kind::Char(c.to_ascii_lowercase()), false),
                }
            }
            ' ' => Element::new(Kind::Char(' '), true),
            c => Element::new(Kind::Char(c.to_ascii_lowercase()), false),
        })
    }

    /// Consumes a quantifier, if any, and says what it does to the atom.
    fn quantifier(&mut self) -> Quantifier {
        let quantifier = match self.peek() {
            Some('?') | Some('*') => {
                self.pos += 1;
                Quantifier::Optional
            }
            Some('+') => {
                self.pos += 1;
                Quantifier::Repeated
            }
            Some('{') => {
                let start = self.pos + 1;
                let Some(close) = self.chars[start..].iter().position(|&c| c == '}') else { return Quantifier::Once };
                let body: String = self.chars[start..start + close].iter().collect();
                self.pos = start + close + 1;
                match body.split(',').next().and_then(|n| n.trim().parse::<usize>().ok()) {
                    None | Some(0) => Quantifier::Optional,
                    Some(_) => Quantifier::Repeated,
                }
            }
            _ => return Quantifier::Once,
        };
        if self.peek() == Some('?') {
            self.pos += 1;
        }
        quantifier
    }

    fn skip_group_flags(&mut self) {
        if self.peek() == Some('?') {
            while let Some(c) = self.peek() {
                self.pos += 1;
                if c == ':' || c == ')' {
                    if c == ')' {
                        self.pos -= 1;
                    }
                    break;
                }
            }
        }
    }

    fn skip_class(&mut self) -> Option<()> {
        if self.peek() == Some(']') {
            self.pos += 1;
        }
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                '\\' => self.pos += 1,
                ']' => return Some(()),
                _ => {}
            }
        }
        None
    }
}

/// The piece whose shortest member is longest: the most selective one.
fn best_piece(pieces: Vec<Vec<Piece>>) -> Option<Vec<Piece>> {
    pieces.into_iter().max_by_key(|set| shortest(set))
}

/// How often a quantifier lets its atom occur.
enum Quantifier {
    Once,
    /// `?`, `*`, `{0,n}`: maybe not at all.
    Optional,
    /// `+`, `{n,m}` with n at least 1: at least once, maybe more.
    Repeated,
}

/// Joins adjacent characters into literals: each literal run and each required set is a
/// piece that every match contains. Each literal learns what stands beside it.
fn required_pieces(elements: &[Element]) -> Vec<Vec<Piece>> {
    let before = |i: usize| side_through(elements[..i].iter().rev(), |e| e.ends_bounded);
    let after = |i: usize| side_through(elements[i + 1..].iter(), |e| e.starts_bounded);
    let mut candidates: Vec<Vec<Piece>> = Vec::new();
    let mut run = String::new();
    let mut run_start = 0;
    for (i, element) in elements.iter().enumerate() {
        if let Kind::Char(c) = element.kind {
            if run.is_empty() {
                run_start = i;
            }
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            candidates.push(vec![run_piece(std::mem::take(&mut run), before(run_start), after(i - 1))]);
        }
        if let Kind::Set(set) = &element.kind {
            candidates.push(set.iter().cloned().map(|p| p.in_context(before(i), after(i))).collect());
        }
    }
    if !run.is_empty() {
        candidates.push(vec![run_piece(run, before(run_start), None)]);
    }
    // A member that is only spacing guarantees nothing: drop its whole set.
    candidates.into_iter().filter(|set| set.iter().all(|l| !l.text.trim().is_empty())).collect()
}

/// What a literal sees through `elements`, nearest first, `near_edge` being the edge of an
/// element that faces the literal: a boundary when the nearest element that must match has
/// one there and every optional element before it too; `None` when all of them may be
/// absent (the sequence's own context decides).
fn side_through<'a>(elements: impl Iterator<Item = &'a Element>, near_edge: impl Fn(&Element) -> bool) -> Option<Side> {
    for element in elements {
        if !near_edge(element) {
            return Some(Side::Open);
        }
        if !element.optional {
            return Some(Side::Bounded);
        }
    }
    None
}

/// A literal run, trimmed of its spacing (which then bounds it).
fn run_piece(run: String, before: Option<Side>, after: Option<Side>) -> Piece {
    let side = |spaced: bool, context: Option<Side>| if spaced { Side::Bounded } else { context.unwrap_or(Side::Edge) };
    Piece {
        before: side(run.starts_with(' '), before),
        after: side(run.ends_with(' '), after),
        text: run.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The literals of each required set.
    fn texts(pattern: &str) -> Option<Vec<Vec<String>>> {
        Some(required_sets(pattern)?.into_iter().map(|set| set.into_iter().map(|l| l.text).collect()).collect())
    }

    /// The most selective required set, sorted.
    fn literals(pattern: &str) -> Option<Vec<String>> {
        let mut best = texts(pattern)?.into_iter().max_by_key(|set| set.iter().map(|l| l.len()).min().unwrap_or(0))?;
        best.sort();
        Some(best)
    }

    /// Each required literal with the boundaries it needs: `<` before, `>` after.
    fn bounded(pattern: &str) -> Vec<String> {
        let sets = required_sets(pattern).unwrap_or_default();
        let show = |l: &Literal| format!("{}{}{}", if l.bounded_before { "<" } else { "" }, l.text, if l.bounded_after { ">" } else { "" });
        sets.iter().flatten().map(show).collect()
    }

    #[test]
    fn every_required_piece_is_kept() {
        let sets = texts(r"\b(use|used)\s+(\w+\s+){0,6}(only|solely)\s+for\b").unwrap();
        assert_eq!(sets, vec![vec!["use".to_string(), "used".into()], vec!["only".into(), "solely".into()], vec!["for".into()]]);
        assert_eq!(texts(r"(alpha|beta\w+)|gamma").unwrap(), vec![vec!["alpha".to_string(), "beta".into(), "gamma".into()]]);
    }

    #[test]
    fn reads_words_and_alternations() {
        assert_eq!(literals(r"\bretain\w*\b"), Some(vec!["retain".into()]));
        assert_eq!(literals(r"\b(use|used|processed)\s+(\w+\s+){0,6}(only|solely)\s+for\b"), Some(vec!["only".into(), "solely".into()]), "the most selective piece");
        assert_eq!(literals(r"authori[sz]ation\s+of"), Some(vec!["authori".into()]));
    }

    #[test]
    fn optional_pieces_are_not_required() {
        assert_eq!(literals(r"(prior\s+)?consent"), Some(vec!["consent".into()]));
        assert_eq!(literals(r"colou?r"), Some(vec!["colo".into()]));
        assert_eq!(literals(r"\b(a|an)\b"), None, "too short to filter on");
    }

    #[test]
    fn common_words_make_no_set() {
        assert_eq!(texts(r"\bnationals\s+of\s+(both|either)\s+and\b").unwrap(), vec![vec!["nationals".to_string()], vec!["both".into(), "either".into()]]);
        assert_eq!(texts(r"\bwithdrawal\s+from\s+(such|and)\b").unwrap(), vec![vec!["withdrawal".to_string()], vec!["from".into()]], "a set with a common word");
        assert_eq!(texts(r"\b(and|of)\b"), None, "nothing else to filter on");
    }

    #[test]
    fn a_repeated_character_ends_its_literal() {
        assert_eq!(texts(r"bas+ket"), Some(vec![vec!["bas".to_string()], vec!["ket".into()]]));
        assert_eq!(texts(r"abc{2}def"), Some(vec![vec!["abc".to_string()], vec!["def".into()]]));
    }

    #[test]
    fn a_branch_without_literals_disables_the_filter() {
        assert_eq!(literals(r"notify|\w+"), None);
        assert_eq!(literals(r".{0,40}"), None);
    }

    #[test]
    fn literals_know_the_word_boundaries_around_them() {
        assert_eq!(bounded(r"\bshare\w*\s+(\w+\s+){0,3}(any|all)\s+data\b"), ["<share", "<any>", "<all>", "<data>"]);
        assert_eq!(bounded(r"\b(notif\w*|inform\w*)\b"), ["<notif", "<inform"]);
        assert_eq!(bounded(r"(prior\s+)?consent of the"), ["consent of the"], "open on both sides, spaces inside");
        assert_eq!(bounded(r"\b(a|the)\s+(security|safety)(\s+incident|\s+breach)"), ["<security>", "<safety>", "<incident", "<breach"]);
        assert_eq!(bounded(r"(\s+all\s+)+only"), ["<all>", "<only"]);
        assert_eq!(bounded(r"share\w*(\w+\s+){0,3}(any)"), ["share", "any"], "optional pieces all the way back to an open one");
        assert_eq!(bounded(r"data|\binformation\b"), ["data", "<information>"]);
        assert_eq!(bounded(r"\b-?identif"), ["identif"], "an optional piece opens the side");
        assert_eq!(bounded(r"\s(\.com)\s"), [".com>"], "a boundary counts only beside a word character");
        assert_eq!(bounded(r"\<data\>"), ["<data>"], "word start and end are boundaries, not characters");
        assert_eq!(super::leading_literals(r"\<data"), None, "nor characters a match opens with");
    }

    #[test]
    fn the_filter_agrees_with_the_regex() {
        let patterns = [r"\b(use|used)\s+(\w+\s+){0,3}only\s+for\b", r"(prior\s+)?(written\s+)?consent\s+of\s+the", r"\bde-?identif\w+", r"\s+(any|all)\s+data"];
        let texts = ["data used only for that", "prior consent of the party", "it was de-identified", "deidentified", "nothing here", "shall keep all data", "a call data"];
        for pattern in patterns {
            let regex = regex_lite::Regex::new(&format!("(?i){pattern}")).unwrap();
            let sets = required_sets(pattern).expect("literal sets");
            for text in texts {
                let Some(m) = regex.find(text) else { continue };
                for set in &sets {
                    let found = set.iter().any(|l| {
                        text.match_indices(l.text.as_str()).any(|(at, _)| {
                            let word = |i: Option<usize>| i.and_then(|i| text.as_bytes().get(i)).is_some_and(|b| b.is_ascii_alphanumeric());
                            at >= m.start() && (!l.bounded_before || !word(at.checked_sub(1))) && (!l.bounded_after || !word(Some(at + l.text.len())))
                        })
                    });
                    assert!(found, "{pattern} matched {text:?} without {set:?}");
                }
            }
        }
    }
}

/// Literals one of which every match of `pattern` *starts* with, when the pattern opens
/// (after optional `\b`) with a literal run or a group of alternatives that each open with
/// one. The lexicon then tries the pattern anchored at each occurrence of those literals
/// instead of scanning the whole sentence. `None` when the pattern does not open so.
pub fn leading_literals(pattern: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = pattern.chars().collect();
    let syntax = structure(&chars);
    if syntax.iter().any(|&(_, c, depth)| c == '|' && depth == 0) {
        return None;
    }
    let mut start = 0;
    while chars.get(start..start + 2) == Some(&['\\', 'b']) {
        start += 2;
    }
    if chars.get(start) != Some(&'(') {
        return Some(vec![leading_run(&chars[start..])?]);
    }
    let &(close, _, _) = syntax.iter().find(|&&(i, c, depth)| i > start && c == ')' && depth == 0)?;
    if matches!(chars.get(close + 1), Some('?' | '*' | '{')) {
        return None;
    }
    let mut inner = start + 1;
    if chars.get(inner) == Some(&'?') {
        inner += chars[inner..close].iter().position(|&c| c == ':')? + 1;
    }
    let bars = syntax.iter().filter(|&&(_, c, depth)| c == '|' && depth == 1).map(|&(i, _, _)| i);
    branch_runs(&chars, inner..close, bars)
}

/// The literal run each branch of a group's content (`range`, split at those of `bars`
/// inside it) opens with; `None` if one opens with none.
fn branch_runs(chars: &[char], range: std::ops::Range<usize>, bars: impl Iterator<Item = usize>) -> Option<Vec<String>> {
    let mut from = range.start;
    bars.filter(|i| range.contains(i))
        .chain([range.end])
        .map(|end| {
            let branch = &chars[from..end];
            from = end + 1;
            leading_run(branch)
        })
        .collect()
}

/// A pattern's [`tail`] and its [`reach`] steps, read off its top-level sequence once.
/// `has_leading_literals`: the lexicon tries the pattern only where they occur.
pub fn tail_and_reach(pattern: &str, has_leading_literals: bool) -> (Option<Tail>, Vec<Step>) {
    let chars: Vec<char> = pattern.chars().collect();
    match top_level(&chars) {
        Some((reader, atoms)) => (tail(&reader, &atoms, has_leading_literals), reach(&reader, &atoms)),
        None => (None, Vec::new()),
    }
}

/// A suffix of a pattern that every match ends with, and that opens with literals: a match
/// of the whole pattern that starts at `s` holds a match of the suffix that starts at or
/// after `s`, at an occurrence of one of `literals`. Where the lexicon finds no such match in
/// a sentence, the pattern need not be tried there (see `Lexicon::tail_start`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tail {
    pub source: String,
    pub literals: Vec<String>,
    /// The suffix follows a word boundary (`\b`, `\s`, `\W` or a space, at least once): an
    /// occurrence of a literal opening with a word character right after another one is
    /// not where it starts.
    pub bounded_before: bool,
    /// When the suffix reads nothing but ASCII word characters and whitespace, and the
    /// pattern has no `$` or `\z`: the most runs of whitespace its match touches. A match
    /// of the pattern then ends before any other character, or before a further run, after
    /// the suffix's last start (see `Lexicon::search_end`).
    pub runs: Option<usize>,
    /// See [`Window`].
    pub window: Option<Window>,
    /// Whether the lexicon tries the suffix before the pattern: a suffix after a window is
    /// selective and spares a costly try; one after a few words mostly matches where its
    /// pattern is a candidate (measured), and serves only to split the pattern.
    pub gates: bool,
}

/// A pattern tried at its leading literals that reads `head`, then a greedy window of at
/// most `most` characters (`.{0,most}`) or words (`(\w+\s+){0,most}`), then its [`Tail`]
/// (with nothing but `\b` in between). A match of the pattern follows the head's preferred
/// match (the one the head alone finds) when the rest can follow it, and then is that
/// match, then the tail's match at the latest place in the window where the tail matches
/// (the window is greedy): the lexicon finds it with short runs at the tail's literals
/// instead of one run that keeps a thread alive per place in the window. Where the rest
/// cannot follow, another way through the head might end elsewhere, unless
/// `head_ends_once`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub head: String,
    pub most: usize,
    pub reads: Reads,
    /// The head reads only ASCII word characters and ends with `\b`: every match of it
    /// from a start ends at the end of the word it starts in.
    pub head_ends_once: bool,
}

/// What a [`Window`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// `.{0,most}`: it may end anywhere within `most` characters (and before a line break).
    Characters,
    /// `(\w+\s+){0,most}`: it ends after each of the next `most` words of ASCII word
    /// characters and their whitespace (a tail that opens with no whitespace takes none of it).
    Words,
}

/// The longest suffix that begins at a group or a literal run after the pattern's first
/// element (and the literal run it opens) or, when the pattern is tried only where it
/// starts (at the start, or at its leading literals), after its first window (or, tried at
/// its leading literals, a gap of words that it splits at: see [`Window`]), and opens
/// with literals of [`MIN_LITERAL`] characters or more (a shorter one stands in most words);
/// `None` when the pattern has
/// no such suffix, or uses syntax that this reader does not follow (flags, which a suffix
/// would lose; escapes with arguments; nested classes), where a split could change what
/// the suffix means.
fn tail(reader: &Atoms, atoms: &[Atom], has_leading_literals: bool) -> Option<Tail> {
    let chars = reader.chars;
    // A pattern tried only at its leading literals (or at the start) costs little per try
    // unless a window keeps many of its threads alive: only a suffix after a window pays.
    let anchored = chars.first() == Some(&'^') || has_leading_literals;
    let head = match anchored {
        true => (0..atoms.len()).find(|&i| atoms[i].window || (has_leading_literals && word_gap(reader, atoms, i).is_some()))?,
        false => atoms.iter().position(|atom| atom.kind != AtomKind::Assertion)?,
    };
    let after_words = anchored && !atoms[head].window;
    let ends_anywhere = chars.contains(&'$') || chars.windows(2).any(|pair| pair == ['\\', 'z']);
    let tail = atoms.windows(2).enumerate().skip(head).find_map(|(index, pair)| {
        let (previous, atom) = (&pair[0], &pair[1]);
        let (literals, bounded_before) = reader.opening_literals(previous, atom).filter(|(set, _)| shortest(set) >= MIN_LITERAL)?;
        let runs = (!ends_anywhere && reads_words(&chars[atom.start..], true)).then(|| sum_runs(&atoms[index + 1..])).flatten();
        let source: String = chars[atom.start..].iter().collect();
        let window = if has_leading_literals { window_before(reader, atoms, head, index + 1, (&literals, bounded_before)) } else { None };
        Some(Tail { bounded_before, literals, source, runs, window, gates: !after_words })
    });
    tail.filter(|tail| !after_words || tail.window.is_some())
}

/// The [`Window`] of a pattern whose first window is `atoms[window]` and whose tail opens at
/// `atoms[tail]` with `literals` (`bounded_before`: the tail's), when the pattern has that
/// shape.
fn window_before(reader: &Atoms, atoms: &[Atom], window: usize, tail: usize, (literals, bounded_before): (&[String], bool)) -> Option<Window> {
    let chars = reader.chars;
    let is_boundary = |atom: &Atom| chars.get(atom.start..atom.start + 2) == Some(&['\\', 'b']) && atom.once;
    let start = atoms[window].start;
    let (reads, most) = match word_gap(reader, atoms, window) {
        Some(most) => (Reads::Words, most),
        None => (Reads::Characters, greedy_dots(reader, atoms, window)?),
    };
    // Whitespace opening the tail could be the last word's: the gap would end in two places.
    let opens_with_space = literals.iter().any(|l| l.starts_with(is_space));
    let between = &atoms[window + 1..tail];
    let plain_gap = between.iter().all(is_boundary) && (between.is_empty() || bounded_before);
    let head_ends_once = window.checked_sub(1).is_some_and(|last| is_boundary(&atoms[last])) && reads_words(&chars[..start], false);
    (plain_gap && !(reads == Reads::Words && opens_with_space)).then(|| Window { head: chars[..start].iter().collect(), most, reads, head_ends_once })
}

/// The quantifier of `atoms[index]`, up to the next atom.
fn quantifier_of<'a>(reader: &Atoms<'a>, atoms: &[Atom], index: usize, body_end: usize) -> &'a [char] {
    let end = atoms.get(index + 1).map_or(reader.chars.len(), |next| next.start);
    &reader.chars[body_end.min(end)..end]
}

/// `most` when `atoms[index]` is a greedy `.{0,most}`.
fn greedy_dots(reader: &Atoms, atoms: &[Atom], index: usize) -> Option<usize> {
    let start = atoms[index].start;
    let quantifier = quantifier_of(reader, atoms, index, start + 1);
    let greedy = quantifier.first() == Some(&'{') && quantifier.last() == Some(&'}');
    match repetitions(quantifier)? {
        (0, Some(most)) if reader.chars[start] == '.' && greedy => Some(most),
        _ => None,
    }
}

/// `most` when `atoms[index]` is a greedy `(\w+\s+){0,most}` (or `(\w+\s+)?`, at most one).
fn word_gap(reader: &Atoms, atoms: &[Atom], index: usize) -> Option<usize> {
    let start = atoms[index].start;
    let chars = &reader.chars[start..];
    let body = ["(\\w+\\s+)", "(?:\\w+\\s+)"].into_iter().find(|body| chars.iter().take(body.len()).copied().eq(body.chars()))?;
    let quantifier = quantifier_of(reader, atoms, index, start + body.len());
    let greedy = quantifier == ['?'] || (quantifier.first() == Some(&'{') && quantifier.last() == Some(&'}'));
    match repetitions(quantifier)? {
        (0, Some(most)) if greedy => Some(most),
        _ => None,
    }
}

/// Whether a piece of pattern matches ASCII word characters (and whitespace, if `spaces`)
/// only: literal word characters, `\w`, `\d`, `\s`, classes of word characters,
/// word-boundary assertions, groups and quantifiers. Cautious: anything else counts as
/// another character.
fn reads_words(chars: &[char], spaces: bool) -> bool {
    let word = |c: &char| c.is_ascii_alphanumeric() || *c == '_';
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i = match c {
            '\\' if matches!(chars.get(i + 1), Some('w' | 'd' | 'b' | 'B')) => i + 2,
            '\\' if spaces && chars.get(i + 1) == Some(&'s') => i + 2,
            '[' => match class_end(chars, i) {
                Some(end) if chars[i + 1..end - 1].iter().all(word) => end,
                _ => return false,
            },
            '(' if chars.get(i + 1) == Some(&'?') => match chars.get(i + 2) {
                Some(':') => i + 3,
                _ => return false,
            },
            '{' => match chars[i..].iter().position(|&c| c == '}') {
                Some(close) if chars[i + 1..i + close].iter().all(|c| c.is_ascii_digit() || *c == ',') => i + close + 1,
                _ => return false,
            },
            '(' | ')' | '|' | '?' | '*' | '+' => i + 1,
            c if word(&c) => i + 1,
            _ => return false,
        };
    }
    true
}

/// A pattern's reader and its top-level sequence; `None` for a top-level alternation or
/// flags (which a part of the pattern would lose), or syntax the reader does not follow.
fn top_level(chars: &[char]) -> Option<(Atoms<'_>, Vec<Atom>)> {
    let syntax = structure(chars);
    let flags = syntax.iter().any(|&(i, c, _)| c == '(' && chars.get(i + 1) == Some(&'?') && chars.get(i + 2) != Some(&':'));
    if flags || syntax.iter().any(|&(_, c, depth)| c == '|' && depth == 0) {
        return None;
    }
    let bars = syntax.iter().filter(|&&(_, c, _)| c == '|').map(|&(i, _, depth)| (i, depth)).collect();
    let reader = Atoms { chars, closing: closing_parens(&syntax, chars.len()), bars };
    let atoms = reader.read(0..chars.len(), 0)?;
    Some((reader, atoms))
}

/// Literals one of which every match of a pattern holds, and the most runs of whitespace
/// that can stand before it since the previous step's literal, or since the match's start
/// for the first step (see [`reach`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub literals: Vec<String>,
    pub gap: usize,
    /// The literal follows a word boundary (as in [`Tail`]).
    pub bounded_before: bool,
    /// A word boundary follows the literal: it is the whole of what its element matches,
    /// and the next element starts with a boundary ("part" in "(act|part)\s+" is not the
    /// one in "parties").
    pub bounded_after: bool,
}

/// For a pattern tried only where it may start (at its leading literals, or at the start of
/// the sentence), the literals its matches hold further on, in order, each with how far
/// from the previous one it stands at most, counted in runs of whitespace: a match of
/// `(share|provide)\w*\s+(\w+\s+){0,3}(any|all)\s+data` holds an "any" or "all" after at most
/// four runs, and a "data" one run after that. A try where the steps' literals do not stand
/// so cannot succeed; the lexicon checks that in its literal table, for next to nothing,
/// instead of running the expression (about a microsecond, as much for a try that fails
/// after a few words as for one that succeeds).
///
/// A run of whitespace in the text must be touched by an element that may match
/// whitespace: `\s` and spaces, however repeated, touch one run; `.`, `\W`, `\D` and classes
/// that may hold whitespace one per repetition; groups the most of their branches, times
/// their repetitions. Steps stop at the first unbounded element. Empty where the pattern
/// has no such step, or uses syntax this reader does not follow.
fn reach(reader: &Atoms, atoms: &[Atom]) -> Vec<Step> {
    let Some(head) = atoms.iter().position(|atom| atom.kind != AtomKind::Assertion) else { return Vec::new() };
    let mut steps = Vec::new();
    let mut runs = sum_runs(&atoms[..=head]);
    for (index, pair) in atoms.windows(2).enumerate().skip(head) {
        let (previous, atom) = (&pair[0], &pair[1]);
        let Some(gap) = runs else { break };
        // Two letters are enough at a word start: the lexicon need not record them inside words.
        let selective = |(set, bounded_before): &(Vec<String>, bool)| prunes(set, if *bounded_before { 2 } else { MIN_LITERAL });
        let step = atom.required.then(|| reader.opening_literals(previous, atom)).flatten().filter(selective);
        let since = match step {
            Some((literals, bounded_before)) => {
                // A boundary after a literal ending in punctuation stands before a word.
                let ends_with_word = literals.iter().all(|l| l.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
                let bounded_after = ends_with_word && reader.is_whole_literal(&atoms[index + 1..]);
                steps.push(Step { literals, gap, bounded_before, bounded_after });
                0
            }
            None => gap,
        };
        runs = atom.runs.and_then(|more| since.checked_add(more));
    }
    steps
}

/// One element of a pattern's top-level sequence, with its quantifier.
struct Atom {
    start: usize,
    kind: AtomKind,
    /// It matches a word boundary or non-word characters at least once, so whatever follows
    /// stands after a boundary.
    ends_bounded: bool,
    /// A wildcard or class repeated three times or more (`.{0,80}`, `[^,]{1,80}`): a regular
    /// expression keeps a thread alive for each place it may end. (A few repeated words,
    /// `(\w+\s+){0,3}`, keep few alive: measured, a tail after them costs more than it saves.)
    window: bool,
    /// It matches at least once.
    required: bool,
    /// It matches exactly once.
    once: bool,
    /// Whatever precedes it stands before a word boundary: it is a required `\b`, or
    /// character that is no word character.
    starts_bounded: bool,
    /// The most runs of whitespace its match can touch (see [`reach`]); `None`: no bound.
    runs: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtomKind {
    Group,
    Literal,
    Assertion,
    Other,
}

/// A pattern, per opening parenthesis the index of the one that closes it, and where its
/// `|` stand (index, group depth).
struct Atoms<'a> {
    chars: &'a [char],
    closing: Vec<Option<usize>>,
    bars: Vec<(usize, usize)>,
}

impl Atoms<'_> {
    /// The elements of the sequence in `range`, at group depth `depth`; `None` for syntax
    /// whose extent this reader cannot tell for sure.
    fn read(&self, range: std::ops::Range<usize>, depth: usize) -> Option<Vec<Atom>> {
        let chars = &self.chars[..range.end];
        let mut atoms = Vec::new();
        let mut i = range.start;
        while let Some(&c) = chars.get(i) {
            let start = i;
            let (kind, bounded, spacing) = match c {
                '(' => {
                    let close = (*self.closing.get(i)?)?;
                    let inner = self.group_content(i);
                    i = close + 1;
                    let (bounded, runs) = self.group(inner..close, depth + 1);
                    (AtomKind::Group, bounded, Spacing::Runs(runs))
                }
                '[' => {
                    let end = class_end(chars, i)?;
                    let spacing = if class_may_hold_space(&chars[i + 1..end - 1]) { Spacing::Runs(Some(1)) } else { Spacing::None };
                    i = end;
                    (AtomKind::Other, false, spacing)
                }
                '\\' => {
                    let escaped = *chars.get(i + 1)?;
                    i += 2;
                    match escaped {
                        'b' | 'B' | 'A' | 'z' | '<' | '>' => (AtomKind::Assertion, escaped == 'b', Spacing::None),
                        's' => (AtomKind::Other, true, Spacing::Only),
                        'W' => (AtomKind::Other, true, Spacing::Runs(Some(1))),
                        'D' => (AtomKind::Other, false, Spacing::Runs(Some(1))),
                        'S' | 'w' | 'd' => (AtomKind::Other, false, Spacing::None),
                        c if c.is_ascii_alphanumeric() => return None,
                        c => (AtomKind::Literal, false, Spacing::of_char(c)),
                    }
                }
                '^' | '$' => {
                    i += 1;
                    (AtomKind::Assertion, false, Spacing::None)
                }
                '.' => {
                    i += 1;
                    (AtomKind::Other, false, Spacing::Runs(Some(1)))
                }
                ')' | '|' | '?' | '*' | '+' | '{' => return None,
                c => {
                    i += 1;
                    (AtomKind::Literal, c == ' ', Spacing::of_char(c))
                }
            };
            let quantifier_start = i;
            i = quantifier_end(chars, i)?;
            let (least, most) = repetitions(&chars[quantifier_start..i])?;
            let window = matches!(c, '[' | '.') && most.is_none_or(|most| most >= 3);
            let starts_bounded = bounded && least >= 1 && kind != AtomKind::Group;
            // An atom that may be absent leaves what precedes it in its place.
            let bounded = bounded && (least >= 1 || atoms.last().is_some_and(|a: &Atom| a.ends_bounded));
            let runs = spacing.runs(most);
            let once = least == 1 && most == Some(1);
            atoms.push(Atom { start, kind, ends_bounded: bounded, window, required: least >= 1, once, starts_bounded, runs });
        }
        Some(atoms)
    }

    /// The literals one of which opens every match of a top-level atom and what follows it
    /// (see [`leading_literals`]).
    fn leading(&self, atom: &Atom) -> Option<Vec<String>> {
        if atom.kind == AtomKind::Literal {
            return Some(vec![leading_run(&self.chars[atom.start..])?]);
        }
        let close = (*self.closing.get(atom.start)?)?;
        if matches!(self.chars.get(close + 1), Some('?' | '*' | '{')) {
            return None;
        }
        let inner = self.group_content(atom.start);
        let bars = self.bars.iter().filter(|&&(_, depth)| depth == 1).map(|&(i, _)| i);
        branch_runs(self.chars, inner..close, bars)
    }

    /// The literals one of which opens every match of `atom` when it opens a group or a
    /// literal run, and whether they stand after a word boundary (`previous` ends with one,
    /// and they open with a word character).
    fn opening_literals(&self, previous: &Atom, atom: &Atom) -> Option<(Vec<String>, bool)> {
        let opens = atom.kind == AtomKind::Group || (atom.kind == AtomKind::Literal && previous.kind != AtomKind::Literal);
        if !opens {
            return None;
        }
        let literals = self.leading(atom)?;
        let starts_with_word = literals.iter().all(|l| l.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
        Some((literals, previous.ends_bounded && starts_with_word))
    }

    /// Whether the first of a sequence of top-level `atoms`, a group of plain words or a run
    /// of literal characters, is matched by its literals alone, with a word boundary after it.
    fn is_whole_literal(&self, atoms: &[Atom]) -> bool {
        let Some(first) = atoms.first().filter(|atom| atom.once) else { return false };
        let plain = |atoms: &[Atom]| atoms.iter().all(|atom| atom.kind == AtomKind::Literal && atom.once);
        let (whole, after) = match first.kind {
            AtomKind::Group => {
                let Some(close) = self.closing.get(first.start).copied().flatten() else { return false };
                let mut branches = self.branches(self.group_content(first.start)..close, 1);
                (branches.all(|branch| branch.is_some_and(|atoms| plain(&atoms))), atoms.get(1))
            }
            _ => {
                let run = atoms.iter().take_while(|atom| atom.kind == AtomKind::Literal).count();
                (plain(&atoms[..run]), atoms.get(run))
            }
        };
        whole && after.is_some_and(|atom| atom.starts_bounded)
    }

    /// Where the content of the group opened at `open` starts (after `(?:` or `(`).
    fn group_content(&self, open: usize) -> usize {
        if self.chars.get(open + 1..open + 3) == Some(&['?', ':']) { open + 3 } else { open + 1 }
    }

    /// What a group's content (`range`, at `depth`) tells of the group, its branches read once
    /// for both: whether every branch ends with a word boundary, and the most runs of
    /// whitespace a match can touch, that of its widest branch (`None`: no bound, or a
    /// branch this reader cannot read).
    fn group(&self, range: std::ops::Range<usize>, depth: usize) -> (bool, Option<usize>) {
        let branches: Vec<Option<Vec<Atom>>> = self.branches(range, depth).collect();
        let ends_bounded = branches.iter().all(|atoms| atoms.as_ref().and_then(|atoms| atoms.last()).is_some_and(|a| a.ends_bounded));
        let most_runs = branches.iter().try_fold(0, |most, atoms| Some(most.max(sum_runs(atoms.as_ref()?)?)));
        (ends_bounded, most_runs)
    }

    /// The branches of a group's content (`range`, split at its `|` at `depth`), each read.
    fn branches(&self, range: std::ops::Range<usize>, depth: usize) -> impl Iterator<Item = Option<Vec<Atom>>> + '_ {
        let (mut from, end) = (range.start, range.end);
        let bars = self.bars.iter().filter(move |&&(i, d)| d == depth && range.contains(&i)).map(|&(i, _)| i);
        bars.chain([end]).map(move |end| {
            let branch = from..end;
            from = end + 1;
            self.read(branch, depth)
        })
    }
}

/// The most runs of whitespace a sequence's match can touch.
fn sum_runs(atoms: &[Atom]) -> Option<usize> {
    atoms.iter().try_fold(0usize, |sum, atom| sum.checked_add(atom.runs?))
}

/// What whitespace one match of an atom, unrepeated, can hold.
#[derive(Clone, Copy)]
enum Spacing {
    /// None at all (`\w`, `\S`, a letter).
    None,
    /// Whitespace only (`\s`, a space): repeated, it still stays within one run.
    Only,
    /// At most this many runs (`None`: no bound); repeated, as many more.
    Runs(Option<usize>),
}

impl Spacing {
    fn of_char(c: char) -> Spacing {
        if is_space(c) { Spacing::Only } else { Spacing::None }
    }

    /// The most runs the atom touches when repeated at most `most` times (`None`: no bound).
    fn runs(self, most: Option<usize>) -> Option<usize> {
        match self {
            Spacing::None => Some(0),
            Spacing::Only => Some(1),
            Spacing::Runs(Some(0)) => Some(0),
            Spacing::Runs(per_match) => per_match?.checked_mul(most?),
        }
    }
}

/// The whitespace of regex-lite's `\s` (ASCII only): what a run of whitespace is made of.
pub fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ')
}

/// Whether a class (its content, without the brackets) may match whitespace. Cautious: a
/// negated class, an escape other than a word, digit or punctuation one, or a character up
/// to the space (which a range may start from) counts as whitespace.
fn class_may_hold_space(content: &[char]) -> bool {
    if content.first() == Some(&'^') {
        return true;
    }
    let mut chars = content.iter();
    while let Some(&c) = chars.next() {
        let spacing = match c {
            '\\' => chars.next().is_none_or(|&e| !matches!(e, 'w' | 'd' | 'S') && e.is_ascii_alphanumeric() || e == ' '),
            c => c <= ' ',
        };
        if spacing {
            return true;
        }
    }
    false
}

/// Per character, the index of the parenthesis that closes the one it opens.
fn closing_parens(syntax: &[(usize, char, usize)], len: usize) -> Vec<Option<usize>> {
    let mut closing = vec![None; len];
    let mut open = Vec::new();
    for &(i, c, _) in syntax {
        match c {
            '(' => open.push(i),
            ')' => {
                if let Some(start) = open.pop() {
                    closing[start] = Some(i);
                }
            }
            _ => {}
        }
    }
    closing
}

/// How often a quantifier lets its atom occur: at least, and at most (`None`: no bound).
/// No quantifier: exactly once. `None` for a quantifier this reader cannot read.
fn repetitions(quantifier: &[char]) -> Option<(usize, Option<usize>)> {
    match quantifier.first() {
        None => Some((1, Some(1))),
        Some('?') => Some((0, Some(1))),
        Some('*') => Some((0, None)),
        Some('+') => Some((1, None)),
        _ => {
            let body: String = quantifier.iter().skip(1).take_while(|&&c| c != '}').collect();
            let number = |text: &str| text.trim().parse::<usize>().ok();
            match body.split_once(',') {
                None => number(&body).map(|n| (n, Some(n))),
                Some((least, most)) => {
                    let least = if least.trim().is_empty() { 0 } else { number(least)? };
                    Some((least, if most.trim().is_empty() { None } else { Some(number(most)?) }))
                }
            }
        }
    }
}

/// The index after the class that opens at `open`; `None` for a nested class.
fn class_end(chars: &[char], open: usize) -> Option<usize> {
    let mut i = open + 1;
    if chars.get(i) == Some(&'^') {
        i += 1;
    }
    if chars.get(i) == Some(&']') {
        i += 1;
    }
    loop {
        match *chars.get(i)? {
            '\\' => i += 2,
            ']' => return Some(i + 1),
            '[' => return None,
            _ => i += 1,
        }
    }
}

/// The index after the quantifier (and its laziness mark) at `at`, if any.
fn quantifier_end(chars: &[char], at: usize) -> Option<usize> {
    let mut i = at;
    match chars.get(i) {
        Some('?' | '*' | '+') => i += 1,
        Some('{') => i += chars[i..].iter().position(|&c| c == '}')? + 1,
        _ => return Some(i),
    }
    if chars.get(i) == Some(&'?') {
        i += 1;
    }
    Some(i)
}

/// The literal characters a piece of pattern opens with (at least two), lower-cased.
fn leading_run(chars: &[char]) -> Option<String> {
    let mut run = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '?' | '*' | '{' => {
                run.pop();
                break;
            }
            '\\' => match chars.get(i + 1) {
                Some(&e) if !e.is_ascii_alphanumeric() && e != '<' && e != '>' => {
                    run.push(e);
                    i += 1;
                }
                _ => break,
            },
            '(' | ')' | '[' | '.' | '|' | '^' | '$' | '+' => break,
            c => run.push(c.to_ascii_lowercase()),
        }
        i += 1;
    }
    (run.chars().count() >= 2).then_some(run)
}

/// The characters of a pattern that are syntax, not escaped or inside a class, with their
/// index and the group depth they stand at (a parenthesis counts at the outer depth).
fn structure(chars: &[char]) -> Vec<(usize, char, usize)> {
    let (mut depth, mut in_class, mut escaped) = (0usize, false, false);
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            _ if in_class => {}
            '(' => {
                found.push((i, c, depth));
                depth += 1;
            }
            ')' => {
                depth = depth.saturating_sub(1);
                found.push((i, c, depth));
            }
            _ => found.push((i, c, depth)),
        }
    }
    found
}

/// A pattern rewritten for the lexicon, which runs it on ASCII-lower-cased text only: every
/// capturing group made non-capturing (nobody reads groups, and each adds two states to every
/// closure a regular expression steps through), and whether it still needs case folding to
/// find there what the pattern loaded with `(?i)` finds (only where it spells a capital, or
/// may name one: without folding a literal is one character to compare, not a class of two).
/// `None` where this reader cannot be sure of the syntax (verbose mode, named groups, nested
/// classes): the caller then keeps the pattern as written.
pub fn lower_case_form(pattern: &str) -> Option<(String, bool)> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut form = String::with_capacity(pattern.len() + 32);
    let mut folds = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let end = match c {
            '\\' => {
                folds |= !escape_ignores_case(*chars.get(i + 1)?);
                i + 2
            }
            '[' => {
                let end = class_end(&chars, i)?;
                folds |= class_spells_capitals(&chars[i + 1..end - 1]);
                end
            }
            '(' if chars.get(i + 1) == Some(&'?') => {
                let flags = chars[i + 2..].iter().take_while(|c| c.is_ascii_alphabetic() || **c == '-').count();
                let flags = &chars[i + 2..i + 2 + flags];
                if flags.contains(&'x') || !matches!(chars.get(i + 2 + flags.len()), Some(':' | ')')) {
                    return None;
                }
                folds |= flags.iter().any(char::is_ascii_uppercase);
                i + 2 + flags.len()
            }
            '(' => {
                form.push_str("(?:");
                i += 1;
                continue;
            }
            c => {
                folds |= c.is_ascii_uppercase();
                i + 1
            }
        };
        form.extend(chars.get(i..end)?);
        i = end;
    }
    Some((form, folds))
}

/// Whether an escape (the character after the backslash) means the same with and without
/// case folding on lower-cased text: punctuation, assertions, Perl classes (`\S` and `\D`
/// hold both cases of every letter, `\W` none) and control characters. Hexadecimal escapes
/// may name a capital.
fn escape_ignores_case(escaped: char) -> bool {
    !escaped.is_ascii_alphanumeric() || matches!(escaped, 'b' | 'B' | 'A' | 'z' | 'w' | 'W' | 's' | 'S' | 'd' | 'D' | 'a' | 'f' | 't' | 'n' | 'r' | 'v')
}

/// Whether a class (its content, without the brackets) holds a capital letter, which folding
/// would pair with its lower case: one spelled, in a range (`[0-_]` holds them all), or
/// behind an escape other than those [`escape_ignores_case`] knows.
fn class_spells_capitals(content: &[char]) -> bool {
    let mut previous: Option<char> = None;
    let mut i = 0;
    while let Some(&c) = content.get(i) {
        match c {
            '\\' => {
                if !content.get(i + 1).is_some_and(|&e| escape_ignores_case(e)) {
                    return true;
                }
                previous = content.get(i + 1).copied().filter(|e| !e.is_ascii_alphanumeric());
                i += 2;
                continue;
            }
            // Read as a range whenever it may be one: a range over capitals holds them.
            '-' => {
                if let (Some(from), Some(&to)) = (previous, content.get(i + 1)) {
                    if to == '\\' || (from <= 'Z' && to >= 'A') {
                        return true;
                    }
                }
            }
            c if c.is_ascii_uppercase() => return true,
            _ => {}
        }
        previous = Some(c);
        i += 1;
    }
    false
}

#[cfg(test)]
mod leading_tests {
    use super::leading_literals;

    #[test]
    fn patterns_that_open_with_literals() {
        assert_eq!(leading_literals(r"\bretain\w*\b"), Some(vec!["retain".to_string()]));
        assert_eq!(leading_literals(r"\b(notif\w*|inform\w*)\b.{0,9}x"), Some(vec!["notif".to_string(), "inform".into()]));
        assert_eq!(leading_literals(r"\b(?:no|neither)\s+"), Some(vec!["no".to_string(), "neither".into()]));
        assert_eq!(leading_literals(r"colou?r"), Some(vec!["colo".to_string()]));
        assert_eq!(leading_literals(r"\bpersons?\s"), Some(vec!["person".to_string()]));
    }

    #[test]
    fn patterns_that_do_not() {
        assert_eq!(leading_literals(r"a|b"), None);
        assert_eq!(leading_literals(r"(a\w+|bc)"), None);
        assert_eq!(leading_literals(r"(word)?\s+x"), None);
        assert_eq!(leading_literals(r"^\s*no"), None);
        assert_eq!(leading_literals(r"\w+ing"), None);
        assert_eq!(leading_literals(r"(one|two)|three"), None);
    }
}

#[cfg(test)]
mod tail_tests {
    use super::{leading_literals, tail_and_reach, Reads};

    /// The suffix, its literals and whether it follows a boundary.
    fn show(pattern: &str) -> Option<(String, Vec<String>, bool)> {
        tail_and_reach(pattern, leading_literals(pattern).is_some()).0.map(|t| (t.source, t.literals, t.bounded_before))
    }

    #[test]
    fn the_longest_suffix_after_a_window_or_the_head() {
        let breach = r"\b(notif\w*|inform\w*)\b.{0,160}\b(security\s+incidents?|data\s+breach\w*)\b";
        assert_eq!(show(breach), Some((r"(security\s+incidents?|data\s+breach\w*)\b".into(), vec!["security".into(), "data".into()], true)));
        assert_eq!(show(r"\bnot\b.{0,80}\bprevent\w*\b.{0,9}\b(higher|more)"), Some((r"prevent\w*\b.{0,9}\b(higher|more)".into(), vec!["prevent".into()], true)));
        assert_eq!(show(r"\w+\s+(\w+\s+){0,5}(laws?|rules)\b"), Some((r"(laws?|rules)\b".into(), vec!["law".into(), "rules".into()], true)), "after words");
        assert_eq!(show(r"\w+\s*(\w+\s+){0,5}(laws?|rules)\b"), Some((r"(laws?|rules)\b".into(), vec!["law".into(), "rules".into()], false)), "after words that may be absent");
        assert_eq!(show(r"\bfor\s+[^,]{1,80}\s+(are|was)\b"), Some((r"(are|was)\b".into(), vec!["are".into(), "was".into()], true)));
        assert_eq!(show(r"\b(a|an)\s+reports?\s+to"), Some((r"reports?\s+to".into(), vec!["report".into()], true)), "a pattern without leading literals");
        assert_eq!(show(r"x\w*(abc|def)"), Some(("(abc|def)".into(), vec!["abc".into(), "def".into()], false)));
        assert_eq!(show(r"\w\s*abc"), Some(("abc".into(), vec!["abc".into()], false)), "a boundary that may be absent bounds nothing");
        assert_eq!(show(r"\w(\.com|\.org)\s+\.net"), Some((r"(\.com|\.org)\s+\.net".into(), vec![".com".into(), ".org".into()], false)), "no word boundary before punctuation");
        assert_eq!(show(r"\(?ab\s+(?:cde|fgh)"), Some(("(?:cde|fgh)".into(), vec!["cde".into(), "fgh".into()], true)));
    }

    /// The most runs of whitespace a suffix of word characters and whitespace touches.
    fn runs(pattern: &str) -> Option<usize> {
        tail_and_reach(pattern, leading_literals(pattern).is_some()).0.and_then(|t| t.runs)
    }

    #[test]
    fn suffixes_of_words_and_spaces_say_how_far_they_reach() {
        let breach = r"\b(notif\w*|inform\w*)\b.{0,160}\b(security\s+incidents?|breach\s+of\s+securit[yi]\w{0,3})\b";
        assert_eq!(runs(breach), Some(2));
        assert_eq!(runs(r"\bx.{0,9}\b(notif\w*|report(?:s|ed)?)\b"), Some(0));
        assert_eq!(runs(r"\bx.{0,9}\b(data\s+)+breach"), None, "a repeated group with whitespace");
        assert_eq!(runs(r"\bx.{0,9}\bdata[ ]breach"), None, "a class that holds a space");
        assert_eq!(runs(r"\bx.{0,9}\bdata-breach"), None, "punctuation");
        assert_eq!(runs(r"\bx.{0,9}\bdata\s+breach$"), None, "an end that looks past any cut");
        assert_eq!(runs(r"$?\bx.{0,9}\bdata\s+breach"), None);
        assert_eq!(runs(r"\bx.{0,9}\bdata\s+breach\z"), None);
    }

    /// The head, the window's length and what it reads, and whether the head ends in one
    /// place, when the pattern splits at its window.
    fn window(pattern: &str) -> Option<(String, usize, Reads, bool)> {
        let tail = tail_and_reach(pattern, leading_literals(pattern).is_some()).0?;
        tail.window.map(|window| (window.head, window.most, window.reads, window.head_ends_once))
    }

    /// Whether the pattern's suffix is tried before it, when it has one.
    fn gates(pattern: &str) -> Option<bool> {
        tail_and_reach(pattern, true).0.map(|tail| tail.gates)
    }

    #[test]
    fn patterns_split_at_a_window_of_characters() {
        let breach = r"\b(notif\w*|inform(s|ed|ing)?)\b.{0,160}\b(security\s+incidents?|data\s+breach\w*)\b";
        let chars = |head: &str, most: usize, once: bool| Some((head.to_string(), most, Reads::Characters, once));
        assert_eq!(window(breach), chars(r"\b(notif\w*|inform(s|ed|ing)?)\b", 160, true));
        assert_eq!(window(r"\bnot\b.{0,80}prevent\w*"), chars(r"\bnot\b", 80, true), "nothing between the window and the tail");
        assert_eq!(window(r"\bnot\b.{0,80}\b\bprevent"), chars(r"\bnot\b", 80, true));
        assert_eq!(window(r"\bnot\s+all\b.{0,80}\bprevent"), chars(r"\bnot\s+all\b", 80, false), "a head with spaces may end in several places");
        assert_eq!(window(r"\bnot\w*.{0,80}\bprevent"), chars(r"\bnot\w*", 80, false), "a head that may end inside its word");
        assert_eq!(window(r"\bnot\B.{0,80}\bprevent"), chars(r"\bnot\B", 80, false));
        assert_eq!(window(r"\bnot\b.{0,80}?\bprevent"), None, "a lazy window");
        assert_eq!(window(r"\bnot\b.{1,80}\bprevent"), None, "a window that must read");
        assert_eq!(window(r"\bnot\b.*\bprevent"), None, "no bound");
        assert_eq!(window(r"\bnot\b[^,]{0,80}\bprevent"), None, "a class");
        assert_eq!(window(r"\bnot\b.{0,80}\s+prevent"), None, "spaces between the window and the tail");
        assert_eq!(window(r"\bnot\b.{0,80}\b\.prevent"), None, "a boundary before punctuation");
        assert_eq!(window(r"^not\b.{0,80}\bprevent"), None, "not tried at leading literals");
        assert_eq!(gates(breach), Some(true), "a suffix after a window is tried before the pattern");
    }

    #[test]
    fn patterns_split_at_a_gap_of_words() {
        let words = |head: &str, most: usize| Some((head.to_string(), most, Reads::Words, false));
        let accordance = r"\b(in\s+accordance|conform)\s+with\s+(\w+\s+){0,5}(law|laws|legal\s+framework)\b";
        assert_eq!(window(accordance), words(r"\b(in\s+accordance|conform)\s+with\s+", 5));
        assert_eq!(window(r"\bwith\s+(?:\w+\s+)?\blaws"), words(r"\bwith\s+", 1), "one word at most, a boundary before the tail");
        assert_eq!(window(r"\bwith\s+(\w+\s+){0,5}?laws"), None, "a lazy gap");
        assert_eq!(window(r"\bwith\s+(\w+\s+){1,5}laws"), None, "a gap that must read");
        assert_eq!(window(r"\bwith\s+(\w+\s*){0,5}laws"), None, "words that may run together");
        assert_eq!(window(r"\bwith\s+(\w+\s+){0,5}( laws|rules)"), None, "a tail that may open with the last word's spaces");
        assert_eq!(window(r"^with\s+(\w+\s+){0,5}laws"), None, "not tried at leading literals");
        assert_eq!(gates(accordance), Some(false), "a suffix after a few words only splits");
        assert_eq!(gates(r"\bwith\s+(\w+\s+){0,5}(the\s+)?(laws|rules)"), None, "no split: no suffix at all");
    }

    #[test]
    fn no_suffix_where_a_split_is_unsafe_or_useless() {
        assert_eq!(show(r"\bretain\w*\b"), None, "the opening run is the head, not a suffix");
        assert_eq!(show(r"\bpersons?\s+(un\w+|other)\b"), None, "tried at its literals, without a window");
        assert_eq!(show(r"^\s*(\w+\s+)?(this|the)\s+agreement"), None, "tried at the start, without a window");
        assert_eq!(show(r"a\w+b|cdef"), None, "a top-level alternation");
        assert_eq!(show(r"(?x)\w+ \s+ (cd|ef)"), None, "flags the suffix would lose");
        assert_eq!(show(r"\w\x41\s+(cd|ef)"), None, "an escape with arguments");
        assert_eq!(show(r"\w[[:alpha:]]\s+(cd|ef)"), None, "a nested class");
        assert_eq!(show(r"\w\s+(cd|ef)?"), None, "an optional group");
        assert_eq!(show(r"\w\s+(cd|efg)\w"), None, "literals too short");
    }
}

#[cfg(test)]
mod reach_tests {
    use super::{tail_and_reach, Step};

    fn reach(pattern: &str) -> Vec<Step> {
        tail_and_reach(pattern, false).1
    }

    /// Each step as (its literals joined by `|`, most runs since the previous step, bounded
    /// before).
    fn steps(pattern: &str) -> Vec<(String, usize, bool)> {
        reach(pattern).into_iter().map(|s| (s.literals.join("|"), s.gap, s.bounded_before)).collect()
    }

    /// Whether each step's literals end on a word boundary.
    fn bounded_after(pattern: &str) -> Vec<bool> {
        reach(pattern).into_iter().map(|s| s.bounded_after).collect()
    }

    #[test]
    fn literals_within_a_few_words() {
        assert_eq!(
            steps(r"\b(share|provide)\w*\s+(\w+\s+){0,3}(any|all)\s+data\b"),
            vec![("any|all".into(), 4, true), ("data".into(), 1, true)]
        );
        assert_eq!(
            steps(r"^\s*(\w+\s+)?(this|the\s+present)\s+agreement"),
            vec![("this|the".into(), 2, false), ("agreement".into(), 2, true)],
            "a branch with a space counts one run"
        );
        assert_eq!(steps(r"\bnot\b.{0,80}\bprevent\w*"), vec![("prevent".into(), 80, true)], "a window: one run per character");
        assert_eq!(steps(r"\bx[ab]\s+yes"), vec![("yes".into(), 1, true)], "a class without space");
        assert_eq!(steps(r"\bx,?y\w*zzz"), vec![("zzz".into(), 0, false)], "no boundary before a literal inside a word");
        assert_eq!(steps(r"\bpersons?\s+(un\w+|other)"), vec![("un|other".into(), 1, true)], "two letters at a word's start");
        assert_eq!(steps(r"\bx\w*(un|other)"), Vec::<(String, usize, bool)>::new(), "two letters inside a word");
    }

    #[test]
    fn common_words_make_no_step() {
        let widened = vec![("in".into(), 1, true), ("agreement".into(), 2, true)];
        assert_eq!(steps(r"\bnothing\s+in\s+of\s+agreement"), widened, "the next step counts from the step before");
        assert_eq!(steps(r"\bnothing\s+in\s+(and|such)\s+agreement"), widened, "a set with a common word");
        assert_eq!(steps(r"\bnationals\s+of\s+and"), Vec::<(String, usize, bool)>::new());
    }

    #[test]
    fn literals_that_are_whole_words() {
        assert_eq!(bounded_after(r"\b(share|provide)\w*\s+(\w+\s+){0,3}(any|all)\s+data\b"), vec![true, true]);
        assert_eq!(bounded_after(r"\bthe\s+(act|part)\s+for"), vec![true, false]);
        assert_eq!(bounded_after(r"\bthe\s+(act|parts?)\s+off"), vec![false, false], "a branch longer than its literal");
        assert_eq!(bounded_after(r"\bthe\s+(act|part)off"), vec![false, false], "no boundary after the group");
        assert_eq!(bounded_after(r"\bthe\s+(act|part)\s*off"), vec![false, false], "a boundary that may be absent");
        assert_eq!(bounded_after(r"\bnot\s+prevent\w*"), vec![false]);
        assert_eq!(bounded_after(r"\bnot\s+prevent"), vec![false], "at the end: whatever follows");
        assert_eq!(bounded_after(r"\bsee\s+(art\.|sec\.)\b"), vec![false], "a boundary after a full stop stands before a word");
    }

    #[test]
    fn no_steps_past_an_unbounded_element() {
        assert_eq!(steps(r"\bfor\s+[^,]+\s+(are|was)\b"), Vec::<(String, usize, bool)>::new());
        assert_eq!(steps(r"\bx[a ]+yes"), Vec::<(String, usize, bool)>::new(), "a class with a space, repeated at will");
        assert_eq!(steps(r"\bx.*yes"), Vec::<(String, usize, bool)>::new());
        assert_eq!(steps(r"\bx\s+(a\s+b)*yes"), Vec::<(String, usize, bool)>::new(), "a repeated group with spaces");
        assert_eq!(steps(r"\bx\s+(ab)*\s+yes"), vec![("yes".into(), 2, true)], "a repeated group without");
    }

    #[test]
    fn no_steps_where_the_reader_cannot_follow() {
        assert_eq!(steps(r"abc\s+def|ghi"), Vec::<(String, usize, bool)>::new(), "a top-level alternation");
        assert_eq!(steps(r"(?x)abc \s+ def"), Vec::<(String, usize, bool)>::new(), "flags");
        assert_eq!(steps(r"abc\x41\s+def"), Vec::<(String, usize, bool)>::new(), "an escape with arguments");
        assert_eq!(steps(r"abc\s+(de|fg)?\s+hij"), vec![("hij".into(), 2, true)], "an optional group is no step");
    }
}

#[cfg(test)]
mod lower_case_tests {
    use super::lower_case_form;

    fn form(pattern: &str) -> Option<(String, bool)> {
        lower_case_form(pattern)
    }

    #[test]
    fn groups_become_non_capturing_and_nothing_else_changes() {
        assert_eq!(form(r"\b(a|b(c))\s+(?:d)"), Some((r"\b(?:a|b(?:c))\s+(?:d)".into(), false)));
        assert_eq!(form(r"\(x\)\\(y)"), Some((r"\(x\)\\(?:y)".into(), false)), "escaped parentheses, an escaped backslash");
        assert_eq!(form(r"[(][^)(]x[]()][^]()]"), Some((r"[(][^)(]x[]()][^]()]".into(), false)), "parentheses in classes");
        assert_eq!(form(r"[\](](z)"), Some((r"[\](](?:z)".into(), false)), "an escaped bracket in a class");
        assert_eq!(form(r"(?s:.)(?i)(?-i:e)"), Some((r"(?s:.)(?i)(?-i:e)".into(), false)), "flag groups stay");
        assert_eq!(form(r"x{2}(\d{1,3})"), Some((r"x{2}(?:\d{1,3})".into(), false)));
    }

    #[test]
    fn folding_stays_where_a_capital_may_be_matched() {
        let folds = |pattern: &str| form(pattern).map(|(_, folds)| folds);
        assert_eq!(folds(r"\bthe\s+EU\b"), Some(true), "a capital spelled");
        assert_eq!(folds(r"\W\S\D\B\A\z\w\s\d\b\t\.\$"), Some(false), "escapes that hold no capital of their own");
        assert_eq!(folds(r"\x4a"), Some(true), "a hexadecimal escape may name a capital");
        assert_eq!(folds(r"[\x41-\x5a]"), Some(true));
        assert_eq!(folds(r"[0-_]"), Some(true), "a range over the capitals");
        assert_eq!(folds(r"[!-~]"), Some(true));
        assert_eq!(folds(r"[^A]"), Some(true));
        assert_eq!(folds(r"[a-z0-9.,-]"), Some(false));
        assert_eq!(folds(r"[]-a]"), Some(false), "a range from the bracket to a stops before the capitals");
        assert_eq!(folds(r"(?U)a+"), Some(true), "a capital flag: kept to be safe");
    }

    #[test]
    fn syntax_this_reader_does_not_follow() {
        assert_eq!(form(r"(?x) ( a ) # (b"), None, "verbose mode");
        assert_eq!(form(r"(?P<name>a)"), None, "a named group");
        assert_eq!(form(r"(?<name>a)"), None);
        assert_eq!(form(r"[[:upper:]]"), None, "a nested class");
        assert_eq!(form(r"ab\"), None, "a trailing backslash");
    }

    /// Each form finds what the pattern loaded with `(?i)` finds, in lower-cased text.
    #[test]
    fn forms_agree_with_the_loaded_patterns() {
        let patterns = [r"\b(in\s+accordance|conform)\s+with\s+(\w+\s+){0,5}(law|laws)\b", r"[]()a-c]+(x|y)", r"\bthe\s+EU\s+(law)", r"(?s:.)(a)\x4a", r"[0-_]+"];
        let texts = ["in accordance with the eu law", "conform with a b c d e f laws", "(b)x ]a]y", "the eu law", "\naj", "a0_b", "AJ"];
        for pattern in patterns {
            let loaded = regex_lite::Regex::new(&format!("(?i){pattern}")).unwrap();
            let (form, folds) = lower_case_form(pattern).unwrap();
            let lexicon = regex_lite::Regex::new(&if folds { format!("(?i){form}") } else { form }).unwrap();
            for text in texts.map(str::to_ascii_lowercase) {
                let spans = |r: &regex_lite::Regex| r.find_iter(&text).map(|m| m.range()).collect::<Vec<_>>();
                assert_eq!(spans(&lexicon), spans(&loaded), "{pattern} on {text:?}");
            }
        }
    }
}
