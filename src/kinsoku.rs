//! 禁則: the characters a Japanese line may not start or end with. One list
//! for paragraphs (PDF layout) and diagram labels (PDF and SVG), so a label
//! and a paragraph never break by different rules.

/// Characters that must not start a line (行頭禁則).
pub const NO_START: &str = "、。，．,.・：；:;？！?!）)］]｝}」』】〕〉》〙〗〟’”｠»ゝゞヽヾ々〻ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ゠‐–〜～％%‰℃°′″";
/// Characters that must not end a line (行末禁則).
pub const NO_END: &str = "（(［[｛{「『【〔〈《〘〖〝‘“｟«";

/// A character that may not start a line (closing brackets, small kana, 。、…).
pub fn no_start(c: char) -> bool {
    NO_START.contains(c)
}

/// A character that may not end a line (opening brackets).
pub fn no_end(c: char) -> bool {
    NO_END.contains(c)
}
