//! Whole-document tests: the corpus, hidden characters, offsets, and inputs that must not
//! break anything (empty, whitespace, very long lines, deep numbering, random text).

use super::offsets::Utf16Index;
use super::{ClauseKind, Document};
use crate::testing::{corpus, XorShift};

/// Every span of the document lies on character boundaries of its source, and every
/// sentence's origin map is consistent.
fn assert_well_formed(document: &Document) {
    let source = &document.source;
    let on_boundary = |at: usize| at <= source.len() && source.is_char_boundary(at);
    for clause in &document.clauses {
        assert!(on_boundary(clause.span.start) && on_boundary(clause.span.end), "{:?}", clause.span);
        assert!(clause.span.start <= clause.span.end);
        if let Some(lead_in) = clause.lead_in {
            assert!(on_boundary(lead_in.start) && on_boundary(lead_in.end));
        }
        if let Some(parent) = clause.parent {
            assert!(parent < document.clauses.len());
        }
        for sentence in clause.sentences.iter() {
            assert!(on_boundary(sentence.span.start) && on_boundary(sentence.span.end));
            assert!(sentence.span.start <= sentence.span.end);
            assert_eq!(sentence.origin.get(sentence.text.len()), sentence.span.len());
            assert!((0..=sentence.text.len()).all(|at| on_boundary(sentence.span.start + sentence.origin.get(at))));
            assert!(!sentence.text.is_empty());
        }
    }
    for hidden in &document.hidden_characters {
        assert!(on_boundary(hidden.span.start) && on_boundary(hidden.span.end));
    }
    for definition in &document.definitions {
        assert!(on_boundary(definition.span.start) && on_boundary(definition.span.end));
    }
    for reference in &document.cross_references() {
        assert!(on_boundary(reference.span.start) && on_boundary(reference.span.end));
    }
}

#[test]
fn every_corpus_document_parses_with_body_clauses() {
    for (name, text) in corpus() {
        let document = Document::parse(text);
        assert_well_formed(&document);
        let body = document.clauses.iter().filter(|c| c.kind == ClauseKind::Body).count();
        assert!(body >= 1, "{name}: no body clause");
        for clause in &document.clauses {
            assert!(!clause.reference.is_empty(), "{name}: empty reference");
        }
    }
}

#[test]
fn corpus_references_read_as_a_reader_cites_them() {
    let documents = corpus();
    let find = |prefix: &str| documents.iter().find(|(name, _)| name.starts_with(prefix)).map(|(_, text)| Document::parse(text.as_str()));
    let checks: &[(&str, &[&str])] = &[
        ("weak-threat-intel-mou", &["Preamble", "Para 7", "Para 8(a)", "Para 19(c)", "Closing"]),
        ("coe_ets181", &["Preamble", "Art. 1(2)(a)", "Art. 2(2)(b)", "Art. 3(6)(d)", "Closing"]),
        ("eu_nis2", &["Art. 2(14)", "Art. 15(3)(j)", "Art. 17", "Art. 29(1)(b)"]),
        ("incident-response", &["Clause 1.1(g)", "Clause 9.4", "Clause 19.4"]),
        ("joint-investigation", &["Art. 2(1)(c)", "Art. 18", "Art. 23(4)"]),
        ("multi-category", &["Sec. 1.1(m)", "Sec. 14.1(b)", "Annex A.6", "Annex B.6(d)", "Annex C.5"]),
        ("strong-threat-intel", &["Art. 9(3)(d)", "Art. 16"]),
        ("tricky-exceptions", &["Art. 7.1", "Art. 9.2", "Art. 21.3"]),
        ("us_18usc2523", &["(a)(2)", "(b)(1)(B)(iii)(V)", "(b)(4)(D)(vi)(III)", "(d)(7)(B)(i)(II)(bb)", "(h)"]),
        ("us_6usc1501", &["§ 1501(18)", "§ 1503(d)(2)(B)", "§ 1504(d)(5)(D)(ii)(II)"]),
    ];
    for (prefix, expected) in checks {
        let Some(document) = find(prefix) else { continue };
        let references: Vec<&str> = document.clauses.iter().map(|c| c.reference.as_str()).collect();
        for reference in *expected {
            assert!(references.contains(reference), "{prefix}: {reference} missing in {references:?}");
        }
    }
}

