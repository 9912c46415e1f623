//! The character-level diff inside a changed block, with the `similar`
//! crate: Japanese has no spaces between words, so characters (not words)
//! are the unit a 傍線 marks.

use std::time::{Duration, Instant};

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

/// A run of text, underlined (傍線) when `changed`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seg {
    pub text: String,
    pub changed: bool,
}

/// Text with its changed runs.
pub type Marked = Vec<Seg>;

fn push(out: &mut Marked, s: &[char], changed: bool) {
    if s.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.changed == changed => last.text.extend(s),
        _ => out.push(Seg {
            text: s.iter().collect(),
            changed,
        }),
    }
}

/// Text all of one kind.
pub fn whole(text: &str, changed: bool) -> Marked {
    let mut out = Vec::new();
    push(&mut out, &text.chars().collect::<Vec<_>>(), changed);
    out
}

/// The old and the new text, each with the characters the other lacks
/// marked. Myers' algorithm gives a shortest edit script; the deadline
/// bounds a pathological pair (the result is then coarser, never wrong).
pub fn chars(old: &str, new: &str) -> (Marked, Marked) {
    let o: Vec<char> = old.chars().collect();
    let n: Vec<char> = new.chars().collect();
    let deadline = Instant::now() + Duration::from_millis(200);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &o, &n, Some(deadline));
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                push(&mut a, &o[old_index..old_index + len], false);
                push(&mut b, &n[new_index..new_index + len], false);
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(&mut a, &o[old_index..old_index + old_len], true),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(&mut b, &n[new_index..new_index + new_len], true),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(&mut a, &o[old_index..old_index + old_len], true);
                push(&mut b, &n[new_index..new_index + new_len], true);
            }
        }
    }
    (a, b)
}

/// The share of characters two texts have in common (0 to 1).
pub fn similarity(a: &str, b: &str) -> f32 {
    let (x, _) = chars(a, b);
    let kept: usize = x
        .iter()
        .filter(|s| !s.changed)
        .map(|s| s.text.chars().count())
        .sum();
    let total = a.chars().count() + b.chars().count();
    if total == 0 {
        return 1.0;
    }
    2.0 * kept as f32 / total as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(m: &Marked) -> String {
        m.iter()
            .filter(|s| s.changed)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn only_the_changed_characters_are_marked() {
        let (a, b) = chars("震度５強以上で参集する。", "震度６弱以上で参集する。");
        assert_eq!(changed(&a), "５強");
        assert_eq!(changed(&b), "６弱");
        let all: String = b.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(all, "震度６弱以上で参集する。");
    }
}
