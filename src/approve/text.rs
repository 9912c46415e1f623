//! Appending one item to a top-level YAML list *as text*, so that comments,
//! key order, quoting and indentation of everything else stay byte for byte.
//!
//! serde_yaml would rewrite the whole file (and drop its comments), so the
//! list is found line by line and the new item is written in the style of
//! the items already there. The caller re-parses the result and compares it
//! with the expected value, so a layout this module misreads is refused,
//! never written.

use bcpgen::diag::Diagnostic;

/// How existing items of a block list are written.
#[derive(Clone, Debug, PartialEq)]
enum ItemStyle {
    /// `- key: value` then one key per line at `key_col`.
    Block { dash: usize, key_col: usize },
    /// `- { key: value, … }` on one line; `spaced` = a space inside the braces.
    Flow { dash: usize, spaced: bool },
}

/// One line of the text with its ending.
struct Line<'a> {
    text: &'a str,
    ending: &'a str,
}

fn lines(s: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let (line, r) = match rest.find('\n') {
            Some(i) => (&rest[..=i], &rest[i + 1..]),
            None => (rest, ""),
        };
        let text = line.trim_end_matches(['\n', '\r']);
        out.push(Line {
            text,
            ending: &line[text.len()..],
        });
        rest = r;
    }
    out
}

fn indent(s: &str) -> usize {
    s.len() - s.trim_start_matches(' ').len()
}

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn is_comment(s: &str) -> bool {
    s.trim_start().starts_with('#')
}

/// What follows `key:` on its line, comment removed; None when the line is not that key.
fn key_rest<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(key)?.strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest = rest.trim();
    Some(match rest.find(" #") {
        Some(i) => rest[..i].trim_end(),
        None if rest.starts_with('#') => "",
        None => rest,
    })
}

fn find_key(ls: &[Line], key: &str) -> Option<usize> {
    ls.iter().position(|l| key_rest(l.text, key).is_some())
}

/// The last line that belongs to the block list under the key on line `key`
/// (trailing blank lines and comments at list level are left to what follows).
fn block_end(ls: &[Line], key: usize, dash: usize) -> usize {
    let mut last = key;
    for (i, l) in ls.iter().enumerate().skip(key + 1) {
        let t = l.text;
        if is_blank(t) || (is_comment(t) && indent(t) <= dash) {
            continue;
        }
        let ind = indent(t);
        // An indentless list (`key:` then `- item` at column 0) continues while lines start with `-`.
        let dash_here = ind == 0 && (t == "-" || t.starts_with("- "));
        if ind == 0 && !dash_here {
            break;
        }
        last = i;
    }
    last
}

/// The first item line under `key`: its dash column; None when the next
/// line that counts is not a list item.
fn first_dash(ls: &[Line], key: usize) -> Option<usize> {
    for l in ls.iter().skip(key + 1) {
        if is_blank(l.text) || is_comment(l.text) {
            continue;
        }
        let t = l.text.trim_start_matches(' ');
        if t == "-" || t.starts_with("- ") {
            return Some(indent(l.text));
        }
        break;
    }
    None
}

/// The style of the last item of the list that runs from `key` to `end`.
fn item_style(ls: &[Line], key: usize, end: usize, dash: usize) -> ItemStyle {
    let last_item = (key + 1..=end).rev().find(|&i| {
        let t = ls[i].text;
        indent(t) == dash && (t.trim_start() == "-" || t.trim_start().starts_with("- "))
    });
    let Some(i) = last_item else {
        return ItemStyle::Block {
            dash,
            key_col: dash + 2,
        };
    };
    let after = &ls[i].text[dash + 1..];
    let content = after.trim_start_matches(' ');
    if content.starts_with('{') {
        return ItemStyle::Flow {
            dash,
            spaced: content.starts_with("{ "),
        };
    }
    if content.is_empty() || content.starts_with('#') {
        // `-` alone: the mapping starts on the next line.
        let key_col = ls[i + 1..=end]
            .iter()
            .find(|l| !is_blank(l.text) && !is_comment(l.text))
            .map(|l| indent(l.text));
        return ItemStyle::Block {
            dash,
            key_col: key_col.unwrap_or(dash + 2),
        };
    }
    ItemStyle::Block {
        dash,
        key_col: dash + 1 + (after.len() - content.len()),
    }
}

