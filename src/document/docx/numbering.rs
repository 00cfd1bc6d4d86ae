//! Automatic list numbering (`word/numbering.xml`): the labels Word draws in front of
//! numbered paragraphs ("Article 3", "(2)", "(b)"), which are not in the text runs at all.
//!
//! A paragraph names a list instance (`numId`) and a level (`ilvl`); the instance points at
//! an abstract definition whose levels give the start value, number format and label
//! template (`lvlText`, e.g. "Article %1" or "%1.%2"). Instances may override levels or
//! their start values. Counting follows Word: instances of the same abstract definition
//! share counters unless they restart with a start override, and a level restarts when a
//! level above it (or up to `lvlRestart`) is used.

use std::collections::{HashMap, HashSet};

use super::error::DocxError;
use super::props::ParaProps;
use super::styles::Styles;
use super::xml::{Node, Tag, XmlCursor};

const LEVELS: usize = 9;

/// How many hops a `numStyleLink` may take before it is treated as broken.
const MAX_STYLE_LINKS: usize = 4;

#[derive(Debug, Clone)]
struct Level {
    start: i64,
    format: String,
    template: String,
    /// `lvlRestart`: restart after levels numbered (1-based) up to this; 0 = never.
    restart: Option<usize>,
    legal: bool,
    separator: &'static str,
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: "decimal".to_string(),
            template: String::new(),
            restart: None,
            legal: false,
            separator: " ",
            style: None,
        }
    }
}

#[derive(Debug, Default)]
struct AbstractNum {
    levels: Vec<Level>,
    /// `w:styleLink`: this definition is the numbering style of that name.
    defines_style: Option<String>,
    /// `w:numStyleLink`: this definition only points at that numbering style.
    uses_style: Option<String>,
}

#[derive(Debug, Default)]
struct LevelOverride {
    start: Option<i64>,
    level: Option<Level>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    overrides: HashMap<usize, LevelOverride>,
}

#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
}

/// A paragraph's place in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    pub num_id: String,
    pub level: usize,
}

/// What Word draws for one numbered paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    /// What stands between the label and the text: Word's tab or space becomes a space.
    pub separator: &'static str,
    /// The labels of this paragraph's list ancestors and its own, outermost first:
    /// ["Article 3", "(2)", "(b)"].
    pub path: Vec<String>,
}

impl Numbering {
    pub fn parse(part: &str, xml: &str) -> Result<Numbering, DocxError> {
        let mut numbering = Numbering::default();
        let mut cursor = XmlCursor::new(part, xml);
        loop {
            match cursor.next()? {
                Node::Open(tag) if tag.is("abstractNum") => {
                    let id = tag.attr("abstractNumId").unwrap_or_default();
                    let definition = read_abstract(&mut cursor)?;
                    numbering.abstracts.insert(id, definition);
                }
                Node::Open(tag) if tag.is("num") => {
                    let id = tag.attr("numId").unwrap_or_default();
                    let num = read_num(&mut cursor)?;
                    numbering.nums.insert(id, num);
                }
                Node::Eof => return Ok(numbering),
                _ => {}
            }
        }
    }

    /// The list item a paragraph is, from its own `numPr` or its style's; `numId` 0 means
    /// "not numbered" and cancels a style's numbering.
    pub fn item(&self, styles: &Styles, props: &ParaProps) -> Option<ListItem> {
        let style = styles.paragraph_style(props.style.as_deref());
        let (style_num, style_level) = styles.numbering(style);
        let num_id = props.num_id.as_deref().or(style_num)?;
        if num_id == "0" || !self.nums.contains_key(num_id) {
            return None;
        }
        let level = props
            .level
            .or(style_level)
            .map(usize::from)
            .or_else(|| self.level_for_style(num_id, style?))
            .unwrap_or(0)
            .min(LEVELS - 1);
        Some(ListItem {
            num_id: num_id.to_string(),
            level,
        })
    }

    /// The level a style is linked to in a list's definition (`w:lvl/w:pStyle`).
    fn level_for_style(&self, num_id: &str, style: &str) -> Option<usize> {
        let definition = self.definition(num_id)?;
        definition
            .levels
            .iter()
            .position(|level| level.style.as_deref() == Some(style))
    }

