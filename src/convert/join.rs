//! Japanese soft line breaks: a line break between two Japanese characters
//! joins them with nothing; between Latin words it stays a space (SPEC §3).

use crate::model::Inline;

/// The placeholder a soft break leaves until the neighbours are known.
pub const SOFT_BREAK: &str = "\u{1}";
const SOFT_BREAK_CHAR: char = '\u{1}';

/// Characters after or before which a soft break vanishes.
pub fn is_japanese(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation 、。「」
        | 0x3040..=0x30FF // hiragana, katakana
        | 0x31F0..=0x31FF // katakana extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFF00..=0xFFEF // full-width forms （）：
        | 0x20000..=0x2FA1F)
}

fn last_char(inlines: &[Inline]) -> Option<char> {
    inlines.last().and_then(|i| {
        crate::model::plain_text(std::slice::from_ref(i))
            .chars()
            .last()
    })
}

fn first_char(inline: &Inline) -> Option<char> {
    crate::model::plain_text(std::slice::from_ref(inline))
        .chars()
        .next()
}

/// Merges adjacent text and resolves soft breaks, recursively.
pub fn normalize(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let inline = match inline {
            Inline::Strong(c) => Inline::Strong(normalize(c)),
            Inline::Emphasis(c) => Inline::Emphasis(normalize(c)),
            Inline::Strike(c) => Inline::Strike(normalize(c)),
            Inline::Link(mut l) => {
                l.content = normalize(l.content);
                Inline::Link(l)
            }
            other => other,
        };
        match (out.last_mut(), inline) {
            (Some(Inline::Text(prev)), Inline::Text(t)) => prev.push_str(&t),
            (_, i) => out.push(i),
        }
    }
    // Resolve the placeholders now that neighbours are merged.
    let n = out.len();
    for idx in 0..n {
        let Inline::Text(t) = &out[idx] else { continue };
        if !t.contains(SOFT_BREAK) {
            continue;
        }
        let before_edge = last_char(&out[..idx]);
        let after_edge = out.get(idx + 1).and_then(first_char);
        let chars: Vec<char> = t.chars().collect();
        let mut s = String::with_capacity(t.len());
        for (i, &c) in chars.iter().enumerate() {
            if c != SOFT_BREAK_CHAR {
                s.push(c);
                continue;
            }
            let before = if i == 0 {
                before_edge
            } else {
                Some(chars[i - 1])
            };
            let after = chars.get(i + 1).copied().or(after_edge);
            let joins = before.is_some_and(is_japanese)
                || after.is_some_and(is_japanese)
                || before.is_none()
                || after.is_none();
            if !joins {
                s.push(' ');
            }
        }
        out[idx] = Inline::Text(s);
    }
    out.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    #[test]
    fn joins_japanese_and_keeps_latin_spaces() {
        let out = normalize(vec![t("情報システムの"), t(SOFT_BREAK), t("稼働は必要")]);
        assert_eq!(out, vec![t("情報システムの稼働は必要")]);
        let out = normalize(vec![t("Business"), t(SOFT_BREAK), t("Continuity")]);
        assert_eq!(out, vec![t("Business Continuity")]);
        let out = normalize(vec![t("ICT"), t(SOFT_BREAK), t("部門")]);
        assert_eq!(out, vec![t("ICT部門")]);
    }

    #[test]
    fn looks_across_markup() {
        let out = normalize(vec![
            Inline::Strong(vec![t("重要")]),
            t(SOFT_BREAK),
            t("である"),
        ]);
        assert_eq!(out, vec![Inline::Strong(vec![t("重要")]), t("である")]);
    }
}
