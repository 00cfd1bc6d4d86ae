//! Compatibility normalisation for matching: the part of NFKC that changes how English
//! treaty text reads to a pattern, without Unicode's full tables (which would cost the
//! WebAssembly module about 60 KB gzipped, a fifth of its budget).
//!
//! Two things are folded: characters whose NFKC form is ASCII (ligatures "ﬁ" from PDF
//! copies, full-width "ＡＢＣ", superscript digits, "…", "™", Roman numeral signs, circled
//! numbers), and an ASCII letter followed by combining marks, composed as NFC composes it
//! ("e" + U+0301 → "é"). Everything else passes through unchanged: it cannot match the
//! ASCII phrases of a pack either way. The tables are generated from Unicode's data.

#[path = "compat_tables.rs"]
mod tables;

/// True for the combining marks that compose with the letter before them.
pub fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// The ASCII text a character folds to, if it is a compatibility character.
fn to_ascii(c: char) -> Option<&'static str> {
    tables::TO_ASCII.binary_search_by_key(&c, |&(from, _)| from).ok().map(|i| tables::TO_ASCII[i].1)
}

fn compose(letter: char, mark: char) -> Option<char> {
    tables::COMPOSED.binary_search_by(|&(l, m, _)| (l, m).cmp(&(letter, mark))).ok().map(|i| tables::COMPOSED[i].2)
}

/// Normalises one segment (a character and the combining marks after it) into `out`.
pub fn fold(segment: &str, mut out: impl FnMut(char)) {
    let mut pending: Option<char> = None;
    for c in segment.chars() {
        if let Some(base) = pending {
            if let Some(composed) = is_combining_mark(c).then(|| compose(base, c)).flatten() {
                pending = Some(composed);
                continue;
            }
            out(base);
        }
        pending = match to_ascii(c) {
            Some(ascii) => {
                let mut chars = ascii.chars();
                let last = chars.next_back();
                chars.for_each(&mut out);
                last
            }
            None => Some(c),
        };
    }
    if let Some(last) = pending {
        out(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> String {
        let mut out = String::new();
        fold(s, |c| out.push(c));
        out
    }

    #[test]
    fn compatibility_characters_fold_to_ascii() {
        assert_eq!(folded("ﬁ"), "fi");
        assert_eq!(folded("Ａ"), "A");
        assert_eq!(folded("…"), "...");
        assert_eq!(folded("²"), "2");
        assert_eq!(folded("é"), "é", "precomposed letters stay");
    }

    #[test]
    fn letters_compose_with_their_marks() {
        assert_eq!(folded("e\u{301}"), "é");
        assert_eq!(folded("c\u{327}"), "ç");
        assert_eq!(folded("q\u{301}"), "q\u{301}", "no precomposed form: kept as written");
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(tables::TO_ASCII.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(tables::COMPOSED.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
    }
}
