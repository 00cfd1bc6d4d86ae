//! Item numbers: reading "(a)", "2.", "iv)", "1.2", "A.1", "-" at the start of a line, and
//! telling numbering styles apart.

use super::Level;
use std::sync::Arc;

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// "(a)", "(1)", "(iv)".
    Paren,
    /// "a)", "1)".
    Half,
    /// "1.", "a.", "IV.".
    Dot,
    /// "1.2", "1.2.3." (the depth is in [`Kind::Dotted`]).
    Dotted,
    /// "A.1", "B.6" (annex paragraphs).
    AlphaDotted,
    /// "-", "•", "*".
    Bullet,
}

/// What a number counts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Arabic,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
    /// "(aa)", "(bb)" below "(I)" in US statutes (after "(z)" they continue the letters).
    LowerDouble,
    UpperDouble,
    Dotted(u16),
    AlphaDotted(u16),
    Bullet,
}

/// A numbering style: items of the same style are siblings, a new style nests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Style {
    pub form: Form,
    pub kind: Kind,
}

impl Style {
    pub fn is_bullet(&self) -> bool {
        self.form == Form::Bullet
    }

    pub fn is_dotted(&self) -> bool {
        matches!(self.form, Form::Dotted | Form::AlphaDotted)
    }

    /// Written with a trailing full stop ("7.", "IV."): at the top of a draft without
    /// articles such numbers are paragraphs ("Para 7").
    pub fn is_dot_form(&self) -> bool {
        matches!(self.form, Form::Dot | Form::Dotted | Form::AlphaDotted)
    }
}

/// A line that starts with an item number or bullet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemLine {
    pub form: Form,
    /// The number as cited, without brackets or full stop: "a", "14", "iv", "1.2", "A.1".
    /// Shared with the numbering level the item opens.
    pub label: Arc<str>,
    /// Where the item's text starts (after the number and the spaces after it).
    pub content_start: usize,
}

impl ItemLine {
    pub fn is_bullet(&self) -> bool {
        self.form == Form::Bullet
    }
}

/// The labels read so far, one per slot of a small hash of their bytes: a draft repeats
/// "a", "1", "ii", "2.1" on hundreds of lines, and a label read again is then shared instead
/// of allocated.
pub struct Labels {
    slots: [Option<Arc<str>>; LABEL_SLOTS],
}

const LABEL_SLOTS: usize = 256;

impl Default for Labels {
    fn default() -> Labels {
        Labels { slots: std::array::from_fn(|_| None) }
    }
}

impl Labels {
    fn share(&mut self, label: &str) -> Arc<str> {
        let hash = label.bytes().fold(label.len(), |hash, b| hash.wrapping_mul(31).wrapping_add(usize::from(b)));
        let slot = &mut self.slots[hash % LABEL_SLOTS];
        match slot {
            Some(shared) if **shared == *label => shared.clone(),
            _ => slot.insert(Arc::from(label)).clone(),
        }
    }
}

const BULLETS: &[char] = &['-', '•', '*', '+', '–', '—', '·', '▪', '◦', '○', '●', '■', '□', '‣', '⁃'];

/// Reads an item number at the start of `text` (a trimmed line starting at byte `base`).
pub fn parse_item(text: &str, base: usize, labels: &mut Labels) -> Option<ItemLine> {
    if let Some(item) = parse_bullet(text, base) {
        return Some(item);
    }
    let (form, label, marker_len) = if let Some(rest) = text.strip_prefix('(') {
        parse_paren(rest).map(|(label, len)| (Form::Paren, label, len + 1))?
    } else {
        parse_unbracketed(text)?
    };
    let after = &text[marker_len..];
    let content_offset = marker_len + (after.len() - after.trim_start().len());
    Some(ItemLine { form, label: labels.share(label), content_start: base + content_offset })
}

