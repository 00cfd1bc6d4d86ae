//! Run and paragraph properties (`w:rPr`, `w:pPr`), as far as reading text needs them:
//! whether a reader can see a run, which style and list a paragraph belongs to, and whether
//! its paragraph mark is a tracked change. Shared by the styles part and the stories.

use super::error::DocxError;
use super::xml::{Tag, XmlCursor};
use super::HiddenKind;

/// Below 2 pt (4 half-points) text is a line of dots at best.
const TINY_HALF_POINTS: u32 = 4;

/// The run properties that decide visibility, plus the character style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunProps {
    pub style: Option<String>,
    pub vanish: Option<bool>,
    /// `w:color/@w:val`: "FFFFFF", "auto", ...
    pub color: Option<String>,
    /// `w:sz/@w:val`, in half-points.
    pub size: Option<u32>,
    pub highlight: Option<String>,
    /// `w:shd/@w:fill`.
    pub shading: Option<String>,
}

impl RunProps {
    /// Lays `top` over these properties: whatever `top` sets wins.
    pub fn overlay(&mut self, top: &RunProps) {
        fn take<T: Clone>(into: &mut Option<T>, from: &Option<T>) {
            if from.is_some() {
                into.clone_from(from);
            }
        }
        take(&mut self.style, &top.style);
        take(&mut self.vanish, &top.vanish);
        take(&mut self.color, &top.color);
        take(&mut self.size, &top.size);
        take(&mut self.highlight, &top.highlight);
        take(&mut self.shading, &top.shading);
    }

    /// Why a reader would not see text with these (effective) properties, if they would not.
    pub fn hidden_kind(&self) -> Option<HiddenKind> {
        if self.vanish == Some(true) {
            Some(HiddenKind::Vanish)
        } else if self.color.as_deref().is_some_and(is_near_white) && self.background_is_white() {
            Some(HiddenKind::WhiteText)
        } else if self.size.is_some_and(|size| size < TINY_HALF_POINTS) {
            Some(HiddenKind::TinyText)
        } else {
            None
        }
    }

    /// White text is only invisible where nothing paints the background behind it.
    fn background_is_white(&self) -> bool {
        let highlight_white = match self.highlight.as_deref() {
            None | Some("none") | Some("white") => true,
            Some(_) => false,
        };
        let shading_white = match self.shading.as_deref() {
            None | Some("auto") => true,
            Some(fill) => is_near_white(fill),
        };
        highlight_white && shading_white
    }
}

/// "FFFFFF" and colours a reader cannot tell from it on paper (every channel ≥ F0).
fn is_near_white(hex: &str) -> bool {
    hex.len() == 6
        && (0..3).all(|i| {
            hex.get(i * 2..i * 2 + 2)
                .and_then(|channel| u8::from_str_radix(channel, 16).ok())
                .is_some_and(|value| value >= 0xF0)
        })
}

/// A `w:rPr` block as read from a run, a style or a paragraph mark.
#[derive(Debug, Clone, Default)]
pub struct RunPropsBlock {
    pub props: RunProps,
    /// `w:ins`/`w:del` inside a paragraph mark's properties: the mark itself was inserted
    /// or deleted, i.e. the paragraph was split or joined as a tracked change.
    pub inserted: bool,
    pub deleted: bool,
    /// Byte range of a `w:rPrChange` (the formatting before a tracked change), which must
    /// not be copied when a run is split because its revision id has to stay unique.
    pub change: Option<(usize, usize)>,
}

/// Reads the children of a `w:rPr` just opened, through its close.
pub fn read_run_props(cursor: &mut XmlCursor) -> Result<RunPropsBlock, DocxError> {
    let mut block = RunPropsBlock::default();
    cursor.for_each_child(|cursor, tag, has_children| {
        let props = &mut block.props;
        if tag.is("rStyle") {
            props.style = tag.attr("val");
        } else if tag.is("vanish") {
            props.vanish = Some(toggle(tag));
        } else if tag.is("color") {
            props.color = tag.attr("val");
        } else if tag.is("sz") {
            props.size = tag.attr("val").and_then(|v| v.parse().ok());
        } else if tag.is("highlight") {
            props.highlight = tag.attr("val");
        } else if tag.is("shd") {
            props.shading = tag.attr("fill");
        } else if tag.is("ins") || tag.is("moveTo") {
            block.inserted = true;
        } else if tag.is("del") || tag.is("moveFrom") {
            block.deleted = true;
        } else if tag.is("rPrChange") && has_children {
            cursor.skip_subtree()?;
            block.change = Some((tag.start, cursor.position()));
            return Ok(true);
        }
        Ok(false)
    })?;
    Ok(block)
}