#[test]
fn corpus_preambles_do_not_bind_and_recitals_are_preamble() {
    for (name, text) in corpus() {
        let document = Document::parse(text);
        for clause in &document.clauses {
            let first = clause.sentences.first().map_or("", |s| s.text.as_str());
            if first.starts_with("Recognising") || first.starts_with("Desiring") || first.starts_with("Have agreed") {
                assert_eq!(clause.kind, ClauseKind::Preamble, "{name}: {first}");
            }
        }
    }
}

#[test]
fn hidden_characters_are_reported_and_removed_for_matching() {
    let text = "Article 1\n\nData shall not\u{200b} be retained. Logs shall be de\u{202e}leted.";
    let document = Document::parse(text);
    let names: Vec<_> = document.hidden_characters.iter().map(|h| (h.code_point.as_str(), h.name.as_str())).collect();
    assert_eq!(names, vec![("U+200B", "ZERO WIDTH SPACE"), ("U+202E", "RIGHT-TO-LEFT OVERRIDE")]);
    let span = document.hidden_characters[0].span;
    assert_eq!(&document.source[span.start..span.end], "\u{200b}");
    let sentences: Vec<_> = document.clauses[1].sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(sentences, vec!["Data shall not be retained.", "Logs shall be deleted."]);
}

#[test]
fn offsets_in_utf8_and_utf16_with_emoji_and_accents() {
    let text = "Article 1 – Données 😀\n\n1. Les données «personnelles» 😀 shall be deleted. Next sentence here.";
    let document = Document::parse(text);
    assert_well_formed(&document);
    let index = Utf16Index::new(&document.source);
    let clause = document.clauses.iter().find(|c| c.reference == "Art. 1(1)").unwrap();
    let sentence = &clause.sentences[0];
    assert_eq!(sentence.text, "Les données \"personnelles\" 😀 shall be deleted.");
    let at = sentence.text.find("shall").unwrap();
    let span = sentence.original_span(at, at + "shall".len());
    assert_eq!(&document.source[span.start..span.end], "shall");
    let (start16, end16) = index.span(span);
    let utf16: Vec<u16> = document.source.encode_utf16().collect();
    assert_eq!(String::from_utf16(&utf16[start16..end16]).unwrap(), "shall");
    let quote = sentence.original_span(sentence.text.find('"').unwrap(), sentence.text.find("personnelles").unwrap());
    assert_eq!(&document.source[quote.start..quote.end], "«");
}

#[test]
fn word_count_and_title() {
    let document = Document::parse("Data Sharing Agreement\n\n1. The Parties shall cross-check logs.\n");
    assert_eq!(document.word_count, 10);
    assert_eq!(document.title.as_deref(), Some("Data Sharing Agreement"));
}

/// The word count reads sixteen ASCII bytes at once: it must count as a byte-by-byte reading
/// does, whatever the mix of ASCII and other characters and wherever a word starts. Every
/// other text is ASCII only (the first six pieces), for long runs of the fast path.
#[test]
fn word_count_matches_a_byte_by_byte_reading() {
    let pieces = ["a", "Z", "7", " ", "-", "\n", "é", "«", "—", "\u{a0}", "§", "😀", "\u{feff}", "x9", "_", "`", "(1)"];
    let mut random = XorShift::default();
    for round in 0..1000 {
        let choices = if round % 2 == 0 { pieces.len() } else { 6 };
        let text: String = (0..random.below(60)).map(|_| pieces[random.below(choices)]).collect();
        let mut in_word = 0;
        let expected = super::count_word_bytes(text.as_bytes(), &mut in_word);
        assert_eq!(super::count_words(&text), expected, "{text:?}");
    }
}

#[test]
fn empty_and_whitespace_inputs() {
    for text in ["", " ", "\n\n\n", " \t\r\n\u{a0}\u{200b}", "\r", "\u{feff}"] {
        let document = Document::parse(text);
        assert_well_formed(&document);
        assert!(document.clauses.iter().all(|c| c.sentences.is_empty() || c.kind != ClauseKind::Body), "{text:?}");
        assert_eq!(document.word_count, 0);
        assert_eq!(document.title, None);
    }
}

#[test]
fn a_ten_thousand_character_line() {
    let line = "The Parties shall retain data ".repeat(340);
    let document = Document::parse(format!("Article 1\n\n1. {line}\n"));
    assert_well_formed(&document);
    assert_eq!(document.clauses[1].reference, "Art. 1(1)");
    let dotted = "a.".repeat(6000);
    assert_well_formed(&Document::parse(dotted));
}

