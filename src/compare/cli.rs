//! `bcpgen compare` on the terminal: messages and the exit code.

use std::process::ExitCode;

use super::{compare, Failure, Options};
use crate::escape::terminal;

/// Runs compare, prints what happened in Japanese, and gives the exit code
/// (0 written, 1 the sources or history do not allow it, 2 usage).
pub fn command(o: &Options) -> ExitCode {
    if let Some(dir) = o.from_content {
        if !dir.is_dir() {
            eprintln!(
                "使い方の誤り: --from-content のフォルダ「{}」がありません",
                terminal(&dir.display().to_string())
            );
            return ExitCode::from(2);
        }
    }
    match compare(o) {
        Ok(r) => {
            for n in &r.notes {
                eprintln!("{}", terminal(n));
            }
            let c = r.counts;
            eprintln!(
                "新旧対照表を {} と {} に出力しました（変更 {}、追加 {}、削除 {}）",
                terminal(&r.html.display().to_string()),
                terminal(&r.pdf.display().to_string()),
                c.changed,
                c.added,
                c.deleted
            );
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(m)) => {
            eprintln!("使い方の誤り: {}", terminal(&m));
            ExitCode::from(2)
        }
        Err(Failure::Invalid(diags)) => {
            for d in &diags.0 {
                eprintln!("{d}");
            }
            eprintln!(
                "新旧対照表を作れませんでした（エラー {} 件）",
                diags.errors().count()
            );
            ExitCode::from(1)
        }
    }
}