fn parse_bullet(text: &str, base: usize) -> Option<ItemLine> {
    // Letters and digits, which start most lines, are no bullets.
    if text.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let first = text.chars().next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let after = &text[first.len_utf8()..];
    let next = after.chars().next();
    let spaced = next.is_none_or(char::is_whitespace) && !after.trim().is_empty();
    let glued_dash = first == '-' && next.is_some_and(char::is_alphabetic);
    if !(spaced || glued_dash) {
        return None;
    }
    let content_offset = text.len() - after.trim_start().len();
    Some(ItemLine { form: Form::Bullet, label: Arc::default(), content_start: base + content_offset })
}

/// "(a)" → ("a", length up to and including ")") if what follows can start item text.
fn parse_paren(rest: &str) -> Option<(&str, usize)> {
    let label_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let label = &rest[..label_len];
    if rest.as_bytes().get(label_len) != Some(&b')') || !is_item_label(label) {
        return None;
    }
    let after = &rest[label_len + 1..];
    let starts_text = after.chars().next().is_none_or(|c| !c.is_ascii_lowercase());
    starts_text.then_some((label, label_len + 1))
}

/// "1.", "a)", "iv.", "1.2", "1.2.", "A.1" → (form, label, marker length).
fn parse_unbracketed(text: &str) -> Option<(Form, &str, usize)> {
    let run = text.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'.').take(64).count();
    let token = &text[..run];
    let after = &text[run..];
    if !token.contains('.') && after.starts_with(')') && is_item_label(token) {
        let following = &after[1..];
        let starts_text = following.chars().next().is_none_or(|c| !c.is_ascii_lowercase());
        return starts_text.then_some((Form::Half, token, run + 1));
    }
    // Every other form has a full stop: most lines of text ("The Parties ...") end here.
    if !token.contains('.') || (!after.is_empty() && !after.starts_with(char::is_whitespace)) {
        return None;
    }
    let inner = token.strip_suffix('.').unwrap_or(token);
    let has_final_dot = inner.len() < token.len();
    if is_dotted_number(inner) {
        return Some((Form::Dotted, inner, run));
    }
    if is_alpha_dotted(inner) {
        return Some((Form::AlphaDotted, inner, run));
    }
    (has_final_dot && is_item_label(inner)).then_some((Form::Dot, inner, run))
}

/// An item label: up to three digits, one letter, a doubled letter ("aa"), or a Roman numeral.
fn is_item_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    match bytes {
        [] => false,
        _ if bytes.iter().all(u8::is_ascii_digit) => bytes.len() <= 3,
        [_] => bytes[0].is_ascii_alphabetic(),
        _ if bytes.len() <= 3 && bytes.iter().all(|b| *b == bytes[0] && b.is_ascii_alphabetic()) => true,
        _ => roman_value(label).is_some(),
    }
}

