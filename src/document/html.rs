//! Pasted HTML to plain text that keeps the block structure the structure parser needs:
//! paragraphs and headings become blank-line separated lines, list items and table rows lines
//! of their own (with their number or bullet), `<br>` a line break. Scripts, styles and the
//! head are dropped; entities are decoded. A single pass, no DOM.

/// Converts HTML to plain text. Never fails: unknown or broken markup degrades to text.
pub fn to_plain_html(html: &str) -> String {
    let mut writer = Writer::default();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            i = markup(html, i, &mut writer);
        } else {
            let end = html[i..].find('<').map_or(html.len(), |n| i + n);
            writer.text(&decode_entities(&html[i..end]));
            i = end;
        }
    }
    writer.finish()
}

/// Handles the markup starting at `start` (a `<`) and returns where text resumes.
fn markup(html: &str, start: usize, writer: &mut Writer) -> usize {
    let rest = &html[start..];
    if rest.starts_with("<!--") {
        return rest.find("-->").map_or(html.len(), |n| start + n + 3);
    }
    let second = rest.as_bytes().get(1).copied().unwrap_or(b' ');
    if second == b'!' || second == b'?' {
        return rest.find('>').map_or(html.len(), |n| start + n + 1);
    }
    if !(second.is_ascii_alphabetic() || second == b'/') {
        writer.text("<");
        return start + 1;
    }
    let Some(tag) = Tag::parse(rest) else {
        writer.text("<");
        return start + 1;
    };
    let after = start + tag.length;
    if !tag.closing && !tag.self_closing && SKIPPED.contains(&tag.name.as_str()) {
        return skip_element(html, after, &tag.name);
    }
    writer.tag(&tag);
    after
}

/// Elements whose content is not text a reader sees.
const SKIPPED: &[&str] = &["script", "style", "head", "title", "template", "noscript", "svg"];

/// Skips to just after `</name>`, case-insensitively; to the end if it never closes.
fn skip_element(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(offset) = html[at..].find("</") {
        let name_start = at + offset + 2;
        let name_end = name_start + name.len();
        if bytes.get(name_start..name_end).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes())) {
            return html[name_end..].find('>').map_or(html.len(), |m| name_end + m + 1);
        }
        at = name_start;
    }
    html.len()
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    attributes: String,
    /// Bytes from `<` to just after `>`.
    length: usize,
}

impl Tag {
    fn parse(rest: &str) -> Option<Tag> {
        let bytes = rest.as_bytes();
        let closing = bytes.get(1) == Some(&b'/');
        let name_start = if closing { 2 } else { 1 };
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            return None;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len)?;
        let inner = &rest[name_start + name_len..end];
        Some(Tag {
            name,
            closing,
            self_closing: inner.trim_end().ends_with('/'),
            attributes: inner.to_string(),
            length: end + 1,
        })
    }

    /// The value of an attribute (`start="3"`, `type=a`), if present.
    fn attribute(&self, wanted: &str) -> Option<String> {
        let lower = self.attributes.to_ascii_lowercase();
        let mut search = 0;
        while let Some(found) = lower[search..].find(wanted) {
            let at = search + found;
            search = at + wanted.len();
            let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
            let rest = lower[search..].trim_start();
            if !before_ok || !rest.starts_with('=') {
                continue;
            }
            let value_start = self.attributes.len() - rest.len() + 1;
            let value = self.attributes[value_start..].trim_start();
            let unquoted = value.trim_start_matches(['"', '\'']);
            let end = unquoted
                .find(|c: char| c == '"' || c == '\'' || c.is_whitespace() || c == '/')
                .unwrap_or(unquoted.len());
            return Some(unquoted[..end].to_string());
        }
        None
    }
}

/// Index of the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (offset, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(from + offset),
            _ => {}
        }
    }
    None
}

/// How an `<ol>` numbers its items.
#[derive(Clone, Copy)]
enum ListStyle {
    Bullet,
    Decimal,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
}

