//! The heading pre-pass: numbers and anchors of every heading of a document,
//! known before any text is converted so references can point forward.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::diag::Diagnostic;
use crate::model::NumberStyle;
use crate::source::fingerprint::{Dep, Deps, SiteField};

/// A heading found by the pre-pass, numbered and anchored before the text is converted, so links can name it.
#[derive(Clone, Debug)]
pub struct HeadingInfo {
    /// 1 for `#`.
    pub level: u8,
    /// Its number as site.yaml styles it; None when unnumbered.
    pub number: Option<String>,
    /// Its anchor, unique inside the document.
    pub anchor: String,
    /// Its title as plain text.
    pub title: String,
}

impl HeadingInfo {
    /// Number and title as a cross-reference shows them.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.title),
            None => self.title.clone(),
        }
    }
}

/// Ids the theme's templates give their own parts of a page (the contents
/// list, the search box, …): a heading may not take one, or the page would
/// hold two elements with one id and a link would land on the wrong one.
/// A unit test checks that every id of the default theme is listed here.
/// This is the one list of anchors a heading may not take; the ids a
/// document may not take are the renderers' file names
/// (`crate::render::names::RESERVED_IDS`).
pub const RESERVED_ANCHORS: &[&str] = &[
    "bcp-main",
    "bcp-toc",
    "bcp-publication",
    "bcp-revisions",
    "am-i",
    "incidents-h",
    "search",
    "search-results",
];

/// Prefixes of ids the renderer makes itself: footnotes (`fn-`, `fnref-`),
/// figures (`fig-`), glossary terms (`term-`); `h` and digits is the anchor
/// given to a heading without one.
const GENERATED_PREFIXES: &[&str] = &["fn-", "fnref-", "fig-", "term-"];

