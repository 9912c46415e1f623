//! 禁則: the characters a Japanese line may not start or end with. One list
//! for paragraphs (PDF layout) and diagram labels (PDF and SVG), so a label
//! and a paragraph never break by different rules.

/// Characters that must not start a line (行頭禁則).
pub const NO_START: &str = "、。，．,.・：；:;？！?!）)］]｝}」』】〕〉》〙〗〟’”｠»ゝゞヽヾ々〻ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ゠‐–〜～％%‰℃°′″";
/// Characters that must not end a line (行末禁則).
pub const NO_END: &str = "（(［[｛{「『【〔〈《〘〖〝‘“｟«";

/// A character that may not start a line (closing brackets, small kana, 。、…).
pub fn no_start(c: char) -> bool {
    static SET: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| sorted(NO_START));
    SET.binary_search(&c).is_ok()
}

/// A character that may not end a line (opening brackets).
pub fn no_end(c: char) -> bool {
    static SET: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| sorted(NO_END));
    SET.binary_search(&c).is_ok()
}

/// The list's characters sorted, for a binary search: `str::contains` scans
/// the whole list for every character of every line (3 % of a build).
fn sorted(list: &str) -> Vec<char> {
    let mut v: Vec<char> = list.chars().collect();
    v.sort_unstable();
    v
}