/// A YAML scalar: plain when it reads back as the same string, else double-quoted.
pub fn scalar(s: &str, flow: bool) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && !s.contains(['\n', '\r', '\t'])
        && !s.contains(" #")
        && !s.contains(": ")
        && !s.ends_with(':')
        && !s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        && !(flow && s.contains([',', '[', ']', '{', '}']))
        && matches!(serde_yaml::from_str::<serde_yaml::Value>(s), Ok(serde_yaml::Value::String(ref v)) if v == s);
    if plain {
        s.to_string()
    } else {
        // A JSON string is a valid YAML double-quoted scalar.
        serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
    }
}

fn render_item(fields: &[(&str, String)], style: &ItemStyle, nl: &str) -> String {
    match style {
        ItemStyle::Flow { dash, spaced } => {
            let body: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{k}: {}", scalar(v, true)))
                .collect();
            let (open, close) = if *spaced { ("{ ", " }") } else { ("{", "}") };
            format!(
                "{}- {open}{}{close}{nl}",
                " ".repeat(*dash),
                body.join(", ")
            )
        }
        ItemStyle::Block { dash, key_col } => {
            let mut out = String::new();
            for (i, (k, v)) in fields.iter().enumerate() {
                if i == 0 {
                    let gap = key_col.saturating_sub(dash + 1).max(1);
                    out.push_str(&format!(
                        "{}-{}{k}: {}{nl}",
                        " ".repeat(*dash),
                        " ".repeat(gap),
                        scalar(v, false)
                    ));
                } else {
                    out.push_str(&format!(
                        "{}{k}: {}{nl}",
                        " ".repeat(*key_col),
                        scalar(v, false)
                    ));
                }
            }
            out
        }
    }
}

/// Re-joins lines, inserting `insert` after line `after`.
fn join_with(ls: &[Line], after: usize, insert: &str, nl: &str) -> String {
    let mut out = String::new();
    for (i, l) in ls.iter().enumerate() {
        out.push_str(l.text);
        if i == after && l.ending.is_empty() {
            out.push_str(nl);
        } else {
            out.push_str(l.ending);
        }
        if i == after {
            out.push_str(insert);
        }
    }
    out
}