/// A boolean ("toggle") property: present without a value means on.
fn toggle(tag: &Tag) -> bool {
    !matches!(tag.attr("val").as_deref(), Some("false" | "0" | "off"))
}

/// The paragraph properties that matter for reading.
#[derive(Debug, Clone, Default)]
pub struct ParaProps {
    pub style: Option<String>,
    pub num_id: Option<String>,
    pub level: Option<u8>,
    /// `w:outlineLvl`, 0-based; 9 means body text.
    pub outline: Option<u8>,
    pub run: RunProps,
    pub mark_inserted: bool,
    pub mark_deleted: bool,
}

/// Reads the children of a `w:pPr` just opened, through its close. A `w:pPrChange` (the
/// properties before a tracked change) is skipped: the current ones are what Word shows.
pub fn read_para_props(cursor: &mut XmlCursor) -> Result<ParaProps, DocxError> {
    let mut props = ParaProps::default();
    cursor.for_each_child(|cursor, tag, has_children| {
        if tag.is("pStyle") {
            props.style = tag.attr("val");
        } else if tag.is("outlineLvl") {
            props.outline = tag.attr("val").and_then(|v| v.parse().ok());
        } else if tag.is("numPr") && has_children {
            read_numbering_reference(cursor, &mut props)?;
            return Ok(true);
        } else if tag.is("rPr") && has_children {
            let mark = read_run_props(cursor)?;
            props.run = mark.props;
            props.mark_inserted = mark.inserted;
            props.mark_deleted = mark.deleted;
            return Ok(true);
        }
        Ok(false)
    })?;
    Ok(props)
}

fn read_numbering_reference(
    cursor: &mut XmlCursor,
    props: &mut ParaProps,
) -> Result<(), DocxError> {
    cursor.for_each_child(|_, tag, _| {
        if tag.is("numId") {
            props.num_id = tag.attr("val");
        } else if tag.is("ilvl") {
            props.level = tag.attr("val").and_then(|v| v.parse().ok());
        }
        Ok(false)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(color: Option<&str>, size: Option<u32>, highlight: Option<&str>) -> RunProps {
        RunProps {
            color: color.map(str::to_string),
            size,
            highlight: highlight.map(str::to_string),
            ..RunProps::default()
        }
    }

    #[test]
    fn white_text_is_hidden_only_on_a_white_background() {
        assert_eq!(
            props(Some("FFFFFF"), None, None).hidden_kind(),
            Some(HiddenKind::WhiteText)
        );
        assert_eq!(
            props(Some("FAFAF5"), None, None).hidden_kind(),
            Some(HiddenKind::WhiteText)
        );
        assert_eq!(
            props(Some("FFFFFF"), None, Some("black")).hidden_kind(),
            None
        );
        assert_eq!(props(Some("auto"), None, None).hidden_kind(), None);
        assert_eq!(props(Some("FF0000"), None, None).hidden_kind(), None);
    }

    #[test]
    fn text_below_two_points_is_tiny() {
        assert_eq!(
            props(None, Some(3), None).hidden_kind(),
            Some(HiddenKind::TinyText)
        );
        assert_eq!(props(None, Some(4), None).hidden_kind(), None);
    }

    #[test]
    fn overlay_keeps_what_the_top_does_not_set() {
        let mut base = props(Some("FFFFFF"), Some(2), None);
        base.overlay(&RunProps {
            vanish: Some(true),
            size: Some(24),
            ..RunProps::default()
        });
        assert_eq!(base.vanish, Some(true));
        assert_eq!(base.size, Some(24));
        assert_eq!(base.color.as_deref(), Some("FFFFFF"));
    }
}