    /// The abstract definition behind a list instance. A definition that only refers to a
    /// numbering style (`numStyleLink`) is replaced by the one defining that style
    /// (`styleLink`), which holds the levels.
    fn definition(&self, num_id: &str) -> Option<&AbstractNum> {
        let mut definition = self.abstracts.get(&self.nums.get(num_id)?.abstract_id)?;
        for _ in 0..MAX_STYLE_LINKS {
            let Some(uses) = definition.uses_style.as_deref() else {
                break;
            };
            let defining = self
                .abstracts
                .values()
                .find(|a| a.defines_style.as_deref() == Some(uses));
            let Some(defining) = defining else { break };
            definition = defining;
        }
        Some(definition)
    }

    fn level(&self, num_id: &str, level: usize) -> Level {
        let overridden = self
            .nums
            .get(num_id)
            .and_then(|num| num.overrides.get(&level)?.level.clone());
        overridden
            .or_else(|| self.definition(num_id)?.levels.get(level).cloned())
            .unwrap_or_default()
    }
}

/// Counts list items in reading order and renders their labels.
pub struct Counter<'n> {
    numbering: &'n Numbering,
    counters: HashMap<String, [Option<i64>; LEVELS]>,
    labels: HashMap<String, [Option<String>; LEVELS]>,
    started: HashSet<String>,
}

impl<'n> Counter<'n> {
    pub fn new(numbering: &'n Numbering) -> Self {
        Counter {
            numbering,
            counters: HashMap::new(),
            labels: HashMap::new(),
            started: HashSet::new(),
        }
    }

    /// Advances the list for this item and returns the label Word shows for it.
    pub fn next(&mut self, item: &ListItem) -> Label {
        let key = self.counter_key(&item.num_id);
        self.apply_start_overrides(item, &key);
        let levels: Vec<Level> = (0..LEVELS)
            .map(|l| self.numbering.level(&item.num_id, l))
            .collect();
        let counters = self.counters.entry(key.clone()).or_insert([None; LEVELS]);
        let current = &levels[item.level];
        counters[item.level] =
            Some(counters[item.level].map_or(current.start, |n| n.saturating_add(1)));
        for (deeper, level) in levels.iter().enumerate().skip(item.level + 1) {
            let restart_after = level.restart.unwrap_or(deeper);
            if item.level < restart_after {
                counters[deeper] = None;
            }
        }
        let text = render(current, item.level, &levels, counters);
        let path = self.path(&key, item.level, &text);
        Label {
            text,
            separator: current.separator,
            path,
        }
    }

    /// Instances of one definition share counters, except an instance that restarts with
    /// its own start values, which Word counts on its own.
    fn counter_key(&self, num_id: &str) -> String {
        match self.numbering.nums.get(num_id) {
            Some(num)
                if num
                    .overrides
                    .values()
                    .any(|o| o.start.is_some() || o.level.is_some()) =>
            {
                format!("num:{num_id}")
            }
            Some(num) => format!("abstract:{}", num.abstract_id),
            None => format!("num:{num_id}"),
        }
    }

    /// A start override takes effect where its instance is first used.
    fn apply_start_overrides(&mut self, item: &ListItem, key: &str) {
        if !self.started.insert(item.num_id.clone()) {
            return;
        }
        let Some(num) = self.numbering.nums.get(&item.num_id) else {
            return;
        };
        let counters = self
            .counters
            .entry(key.to_string())
            .or_insert([None; LEVELS]);
        for (&level, override_) in &num.overrides {
            if let (Some(start), Some(slot)) = (override_.start, counters.get_mut(level)) {
                *slot = Some(start.saturating_sub(1));
            }
        }
    }

    /// Records this label at its level, forgets deeper ones, and returns the chain of
    /// labels from the outermost level in use down to this one.
    fn path(&mut self, key: &str, level: usize, label: &str) -> Vec<String> {
        let labels = self.labels.entry(key.to_string()).or_default();
        labels[level] = Some(label.to_string());
        for deeper in labels.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        labels[..=level]
            .iter()
            .flatten()
            .filter(|l| !l.is_empty())
            .cloned()
            .collect()
    }
}

/// Fills the level's template: `%n` is level n's current value in level n's format (all
/// decimal under "legal" numbering); a level not yet used shows its start value.
fn render(
    current: &Level,
    level: usize,
    levels: &[Level],
    counters: &[Option<i64>; LEVELS],
) -> String {
    if current.format == "bullet" {
        return bullet(&current.template);
    }
    let mut out = String::new();
    let mut chars = current.template.chars().peekable();
    while let Some(c) = chars.next() {
        let placeholder = chars
            .peek()
            .and_then(|d| d.to_digit(10))
            .filter(|d| (1..=9).contains(d));
        match (c, placeholder) {
            ('%', Some(digit)) => {
                chars.next();
                let referenced = digit as usize - 1;
                let definition = &levels[referenced];
                let value = counters[referenced].unwrap_or(definition.start);
                let format = if current.legal && referenced < level {
                    "decimal"
                } else {
                    &definition.format
                };
                out.push_str(&format_number(value, format));
            }
            _ => out.push(c),
        }
    }
    out
}

