//! The pack reader (toml-span) against the reference TOML parser (the `toml` crate, a
//! dev-dependency only): every pack the project ships or tests with reads to the same tree,
//! with every value starting at the same place; malformed TOML is refused by both, at the
//! same line, without a panic; and random damage to a real pack never makes them disagree
//! on what is valid or on what a valid document says.

mod common;

use accordlint::rules::builtin;
use accordlint::rules::error::line_column;
use common::XorShift;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;
use toml_span::value::ValueInner;

/// A TOML value as both parsers see it, with where each value starts.
#[derive(Debug, PartialEq)]
enum Tree {
    String(String),
    Integer(i64),
    Float(u64),
    Boolean(bool),
    Array(Vec<(Place, Tree)>),
    Table(BTreeMap<String, (Place, Tree)>),
}

/// Where a value starts: its byte offset, except for a table, where only the line is compared
/// (a table's span starts at its header's `[` in one parser, at its name in the other when
/// a longer header defines it implicitly). One known difference is left out of the cases: a
/// table opened implicitly (`[x.y]`) before its own header (`[x]`) is placed at the first by
/// toml-span, at its own header by the reference; packs open every table before its subtables.
#[derive(Debug, PartialEq)]
enum Place {
    Offset(usize),
    Line(usize),
}

fn float(number: f64) -> Tree {
    Tree::Float(if number.is_nan() { f64::NAN.to_bits() } else { number.to_bits() })
}

/// What the pack reader's parser (toml-span, string spans moved to the quotes) reads, or the
/// line of its error.
fn by_toml_span(text: &str) -> Result<Tree, usize> {
    let value = accordlint::rules::pack::parse_toml(text).map_err(|e| line_column(text, e.span.start).0)?;
    Ok(from_span(text, &value))
}

fn from_span(text: &str, value: &toml_span::Value<'_>) -> Tree {
    let placed = |v: &toml_span::Value<'_>| (span_place(text, v), from_span(text, v));
    match value.as_ref() {
        ValueInner::String(s) => Tree::String(s.to_string()),
        ValueInner::Integer(i) => Tree::Integer(*i),
        ValueInner::Float(f) => float(*f),
        ValueInner::Boolean(b) => Tree::Boolean(*b),
        ValueInner::Array(items) => Tree::Array(items.iter().map(placed).collect()),
        ValueInner::Table(table) => Tree::Table(table.iter().map(|(k, v)| (k.name.to_string(), placed(v))).collect()),
    }
}

fn span_place(text: &str, value: &toml_span::Value<'_>) -> Place {
    match value.as_ref() {
        ValueInner::Table(_) => Place::Line(line_column(text, value.span.start).0),
        _ => Place::Offset(value.span.start),
    }
}

/// Its parser leaves numbers as text: one out of range counts as an error at its line.
fn by_toml(text: &str) -> Result<Tree, usize> {
    let line = |offset| line_column(text, offset).0;
    let table = DeTable::parse(text).map_err(|e| line(e.span().map_or(0, |s| s.start)))?;
    let root = Spanned::new(table.span(), DeValue::Table(table.into_inner()));
    from_toml(text, &root).map_err(line)
}

/// The tree, or the offset of a value it cannot represent.
fn from_toml(text: &str, value: &Spanned<DeValue<'_>>) -> Result<Tree, usize> {
    let placed = |v: &Spanned<DeValue<'_>>| from_toml(text, v).map(|tree| (toml_place(text, v), tree));
    let unrepresentable = value.span().start;
    Ok(match value.get_ref() {
        DeValue::String(s) => Tree::String(s.to_string()),
        DeValue::Integer(i) => {
            Tree::Integer(i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).map_err(|_| unrepresentable)?)
        }
        DeValue::Float(f) => float(f.as_str().replace('_', "").parse().map_err(|_| unrepresentable)?),
        DeValue::Boolean(b) => Tree::Boolean(*b),
        DeValue::Datetime(_) => return Err(unrepresentable),
        DeValue::Array(items) => Tree::Array(items.iter().map(placed).collect::<Result<_, _>>()?),
        DeValue::Table(table) => Tree::Table(
            table.iter().map(|(k, v)| placed(v).map(|placed| (k.get_ref().to_string(), placed))).collect::<Result<_, _>>()?,
        ),
    })
}

fn toml_place(text: &str, value: &Spanned<DeValue<'_>>) -> Place {
    match value.get_ref() {
        DeValue::Table(_) => Place::Line(line_column(text, value.span().start).0),
        _ => Place::Offset(value.span().start),
    }
}

fn toml_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            toml_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
}

/// Every pack on disk (the built-in sources and the test fixtures) and every pack compiled
/// into the build (minified by build.rs).
fn all_packs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    toml_files(&root.join("src/rules/packs"), &mut files);
    toml_files(&root.join("tests/data/packs"), &mut files);
    let mut packs: Vec<(String, String)> = files
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).expect("pack file")))
        .collect();
    for id in builtin::profile_ids() {
        packs.push((format!("built-in profile {id}"), builtin::profile(id).expect("listed").text));
    }
    for id in builtin::overlay_ids() {
        packs.push((format!("built-in overlay {id}"), builtin::overlay(id).expect("listed").text));
    }
    packs
}

#[test]
fn every_pack_reads_alike_by_both_parsers() {
    let packs = all_packs();
    assert!(packs.len() >= 7, "{} packs found", packs.len());
    for (name, text) in &packs {
        assert_eq!(by_toml_span(text), by_toml(text), "{name}");
    }
}

