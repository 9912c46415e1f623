//! serde's and libyaml's English turned into Japanese. Neither crate offers
//! its errors in another language, and their messages carry no structured
//! kind beyond the text, so the known shapes of that text are matched here;
//! anything unknown becomes a general Japanese sentence, never the English.

/// What opens the list of allowed keys in the message about an unknown
/// key, so a reader that allows keys around the shape can name them too.
pub const ALLOWED_KEYS: &str = "（使える項目: ";

/// A serde deserialization error (`invalid type: …`, `missing field …`).
pub fn serde_message(m: &str) -> String {
    if let Some(rest) = m.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("必須の項目 {field} がありません");
    }
    if let Some(rest) = m.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("知らない項目 {field} です{ALLOWED_KEYS}{}）", names(rest));
    }
    if let Some(rest) = m.strip_prefix("unknown variant `") {
        let v = rest.split('`').next().unwrap_or(rest);
        return format!("「{v}」は使えません（使える値: {}）", names(rest));
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "値の型が違います（{} ではなく {} が必要です）",
            jp_type(found),
            jp_type(expected)
        );
    }
    if let Some(rest) = m.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let shown = quoted(found).unwrap_or_default();
        return match range(expected) {
            Some(r) => format!("値「{shown}」は範囲外です（{r}）"),
            None => format!(
                "値「{shown}」は使えません（{} が必要です）",
                jp_type(expected)
            ),
        };
    }
    if m.starts_with("invalid length ") {
        let expected = m.split(", expected ").nth(1).unwrap_or("");
        return format!("要素の数が違います（{} が必要です）", jp_type(expected));
    }
    if m.starts_with("duplicate field `") {
        let field = m.split('`').nth(1).unwrap_or("");
        return format!("項目 {field} が2回書かれています");
    }
    if let Some(n) = big_number(m) {
        return format!("数「{n}」は大きすぎます");
    }
    if m.contains("did not match any variant") {
        return "値の形が、ここに書ける形のどれとも合いません".to_string();
    }
    "値を読み取れません（書式を確かめてください）".to_string()
}

/// The sentence for a YAML error of serde_yaml (libyaml's words, with
/// `at line …` cut off: the caller names the line).
pub fn syntax_message(m: &str) -> String {
    let core = m.split(" at line ").next().unwrap_or(m);
    // serde_yaml puts the path first (`terms[0]: duplicate entry …`).
    let core = match core.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => rest,
        _ => core,
    };
    if let Some(n) = big_number(core) {
        return format!("数「{n}」は大きすぎます");
    }
    const KNOWN: &[(&str, &str)] = &[
        ("mapping values are not allowed", "この位置に「キー: 値」は書けません（インデントを確かめてください。値に「: 」を含めるときは引用符で囲みます）"),
        ("did not find expected key", "インデントが揃っていないか、項目名がありません"),
        ("did not find expected ',' or ']'", "「[」に対応する「]」がありません"),
        ("did not find expected ',' or '}'", "「{」に対応する「}」がありません"),
        ("cannot start any token", "値の先頭に使えない文字があります（@ や ` で始まる値は引用符で囲んでください）"),
        ("tab", "インデントにタブは使えません（空白で字下げしてください）"),
        ("could not find expected ':'", "「:」がありません"),
        ("block sequence entries are not allowed", "この位置にリストの「- 」は書けません（インデントを確かめてください）"),
        ("did not find expected node content", "値がありません"),
        ("unknown escape character", "ダブルクォートの中に使えないエスケープ（\\）があります"),
        ("unexpected end of stream", "引用符か括弧が閉じられないまま終わっています"),
        ("end of stream", "引用符か括弧が閉じられないまま終わっています"),
        ("document start", "文書の区切り（---）の位置が正しくありません"),
        ("recursion limit", "入れ子が深すぎます"),
        ("repetition limit", "エイリアスの展開が多すぎます"),
        ("unknown anchor", "定義されていないエイリアス（*名前）があります"),
        ("anchor", "アンカーかエイリアスの書き方が正しくありません"),
        ("duplicate entry", "同じ項目が2回書かれています"),
        ("control characters are not allowed", "使えない制御文字があります"),
        ("invalid leading UTF-8", "UTF-8 ではない文字があります"),
        ("while scanning a quoted scalar", "引用符が閉じられていません"),
        ("while scanning a simple key", "「キー: 値」の形になっていません"),
    ];
    let why = KNOWN
        .iter()
        .find(|(en, _)| core.contains(en))
        .map_or("YAML として読み取れません", |(_, ja)| ja);
    format!("YAMLの構文が正しくありません（{why}）")
}

