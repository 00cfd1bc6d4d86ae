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

/// Every such set that a pattern's top-level sequence requires: a match contains one
/// literal of *each* set ("(use|used) ... (only|solely)" needs a "use" and an "only"), so a
/// sentence that lacks any set cannot match. `None` when no set can be read off safely.
pub fn required_sets(pattern: &str) -> Option<Vec<Vec<String>>> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut parser = Parser { chars: &chars, pos: 0 };
    let sets = parser.top_level()?;
    let selective: Vec<Vec<String>> = sets.into_iter().filter(|set| shortest(set) >= MIN_LITERAL).collect();
    (parser.pos == chars.len() && !selective.is_empty()).then_some(selective)
}

fn shortest(set: &[String]) -> usize {
    set.iter().map(|l| l.chars().count()).min().unwrap_or(0)
}

/// One element of a concatenation: literal characters or a required set, or something
/// that guarantees no literal (a class, a wildcard, anything optional).
enum Element {
    Char(char),
    Set(Vec<String>),
    Opaque,
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
    /// union of every branch's best piece when it has several.
    fn top_level(&mut self) -> Option<Vec<Vec<String>>> {
        let first = self.concatenation_pieces();
        if self.peek() != Some('|') {
            return first;
        }
        let mut union: Vec<String> = best_piece(first?)?;
        while self.peek() == Some('|') {
            self.pos += 1;
            union.extend(best_piece(self.concatenation_pieces()?)?);
        }
        Some(vec![union])
    }

    /// `a|b|c` up to a closing parenthesis or the end: every branch needs a set, and the
    /// alternation needs their union.
    fn alternation(&mut self) -> Option<Vec<String>> {
        let mut union: Option<Vec<String>> = Some(Vec::new());
        loop {
            let branch = self.concatenation();
            union = match (union, branch) {
                (Some(mut all), Some(set)) => {
                    all.extend(set);
                    Some(all)
                }
                _ => None,
            };
            match self.peek() {
                Some('|') => self.pos += 1,
                _ => return union.filter(|u| !u.is_empty()),
            }
        }
    }

    /// A sequence of elements; its requirement is its most selective required piece.
    fn concatenation(&mut self) -> Option<Vec<String>> {
        best_piece(self.concatenation_pieces()?)
    }