struct List {
    style: ListStyle,
    next: u32,
}

#[derive(Default)]
struct Writer {
    out: String,
    pending_space: bool,
    /// Line breaks owed before the next text (1 = new line, 2 = blank line).
    pending_breaks: u8,
    preformatted: usize,
    lists: Vec<List>,
    /// The number or bullet of a list item, written before its text unless the text
    /// already starts with one.
    pending_item: Option<String>,
}

impl Writer {
    fn text(&mut self, text: &str) {
        if let Some(marker) = self.pending_item.take() {
            let trimmed = text.trim_start();
            if trimmed.is_empty() {
                self.pending_item = Some(marker);
            } else if !starts_with_list_marker(trimmed) {
                self.write_char_run(&marker);
                self.pending_space = false;
            }
        }
        if self.preformatted > 0 {
            for line in text.split_inclusive('\n') {
                self.flush_breaks();
                self.out.push_str(line);
            }
            return;
        }
        for word in text.split(|c: char| c.is_whitespace() && c != '\u{a0}') {
            if word.is_empty() {
                self.pending_space = true;
                continue;
            }
            self.write_char_run(word);
            self.pending_space = true;
        }
        if !text.ends_with(|c: char| c.is_whitespace() && c != '\u{a0}') {
            self.pending_space = false;
        }
    }

    fn write_char_run(&mut self, run: &str) {
        self.flush_breaks();
        if self.pending_space && !self.out.is_empty() && !self.out.ends_with(['\n', ' ']) {
            self.out.push(' ');
        }
        self.pending_space = false;
        self.out.push_str(run);
    }

    fn flush_breaks(&mut self) {
        if self.pending_breaks == 0 {
            return;
        }
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() {
            let have = self.out.len() - self.out.trim_end_matches('\n').len();
            for _ in have..self.pending_breaks as usize {
                self.out.push('\n');
            }
        }
        self.pending_breaks = 0;
        self.pending_space = false;
    }

    fn block(&mut self, breaks: u8) {
        self.pending_breaks = self.pending_breaks.max(breaks);
        self.pending_space = false;
    }

    fn tag(&mut self, tag: &Tag) {
        match tag.name.as_str() {
            "br" => {
                self.flush_breaks();
                self.out.push('\n');
                self.pending_space = false;
            }
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "table" | "hr"
            | "section" | "article" | "header" | "footer" | "main" | "aside" | "nav"
            | "figure" | "address" | "fieldset" | "form" | "center" => self.block(2),
            "pre" => {
                self.block(2);
                if tag.closing {
                    self.preformatted = self.preformatted.saturating_sub(1);
                } else {
                    self.preformatted += 1;
                }
            }
            "div" | "tr" | "dt" | "dd" | "dl" | "figcaption" | "caption" => self.block(1),
            "td" | "th" => self.pending_space = true,
            "ul" | "ol" => self.list(tag),
            "li" => self.list_item(tag),
            _ => {}
        }
    }

    fn list(&mut self, tag: &Tag) {
        self.block(1);
        if tag.closing {
            self.lists.pop();
            self.pending_item = None;
            return;
        }
        let style = if tag.name == "ul" {
            ListStyle::Bullet
        } else {
            match tag.attribute("type").as_deref() {
                Some("a") => ListStyle::LowerAlpha,
                Some("A") => ListStyle::UpperAlpha,
                Some("i") => ListStyle::LowerRoman,
                Some("I") => ListStyle::UpperRoman,
                _ => ListStyle::Decimal,
            }
        };
        let next = tag.attribute("start").and_then(|s| s.parse().ok()).unwrap_or(1);
        self.lists.push(List { style, next });
    }