#[test]
fn the_shipped_packs_parse_and_the_broken_fixture_does_not() {
    for (name, text) in all_packs() {
        let broken = name.ends_with("bad-syntax.toml");
        assert_eq!(by_toml_span(&text).is_err(), broken, "{name}");
        assert_eq!(accordlint::rules::pack::read(&text).is_err(), broken, "{name}");
    }
}

/// Malformed documents, each with the line the pack reader names and the line the reference
/// names (they differ where one points at an unclosed bracket or string, the other at the end
/// of the file).
const MALFORMED: &[(&str, usize, usize)] = &[
    ("a = 1\na = 2\n", 2, 2),
    ("[t]\nx = 1\n[t]\ny = 2\n", 3, 3),
    ("[t]\nx = 1\n[[t]]\n", 3, 3),
    ("[[t]]\nx = 1\n[t]\n", 3, 3),
    ("a = \"open\n", 1, 1),
    ("a = 'open\nb = 1\n", 1, 1),
    ("a = \"\\q\"\n", 1, 1),
    ("a = 1\nb =\n", 2, 2),
    ("a = 1\nb\n", 2, 2),
    ("x = [1, 2\n", 2, 1),
    ("x = {a = 1, a = 2}\n", 1, 1),
    ("x = 01\n", 1, 1),
    ("x = 1__0\n", 1, 1),
    ("x = 1.\n", 1, 1),
    ("x = .5\n", 1, 1),
    ("x = tru\n", 1, 1),
    ("x = 1 y = 2\n", 1, 1),
    ("\n\n[a.b]\nc = 1\n[a]\nb = 2\n", 6, 6),
    ("a.b = 1\na.b.c = 2\n", 2, 2),
    ("x = 9223372036854775808\n", 1, 1),
    ("[a\n", 1, 1),
    ("[[a]\n", 1, 1),
    ("a = \"\"\"\nnever closed\n", 1, 3),
    ("= 1\n", 1, 1),
    ("a = [1,,2]\n", 1, 1),
];

#[test]
fn malformed_toml_is_refused_by_both_with_its_line() {
    for (text, line, reference_line) in MALFORMED {
        assert_eq!(by_toml(text), Err(*reference_line), "the reference parser on {text:?}");
        let errors = accordlint::rules::pack::read(text).expect_err(text);
        assert_eq!(line_column(text, errors[0].0).0, *line, "the pack reader on {text:?}: {errors:?}");
    }
}

/// The TOML a pack may use, beyond what the shipped packs happen to use.
const VALID: &[&str] = &[
    "a = 'C:\\path\\b'\nb = \"tab\\tquote\\\"\\u00e9\"\n",
    "s = \"\"\"\nline one\nline two \\\n   joined\"\"\"\nt = '''\nraw \\n '''\n",
    "x = [\n  1,\n  2, # comment\n]\ny = [[1, 2], ['a']]\n",
    "a.b.c = 1\na.d = 'x'\n[e]\nf.g = true\n",
    "[[r]]\nid = 1\n[[r.checks]]\nt = 'a'\n[[r.checks.checks]]\nt = 'b'\n[[r]]\nid = 2\n",
    "i = {a = 1, b = {c = [1, 2]}}\nj = {}\n",
    "n = [+1, -2, 1_000, 0x1F, 0o17, 0b101, 1.5, -0.0, 1e3, 2E-2, 6.02e+23, inf, -inf, nan]\n",
    "\"quoted key\" = 1\n'literal key' = 2\n[\"a b\".c]\nd = 3\n",
    "[x]\nw = 2\n[x.y]\nz = 1\n",
    "a = 1 # trailing\n# whole line\n\n\tb = 2\r\nc = 3\r\n",
];

#[test]
fn valid_toml_reads_alike() {
    for text in VALID {
        let tree = by_toml_span(text);
        assert!(tree.is_ok(), "{text:?}: {tree:?}");
        assert_eq!(tree, by_toml(text), "{text:?}");
    }
}

/// Characters that matter to TOML's grammar, to damage a pack with.
const DAMAGE: &[char] = &['"', '\'', '[', ']', '{', '}', '=', ',', '.', '#', '\n', ' ', '\\', '0', '-', '_', 'a', 't', 'e'];

fn damaged(text: &str, random: &mut XorShift) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + random.below(3) {
        let at = random.below(chars.len());
        let replacement = DAMAGE[random.below(DAMAGE.len())];
        match random.below(3) {
            0 => chars[at] = replacement,
            1 => chars.insert(at, replacement),
            _ => {
                chars.remove(at);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn damaged_packs_are_judged_alike() {
    let (_, overlay) = all_packs().into_iter().find(|(name, _)| name.ends_with("eu-strict.toml")).expect("eu-strict");
    let mut random = XorShift(0x5eed_cafe_f00d);
    let mut refused = 0;
    for round in 0..3000 {
        let text = damaged(&overlay, &mut random);
        let (span, reference) = (by_toml_span(&text), by_toml(&text));
        match (&span, &reference) {
            (Ok(_), Ok(_)) => assert_eq!(span, reference, "round {round}: {text}"),
            (Err(_), Err(_)) => refused += 1,
            _ => panic!("round {round}: toml-span {:?}, reference {:?}\n{text}", span.is_ok(), reference.is_ok()),
        }
        let _ = accordlint::rules::pack::read(&text);
    }
    assert!(refused > 300, "the damage should break many packs, broke {refused}");
}