/// Bullets are drawn from symbol fonts through private-use code points; a reader sees a dot.
fn bullet(template: &str) -> String {
    let private_use = |c: char| ('\u{E000}'..='\u{F8FF}').contains(&c);
    if template.is_empty() || template.chars().any(private_use) {
        "•".to_string()
    } else {
        template.to_string()
    }
}

/// Renders a counter value in a `w:numFmt`. Formats this reader does not know fall back to
/// decimal, which keeps references unambiguous.
pub fn format_number(value: i64, format: &str) -> String {
    match format {
        "none" => String::new(),
        "decimalZero" if (0..10).contains(&value) => format!("0{value}"),
        "lowerLetter" => letters(value).to_ascii_lowercase(),
        "upperLetter" => letters(value),
        "lowerRoman" => roman(value).to_ascii_lowercase(),
        "upperRoman" => roman(value),
        "ordinal" => ordinal(value),
        "cardinalText" => words(value, false),
        "ordinalText" => words(value, true),
        _ => value.to_string(),
    }
}

/// A, B, … Z, AA, BB, … as Word counts letters.
fn letters(value: i64) -> String {
    if value < 1 {
        return value.to_string();
    }
    let index = (value - 1) % 26;
    let repeat = ((value - 1) / 26 + 1).min(50) as usize;
    let letter = char::from(b'A' + index as u8);
    std::iter::repeat_n(letter, repeat).collect()
}

fn roman(value: i64) -> String {
    if !(1..4000).contains(&value) {
        return value.to_string();
    }
    const NUMERALS: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = value;
    let mut out = String::new();
    for (amount, numeral) in NUMERALS {
        while rest >= amount {
            out.push_str(numeral);
            rest -= amount;
        }
    }
    out
}

