//! References, kinds, headings and lead-ins on small drafts in each drafting style.

use crate::document::{ClauseKind, Document};

/// (kind, reference, first sentence) of every clause.
fn outline(text: &str) -> Vec<(ClauseKind, String, String)> {
    Document::parse(text)
        .clauses
        .iter()
        .map(|c| {
            let first = c.sentences.first().map(|s| s.text.clone()).unwrap_or_default();
            (c.kind, c.reference.clone(), first)
        })
        .collect()
}

fn references(text: &str) -> Vec<String> {
    outline(text).into_iter().map(|(_, r, _)| r).collect()
}

fn body_references(text: &str) -> Vec<String> {
    outline(text).into_iter().filter(|(k, _, _)| *k == ClauseKind::Body).map(|(_, r, _)| r).collect()
}

const EU_TREATY: &str = "\
Article 14 - Retention of data

1. Personal data shall be deleted after two years.
2. Each Party shall ensure that:
(a) data are deleted when no longer needed;
(b) logs of access are kept.
3. Paragraph 2 applies also to copies.

Article 15

The Parties shall cooperate.
";

#[test]
fn eu_treaty_style() {
    assert_eq!(
        references(EU_TREATY),
        vec!["Art. 14", "Art. 14(1)", "Art. 14(2)", "Art. 14(2)(a)", "Art. 14(2)(b)", "Art. 14(3)", "Art. 15", "Art. 15"]
    );
    let document = Document::parse(EU_TREATY);
    let kinds: Vec<_> = document.clauses.iter().map(|c| c.kind).collect();
    assert_eq!(kinds[0], ClauseKind::Heading);
    assert_eq!(kinds[1], ClauseKind::Body);
    let item = &document.clauses[3];
    assert_eq!(item.heading.as_deref(), Some("Retention of data"));
    assert_eq!(item.sentences[0].text, "data are deleted when no longer needed;");
    let lead_in = document.lead_in_sentence(item).expect("lead-in");
    assert_eq!(lead_in.text, "Each Party shall ensure that:");
    assert_eq!(&document.source[item.lead_in.unwrap().start..item.lead_in.unwrap().end], "Each Party shall ensure that:");
    assert_eq!(document.clauses[5].lead_in, None, "Art. 14(3) is not an item of a list");
    assert_eq!(document.clauses[7].heading, None, "a new article resets the heading");
}

#[test]
fn us_statute_section_style() {
    let text = "\
Sec. 101. Definitions and duties.

(a) In general

The Secretary shall ensure that

(1) records are deleted within 30 days; and

(2) logs are kept, including

(A) access logs; and

(B) transfer logs.

(b) Reports

The Secretary shall report.
";
    assert_eq!(
        body_references(text),
        vec!["Sec. 101(a)", "Sec. 101(a)(1)", "Sec. 101(a)(2)", "Sec. 101(a)(2)(A)", "Sec. 101(a)(2)(B)", "Sec. 101(b)"]
    );
    let document = Document::parse(text);
    let a2a = document.clauses.iter().find(|c| c.reference == "Sec. 101(a)(2)(A)").unwrap();
    assert_eq!(document.lead_in_sentence(a2a).unwrap().text, "logs are kept, including");
    let a1 = document.clauses.iter().find(|c| c.reference == "Sec. 101(a)(1)").unwrap();
    assert_eq!(document.lead_in_sentence(a1).unwrap().text, "The Secretary shall ensure that");
    assert_eq!(a1.heading.as_deref(), Some("Definitions and duties"), "'In general' says nothing");
}

#[test]
fn us_code_paragraph_symbol_style() {
    let text = "\
§ 1503. Authorizations
(d) Protection and use of information

(1) Security of information

A non-Federal entity shall implement security controls.

(2) Removal of certain personal information

A non-Federal entity sharing a cyber threat indicator shall, prior to such sharing

(A) review such indicator; and

(B) remove any information
(i) not directly related; or
(ii) identifying a person.
";
    let refs = references(text);
    assert!(refs.contains(&"§ 1503(d)(2)".to_string()), "{refs:?}");
    assert!(refs.contains(&"§ 1503(d)(2)(B)(ii)".to_string()), "{refs:?}");
    let document = Document::parse(text);
    let heading = document.clauses.iter().find(|c| c.reference == "§ 1503(d)(1)").unwrap();
    assert_eq!(heading.kind, ClauseKind::Heading);
    assert_eq!(heading.heading.as_deref(), Some("Security of information"));
    let body = document.clauses.iter().find(|c| c.reference == "§ 1503(d)(2)" && c.kind == ClauseKind::Body).unwrap();
    assert_eq!(body.heading.as_deref(), Some("Removal of certain personal information"));
}

#[test]
fn us_deep_levels_use_roman_capitals_and_double_letters() {
    let text = "\
(a) Rules

(1) Procedure
(A) The following apply:
(i) first
(I) a rule
(II) With respect to that resolution
(aa) the procedure shall be the same; and
(bb) the vote shall be final.
(ii) second
(b) Other text.
";
    assert_eq!(
        body_references(text),
        vec!["(a)(1)(A)", "(a)(1)(A)(i)", "(a)(1)(A)(i)(I)", "(a)(1)(A)(i)(II)", "(a)(1)(A)(i)(II)(aa)", "(a)(1)(A)(i)(II)(bb)", "(a)(1)(A)(ii)", "(b)"]
    );
}

