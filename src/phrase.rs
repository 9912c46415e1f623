//! Where a short label may wrap: at phrase boundaries first (BudouX's
//! Japanese model, the same rule CSS `word-break: auto-phrase` applies in
//! the HTML), then where the script changes, then between kanji, and
//! inside a katakana or Latin word only when that word alone is wider than
//! the box. E-mail addresses and URLs break only after `@`, `.` or `/`.
//!
//! Used by every place that wraps a short label into a box: diagram boxes,
//! table header cells, covers and the binder's contents. Running text keeps
//! UAX #14 with 禁則 (`render::pdf::layout::text`).

use crate::kinsoku::{no_end, no_start};

/// How good a break between two characters is; the wrapper takes the best
/// kind that fits before falling back to a worse one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Break {
    /// Only when a single word is wider than the box (inside katakana,
    /// inside a Latin word, or after a hyphen of an address).
    Forced,
    /// Between two kanji, or between kanji and kana of one phrase.
    Char,
    /// Where the script changes (kanji → katakana, Japanese → Latin), or
    /// after `@`, `.` or `/` of an address.
    Script,
    /// Between BudouX phrases, or at a space.
    Phrase,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Kanji,
    Hiragana,
    Katakana,
    Latin,
    Space,
    Other,
}

fn class(c: char) -> Class {
    match c as u32 {
        0x3041..=0x309F => Class::Hiragana,
        0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Class::Katakana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => Class::Kanji,
        0x3005..=0x3007 => Class::Kanji, // 々〆〇
        _ if c.is_ascii_alphanumeric() => Class::Latin,
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Class::Latin,
        _ if c.is_whitespace() || c == '\u{3000}' => Class::Space,
        _ => Class::Other,
    }
}

/// An address-like token (e-mail, URL, path): contains `@` or `://`, or a
/// `/` or `.` between Latin letters.
fn is_address(token: &str) -> bool {
    token.contains('@')
        || token.contains("://")
        || (token.contains('/') && token.chars().filter(|c| c.is_ascii_alphabetic()).count() > 1)
}

/// For each character, whether it belongs to an address (e-mail, URL,
/// path): a maximal run of non-space ASCII graphic characters that
/// looks like one (an `@` or `://`, or a `/` between letters). Inside an address a line may break only
/// after `@`, `.` or `/` — running text (`render::pdf::layout::text`) keeps
/// the same rule as short labels.
pub fn addresses(chars: &[char]) -> Vec<bool> {
    let n = chars.len();
    let mut in_address = vec![false; n];
    let mut i = 0;
    while i < n {
        if chars[i].is_ascii_graphic() {
            let start = i;
            while i < n && chars[i].is_ascii_graphic() {
                i += 1;
            }
            let token: String = chars[start..i].iter().collect();
            if is_address(&token) {
                in_address[start..i].iter_mut().for_each(|b| *b = true);
            }
        } else {
            i += 1;
        }
    }
    in_address
}

/// Whether a line may break after `c` inside an address.
pub fn breaks_after_in_address(c: char) -> bool {
    matches!(c, '@' | '.' | '/')
}

/// For every boundary `i` in `1..n` between `chars[i-1]` and `chars[i]`
/// (index 0 and n are unused and `None`), the kind of break allowed there,
/// or `None` where no break is allowed at all (禁則, inside a number).
pub fn opportunities(s: &str) -> Vec<Option<Break>> {
    // The same labels are wrapped many times over: `wrap_balanced` tries a
    // dozen widths, single PDFs are laid out again until their page numbers
    // settle, and the binder lays every document out once more. BudouX's
    // feature lookups cost a tenth of a 100-document build before this memo.
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<String, Vec<Option<Break>>>> =
            Default::default();
    }
    /// Bounds the memo (a few MB at most); it starts over when full.
    const MEMO_MAX: usize = 16_384;
    if let Some(hit) = MEMO.with(|m| m.borrow().get(s).cloned()) {
        return hit;
    }
    let out = compute_opportunities(s);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MEMO_MAX {
            m.clear();
        }
        m.insert(s.to_string(), out.clone());
    });
    out
}

fn compute_opportunities(s: &str) -> Vec<Option<Break>> {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    let mut out = vec![None; n + 1];
    if n < 2 {
        return out;
    }
    // Phrase boundaries from BudouX, as char indices.
    let mut phrase = vec![false; n + 1];
    let mut at = 0;
    for p in budoux::parse(budoux::models::default_japanese_model(), s) {
        at += p.chars().count();
        if at < n {
            phrase[at] = true;
        }
    }
    let in_address = addresses(&chars);
    for i in 1..n {
        let (a, b) = (chars[i - 1], chars[i]);
        if no_start(b) || no_end(a) {
            continue;
        }
        let (ca, cb) = (class(a), class(b));
        let kind = if in_address[i - 1] && in_address[i] {
            if breaks_after_in_address(a) {
                Break::Script
            } else {
                // Never at a hyphen (it reads as part of the address), and
                // never elsewhere unless the address cannot fit.
                Break::Forced
            }
        } else if ca == Class::Space || cb == Class::Space || phrase[i] {
            Break::Phrase
        } else if ca == cb && matches!(ca, Class::Latin | Class::Katakana) {
            Break::Forced
        } else if ca != cb {
            Break::Script
        } else {
            Break::Char
        };
        out[i] = Some(kind);
    }
    out
}