#[test]
fn two_hundred_deep_numbering() {
    let styles = ["(a)", "(1)", "(i)", "(A)", "(I)", "(aa)", "1.", "a)", "1.1", "A.1", "-"];
    let mut text = String::from("Article 1\n");
    for depth in 0..200 {
        text.push_str(&format!("{} level {depth} shall apply;\n", styles[depth % styles.len()]));
    }
    let dotted: Vec<String> = (0..200).map(|_| "1".to_string()).collect();
    for depth in 2..200 {
        text.push_str(&format!("{} deep text;\n", dotted[..depth].join(".")));
    }
    let document = Document::parse(text);
    assert_well_formed(&document);
    assert!(document.clauses.len() > 200);
}

#[test]
fn random_text_never_panics() {
    let pieces = [
        "Article ", "1", ".", "(a)", "(iv)", " ", "\n", "\r", "\r\n", "\n\n", "é", "\u{301}", "\u{308}", "😀", "§ ",
        "\"", "“", "’", "-", "\u{ad}", "\u{200b}", "\u{202e}", "shall", "Done at ", "For the Government", "ANNEX",
        "hereinafter", "means", "Art. ", "paragraph ", "(", ")", ":", ";", "\t", "#", "*", "IV.", "1.2", "A.1", "\u{a0}",
        "ﬁ", "\u{1100}\u{1161}", "\u{e0041}",
    ];
    let mut random = XorShift::default();
    for _ in 0..400 {
        let mut text = String::new();
        for _ in 0..60 {
            text.push_str(pieces[random.below(pieces.len())]);
        }
        let document = Document::parse(text);
        assert_well_formed(&document);
    }
}

#[test]
fn large_documents_parse_every_repetition() {
    // Speed is measured by the benchmarks (benches/pipeline.rs), not asserted here.
    let unit = "Article 7 - Retention\n\n1. Personal data shall be deleted after two years, e.g. logs.\n2. Each Party shall ensure that:\n(a) data are erased;\n(b) logs are kept.\n\n";
    let small = Document::parse(unit.repeat(200));
    let large = Document::parse(unit.repeat(2000));
    assert_eq!(large.clauses.len(), small.clauses.len() * 10);
    assert_well_formed(&large);
}

#[test]
fn a_reparse_equals_a_fresh_parse_after_any_edit() {
    let mut random = XorShift::default();
    for (name, text) in corpus() {
        let mut previous = Document::parse(text.as_str());
        let mut text = text;
        for step in 0..60 {
            text = crate::testing::random_edit(&text, &mut random);
            let (document, carried) = previous.reparse(text.as_str());
            let fresh = Document::parse(text.as_str());
            assert_eq!(document, fresh, "{name}, edit {step}");
            assert_eq!(carried.len(), fresh.clauses.len());
            previous = document;
        }
    }
}

#[test]
fn a_reparse_resumes_the_structure_pass_across_free_standing_headings() {
    // Free-standing headings take the reference of the clause after them: a reparse that
    // rejoins the previous version between a heading and its clause must still give it one.
    let draft: String = (1..=40)
        .map(|n| format!("COOPERATION MATTERS {n}\n\nArticle {n}\n\nThe Parties shall cooperate on matter {n}.\n\n"))
        .collect();
    for n in 1..=40 {
        let edited = draft.replace(&format!("matter {n}."), &format!("matter {n} promptly."));
        let (document, _) = Document::parse(draft.as_str()).reparse(edited.as_str());
        assert_eq!(document, Document::parse(edited), "edit in Article {n}");
    }
}

#[test]
fn one_item_stays_in_place_and_more_make_a_vector() {
    use super::OneOrMany;
    assert!(matches!((0..0).collect::<OneOrMany<i32>>(), OneOrMany::Many(v) if v.is_empty()));
    assert!(matches!((7..8).collect::<OneOrMany<i32>>(), OneOrMany::One(7)));
    let many: OneOrMany<i32> = (1..4).filter(|n| n % 2 == 1).collect();
    assert!(matches!(&many, OneOrMany::Many(v) if v == &[1, 3]));
    assert_eq!(&*many, &[1, 3]);
    assert_eq!(many, OneOrMany::Many(vec![1, 3]));
    assert_eq!(OneOrMany::One(5), OneOrMany::Many(vec![5]), "equal as slices");
}