#[test]
fn letter_i_after_h_is_a_letter_and_roman_elsewhere() {
    let text = "Article 1\n\n1. Lists:\n(g) g;\n(h) h;\n(i) i;\n(j) j.\n2. Other:\n(a) a, namely:\n(i) one;\n(ii) two;\n(b) b.\n";
    assert_eq!(
        body_references(text),
        vec!["Art. 1(1)", "Art. 1(1)(g)", "Art. 1(1)(h)", "Art. 1(1)(i)", "Art. 1(1)(j)", "Art. 1(2)", "Art. 1(2)(a)", "Art. 1(2)(a)(i)", "Art. 1(2)(a)(ii)", "Art. 1(2)(b)"]
    );
}

#[test]
fn commonwealth_clause_style() {
    let text = "Clause 4 - Retention\n\n4.1 The Participants shall retain data for one year.\n\n4.2 Each Participant shall:\n\n(a) delete data; and\n\n(b) keep logs.\n";
    assert_eq!(references(text), vec!["Clause 4", "Clause 4.1", "Clause 4.2", "Clause 4.2(a)", "Clause 4.2(b)"]);
}

#[test]
fn dotted_paragraphs_under_articles() {
    let text = "Article 9 - Retention\n9.1 Data shall be erased after two years.\n9.2 Paragraph 9.1 shall not apply to holdings.\n";
    assert_eq!(references(text), vec!["Art. 9", "Art. 9.1", "Art. 9.2"]);
}

#[test]
fn mou_numbered_headings() {
    let text = "\
MEMORANDUM OF UNDERSTANDING

The Participants have decided as follows:

7. RETENTION

Information may be retained indefinitely.

8. USE OF INFORMATION

(a) Information may be used for any purpose.

(b) The Participant should inform the other.
";
    assert_eq!(
        outline(text).into_iter().map(|(k, r, _)| (k, r)).collect::<Vec<_>>(),
        vec![
            (ClauseKind::Preamble, "Preamble".to_string()),
            (ClauseKind::Preamble, "Preamble".to_string()),
            (ClauseKind::Heading, "Para 7".to_string()),
            (ClauseKind::Body, "Para 7".to_string()),
            (ClauseKind::Heading, "Para 8".to_string()),
            (ClauseKind::Body, "Para 8(a)".to_string()),
            (ClauseKind::Body, "Para 8(b)".to_string()),
        ]
    );
    let document = Document::parse(text);
    assert_eq!(document.clauses[3].heading.as_deref(), Some("RETENTION"));
    assert_eq!(document.title.as_deref(), Some("MEMORANDUM OF UNDERSTANDING"));
}

#[test]
fn annexes_schedules_chapters_and_parts() {
    let text = "\
Article 1
Text of article one.

ANNEX 1 - Categories

1. Logs.

3. Images.

Annex B - Incident response
B.6 Emergency Access.
(a) Access shall end after 90 days.

Schedule 2

The schedule text.

Chapter II - Final provisions

Article 20

The Agreement shall enter into force.

Part 3

1. The Parties shall review it.
";
    assert_eq!(
        body_references(text),
        vec!["Art. 1", "Annex 1(1)", "Annex 1(3)", "Annex B.6(a)", "Schedule 2", "Art. 20", "Part 3(1)"]
    );
    let document = Document::parse(text);
    let article_20 = document.clauses.iter().find(|c| c.reference == "Art. 20" && c.kind == ClauseKind::Body).unwrap();
    assert_eq!(article_20.heading.as_deref(), Some("Final provisions"));
    assert!(document.clauses.iter().any(|c| c.reference == "Chapter II" && c.kind == ClauseKind::Heading));
}

#[test]
fn article_title_on_the_next_line() {
    let text = "Article  1\n\nSupervisory authorities\n\n1.   Each Party shall provide for authorities.\n2.\na)To this end, the authorities shall have powers.\n\nb) Each authority shall hear claims.\n";
    assert_eq!(
        outline(text).into_iter().map(|(k, r, _)| (k, r)).collect::<Vec<_>>(),
        vec![
            (ClauseKind::Heading, "Art. 1".to_string()),
            (ClauseKind::Heading, "Art. 1".to_string()),
            (ClauseKind::Body, "Art. 1(1)".to_string()),
            (ClauseKind::Body, "Art. 1(2)(a)".to_string()),
            (ClauseKind::Body, "Art. 1(2)(b)".to_string()),
        ]
    );
    assert_eq!(Document::parse(text).clauses[2].heading.as_deref(), Some("Supervisory authorities"));
}

