//! A phone field as written (`03-3695-1111 内線2345`,
//! `03-0000-0001／090-0000-0001`) → the numbers a tap can dial (SPEC §8).
//!
//! Written by hand: the crates that parse phone numbers (phonenumber and its
//! kin) validate against the whole world's numbering plans and know neither
//! 内線 nor the Japanese separators, which are what this field holds.

/// One number a button dials, with the part of the field that shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dialable {
    /// The piece of the field this number was read from, as written
    /// (`03-3695-1111 内線2345`), shown next to its button.
    pub written: String,
    /// National digits (`0336951111`), or `+` and digits for a number abroad.
    pub digits: String,
    /// The extension's digits, dialled after the number (`;ext=`).
    pub ext: Option<String>,
}

impl Dialable {
    /// The `tel:` URI (`tel:0336951111;ext=2345`, RFC 3966).
    pub fn tel_uri(&self) -> String {
        match &self.ext {
            Some(e) => format!("tel:{};ext={e}", self.digits),
            None => format!("tel:{}", self.digits),
        }
    }
}

/// The fewest digits of a dialable number (`113`, `110`, `119`).
pub const MIN_DIGITS: usize = 3;
/// The most digits one number may have (E.164's limit): more means two
/// numbers written without a separator, which must not be dialled as one.
pub const MAX_DIGITS: usize = 15;

/// Why a phone field cannot be dialled, in Japanese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneError {
    /// No piece of the field holds a number of [`MIN_DIGITS`] digits or more.
    NoNumber,
    /// A piece holds more digits than one number can (the piece as written).
    TooLong(String),
}

impl std::fmt::Display for PhoneError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PhoneError::NoNumber => write!(
                f,
                "電話をかけられる番号（{MIN_DIGITS}桁以上の数字）がありません"
            ),
            PhoneError::TooLong(p) => write!(
                f,
                "「{p}」は1つの番号としては桁が多すぎます（{MAX_DIGITS}桁まで）。複数の番号は「／」「、」「又は」で区切ってください"
            ),
        }
    }
}

/// What separates two numbers in one field.
const SEPARATORS: &[&str] = &["／", "/", "、", "又は", "または"];
/// What starts an extension, longest first so 内線 is not read as 内.
const EXTENSION_MARKS: &[&str] = &["内線", "内", "ext.", "ext", "EXT.", "EXT", "Ext.", "Ext"];

/// Reads every dialable number of `field`. Pieces without a number (a note
/// such as （代表）) stay in the text shown beside the number before them.
pub fn parse(field: &str) -> Result<Vec<Dialable>, PhoneError> {
    // (start of the separator before the piece, the piece)
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let mut start = 0;
    let mut sep_at = 0;
    let mut i = 0;
    while i < field.len() {
        if let Some(sep) = SEPARATORS.iter().find(|s| field[i..].starts_with(**s)) {
            pieces.push((sep_at, &field[start..i]));
            sep_at = i;
            i += sep.len();
            start = i;
        } else {
            i += field[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    pieces.push((sep_at, &field[start..]));

    let mut numbers: Vec<(usize, Dialable)> = Vec::new();
    for (at, piece) in pieces {
        let (number, ext) = split_extension(piece);
        let digits = national(number);
        let count = digits.chars().filter(char::is_ascii_digit).count();
        if count > MAX_DIGITS {
            return Err(PhoneError::TooLong(piece.trim().to_string()));
        }
        if count < MIN_DIGITS {
            continue;
        }
        let ext = ext.map(ascii_digits).filter(|e| !e.is_empty());
        numbers.push((
            at,
            Dialable {
                written: String::new(),
                digits,
                ext,
            },
        ));
    }
    if numbers.is_empty() {
        return Err(PhoneError::NoNumber);
    }
    // Each number shows the text from its own separator up to the next
    // number's, so every character written stays visible somewhere.
    let cuts: Vec<usize> = numbers.iter().map(|(at, _)| *at).collect();
    for (k, (_, d)) in numbers.iter_mut().enumerate() {
        let from = if k == 0 { 0 } else { cuts[k] };
        let to = cuts.get(k + 1).copied().unwrap_or(field.len());
        let mut text = &field[from..to];
        if k > 0 {
            if let Some(sep) = SEPARATORS.iter().find(|s| text.starts_with(**s)) {
                text = &text[sep.len()..];
            }
        }
        d.written = text.trim().to_string();
    }
    Ok(numbers.into_iter().map(|(_, d)| d).collect())
}

/// The number before an extension mark, and the text after it.
fn split_extension(piece: &str) -> (&str, Option<&str>) {
    let found = EXTENSION_MARKS
        .iter()
        .filter_map(|m| piece.find(m).map(|at| (at, m.len())))
        .min_by_key(|&(at, len)| (at, std::cmp::Reverse(len)));
    match found {
        Some((at, len)) => (&piece[..at], Some(&piece[at + len..])),
        None => (piece, None),
    }
}

/// The digits of `s` (full-width ones too), in ASCII.
fn ascii_digits(s: &str) -> String {
    s.chars().filter_map(digit).collect()
}

fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10),
        _ => None,
    }
}

/// National digits: `+81 3-3695-1111` and `+81 (0)3…` both become
/// `0336951111`; a number abroad keeps its `+`.
fn national(number: &str) -> String {
    let t = number.trim_start();
    let plus = t.starts_with('+') || t.starts_with('＋');
    let d = ascii_digits(t);
    if !plus {
        return d;
    }
    match d.strip_prefix("81") {
        Some(rest) if rest.starts_with('0') => rest.to_string(),
        Some(rest) => format!("0{rest}"),
        None => format!("+{d}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uris(s: &str) -> Vec<String> {
        parse(s).unwrap().iter().map(Dialable::tel_uri).collect()
    }

    #[test]
    fn an_extension_is_not_glued_onto_the_number() {
        assert_eq!(uris("03-3695-1111 内線2345"), ["tel:0336951111;ext=2345"]);
        assert_eq!(uris("03-3695-1111（内2345）"), ["tel:0336951111;ext=2345"]);
        assert_eq!(uris("03-3695-1111 ext. 12"), ["tel:0336951111;ext=12"]);
    }

    #[test]
    fn separators_make_one_number_each() {
        assert_eq!(
            uris("03-0000-0001／090-0000-0001"),
            ["tel:0300000001", "tel:09000000001"]
        );
        assert_eq!(uris("03-0000-0001/113、110又は119").len(), 4);
        let p = parse("03-0000-0001（代表）／090-0000-0001（夜間）").unwrap();
        assert_eq!(p[0].written, "03-0000-0001（代表）");
        assert_eq!(p[1].written, "090-0000-0001（夜間）");
    }

    #[test]
    fn national_digits_only() {
        assert_eq!(uris("+81 3-3695-1111"), ["tel:0336951111"]);
        assert_eq!(uris("+81 (0)3-3695-1111"), ["tel:0336951111"]);
        assert_eq!(uris("０３－３６９５－１１１１"), ["tel:0336951111"]);
        assert_eq!(uris("113"), ["tel:113"]);
    }

    #[test]
    fn notes_stay_visible_beside_a_number() {
        let p = parse("03-0000-0001／夜間は不通").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].written, "03-0000-0001／夜間は不通");
    }

    #[test]
    fn refuses_what_cannot_be_dialled() {
        assert_eq!(parse("要記入"), Err(PhoneError::NoNumber));
        assert_eq!(parse("12"), Err(PhoneError::NoNumber));
        assert!(matches!(
            parse("03-0000-0001 090-0000-0001"),
            Err(PhoneError::TooLong(_))
        ));
    }
}