/// Breaks `text` into lines no wider than `max`, `width` measuring a
/// string: each line ends at the best kind of break that lets it fit
/// (phrase, then script change, then between kanji, then anywhere allowed).
/// Explicit newlines are kept; spaces at a break are dropped. A piece that
/// cannot be broken is left wider than `max`.
pub fn wrap(text: &str, max: f32, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        wrap_paragraph(para.trim(), max, width, &mut lines);
    }
    lines
}

fn wrap_paragraph(text: &str, max: f32, width: &dyn Fn(&str) -> f32, lines: &mut Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let ops = opportunities(text);
    let n = chars.len();
    let mut s = 0;
    if n == 0 {
        return;
    }
    while s < n {
        let rest: String = chars[s..].iter().collect();
        if width(rest.trim_end()) <= max + 0.01 {
            lines.push(rest.trim().to_string());
            break;
        }
        // The best break kind with a fitting line; among those, the longest.
        let mut best: Option<(Break, usize)> = None;
        for e in s + 1..n {
            let Some(kind) = ops[e] else { continue };
            let line: String = chars[s..e].iter().collect();
            if width(line.trim_end()) > max + 0.01 {
                break;
            }
            if best.is_none_or(|(k, _)| kind >= k) {
                best = Some((kind, e));
            }
        }
        // Nothing fits: break at the first opportunity past the box.
        let e = match best {
            Some((_, e)) => e,
            None => (s + 1..n).find(|&e| ops[e].is_some()).unwrap_or(n),
        };
        let line: String = chars[s..e].iter().collect();
        lines.push(line.trim().to_string());
        s = e;
        while s < n && chars[s].is_whitespace() {
            s += 1;
        }
    }
}

/// Like [`wrap`], with the narrowest width that needs no more lines, so a
/// label breaks into even lines instead of leaving a short last line.
pub fn wrap_balanced(text: &str, max: f32, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    let lines = wrap(text, max, width);
    if lines.len() < 2 {
        return lines;
    }
    let widest_char = text
        .chars()
        .map(|c| width(&c.to_string()))
        .fold(0.0, f32::max);
    // Narrowing must not trade a break for a worse kind (a phrase break for
    // one inside a katakana word).
    let worst = worst_break(text, &lines);
    let (mut lo, mut hi) = (widest_char, max);
    while hi - lo > 0.5 {
        let mid = (lo + hi) / 2.0;
        let w = wrap(text, mid, width);
        if w.len() <= lines.len()
            && w.iter().all(|l| width(l) <= mid + 0.01)
            && worst_break(text, &w) >= worst
        {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    wrap(text, hi, width)
}

/// The worst kind of break between `lines` (a wrapping of `text`); None
/// when there is no break, or `text` holds newlines (kept as written).
fn worst_break(text: &str, lines: &[String]) -> Option<Break> {
    if text.contains('\n') || lines.len() < 2 {
        return None;
    }
    let ops = opportunities(text);
    let chars: Vec<char> = text.trim().chars().collect();
    let offset = text.chars().take_while(|c| c.is_whitespace()).count();
    let mut at = 0;
    let mut worst: Option<Break> = Some(Break::Phrase);
    for l in &lines[..lines.len() - 1] {
        at += l.chars().count();
        while at < chars.len() && chars[at].is_whitespace() {
            at += 1;
        }
        let kind = ops.get(at + offset).copied().flatten();
        worst = worst.min(kind);
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One em per full-width character, half for ASCII.
    fn w(s: &str) -> f32 {
        s.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    }

    #[test]
    fn katakana_words_stay_whole() {
        let l = wrap("最高情報システム統括責任者（CIO）", 7.0, &w);
        assert!(l.iter().all(|x| !x.ends_with("シス")), "{l:?}");
        assert!(l.iter().any(|x| x.contains("システム")), "{l:?}");
        let l = wrap("情報システム課職員", 5.0, &w);
        assert!(l.iter().any(|x| x.contains("システム")), "{l:?}");
    }

    #[test]
    fn phrases_before_characters() {
        let l = wrap("参集の基準は地震の場合", 7.0, &w);
        assert_eq!(l, vec!["参集の基準は", "地震の場合"]);
    }

    #[test]
    fn two_kanji_words_do_not_split_mid_word_when_they_fit() {
        assert_eq!(wrap("異常気象", 4.0, &w), vec!["異常気象"]);
        assert_eq!(wrap("危険物", 3.0, &w), vec!["危険物"]);
    }

    #[test]
    fn an_address_breaks_after_at_or_dot_never_at_hyphen() {
        let l = wrap("helpdesk@sample-a.example.com", 8.0, &w);
        for line in &l[..l.len() - 1] {
            assert!(
                line.ends_with('@') || line.ends_with('.') || line.ends_with('/'),
                "{l:?}"
            );
        }
        assert_eq!(l.concat(), "helpdesk@sample-a.example.com");
    }

    #[test]
    fn a_word_wider_than_the_box_is_still_broken() {
        let l = wrap("ファイアウォール", 3.0, &w);
        assert!(l.len() >= 3, "{l:?}");
        assert_eq!(l.concat(), "ファイアウォール");
        assert!(l.iter().all(|x| !x.starts_with('ォ')), "{l:?}");
    }

    #[test]
    fn balanced_lines_are_even() {
        let l = wrap_balanced("震度5強以上の地震が発生したとき", 12.0, &w);
        assert_eq!(l.len(), 2, "{l:?}");
    }

    #[test]
    fn balancing_never_breaks_a_katakana_word_the_plain_wrap_kept() {
        let l = wrap_balanced("情報セキュリティインシデント対応チーム", 12.0, &w);
        assert!(
            l.iter().any(|x| x.contains("セキュリティインシデント")),
            "{l:?}"
        );
    }
}
