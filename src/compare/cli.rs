//! `bcpgen compare` on the terminal: messages and the exit code.

use std::process::ExitCode;

use super::{compare, Options};
use crate::escape::terminal;

/// Runs compare, prints what happened in Japanese, and gives the exit code
/// (0 written, 1 the sources or history do not allow it, 2 usage).
pub fn command(o: &Options) -> ExitCode {
    if let Some(dir) = o.from_content {
        if !dir.is_dir() {
            eprintln!(
                "{}",
                crate::diag::Diagnostic::usage(format!(
                    "--from-content のフォルダ「{}」がありません",
                    dir.display()
                ))
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
        Err(diags) => {
            for d in &diags.0 {
                eprintln!("{d}");
            }
            let code = diags.exit_code();
            // A usage mistake is its own message; a failure is summed up.
            if code != 2 {
                eprintln!(
                    "新旧対照表を作れませんでした（エラー {} 件）",
                    diags.errors().count()
                );
            }
            ExitCode::from(code)
        }
    }
}