    fn list_item(&mut self, tag: &Tag) {
        self.block(1);
        if tag.closing {
            self.pending_item = None;
            return;
        }
        let value = tag.attribute("value").and_then(|s| s.parse::<u32>().ok());
        let list = match self.lists.last_mut() {
            Some(list) => list,
            None => {
                self.pending_item = Some("- ".to_string());
                return;
            }
        };
        let number = value.unwrap_or(list.next);
        list.next = number.saturating_add(1);
        self.pending_item = Some(item_marker(list.style, number));
    }

    fn finish(mut self) -> String {
        let trimmed_len = self.out.trim_end().len();
        self.out.truncate(trimmed_len);
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

fn item_marker(style: ListStyle, number: u32) -> String {
    match style {
        ListStyle::Bullet => "- ".to_string(),
        ListStyle::Decimal => format!("{number}. "),
        ListStyle::LowerAlpha => format!("({}) ", alpha_label(number)),
        ListStyle::UpperAlpha => format!("({}) ", alpha_label(number).to_ascii_uppercase()),
        ListStyle::LowerRoman => format!("({}) ", roman_label(number)),
        ListStyle::UpperRoman => format!("({}) ", roman_label(number).to_ascii_uppercase()),
    }
}

/// 1 → "a", 26 → "z", 27 → "aa" (the doubling used by treaties and statutes).
fn alpha_label(number: u32) -> String {
    let index = number.max(1) - 1;
    let letter = (b'a' + (index % 26) as u8) as char;
    letter.to_string().repeat(index as usize / 26 + 1)
}

fn roman_label(mut number: u32) -> String {
    const PARTS: &[(u32, &str)] = &[
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ];
    let mut out = String::new();
    for &(value, letters) in PARTS {
        while number >= value {
            out.push_str(letters);
            number -= value;
        }
    }
    out
}

/// True when list-item text already carries its number or bullet ("1.", "(a)", "iv)", "•").
fn starts_with_list_marker(text: &str) -> bool {
    if text.starts_with(['•', '-', '*', '–', '·', '▪', '◦']) {
        return true;
    }
    let unwrapped = text.strip_prefix('(').unwrap_or(text);
    let label_len = unwrapped.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'.').count();
    if label_len == 0 || label_len > 8 {
        return false;
    }
    let label = unwrapped[..label_len].trim_end_matches('.');
    let after = &unwrapped[label_len..];
    let numeric = label.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let short_letters = label.len() <= 4 && label.bytes().all(|b| b.is_ascii_alphabetic());
    let closed = after.starts_with(')') || unwrapped[..label_len].ends_with('.');
    (numeric || short_letters) && closed
}

/// Replaces character references and the named entities common in pasted documents.
/// Unknown entities are left as written.
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match entity(rest) {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The character an entity at the start of `text` stands for, and the entity's length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let body = &text[1..end];
    let c = if let Some(number) = body.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(value).filter(|&c| c != '\0')?
    } else {
        named_entity(body)?
    };
    Some((c, end + 1))
}

