//! The glossary's order, one for every place it is listed (the HTML page,
//! `embed: glossary`): Latin terms alphabetically, the rest 五十音順 by
//! reading, compared the way a Japanese dictionary does — katakana as hiragana, small kana as large,
//! voiced as unvoiced first, and ー as the vowel before it (データ = でえた,
//! so データセンター sorts before 電算センター).

use super::site::Term;

const VOICED: &str = "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゔ";
const PLAIN: &str = "かきくけこさしすせそたちつてとはひふへほはひふへほう";
const SMALL: &str = "ぁぃぅぇぉっゃゅょゎ";
const LARGE: &str = "あいうえおつやゆよわ";
const VOWELS: [(char, &str); 5] = [
    ('あ', "あかさたなはまやらわがざだばぱぁゃゎ"),
    ('い', "いきしちにひみりぎじぢびぴぃ"),
    ('う', "うくすつぬふむゆるぐずづぶぷぅっゅゔ"),
    ('え', "えけせてねへめれげぜでべぺぇ"),
    ('お', "おこそとのほもよろをごぞどぼぽぉょ"),
];

fn to_hiragana(c: char) -> char {
    match c {
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

fn map(c: char, from: &str, to: &str) -> char {
    from.chars()
        .position(|x| x == c)
        .and_then(|i| to.chars().nth(i))
        .unwrap_or(c)
}

fn vowel_of(c: char) -> Option<char> {
    VOWELS
        .iter()
        .find(|(_, row)| row.contains(c))
        .map(|(v, _)| *v)
}

/// (primary, secondary): primary ignores voicing and size, secondary keeps
/// them so が follows か when all else is equal.
pub fn reading_key(reading: &str) -> (String, String) {
    let mut secondary = String::with_capacity(reading.len());
    let mut prev: Option<char> = None;
    for c in reading.chars() {
        let h = to_hiragana(c);
        let h = if h == 'ー' {
            prev.and_then(vowel_of).unwrap_or(h)
        } else {
            h
        };
        secondary.push(h);
        prev = Some(h);
    }
    let primary = secondary
        .chars()
        .map(|c| map(map(c, VOICED, PLAIN), SMALL, LARGE))
        .collect();
    (primary, secondary)
}

/// The 用語集 split as the plan does: Latin terms alphabetically (case
/// folded, then as written), the rest 五十音順 by reading, then by term.
pub fn sorted_glossary(terms: &[Term]) -> (Vec<&Term>, Vec<&Term>) {
    let (mut latin, mut kana): (Vec<&Term>, Vec<&Term>) = terms.iter().partition(|t| t.is_latin());
    latin.sort_by(|a, b| {
        a.term
            .to_lowercase()
            .cmp(&b.term.to_lowercase())
            .then_with(|| a.term.cmp(&b.term))
    });
    kana.sort_by_cached_key(|t| {
        (
            reading_key(t.reading.as_deref().unwrap_or(&t.term)),
            t.term.clone(),
        )
    });
    (latin, kana)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<&str> = words.to_vec();
        v.sort_by_key(|w| reading_key(w));
        v.into_iter().map(String::from).collect()
    }

    #[test]
    fn long_vowel_mark_takes_the_preceding_vowel() {
        assert_eq!(reading_key("でーたせんたー").0, "てえたせんたあ");
        assert_eq!(
            sorted(&["でんさんせんたー", "でーたせんたー"]),
            ["でーたせんたー", "でんさんせんたー"]
        );
    }

    #[test]
    fn long_vowel_mark_sorts_as_its_vowel() {
        // でーたせんたー (でえた…) before でんさんせんたー
        assert!(reading_key("でーたせんたー") < reading_key("でんさんせんたー"));
        assert!(reading_key("いんしでんと") < reading_key("いんふら"));
        assert!(reading_key("かそうか") < reading_key("かつしかく"));
        assert!(reading_key("ばっちしょり") < reading_key("ひょうてきがたこうげき"));
    }

    #[test]
    fn katakana_and_voicing() {
        assert_eq!(
            sorted(&["ばっくあっぷ", "はいぶりっど", "アクセス"]),
            ["アクセス", "はいぶりっど", "ばっくあっぷ"]
        );
        assert_eq!(sorted(&["がいぶ", "かいぶ"]), ["かいぶ", "がいぶ"]);
    }
}