#[test]
fn preamble_recitals_and_closing() {
    let text = "\
AGREEMENT BETWEEN A AND B

The Government of A and the Government of B (hereinafter \"the Parties\"),

Recognising the importance of cooperation;

Desiring to protect personal data;

Have agreed as follows:

Article 1

The Parties shall cooperate.

Done at Geneva on 1 May 2024, in duplicate.

For the Government of A

For the Government of B
";
    let found = outline(text);
    let kinds: Vec<_> = found.iter().map(|(k, r, _)| (*k, r.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (ClauseKind::Preamble, "Preamble"),
            (ClauseKind::Preamble, "Preamble"),
            (ClauseKind::Preamble, "Preamble"),
            (ClauseKind::Preamble, "Preamble"),
            (ClauseKind::Preamble, "Preamble"),
            (ClauseKind::Heading, "Art. 1"),
            (ClauseKind::Body, "Art. 1"),
            (ClauseKind::Closing, "Closing"),
            (ClauseKind::Closing, "Closing"),
            (ClauseKind::Closing, "Closing"),
        ]
    );
}

#[test]
fn for_the_purposes_is_not_a_signature() {
    let text = "Article 1\n\nFor the purposes of this Agreement:\n\n(a) \"data\" means information.\n";
    assert_eq!(body_references(text), vec!["Art. 1", "Art. 1(a)"]);
    let document = Document::parse(text);
    assert_eq!(document.lead_in_sentence(&document.clauses[2]).unwrap().text, "For the purposes of this Agreement:");
}

#[test]
fn unstructured_text_is_numbered_by_paragraph() {
    let text = "Recognising the need for cooperation;\n\nThe Parties shall delete data after two years.\n\nLogs shall be kept.\n";
    assert_eq!(
        outline(text).into_iter().map(|(k, r, _)| (k, r)).collect::<Vec<_>>(),
        vec![
            (ClauseKind::Preamble, "Preamble".to_string()),
            (ClauseKind::Body, "Para 1".to_string()),
            (ClauseKind::Body, "Para 2".to_string()),
        ]
    );
}

#[test]
fn markdown_headings_and_lists() {
    let text = "# Data Sharing Agreement\n\n## Article 1 - Scope\n\n1. The Parties **shall** cooperate on:\n\n- threat indicators;\n- vulnerabilities.\n";
    let found = outline(text);
    assert_eq!(found[0].0, ClauseKind::Preamble);
    assert_eq!(found[1].1, "Art. 1");
    assert_eq!(found[2].2, "The Parties shall cooperate on:");
    assert_eq!(body_references(text), vec!["Art. 1(1)", "Art. 1(1)", "Art. 1(1)"]);
    let document = Document::parse(text);
    assert_eq!(document.lead_in_sentence(&document.clauses[3]).unwrap().text, "The Parties shall cooperate on:");
}

#[test]
fn wrapped_line_starting_with_a_number_is_not_an_item() {
    let text = "Article 2\n\n1. Data shall be processed as set out in paragraph\n(4) of Article 7 and in Regulation\n2016. Logs shall be kept.\n2. Next.\n";
    assert_eq!(body_references(text), vec!["Art. 2(1)", "Art. 2(2)"]);
}

#[test]
fn clause_and_sentence_spans_are_in_the_source() {
    let document = Document::parse(EU_TREATY);
    for clause in &document.clauses {
        assert!(clause.span.start <= clause.span.end && clause.span.end <= document.source.len());
        for sentence in clause.sentences.iter() {
            assert!(clause.span.start <= sentence.span.start && sentence.span.end <= clause.span.end, "{clause:?}");
        }
    }
    let item = &document.clauses[3];
    assert_eq!(&document.source[item.span.start..item.span.end], "(a) data are deleted when no longer needed;");
}

#[test]
fn eu_regulation_recitals_and_titles_on_their_own_line() {
    let text = "\
REGULATION (EU) 2099/1

Whereas:

(1) Member States shall cooperate.

HAVE ADOPTED THIS REGULATION:

CHAPTER I

GENERAL PROVISIONS

Article 1

Subject matter

1. This Regulation lays down rules. It applies to logs.

Article 2
Definitions
For the purposes of this Regulation:
(1) 'personal data' means any information;
";
    let document = Document::parse(text);
    let summary: Vec<_> = document.clauses.iter().map(|c| (c.kind, c.reference.as_str(), c.heading.as_deref())).collect();
    assert_eq!(
        summary,
        vec![
            (ClauseKind::Preamble, "Preamble", None),
            (ClauseKind::Preamble, "Preamble", None),
            (ClauseKind::Preamble, "Preamble", None),
            (ClauseKind::Preamble, "Preamble", None),
            (ClauseKind::Heading, "Chapter I", None),
            (ClauseKind::Heading, "Chapter I", Some("GENERAL PROVISIONS")),
            (ClauseKind::Heading, "Art. 1", None),
            (ClauseKind::Heading, "Art. 1", Some("Subject matter")),
            (ClauseKind::Body, "Art. 1(1)", Some("Subject matter")),
            (ClauseKind::Heading, "Art. 2", None),
            (ClauseKind::Heading, "Art. 2", Some("Definitions")),
            (ClauseKind::Body, "Art. 2", Some("Definitions")),
            (ClauseKind::Body, "Art. 2(1)", Some("Definitions")),
        ]
    );
    assert_eq!(document.definitions[0].term, "personal data");
}