/// "1.2", "10.3.1": two or more groups of at most three digits.
fn is_dotted_number(text: &str) -> bool {
    let mut groups = 0;
    for part in text.split('.') {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

/// "A.1", "B.6.2": a capital letter, then groups of digits.
fn is_alpha_dotted(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 3
        && bytes[0].is_ascii_uppercase()
        && bytes[1] == b'.'
        && text[2..].split('.').all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The value of a Roman numeral written canonically in one case ("iv", "XII"), else `None`.
pub fn roman_value(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 8 {
        return None;
    }
    let lower = text.bytes().all(|b| b.is_ascii_lowercase());
    let upper = text.bytes().all(|b| b.is_ascii_uppercase());
    if !lower && !upper {
        return None;
    }
    let digit = |b: u8| match b.to_ascii_lowercase() {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        b'c' => Some(100),
        b'd' => Some(500),
        b'm' => Some(1000),
        _ => None,
    };
    let bytes = text.as_bytes();
    let mut total = 0i64;
    for (i, &b) in bytes.iter().enumerate() {
        let value = digit(b)?;
        match bytes.get(i + 1).and_then(|&next| digit(next)) {
            Some(next) if next > value => total -= value,
            _ => total += value,
        }
    }
    let value = u32::try_from(total).ok().filter(|&v| v > 0)?;
    spells_roman(value, text, upper).then_some(value)
}

/// Whether `text` is `value` in canonical Roman numerals, in lower case or (`upper`) in
/// upper case. Compared part by part, without writing the numeral out.
fn spells_roman(mut value: u32, text: &str, upper: bool) -> bool {
    const PARTS: &[(u32, &str)] = &[
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ];
    let mut rest = text.as_bytes();
    for &(part, letters) in PARTS {
        while value >= part {
            let Some((head, tail)) = rest.split_at_checked(letters.len()) else { return false };
            let same = head.iter().zip(letters.bytes()).all(|(&b, l)| b == if upper { l.to_ascii_uppercase() } else { l });
            if !same {
                return false;
            }
            rest = tail;
            value -= part;
        }
    }
    rest.is_empty()
}

/// Whether `text` is `value` as digits are written (no sign, no leading zero).
fn spells_decimal(text: &str, value: u32) -> bool {
    !text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit()) && text.parse::<u32>() == Ok(value)
}

/// The style of an item given the levels already open: digits are Arabic; a single letter is
/// a letter if it follows the open letter level ("(i)" after "(h)"), a Roman numeral if it
/// follows the open Roman level or is "i"/"v"/"x" where no letter list is waiting for it.
pub fn resolve(item: &ItemLine, levels: &[Level]) -> Style {
    let form = item.form;
    let kind = match form {
        Form::Bullet => Kind::Bullet,
        Form::Dotted => Kind::Dotted(item.label.split('.').count() as u16),
        Form::AlphaDotted => Kind::AlphaDotted(item.label.split('.').count() as u16),
        Form::Paren | Form::Half | Form::Dot => letter_or_number_kind(form, &item.label, levels),
    };
    Style { form, kind }
}

fn letter_or_number_kind(form: Form, label: &str, levels: &[Level]) -> Kind {
    if label.bytes().all(|b| b.is_ascii_digit()) {
        return Kind::Arabic;
    }
    let lower = label.bytes().all(|b| b.is_ascii_lowercase());
    let (alpha, roman, double) = if lower {
        (Kind::LowerAlpha, Kind::LowerRoman, Kind::LowerDouble)
    } else {
        (Kind::UpperAlpha, Kind::UpperRoman, Kind::UpperDouble)
    };
    let follows = |kind: Kind| {
        levels
            .iter()
            .rev()
            .find(|l| l.style == Style { form, kind })
            .is_some_and(|l| is_successor(&l.label, label, kind))
    };
    let single = label.len() == 1;
    if follows(alpha) {
        return alpha;
    }
    if roman_value(label).is_none() {
        return if single { alpha } else { double };
    }
    if !single || follows(roman) || label.eq_ignore_ascii_case("i") {
        return roman;
    }
    let roman_open = levels.iter().any(|l| l.style == Style { form, kind: roman });
    if roman_open {
        roman
    } else {
        alpha
    }
}

/// Whether `label` is the number after `previous` in its kind: "b" after "a", "aa" after
/// "z", "v" after "iv", "1.3" after "1.2".
fn is_successor(previous: &str, label: &str, kind: Kind) -> bool {
    match kind {
        Kind::Arabic => previous.parse::<u32>().ok().and_then(|n| n.checked_add(1)).is_some_and(|next| spells_decimal(label, next)),
        Kind::LowerAlpha | Kind::UpperAlpha | Kind::LowerDouble | Kind::UpperDouble => match previous.as_bytes().first() {
            Some(b'z') => label == "aa",
            Some(b'Z') => label == "AA",
            Some(&first) => label.len() == previous.len() && label.bytes().all(|b| u32::from(b) == u32::from(first) + 1),
            None => false,
        },
        Kind::LowerRoman => roman_value(previous).is_some_and(|v| spells_roman(v + 1, label, false)),
        Kind::UpperRoman => roman_value(previous).is_some_and(|v| spells_roman(v + 1, label, true)),
        Kind::Dotted(_) | Kind::AlphaDotted(_) => {
            let next = previous.rsplit_once('.').and_then(|(head, last)| Some((head, last.parse::<u32>().ok()?.checked_add(1)?)));
            match (next, label.rsplit_once('.')) {
                (Some((head, next)), Some((label_head, label_last))) => head == label_head && spells_decimal(label_last, next),
                _ => false,
            }
        }
        Kind::Bullet => label.is_empty(),
    }
}

/// Whether an item's number is the one expected at this point: the successor of its open
/// sibling, or the first number of a new list.
pub fn is_expected(item: &ItemLine, levels: &[Level]) -> bool {
    let style = resolve(item, levels);
    match levels.iter().rev().find(|l| l.style == style) {
        Some(level) => is_successor(&level.label, &item.label, style.kind),
        None => matches!(&*item.label, "1" | "a" | "A" | "i" | "I" | "aa" | "AA") || item.label.ends_with(".1"),
    }
}

/// Words that make a numbered line a provision rather than a heading (a `match` compares
/// by length first, where a list would be walked word by word).
fn is_provision_word(word: &str) -> bool {
    matches!(word, "shall" | "may" | "must" | "will" | "should" | "means" | "is" | "are" | "has" | "have" | "not" | "does" | "do")
}

/// Whether the text of a numbered line reads as a heading: "RETENTION", "Agency", "In general",
/// "Definitions .", "Effective Date of Certification.", "Congressional review." (Title Case
/// or short when it ends with a full stop), not "The Department of Commerce;" nor "the term
/// ... means".
pub fn is_heading_text(text: &str) -> bool {
    let text = text.trim();
    if text.len() > 130 || text.ends_with([';', ',', ':']) || !text.starts_with(char::is_uppercase) {
        return false;
    }
    let spaced_stop = text.ends_with(" .");
    let bare = text.trim_end_matches(['.', ' ']);
    let ended_with_stop = bare.len() < text.len() && !spaced_stop;
    let starts_capital = bare.chars().next().is_some_and(char::is_uppercase);
    if !starts_capital || bare.len() > 120 || bare.ends_with([';', ',', ':']) {
        return false;
    }
    // One pass over the words: at most 14, none of a provision, and whether in Title Case.
    let mut word_count = 0;
    let mut title_case = true;
    for word in bare.split_whitespace() {
        word_count += 1;
        if word_count > 14 || is_provision_word(word) {
            return false;
        }
        title_case &= word.len() < 4 || word.starts_with(char::is_uppercase);
    }
    // Quotes last: the words rule out most lines first.
    word_count > 0 && (!ended_with_stop || word_count <= 8 || title_case) && !bare.contains(['"', '“', '”'])
}

/// A run-in heading at the start of an item's text: "Scope." in "A.1 Scope. This Annex
/// governs ...": a short heading-like phrase ending with a full stop, followed by a sentence.
pub fn inline_title(text: &str) -> Option<&str> {
    const SENTENCE_OPENERS: &[&str] = &[
        "The", "This", "These", "That", "Each", "Any", "A", "An", "It", "No", "Such", "Every", "All",
        "Where", "If", "When", "Nothing", "Neither", "Either", "In", "For", "On", "Unless",
    ];
    let head = &text.as_bytes()[..80.min(text.len())];
    let stop = memchr::memchr_iter(b'.', head).find(|&at| head.get(at + 1) == Some(&b' '))?;
    let title = &text[..stop];
    let next_starts_sentence = text[stop + 2..].trim_start().starts_with(char::is_uppercase);
    let first_word = title.split_whitespace().next().unwrap_or("");
    let short = title.split_whitespace().count() <= 5;
    let opens_sentence = SENTENCE_OPENERS.contains(&first_word);
    (short && !opens_sentence && next_starts_sentence && is_heading_text(title)).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str) -> Option<(Form, String, String)> {
        parse_item(text, 0, &mut Labels::default()).map(|i| (i.form, i.label.to_string(), text[i.content_start..].to_string()))
    }

    /// A label read again is shared; any label, whatever slot it lands in, reads as written.
    #[test]
    fn labels_are_shared_and_read_as_written() {
        let mut labels = Labels::default();
        let first = labels.share("ii");
        assert!(Arc::ptr_eq(&first, &labels.share("ii")));
        let many: Vec<String> = (0..300).map(|n| format!("{}.{}", n / 10, n % 10)).collect();
        for label in many.iter().chain(many.iter().rev()) {
            assert_eq!(&*labels.share(label), label.as_str());
        }
    }

    #[test]
    fn reads_item_numbers() {
        assert_eq!(item("(a) data"), Some((Form::Paren, "a".into(), "data".into())));
        assert_eq!(item("(iv) logs"), Some((Form::Paren, "iv".into(), "logs".into())));
        assert_eq!(item("(12) X"), Some((Form::Paren, "12".into(), "X".into())));
        assert_eq!(item("a)To this end"), Some((Form::Half, "a".into(), "To this end".into())));
        assert_eq!(item("1.   Each Party"), Some((Form::Dot, "1".into(), "Each Party".into())));
        assert_eq!(item("2."), Some((Form::Dot, "2".into(), "".into())));
        assert_eq!(item("IV. FINAL"), Some((Form::Dot, "IV".into(), "FINAL".into())));
        assert_eq!(item("1.2 Text"), Some((Form::Dotted, "1.2".into(), "Text".into())));
        assert_eq!(item("10.1. Text"), Some((Form::Dotted, "10.1".into(), "Text".into())));
        assert_eq!(item("A.1 Scope."), Some((Form::AlphaDotted, "A.1".into(), "Scope.".into())));
        assert_eq!(item("- bullet"), Some((Form::Bullet, "".into(), "bullet".into())));
        assert_eq!(item("-specific interests"), Some((Form::Bullet, "".into(), "specific interests".into())));
        assert_eq!(item("• dot"), Some((Form::Bullet, "".into(), "dot".into())));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for text in ["No. 5", "e.g. this", "2015. The", "(see below)", "**bold**", "---", "Art. 5", "(a)and", "1.5%", "Mr. X", "(ab) x"] {
            assert_eq!(item(text), None, "{text}");
        }
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("XII"), Some(12));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("Iv"), None);
        assert_eq!(roman_value("MCMXCIV"), Some(1994));
        assert_eq!(roman_value("ic"), None);
        assert!(is_successor("viii", "ix", Kind::LowerRoman));
        assert!(!is_successor("viii", "IX", Kind::LowerRoman));
        assert!(is_successor("XIX", "XX", Kind::UpperRoman));
        assert!(is_successor("z", "aa", Kind::LowerAlpha));
        assert!(is_successor("bb", "cc", Kind::LowerDouble));
        assert!(!is_successor("bb", "c", Kind::LowerDouble));
        assert!(is_successor("1.9", "1.10", Kind::Dotted(2)));
        assert!(!is_successor("1.9", "2.10", Kind::Dotted(2)));
        assert!(!is_successor("1.9", "1.010", Kind::Dotted(2)));
        assert!(is_successor("9", "10", Kind::Arabic));
        assert!(!is_successor("9", "010", Kind::Arabic));
        assert!(!is_successor("9", "+10", Kind::Arabic));
    }

    #[test]
    fn inline_titles() {
        assert_eq!(inline_title("Scope. This Annex governs"), Some("Scope"));
        assert_eq!(inline_title("Categories of data. The data"), Some("Categories of data"));
        assert_eq!(inline_title("The Parties shall act. Then"), None);
        assert_eq!(inline_title("Art. 5 applies"), None);
        assert_eq!(inline_title("This Regulation lays down rules. It applies"), None);
        assert_eq!(inline_title("No stop here"), None);
    }

    #[test]
    fn heading_texts() {
        for heading in ["RETENTION", "Agency", "In general", "Definitions .", "Effective Date of Certification.", "Antitrust laws", "Emergency Access.", "Congressional review.", "Authorization for sharing or receiving cyber threat indicators or defensive measures"] {
            assert!(is_heading_text(heading), "{heading}");
        }
        for text in ["The Department of Commerce is here.", "Paragraph 1 does not apply.", "subscriber information;", "the term", "Paragraph 1 does not apply.", "“Data” means", "The Parties shall consult"] {
            assert!(!is_heading_text(text), "{text}");
        }
    }
}