    /// Every required piece of a sequence of elements.
    fn concatenation_pieces(&mut self) -> Option<Vec<Vec<String>>> {
        let mut elements: Vec<Element> = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let element = self.atom()?;
            let optional = self.quantifier();
            elements.push(if optional { Element::Opaque } else { element });
        }
        Some(required_pieces(elements))
    }

    /// Reads one atom. Returns `None` only for syntax this reader does not follow.
    fn atom(&mut self) -> Option<Element> {
        let c = self.peek()?;
        self.pos += 1;
        Some(match c {
            '(' => {
                self.skip_group_flags();
                let inner = self.alternation();
                if self.peek() != Some(')') {
                    return None;
                }
                self.pos += 1;
                inner.map_or(Element::Opaque, Element::Set)
            }
            '[' => {
                self.skip_class()?;
                Element::Opaque
            }
            '.' | '^' | '$' => Element::Opaque,
            '\\' => {
                let escaped = self.peek()?;
                self.pos += 1;
                match escaped {
                    'b' | 'B' | 'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'A' | 'z' | 'p' | 'P' => Element::Opaque,
                    c if c.is_ascii_alphanumeric() => Element::Opaque,
                    c => Element::Char(c.to_ascii_lowercase()),
                }
            }
            c => Element::Char(c.to_ascii_lowercase()),
        })
    }

    /// Consumes a quantifier, if any; true when it makes the atom optional.
    fn quantifier(&mut self) -> bool {
        let optional = match self.peek() {
            Some('?') | Some('*') => {
                self.pos += 1;
                true
            }
            Some('+') => {
                self.pos += 1;
                false
            }
            Some('{') => {
                let start = self.pos + 1;
                let Some(close) = self.chars[start..].iter().position(|&c| c == '}') else { return false };
                let body: String = self.chars[start..start + close].iter().collect();
                self.pos = start + close + 1;
                body.split(',').next().and_then(|n| n.trim().parse::<usize>().ok()).is_none_or(|n| n == 0)
            }
            _ => return false,
        };
        if self.peek() == Some('?') {
            self.pos += 1;
        }
        optional
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
fn best_piece(pieces: Vec<Vec<String>>) -> Option<Vec<String>> {
    pieces.into_iter().max_by_key(|set| shortest(set))
}

/// Joins adjacent characters into literals: each literal run and each required set is a
/// piece that every match contains.
fn required_pieces(elements: Vec<Element>) -> Vec<Vec<String>> {
    let mut candidates: Vec<Vec<String>> = Vec::new();
    let mut run = String::new();
    for element in elements {
        match element {
            Element::Char(c) => run.push(c),
            other => {
                if !run.is_empty() {
                    candidates.push(vec![std::mem::take(&mut run)]);
                }
                if let Element::Set(set) = other {
                    candidates.push(set);
                }
            }
        }
    }
    if !run.is_empty() {
        candidates.push(vec![run]);
    }
    // A member that is only spacing guarantees nothing: drop its whole set.
    candidates
        .into_iter()
        .filter(|set| set.iter().all(|l| !l.trim().is_empty()))
        .map(|set| set.into_iter().map(|l| l.trim().to_string()).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The most selective required set, sorted.
    fn literals(pattern: &str) -> Option<Vec<String>> {
        let mut best = required_sets(pattern)?.into_iter().max_by_key(|set| shortest(set))?;
        best.sort();
        Some(best)
    }

    #[test]
    fn every_required_piece_is_kept() {
        let sets = required_sets(r"\b(use|used)\s+(\w+\s+){0,6}(only|solely)\s+for\b").unwrap();
        assert_eq!(sets, vec![vec!["use".to_string(), "used".into()], vec!["only".into(), "solely".into()], vec!["for".into()]]);
        assert_eq!(required_sets(r"(alpha|beta\w+)|gamma").unwrap(), vec![vec!["alpha".to_string(), "beta".into(), "gamma".into()]]);
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
    fn a_branch_without_literals_disables_the_filter() {
        assert_eq!(literals(r"notify|\w+"), None);
        assert_eq!(literals(r".{0,40}"), None);
    }

    #[test]
    fn the_filter_agrees_with_the_regex() {
        let patterns = [r"\b(use|used)\s+(\w+\s+){0,3}only\s+for\b", r"(prior\s+)?(written\s+)?consent\s+of\s+the", r"\bde-?identif\w+"];
        let texts = ["data used only for that", "prior consent of the party", "it was de-identified", "deidentified", "nothing here"];
        for pattern in patterns {
            let regex = regex_lite::Regex::new(&format!("(?i){pattern}")).unwrap();
            let sets = required_sets(pattern).expect("literal sets");
            for text in texts {
                if regex.is_match(text) {
                    for set in &sets {
                        assert!(set.iter().any(|l| text.contains(l.as_str())), "{pattern} matched {text:?} without {set:?}");
                    }
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
    if split_top_level(&chars).len() != 1 {
        return None;
    }
    let mut start = 0;
    while chars.get(start..start + 2) == Some(&['\\', 'b']) {
        start += 2;
    }
    let literals = if chars.get(start) == Some(&'(') {
        let close = matching_paren(&chars, start)?;
        if matches!(chars.get(close + 1), Some('?' | '*' | '{')) {
            return None;
        }
        let mut inner = start + 1;
        if chars.get(inner) == Some(&'?') {
            inner += chars[inner..close].iter().position(|&c| c == ':')? + 1;
        }
        split_top_level(&chars[inner..close]).into_iter().map(leading_run).collect::<Option<Vec<_>>>()?
    } else {
        vec![leading_run(&chars[start..])?]
    };
    Some(literals)
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
                Some(&e) if !e.is_ascii_alphanumeric() => {
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

/// Splits at the `|` that stand outside any group or class.
fn split_top_level(chars: &[char]) -> Vec<&[char]> {
    let mut parts = Vec::new();
    let mut from = 0;
    for (i, _, _) in structure(chars).into_iter().filter(|&(_, c, depth)| c == '|' && depth == 0) {
        parts.push(&chars[from..i]);
        from = i + 1;
    }
    parts.push(&chars[from..]);
    parts
}

/// The index of the `)` that closes the `(` at `open`.
fn matching_paren(chars: &[char], open: usize) -> Option<usize> {
    let structure = structure(chars);
    let (_, _, depth) = *structure.iter().find(|&&(i, _, _)| i == open)?;
    structure.into_iter().find(|&(i, c, d)| i > open && c == ')' && d == depth).map(|(i, _, _)| i)
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