fn ordinal(value: i64) -> String {
    let suffix = match (value % 10, value % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{value}{suffix}")
}

/// "One", "Twenty-One", "First", "Twenty-First" up to 99; larger values stay digits.
fn words(value: i64, ordinal_form: bool) -> String {
    const UNITS: [&str; 20] = [
        "Zero",
        "One",
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
        "Ten",
        "Eleven",
        "Twelve",
        "Thirteen",
        "Fourteen",
        "Fifteen",
        "Sixteen",
        "Seventeen",
        "Eighteen",
        "Nineteen",
    ];
    const UNIT_ORDINALS: [&str; 20] = [
        "Zeroth",
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Eleventh",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Fifteenth",
        "Sixteenth",
        "Seventeenth",
        "Eighteenth",
        "Nineteenth",
    ];
    const TENS: [&str; 10] = [
        "", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety",
    ];
    const TEN_ORDINALS: [&str; 10] = [
        "",
        "",
        "Twentieth",
        "Thirtieth",
        "Fortieth",
        "Fiftieth",
        "Sixtieth",
        "Seventieth",
        "Eightieth",
        "Ninetieth",
    ];
    let Ok(n) = usize::try_from(value) else {
        return value.to_string();
    };
    let units = if ordinal_form { &UNIT_ORDINALS } else { &UNITS };
    match n {
        0..=19 => units[n].to_string(),
        20..=99 if n % 10 == 0 => {
            (if ordinal_form { TEN_ORDINALS } else { TENS })[n / 10].to_string()
        }
        20..=99 => format!("{}-{}", TENS[n / 10], units[n % 10]),
        _ => value.to_string(),
    }
}

fn read_abstract(cursor: &mut XmlCursor) -> Result<AbstractNum, DocxError> {
    let mut definition = AbstractNum {
        levels: vec![Level::default(); LEVELS],
        ..AbstractNum::default()
    };
    cursor.for_each_child(|cursor, tag, has_children| {
        if tag.is("lvl") {
            let index = level_index(tag);
            let level = if has_children {
                read_level(cursor)?
            } else {
                Level::default()
            };
            if let Some(slot) = index.and_then(|i| definition.levels.get_mut(i)) {
                *slot = level;
            }
            return Ok(has_children);
        }
        if tag.is("numStyleLink") {
            definition.uses_style = tag.attr("val");
        } else if tag.is("styleLink") {
            definition.defines_style = tag.attr("val");
        }
        Ok(false)
    })?;
    Ok(definition)
}

fn level_index(tag: &Tag) -> Option<usize> {
    tag.attr("ilvl")
        .and_then(|v| v.parse().ok())
        .filter(|i| *i < LEVELS)
}

fn read_level(cursor: &mut XmlCursor) -> Result<Level, DocxError> {
    let mut level = Level::default();
    cursor.for_each_child(|_, tag, _| {
        if tag.is("start") {
            level.start = tag.attr("val").and_then(|v| v.parse().ok()).unwrap_or(1);
        } else if tag.is("numFmt") {
            level.format = tag.attr("val").unwrap_or_else(|| "decimal".to_string());
        } else if tag.is("lvlText") {
            level.template = tag.attr("val").unwrap_or_default();
        } else if tag.is("lvlRestart") {
            level.restart = tag.attr("val").and_then(|v| v.parse().ok());
        } else if tag.is("isLgl") {
            level.legal = !matches!(tag.attr("val").as_deref(), Some("false" | "0" | "off"));
        } else if tag.is("suff") {
            level.separator = if tag.attr("val").as_deref() == Some("nothing") {
                ""
            } else {
                " "
            };
        } else if tag.is("pStyle") {
            level.style = tag.attr("val");
        }
        Ok(false)
    })?;
    Ok(level)
}

fn read_num(cursor: &mut XmlCursor) -> Result<Num, DocxError> {
    let mut num = Num::default();
    cursor.for_each_child(|cursor, tag, has_children| {
        if tag.is("abstractNumId") {
            num.abstract_id = tag.attr("val").unwrap_or_default();
        } else if tag.is("lvlOverride") && has_children {
            if let Some(index) = level_index(tag) {
                num.overrides.insert(index, read_override(cursor)?);
                return Ok(true);
            }
        }
        Ok(false)
    })?;
    Ok(num)
}

fn read_override(cursor: &mut XmlCursor) -> Result<LevelOverride, DocxError> {
    let mut override_ = LevelOverride::default();
    cursor.for_each_child(|cursor, tag, has_children| {
        if tag.is("startOverride") {
            override_.start = tag.attr("val").and_then(|v| v.parse().ok());
        } else if tag.is("lvl") && has_children {
            override_.level = Some(read_level(cursor)?);
            return Ok(true);
        }
        Ok(false)
    })?;
    Ok(override_)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn labels(numbering_xml: &str, items: &[(&str, usize)]) -> Vec<String> {
        let numbering = Numbering::parse(
            "word/numbering.xml",
            &format!("<w:numbering {W}>{numbering_xml}</w:numbering>"),
        )
        .unwrap();
        let mut counter = Counter::new(&numbering);
        items
            .iter()
            .map(|(num_id, level)| {
                counter
                    .next(&ListItem {
                        num_id: num_id.to_string(),
                        level: *level,
                    })
                    .text
            })
            .collect()
    }

    #[test]
    fn number_formats_render_as_word_draws_them() {
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(1994, "lowerRoman"), "mcmxciv");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(26, "upperLetter"), "Z");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(12, "ordinal"), "12th");
        assert_eq!(format_number(22, "ordinal"), "22nd");
        assert_eq!(format_number(21, "cardinalText"), "Twenty-One");
        assert_eq!(format_number(30, "ordinalText"), "Thirtieth");
        assert_eq!(format_number(3, "chicago"), "3");
        assert_eq!(format_number(0, "upperRoman"), "0");
    }

    #[test]
    fn restarts_overrides_and_legal_numbering() {
        let xml = r#"
          <w:abstractNum w:abstractNumId="5">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Part %1"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/><w:lvlText w:val="Section %2"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="5"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="5"/>
            <w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="Annex %1"/></w:lvl></w:lvlOverride>
          </w:num>"#;
        let got = labels(
            xml,
            &[
                ("1", 0),
                ("1", 1),
                ("1", 2),
                ("1", 0),
                ("1", 1),
                ("1", 2),
                ("2", 0),
                ("2", 0),
            ],
        );
        assert_eq!(
            got,
            [
                "Part I",
                "Section 1",
                "1.1.1",
                "Part II",
                "Section 2",
                "2.2.1",
                "Annex C",
                "Annex D"
            ]
        );
    }

    #[test]
    fn bullets_show_a_dot_and_broken_lists_no_label() {
        let xml = r#"
          <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="99"/></w:num>"#;
        assert_eq!(labels(xml, &[("1", 0), ("1", 0), ("2", 0)]), ["•", "•", ""]);
    }
}
