//! HTML and SVG escaping written straight into the output buffer: the block
//! renderer builds large strings, and going through Tera for every text run
//! would cost a template call per inline.

/// Appends `s` with `& < > " '` escaped (safe in text and in quoted attributes).
pub fn push_esc(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` HTML-escaped, as a new string (tests).
#[cfg(test)]
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_esc(&mut out, s);
    out
}

/// A string usable as an HTML id and URL fragment: whitespace and characters
/// that need quoting in a fragment become `-` (footnote labels are free text).
pub fn id_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_whitespace()
                || matches!(
                    c,
                    '"' | '\'' | '<' | '>' | '&' | '#' | '%' | '?' | '/' | '\\'
                )
            {
                '-'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            esc(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("震度6弱"), "震度6弱");
        assert_eq!(id_safe("注 1#x"), "注-1-x");
    }
}

/// `s` made safe to print on a terminal: control characters (ESC sequences
/// that would recolour, move the cursor or retitle the window) and the
/// bidirectional controls that reorder what is shown (U+202E …) are written
/// as `\u{1b}`, so a title shows what it holds. Line breaks and tabs stay.
pub fn terminal(s: &str) -> std::borrow::Cow<'_, str> {
    fn hidden(c: char) -> bool {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }
    if !s.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod terminal_tests {
    #[test]
    fn controls_are_shown_escaped() {
        assert_eq!(
            super::terminal("a\x1b[2Jb\u{202e}c\n"),
            "a\\u{1b}[2Jb\\u{202e}c\n"
        );
        assert_eq!(super::terminal("計画"), "計画");
    }
}
