//! Large HTML values enter Tera templates as short markers and are put in
//! after rendering.
//!
//! Tera copies every context value into a `serde_json::Value` and checks its
//! whole output as UTF-8 once more; page bodies are megabytes of HTML this
//! renderer has already escaped, so passing them through Tera cost more than
//! the rest of the HTML build. A template sees a marker where the value
//! belongs; when each marker comes out exactly once and unchanged, the values
//! are spliced in. Otherwise (a template filtered or repeated the value, or
//! content happened to contain a marker) the template is rendered again with
//! the real values, so the output is always what Tera alone would give.

use tera::{Context, Tera};

/// Private-use characters fence the marker: they never come from escaping.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';
const TAG: &str = "bcpgen#";

/// Hands out markers for large values while a context is built.
pub struct Splicer<'v> {
    values: Vec<&'v str>,
    /// False on the fallback pass: values are given as they are.
    markers: bool,
}

impl<'v> Splicer<'v> {
    /// What to put in the context for `value`.
    pub fn put(&mut self, value: &'v str) -> String {
        if !self.markers {
            return value.to_string();
        }
        self.values.push(value);
        format!("{OPEN}{TAG}{}{CLOSE}", self.values.len() - 1)
    }
}

/// Renders `template` with the context `build` makes, splicing large values
/// in after rendering when the template shows each one once, as it is.
pub fn render<'v>(
    tera: &Tera,
    template: &str,
    build: impl Fn(&mut Splicer<'v>) -> Context,
) -> tera::Result<String> {
    let mut s = Splicer {
        values: Vec::new(),
        markers: true,
    };
    let ctx = build(&mut s);
    let shell = tera.render(template, &ctx)?;
    if let Some(out) = fill(&shell, &s.values) {
        return Ok(out);
    }
    let mut plain = Splicer {
        values: Vec::new(),
        markers: false,
    };
    tera.render(template, &build(&mut plain))
}

/// `shell` with each marker replaced by its value, or None unless every
/// marker occurs exactly once and nothing else looks like one.
fn fill(shell: &str, values: &[&str]) -> Option<String> {
    let extra: usize = values.iter().map(|v| v.len()).sum();
    let mut out = String::with_capacity(shell.len() + extra);
    let mut seen = vec![false; values.len()];
    let mut rest = shell;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len_utf8()..];
        let body = after.strip_prefix(TAG)?;
        let end = body.find(CLOSE)?;
        let n: usize = body[..end].parse().ok()?;
        if std::mem::replace(seen.get_mut(n)?, true) {
            return None;
        }
        out.push_str(values[n]);
        rest = &body[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    seen.iter().all(|s| *s).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(src: &str) -> Tera {
        let mut t = Tera::default();
        t.autoescape_on(vec![".html"]);
        t.add_raw_template("t.html", src).unwrap();
        t
    }

    fn run(src: &str, body: &str) -> String {
        render(&tera(src), "t.html", |s| {
            let mut c = Context::new();
            c.insert("body", &s.put(body));
            c.insert("title", "題<名>");
            c
        })
        .unwrap()
    }

    #[test]
    fn spliced_output_equals_plain_rendering() {
        let body = "<p>本文 &amp; <b>太字</b></p>";
        let src = "<h1>{{ title }}</h1>{{ body | safe }}";
        assert_eq!(
            run(src, body),
            "<h1>題&lt;名&gt;</h1><p>本文 &amp; <b>太字</b></p>"
        );
    }

    #[test]
    fn a_template_that_filters_or_repeats_the_value_gets_the_real_value() {
        assert_eq!(run("{{ body | length }}", "あいう"), "3");
        assert_eq!(
            run("{{ body | safe }}{{ body | safe }}", "<i>x</i>"),
            "<i>x</i><i>x</i>"
        );
        assert_eq!(run("{% if body %}有{% endif %}", "x"), "有");
        assert_eq!(run("なし", "x"), "なし");
    }

    #[test]
    fn content_that_looks_like_a_marker_is_not_spliced() {
        let fake = format!("{OPEN}{TAG}0{CLOSE}");
        let t = tera("{{ title }}|{{ body | safe }}");
        let out = render(&t, "t.html", |s| {
            let mut c = Context::new();
            c.insert("title", &fake);
            c.insert("body", &s.put("<b>本文</b>"));
            c
        })
        .unwrap();
        assert_eq!(out, format!("{fake}|<b>本文</b>"));
    }
}
