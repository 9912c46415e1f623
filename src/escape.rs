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