/// Whether `anchor` is an id the theme or the renderer uses itself.
pub fn is_reserved_anchor(anchor: &str) -> bool {
    RESERVED_ANCHORS.contains(&anchor)
        || GENERATED_PREFIXES.iter().any(|p| anchor.starts_with(p))
        || anchor
            .strip_prefix('h')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The pulldown-cmark extensions the plan's Markdown uses.
pub fn options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn level_number(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Numbers headings across the files of one document (`files`: file name,
/// first body line, text), in the site's numbering style, recording the
/// style of every level it numbered (the labels print it).
pub fn number_headings(
    files: &[(&str, usize, &str)],
    numbering: &[NumberStyle],
    deps: &mut Deps,
    diags: &mut Vec<Diagnostic>,
) -> Vec<HeadingInfo> {
    let mut styles_used = std::collections::BTreeMap::new();
    let mut counters = [0usize; 7];
    let mut out: Vec<HeadingInfo> = Vec::new();
    let mut seen = std::collections::HashMap::<String, ()>::new();
    for &(file, first_line, text) in files {
        let mut current: Option<(u8, Option<String>, bool, String, usize)> = None;
        for (ev, range) in Parser::new_ext(text, options()).into_offset_iter() {
            match ev {
                Event::Start(Tag::Heading {
                    level, id, classes, ..
                }) => {
                    let line = first_line + text[..range.start].matches('\n').count();
                    let unnumbered = classes.iter().any(|c| c.as_ref() == "unnumbered");
                    current = Some((
                        level_number(level),
                        id.map(|s| s.to_string()),
                        unnumbered,
                        String::new(),
                        line,
                    ));
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(c) = current.as_mut() {
                        c.3.push_str(&t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(c) = current.as_mut() {
                        c.3.push(' ');
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    let Some((level, id, unnumbered, title, line)) = current.take() else {
                        continue;
                    };
                    let number = if unnumbered {
                        None
                    } else {
                        let l = level as usize;
                        counters[l] += 1;
                        for c in counters.iter_mut().skip(l + 1) {
                            *c = 0;
                        }
                        let style = numbering.get(l - 1).copied().unwrap_or(NumberStyle::Arabic);
                        styles_used.insert(l, style);
                        let n = style.format(counters[l]);
                        if n.is_none() {
                            diags.push(
                                Diagnostic::error(
                                    file,
                                    format!(
                                        "同じ階層の見出しが {} 個を超えたため、番号「{}」の形式では番号を付けられません（{} 番目）。見出しを分けるか、site.yaml の numbering を変えてください",
                                        style.capacity().unwrap_or(0),
                                        style.token(),
                                        counters[l]
                                    ),
                                )
                                .at(Some(line))
                                .value(title.trim()),
                            );
                        }
                        n
                    };
                    if id.as_deref().is_some_and(is_reserved_anchor) {
                        diags.push(
                            Diagnostic::error(
                                file,
                                "このアンカーは bcpgen のページが自ら使う id と重なります。別の名前にしてください",
                            )
                            .at(Some(line))
                            .field("{#id}")
                            .value(id.as_deref().unwrap_or_default()),
                        );
                    }
                    let anchor = id.unwrap_or_else(|| format!("h{}", out.len() + 1));
                    if seen.insert(anchor.clone(), ()).is_some() {
                        diags.push(
                            Diagnostic::error(file, "見出しのアンカーが文書内で重複しています")
                                .at(Some(line))
                                .field("{#id}")
                                .value(&anchor),
                        );
                    } else if !anchor
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    {
                        diags.push(
                            Diagnostic::error(
                                file,
                                "アンカーには英小文字・数字・ハイフンだけを使ってください",
                            )
                            .at(Some(line))
                            .field("{#id}")
                            .value(&anchor),
                        );
                    }
                    out.push(HeadingInfo {
                        level,
                        number,
                        anchor,
                        title: title.trim().to_string(),
                    });
                }
                _ => {}
            }
        }
    }
    if !styles_used.is_empty() {
        deps.record(Dep::Site(SiteField::Numbering), format!("{styles_used:?}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_official_style_across_files() {
        let styles: Vec<NumberStyle> = ["1", "(1)", "ア", "(ア)"]
            .iter()
            .map(|s| NumberStyle::parse(s).unwrap())
            .collect();
        let a = "# 目的 {#objectives}\n\n## 計画の目的と位置付け {#purpose}\n\n## 背景\n\n### 範囲\n\n### 想定\n";
        let b = "# 現状\n\n## 改訂一覧 {.unnumbered}\n\n## インフラ {#infra}\n";
        let mut d = vec![];
        let mut deps = Deps::default();
        let h = number_headings(
            &[("a.md", 1, a), ("b.md", 1, b)],
            &styles,
            &mut deps,
            &mut d,
        );
        assert!(deps.contains(&Dep::Site(SiteField::Numbering)));
        let labels: Vec<String> = h.iter().map(|h| h.label()).collect();
        assert_eq!(
            labels,
            [
                "1 目的",
                "(1) 計画の目的と位置付け",
                "(2) 背景",
                "ア 範囲",
                "イ 想定",
                "2 現状",
                "改訂一覧",
                "(1) インフラ"
            ]
        );
        assert_eq!(h[1].anchor, "purpose");
        assert!(d.is_empty());
    }

    #[test]
    fn numbering_past_the_last_letter_is_refused() {
        let styles = [NumberStyle::Latin];
        let text: String = (1..=27).map(|i| format!("# 見出し{i}\n\n")).collect();
        let mut d = vec![];
        let h = number_headings(&[("a.md", 1, &text)], &styles, &mut Deps::default(), &mut d);
        assert_eq!(h[25].number.as_deref(), Some("z"));
        assert_eq!(h[26].number, None);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, Some(53));
    }

    #[test]
    fn reserved_anchors_are_refused() {
        let text = "# 目次 {#bcp-toc}\n\n# 図 {#fig-1}\n\n# 三 {#h3}\n\n# 可 {#toc}\n";
        let mut d = vec![];
        number_headings(&[("a.md", 1, text)], &[], &mut Deps::default(), &mut d);
        let lines: Vec<_> = d.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(1), Some(3), Some(5)]);
    }

    /// Every literal id in the default theme's templates is a reserved anchor.
    #[test]
    fn reserved_anchors_cover_the_theme() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates");
        let mut found = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            for part in text.split("id=\"").skip(1) {
                let id = part.split('"').next().unwrap();
                let id = id.strip_prefix("{{ p }}").unwrap_or(id);
                if id.contains("{{") {
                    continue; // a document or term id, checked elsewhere
                }
                found += 1;
                assert!(is_reserved_anchor(id), "{id} is not reserved");
            }
        }
        assert!(found >= 8);
    }
}
