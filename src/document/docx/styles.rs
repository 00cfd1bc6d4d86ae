//! The styles part: what a paragraph or character style contributes to visibility,
//! headings and list numbering, following `w:basedOn` chains.

use std::collections::HashMap;

use super::error::DocxError;
use super::props::{read_para_props, read_run_props, ParaProps, RunProps};
use super::xml::{Node, XmlCursor};

/// Longer `basedOn` chains than this are cycles or garbage.
const MAX_CHAIN: usize = 32;

#[derive(Debug, Default)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    paragraph: ParaProps,
    run: RunProps,
}

#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    defaults: RunProps,
    default_paragraph: Option<String>,
}

impl Styles {
    pub fn parse(part: &str, xml: &str) -> Result<Styles, DocxError> {
        let mut styles = Styles::default();
        let mut cursor = XmlCursor::new(part, xml);
        loop {
            match cursor.next()? {
                Node::Open(tag) if tag.is("style") => {
                    let id = tag.attr("styleId").unwrap_or_default();
                    let is_default_paragraph = tag.attr("type").as_deref() == Some("paragraph")
                        && matches!(tag.attr("default").as_deref(), Some("1" | "true" | "on"));
                    if is_default_paragraph {
                        styles.default_paragraph = Some(id.clone());
                    }
                    let style = read_style(&mut cursor)?;
                    styles.styles.insert(id, style);
                }
                Node::Open(tag) if tag.is("rPrDefault") => {
                    cursor.for_each_child(|cursor, tag, has_children| {
                        if tag.is("rPr") && has_children {
                            styles.defaults = read_run_props(cursor)?.props;
                            return Ok(true);
                        }
                        Ok(false)
                    })?;
                }
                Node::Eof => return Ok(styles),
                _ => {}
            }
        }
    }

    /// The style ids from `id` up its `basedOn` chain, the style itself first.
    fn chain<'s>(&'s self, id: Option<&'s str>) -> Vec<&'s Style> {
        let mut chain = Vec::new();
        let mut next = id;
        while let Some(style) = next.and_then(|id| self.styles.get(id)) {
            if chain.len() >= MAX_CHAIN {
                break;
            }
            chain.push(style);
            next = style.based_on.as_deref();
        }
        chain
    }

    /// The paragraph style in force: the one named, or the document's default.
    pub fn paragraph_style<'s>(&'s self, named: Option<&'s str>) -> Option<&'s str> {
        named.or(self.default_paragraph.as_deref())
    }

    /// Effective run properties: defaults, then the paragraph style's chain, then the
    /// character style's chain, then the run's own properties.
    pub fn run_props<'s>(
        &'s self,
        paragraph_style: Option<&'s str>,
        direct: &'s RunProps,
    ) -> RunProps {
        let mut effective = self.defaults.clone();
        for style in self
            .chain(self.paragraph_style(paragraph_style))
            .iter()
            .rev()
        {
            effective.overlay(&style.run);
        }
        for style in self.chain(direct.style.as_deref()).iter().rev() {
            effective.overlay(&style.run);
        }
        effective.overlay(direct);
        effective
    }

    /// The list a paragraph style puts its paragraphs in: `(numId, ilvl)`, each taken from
    /// the nearest style in the chain that sets it.
    pub fn numbering<'s>(
        &'s self,
        paragraph_style: Option<&'s str>,
    ) -> (Option<&'s str>, Option<u8>) {
        let chain = self.chain(self.paragraph_style(paragraph_style));
        let num_id = chain.iter().find_map(|s| s.paragraph.num_id.as_deref());
        let level = chain.iter().find_map(|s| s.paragraph.level);
        (num_id, level)
    }

    /// The heading level a reader sees: 0 for a title, 1-9 for headings (from an outline
    /// level or a built-in heading style), `None` for body text.
    pub fn heading_level<'s>(
        &'s self,
        paragraph_style: Option<&'s str>,
        direct_outline: Option<u8>,
    ) -> Option<u8> {
        let chain = self.chain(self.paragraph_style(paragraph_style));
        let outline = direct_outline.or_else(|| chain.iter().find_map(|s| s.paragraph.outline));
        if let Some(level) = outline.filter(|level| *level < 9) {
            return Some(level + 1);
        }
        chain
            .iter()
            .find_map(|style| heading_from_name(style.name.as_deref()?))
    }
}

/// Word's built-in names: "heading 1" … "heading 9" and "Title" (in any case, as other
/// editors write them).
fn heading_from_name(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    if lower == "title" {
        return Some(0);
    }
    let level: u8 = lower.strip_prefix("heading")?.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

fn read_style(cursor: &mut XmlCursor) -> Result<Style, DocxError> {
    let mut style = Style::default();
    cursor.for_each_child(|cursor, tag, has_children| {
        if tag.is("name") {
            style.name = tag.attr("val");
        } else if tag.is("basedOn") {
            style.based_on = tag.attr("val");
        } else if tag.is("pPr") && has_children {
            style.paragraph = read_para_props(cursor)?;
            return Ok(true);
        } else if tag.is("rPr") && has_children {
            style.run = read_run_props(cursor)?.props;
            return Ok(true);
        }
        Ok(false)
    })?;
    Ok(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
        <w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Art"><w:name w:val="Article"/><w:basedOn w:val="Heading1"/></w:style>
      <w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Loop1"><w:basedOn w:val="Loop2"/></w:style>
      <w:style w:type="paragraph" w:styleId="Loop2"><w:basedOn w:val="Loop1"/></w:style>
    </w:styles>"#;

    #[test]
    fn chains_give_headings_numbering_and_visibility() {
        let styles = Styles::parse("word/styles.xml", STYLES).unwrap();
        assert_eq!(styles.heading_level(Some("Art"), None), Some(1));
        assert_eq!(styles.heading_level(None, None), None);
        assert_eq!(styles.heading_level(None, Some(2)), Some(3));
        assert_eq!(styles.numbering(Some("Art")), (Some("4"), None));
        let direct = RunProps {
            style: Some("Secret".into()),
            ..RunProps::default()
        };
        let effective = styles.run_props(None, &direct);
        assert_eq!(effective.vanish, Some(true));
        assert_eq!(effective.size, Some(22));
        assert_eq!(styles.heading_level(Some("Loop1"), None), None);
    }
}