/// `` `a`, `b` `` after "expected" → `a, b`.
fn names(rest: &str) -> String {
    let list = rest.split("expected ").nth(1).unwrap_or("");
    let list = list.strip_prefix("one of ").unwrap_or(list);
    if list.is_empty() || list.starts_with("there are no") {
        return "なし".to_string();
    }
    list.replace('`', "")
}

/// The text between the first pair of backticks.
fn quoted(s: &str) -> Option<String> {
    s.split('`').nth(1).map(str::to_string)
}

/// serde_yaml's "integer `999…` as u128": a number wider than any field.
fn big_number(m: &str) -> Option<String> {
    (m.contains(" as u128") || m.contains(" as i128")).then(|| quoted(m).unwrap_or_default())
}

/// The range an integer type holds, for "expected u32" and the like.
fn range(expected: &str) -> Option<String> {
    let (lo, hi): (i128, i128) = match expected.trim() {
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" | "usize" => (0, u64::MAX.into()),
        "i8" => (i8::MIN.into(), i8::MAX.into()),
        "i16" => (i16::MIN.into(), i16::MAX.into()),
        "i32" => (i32::MIN.into(), i32::MAX.into()),
        "i64" | "isize" => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    };
    Some(format!("{lo} から {hi} までの整数"))
}

/// serde's name of a type → Japanese.
fn jp_type(t: &str) -> String {
    let t = t.trim();
    let is = |p: &[&str]| p.iter().any(|w| t.starts_with(w) || t.contains(w));
    if is(&["string", "char"]) {
        "文字列".into()
    } else if is(&[
        "integer", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "usize",
    ]) {
        "整数".into()
    } else if is(&["floating", "f32", "f64"]) {
        "数値".into()
    } else if is(&["sequence", "tuple", "array"]) {
        "リスト".into()
    } else if is(&["map", "struct"]) {
        "項目の組（マップ）".into()
    } else if is(&["bool"]) {
        "真偽値（true/false）".into()
    } else if is(&["unit", "null"]) {
        "空の値".into()
    } else if is(&["enum", "variant"]) {
        "決められた値のどれか".into()
    } else {
        "正しい形の値".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_english_survives() {
        let cases = [
            "invalid value: integer `4294967296`, expected u32",
            "invalid type: integer `99999999999999999999` as u128, expected any YAML value",
            "invalid type: sequence, expected a string",
            "unknown variant `x`, expected one of `a`, `b`",
            "invalid length 3, expected a tuple of size 2",
            "something nobody has seen",
        ];
        for c in cases {
            let m = serde_message(c);
            assert!(!m.contains("expected") && !m.contains("invalid"), "{m}");
        }
        assert_eq!(
            serde_message("invalid value: integer `4294967296`, expected u32"),
            "値「4294967296」は範囲外です（0 から 4294967295 までの整数）"
        );
        assert_eq!(
            syntax_message("a: invalid type: integer `1` as u128, expected any YAML value"),
            "数「1」は大きすぎます"
        );
        assert_eq!(
            syntax_message("mapping values are not allowed in this context at line 2 column 5"),
            "YAMLの構文が正しくありません（この位置に「キー: 値」は書けません（インデントを確かめてください。値に「: 」を含めるときは引用符で囲みます））"
        );
    }
}
