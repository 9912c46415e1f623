//! `---` YAML front matter at the top of a Markdown file.

/// A Markdown file split into its front matter and body, with the line on
/// which each starts (1-based).
pub struct Split<'a> {
    /// The front matter's YAML, without the `---` lines; None when there is none.
    pub yaml: Option<&'a str>,
    /// The line the YAML starts on.
    pub yaml_line: usize,
    /// The Markdown body.
    pub body: &'a str,
    /// The line the body starts on.
    pub body_line: usize,
}

/// Splits a Markdown file (a leading BOM dropped) at its front matter.
pub fn split(text: &str) -> Split<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Split {
            yaml: None,
            yaml_line: 1,
            body: text,
            body_line: 1,
        };
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let l = text[offset..end].trim_end();
        if l == "---" || l == "..." {
            return Split {
                yaml: Some(&text[first_end..offset]),
                yaml_line: 2,
                body: &text[end..],
                body_line: line + 1,
            };
        }
        offset = end;
        line += 1;
    }
    // An opening `---` with no close: treat all as YAML so the error names it.
    Split {
        yaml: Some(&text[first_end..]),
        yaml_line: 2,
        body: "",
        body_line: line,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn splits_and_counts_lines() {
        let s = super::split("---\nid: a\ntitle: b\n---\n# 見出し\n");
        assert_eq!(s.yaml, Some("id: a\ntitle: b\n"));
        assert_eq!(s.body, "# 見出し\n");
        assert_eq!(s.body_line, 5);
        let s = super::split("# no front matter\n");
        assert!(s.yaml.is_none());
    }
}