/// Appends an item with `fields` (in that order) to the top-level list `key`.
/// When `key` is absent it is created right after the list `sibling`, in that
/// list's style (the `reviews:` key is added below `revisions:`).
pub fn append_item(
    yaml: &str,
    key: &str,
    sibling: Option<&str>,
    fields: &[(&str, String)],
) -> Result<String, Diagnostic> {
    let nl = if yaml.contains("\r\n") { "\r\n" } else { "\n" };
    let ls = lines(yaml);
    let Some(k) = find_key(&ls, key) else {
        let Some(sib) = sibling.and_then(|s| find_key(&ls, s)) else {
            // Nothing to follow: a new list at the end of the text.
            let style = ItemStyle::Block {
                dash: 2,
                key_col: 4,
            };
            let mut out = yaml.to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(nl);
            }
            out.push_str(&format!("{key}:{nl}{}", render_item(fields, &style, nl)));
            return Ok(out);
        };
        let (end, style) = match first_dash(&ls, sib) {
            Some(dash) => {
                let end = block_end(&ls, sib, dash);
                (end, item_style(&ls, sib, end, dash))
            }
            // The sibling is written some other way (flow list): a plain block list.
            None => (
                block_end(&ls, sib, 0),
                ItemStyle::Block {
                    dash: 2,
                    key_col: 4,
                },
            ),
        };
        let insert = format!("{key}:{nl}{}", render_item(fields, &style, nl));
        return Ok(join_with(&ls, end, &insert, nl));
    };
    let rest = key_rest(ls[k].text, key).unwrap_or_default();
    if rest.is_empty() {
        let dash = first_dash(&ls, k).ok_or_else(|| {
            Diagnostic::failure(format!(
                "{key}: リストの項目（- で始まる行）が見つかりません"
            ))
        })?;
        let end = block_end(&ls, k, dash);
        let style = item_style(&ls, k, end, dash);
        return Ok(join_with(&ls, end, &render_item(fields, &style, nl), nl));
    }
    let line = ls[k].text;
    let bracket = line.find('[').filter(|_| rest.starts_with('['));
    match bracket {
        Some(open) if rest == "[]" => {
            // An empty flow list becomes a block list with one item.
            let close = open + line[open..].find(']').unwrap_or(1);
            let head = line[..open].trim_end();
            let tail = &line[close + 1..];
            let mut out = String::new();
            for (i, l) in ls.iter().enumerate() {
                if i == k {
                    out.push_str(head);
                    out.push_str(tail);
                    out.push_str(if l.ending.is_empty() { nl } else { l.ending });
                    out.push_str(&render_item(
                        fields,
                        &ItemStyle::Block {
                            dash: 2,
                            key_col: 4,
                        },
                        nl,
                    ));
                } else {
                    out.push_str(l.text);
                    out.push_str(l.ending);
                }
            }
            Ok(out)
        }
        Some(_) if rest.ends_with(']') => {
            // A one-line flow list: the new item goes before the closing bracket.
            let close = line.rfind(']').unwrap_or(line.len());
            let body: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{k}: {}", scalar(v, true)))
                .collect();
            let new_line = format!(
                "{}, {{{}}}{}",
                &line[..close],
                body.join(", "),
                &line[close..]
            );
            let mut out = String::new();
            for (i, l) in ls.iter().enumerate() {
                out.push_str(if i == k { &new_line } else { l.text });
                out.push_str(l.ending);
            }
            Ok(out)
        }
        _ => Err(Diagnostic::failure(format!(
            "{key}: の書き方を読み取れません（「- 」で始まる行のリストにしてください）"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev() -> Vec<(&'static str, String)> {
        vec![
            ("version", "第3版".into()),
            ("date", "2026-11-26".into()),
            ("summary", "見直し: 連絡先 #2 更新".into()),
        ]
    }

    #[test]
    fn block_items_keep_everything_else() {
        let src = "id: a # the id\nrevisions:\n  - version: 初版\n    date: 2020-01-01   # old\n    summary: 新規\n\n# next\ntitle: t\n";
        let out = append_item(src, "revisions", None, &rev()).unwrap();
        assert_eq!(
            out,
            "id: a # the id\nrevisions:\n  - version: 初版\n    date: 2020-01-01   # old\n    summary: 新規\n  - version: 第3版\n    date: 2026-11-26\n    summary: \"見直し: 連絡先 #2 更新\"\n\n# next\ntitle: t\n"
        );
    }

    #[test]
    fn indentless_and_flow_items() {
        let src = "revisions:\n- {version: 初版, date: 2020-01-01}\ntitle: t";
        let out = append_item(src, "revisions", None, &rev()).unwrap();
        assert_eq!(out, "revisions:\n- {version: 初版, date: 2020-01-01}\n- {version: 第3版, date: 2026-11-26, summary: \"見直し: 連絡先 #2 更新\"}\ntitle: t");
        let src = "revisions: [{version: 初版}]\n";
        let out = append_item(src, "revisions", None, &rev()).unwrap();
        assert!(
            out.starts_with("revisions: [{version: 初版}, {version: 第3版, "),
            "{out}"
        );
    }

    #[test]
    fn creates_a_missing_list_after_its_sibling() {
        let src =
            "revisions:\r\n    -   version: 初版\r\n        date: 2020-01-01\r\ntype: contacts\r\n";
        let out = append_item(
            src,
            "reviews",
            Some("revisions"),
            &[("date", "2026-01-01".into())],
        )
        .unwrap();
        assert_eq!(out, "revisions:\r\n    -   version: 初版\r\n        date: 2020-01-01\r\nreviews:\r\n    -   date: 2026-01-01\r\ntype: contacts\r\n");
        let src = "reviews: [] # none yet\nrevisions:\n  - version: a\n";
        let out = append_item(
            src,
            "reviews",
            Some("revisions"),
            &[("date", "2026-01-01".into())],
        )
        .unwrap();
        assert_eq!(
            out,
            "reviews: # none yet\n  - date: 2026-01-01\nrevisions:\n  - version: a\n"
        );
    }

    #[test]
    fn block_scalars_and_comments_inside_items_stay_inside() {
        let src = "revisions:\n  - version: a\n    summary: |\n      line\n\n      # not a comment\n  # list comment\nid: x\n";
        let out = append_item(src, "revisions", None, &[("version", "b".into())]).unwrap();
        assert_eq!(out, "revisions:\n  - version: a\n    summary: |\n      line\n\n      # not a comment\n  - version: b\n  # list comment\nid: x\n");
    }

    #[test]
    fn scalars_quote_only_when_needed() {
        assert_eq!(scalar("第2版", false), "第2版");
        assert_eq!(scalar("2026-11-26", false), "2026-11-26");
        assert_eq!(scalar("2", false), "\"2\"");
        assert_eq!(scalar("true", false), "\"true\"");
        assert_eq!(scalar("a, b", true), "\"a, b\"");
        assert_eq!(scalar("a, b", false), "a, b");
        assert_eq!(scalar("- x", false), "\"- x\"");
        assert_eq!(scalar("", false), "\"\"");
    }
}