fn named_entity(name: &str) -> Option<char> {
    const NAMED: &[(&str, char)] = &[
        ("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("apos", '\''),
        ("nbsp", '\u{a0}'), ("ensp", '\u{2002}'), ("emsp", '\u{2003}'), ("thinsp", '\u{2009}'),
        ("shy", '\u{ad}'), ("zwsp", '\u{200b}'), ("zwnj", '\u{200c}'), ("zwj", '\u{200d}'),
        ("lrm", '\u{200e}'), ("rlm", '\u{200f}'),
        ("ndash", '–'), ("mdash", '—'), ("minus", '−'), ("hellip", '…'),
        ("lsquo", '‘'), ("rsquo", '’'), ("sbquo", '‚'), ("ldquo", '“'), ("rdquo", '”'),
        ("bdquo", '„'), ("laquo", '«'), ("raquo", '»'), ("lsaquo", '‹'), ("rsaquo", '›'),
        ("sect", '§'), ("para", '¶'), ("bull", '•'), ("middot", '·'), ("deg", '°'),
        ("copy", '©'), ("reg", '®'), ("trade", '™'), ("euro", '€'), ("pound", '£'),
        ("yen", '¥'), ("cent", '¢'), ("times", '×'), ("divide", '÷'), ("plusmn", '±'),
        ("frac12", '½'), ("frac14", '¼'), ("frac34", '¾'), ("ordm", 'º'), ("ordf", 'ª'),
        ("aacute", 'á'), ("agrave", 'à'), ("acirc", 'â'), ("auml", 'ä'), ("atilde", 'ã'),
        ("aring", 'å'), ("aelig", 'æ'), ("ccedil", 'ç'), ("eacute", 'é'), ("egrave", 'è'),
        ("ecirc", 'ê'), ("euml", 'ë'), ("iacute", 'í'), ("igrave", 'ì'), ("icirc", 'î'),
        ("iuml", 'ï'), ("ntilde", 'ñ'), ("oacute", 'ó'), ("ograve", 'ò'), ("ocirc", 'ô'),
        ("ouml", 'ö'), ("otilde", 'õ'), ("oslash", 'ø'), ("oelig", 'œ'), ("szlig", 'ß'),
        ("uacute", 'ú'), ("ugrave", 'ù'), ("ucirc", 'û'), ("uuml", 'ü'), ("yacute", 'ý'),
        ("yuml", 'ÿ'), ("Aacute", 'Á'), ("Agrave", 'À'), ("Acirc", 'Â'), ("Auml", 'Ä'),
        ("Aring", 'Å'), ("AElig", 'Æ'), ("Ccedil", 'Ç'), ("Eacute", 'É'), ("Egrave", 'È'),
        ("Ecirc", 'Ê'), ("Iacute", 'Í'), ("Ntilde", 'Ñ'), ("Oacute", 'Ó'), ("Ouml", 'Ö'),
        ("Oslash", 'Ø'), ("Uacute", 'Ú'), ("Uuml", 'Ü'),
    ];
    NAMED.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_become_blank_line_separated() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
                    <h1>Article 5</h1><p>The Parties <b>shall</b>\n delete data.</p>\
                    <p>Second&nbsp;para &amp; more.</p></body></html>";
        assert_eq!(
            to_plain_html(html),
            "Article 5\n\nThe Parties shall delete data.\n\nSecond\u{a0}para & more.\n"
        );
    }

    #[test]
    fn scripts_and_comments_are_dropped() {
        let html = "<p>a<script>var x = '<p>no</p>';</script>b<!-- hidden --></p>";
        assert_eq!(to_plain_html(html), "ab\n");
    }

    #[test]
    fn ordered_list_items_get_their_numbers() {
        let html = "<p>Each Party shall:</p><ol type=\"a\"><li>delete data;</li><li>log access.</li></ol>\
                    <ol start=\"3\"><li>Third</li></ol><ul><li>bullet</li></ul>";
        assert_eq!(
            to_plain_html(html),
            "Each Party shall:\n\n(a) delete data;\n(b) log access.\n3. Third\n- bullet\n"
        );
    }

    #[test]
    fn items_with_their_own_number_keep_it() {
        let html = "<ol><li>(a) first</li><li>2. second</li></ol>";
        assert_eq!(to_plain_html(html), "(a) first\n2. second\n");
    }

    #[test]
    fn breaks_rows_and_entities() {
        let html = "Line one<br>Line two<table><tr><td>A</td><td>B</td></tr><tr><td>C</td></tr></table>\
                    &ldquo;Data&rdquo; &#8212; &#x2019; &unknown; 3 < 4";
        assert_eq!(
            to_plain_html(html),
            "Line one\nLine two\n\nA B\nC\n\n“Data” — ’ &unknown; 3 < 4\n"
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in ["<", "<p", "<a href=\"x>", "&", "&#xZZ;", "<script>", "<!--", "<ol><li>", "</li></ol>"] {
            let _ = to_plain_html(html);
        }
    }
}
