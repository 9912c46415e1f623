//! Glossary marks: the first use of a term in a document's body text gets ※.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::{Inline, Term};

/// Finds glossary terms and their aliases, longest first.
pub struct GlossaryMatcher {
    ac: Option<AhoCorasick>,
    /// Pattern index → (term index, anchor).
    patterns: Vec<(usize, String)>,
}

impl GlossaryMatcher {
    /// A matcher for these terms and their aliases.
    pub fn new(terms: &[Term]) -> GlossaryMatcher {
        let mut words = Vec::new();
        let mut patterns = Vec::new();
        for (i, t) in terms.iter().enumerate() {
            for w in std::iter::once(&t.term).chain(&t.aliases) {
                if !w.is_empty() {
                    words.push(w.clone());
                    patterns.push((i, t.anchor.clone()));
                }
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .ok();
        GlossaryMatcher { ac, patterns }
    }

    /// Marks first uses in `inlines` (not inside links or code), recording used terms.
    pub fn mark(&self, inlines: Vec<Inline>, used: &mut HashSet<usize>) -> Vec<Inline> {
        let Some(ac) = &self.ac else { return inlines };
        let mut out = Vec::with_capacity(inlines.len());
        for inline in inlines {
            match inline {
                Inline::Text(text) => self.mark_text(ac, &text, used, &mut out),
                Inline::Strong(c) => out.push(Inline::Strong(self.mark(c, used))),
                Inline::Emphasis(c) => out.push(Inline::Emphasis(self.mark(c, used))),
                other => out.push(other),
            }
        }
        out
    }

    fn mark_text(
        &self,
        ac: &AhoCorasick,
        text: &str,
        used: &mut HashSet<usize>,
        out: &mut Vec<Inline>,
    ) {
        let mut last = 0;
        for m in ac.find_iter(text) {
            let (term, anchor) = &self.patterns[m.pattern().as_usize()];
            if used.contains(term) || !at_word_boundary(text, m.start(), m.end()) {
                continue;
            }
            used.insert(*term);
            if m.start() > last {
                out.push(Inline::Text(text[last..m.start()].to_string()));
            }
            out.push(Inline::Glossary {
                text: text[m.start()..m.end()].to_string(),
                anchor: anchor.clone(),
            });
            last = m.end();
        }
        if last < text.len() {
            out.push(Inline::Text(text[last..].to_string()));
        }
    }
}

/// Latin terms must not match inside a longer Latin word (OS in POS).
fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let glued_before = latin(first) && latin(before);
    let glued_after = latin(last) && latin(after);
    !glued_before && !glued_after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str, aliases: &[&str], anchor: &str) -> Term {
        Term {
            term: t.into(),
            reading: None,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            description: vec![],
            anchor: anchor.into(),
        }
    }

    #[test]
    fn marks_first_use_only_longest_first_with_boundaries() {
        let g = GlossaryMatcher::new(&[
            term("CIO", &[], "t0"),
            term("CIO補佐官", &[], "t1"),
            term("OS", &[], "t2"),
        ]);
        let mut used = HashSet::new();
        let out = g.mark(
            vec![Inline::Text("CIO補佐官とCIOとCIOとPOSとOS".into())],
            &mut used,
        );
        let marks: Vec<_> = out
            .iter()
            .filter_map(|i| match i {
                Inline::Glossary { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(marks, vec!["CIO補佐官", "CIO", "OS"]);
        assert_eq!(
            crate::model::plain_text(&out),
            "CIO補佐官とCIOとCIOとPOSとOS"
        );
    }
}
