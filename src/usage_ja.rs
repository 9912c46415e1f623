//! clap's parse errors in Japanese. clap renders its errors in English only;
//! it hands over the kind and the arguments involved, so the sentence is
//! written here and clap's own is never shown. `--help` and `--version`
//! stay clap's (their descriptions are Japanese already).

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The message for a clap error, naming what the user wrote; `None` for
/// `--help` and `--version`, whose text clap prints itself.
pub fn message(e: &clap::Error, subcommands: &[String]) -> Option<String> {
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => flag(s).to_string(),
        Some(ContextValue::Strings(v)) => v.iter().map(|s| flag(s)).collect::<Vec<_>>().join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut m = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return None,
        ErrorKind::InvalidSubcommand => format!(
            "コマンド「{}」はありません（使えるコマンド: {}）",
            get(ContextKind::InvalidSubcommand),
            subcommands.join(", ")
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!("コマンドを指定してください（{}）", subcommands.join(", "))
        }
        ErrorKind::UnknownArgument => format!("引数「{arg}」はこのコマンドにはありません"),
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("{arg} には値が必要です")
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("{arg} の値「{value}」は使えません")
        }
        ErrorKind::MissingRequiredArgument => format!("必要な引数がありません: {arg}"),
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if prior.is_empty() || prior == arg {
                format!("{arg} は1回だけ指定してください")
            } else {
                format!("{arg} と {prior} は同時に指定できません")
            }
        }
        ErrorKind::TooManyValues => {
            format!("{arg} に余分な値「{value}」があります")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} の値の数が違います")
        }
        ErrorKind::NoEquals => format!("{arg} の値は「=」でつないで指定してください"),
        ErrorKind::InvalidUtf8 => "引数に UTF-8 でない文字があります".to_string(),
        _ => "引数を読み取れません".to_string(),
    };
    for s in [
        get(ContextKind::SuggestedArg),
        get(ContextKind::SuggestedSubcommand),
    ] {
        if !s.is_empty() {
            m.push_str(&format!("。「{s}」のことですか"));
        }
    }
    Some(m)
}

/// `--out <OUT>` → `--out`: a flag as the user types it, without clap's
/// placeholder for its value (a positional `<ID>` stays as it is).
fn flag(arg: &str) -> &str {
    if arg.starts_with('-') {
        arg.split_whitespace().next().unwrap_or(arg)
    } else {
        arg
    }
}
