//! The `bcpgen` command: arguments → library call → exit code
//! (0 success, 1 invalid sources, 2 usage).

use std::path::PathBuf;
use std::process::ExitCode;

use bcpgen::diag::Diagnostics;
use bcpgen::model::{Date, Edition};
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "bcpgen", version, about = "ICT部門業務継続計画（ICT-BCP）から、スマートフォン用のオフラインHTMLと印刷用PDFを作ります")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Common {
    /// コンテンツのフォルダ
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// 今日として扱う日（YYYY-MM-DD）。省略時は SOURCE_DATE_EPOCH か今日
    #[arg(long)]
    date: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// HTML と PDF を out/ に出力する
    Build {
        #[command(flatten)]
        common: Common,
        /// 出力先のフォルダ
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// テーマのフォルダ（省略時は ./themes/default、なければ内蔵テーマ）
        #[arg(long)]
        theme: Option<PathBuf>,
        /// 出力の形式（html,pdf）
        #[arg(long, default_value = "html,pdf")]
        format: String,
        /// 版（public / internal / confidential）。省略時は全資料の職員版
        #[arg(long)]
        edition: Option<String>,
    },
    /// ソースを検証する（出力はしない）
    Check {
        #[command(flatten)]
        common: Common,
        /// 警告もエラーとして扱う
        #[arg(long)]
        strict: bool,
        #[arg(long)]
        edition: Option<String>,
    },
}

fn usage(message: String) -> ExitCode {
    eprintln!("使い方の誤り: {message}");
    ExitCode::from(2)
}

fn today(common: &Common) -> Result<Date, String> {
    match &common.date {
        Some(s) => Date::parse_iso(s).ok_or_else(|| format!("--date は実在する日付を YYYY-MM-DD で指定してください（「{s}」）")),
        None => bcpgen::default_today(),
    }
}

fn edition(e: &Option<String>) -> Result<Edition, String> {
    match e {
        None => Ok(Edition::Staff),
        Some(s) => Edition::parse(s).ok_or_else(|| format!("--edition は public, internal, confidential のどれかです（「{s}」）")),
    }
}

fn print(diags: &Diagnostics) {
    for d in &diags.0 {
        eprintln!("{d}");
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Build { common, out, theme, format, edition: ed } => {
            let (today, formats, edition) = match (today(&common), bcpgen::Formats::parse(&format), edition(&ed)) {
                (Ok(t), Ok(f), Ok(e)) => (t, f, e),
                (Err(m), _, _) | (_, Err(m), _) | (_, _, Err(m)) => return usage(m),
            };
            let opts = bcpgen::BuildOptions { content: common.content, out: out.clone(), theme, today, formats, edition };
            let started = std::time::Instant::now();
            match bcpgen::build(&opts) {
                Ok(report) => {
                    print(&report.warnings);
                    eprintln!(
                        "{} 文書から {} ファイルを {} に出力しました（{:.2} 秒、警告 {} 件）",
                        report.documents,
                        report.files,
                        out.display(),
                        started.elapsed().as_secs_f64(),
                        report.warnings.0.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    print(&diags);
                    eprintln!("ビルドできませんでした（エラー {} 件）。{} は以前のままです。", diags.errors().count(), out.display());
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { common, strict, edition: ed } => {
            let (today, edition) = match (today(&common), edition(&ed)) {
                (Ok(t), Ok(e)) => (t, e),
                (Err(m), _) | (_, Err(m)) => return usage(m),
            };
            let shown = common.content.display().to_string();
            match bcpgen::load(&bcpgen::LoadOptions { content: &common.content, shown: &shown, today, edition }) {
                Ok(loaded) => {
                    print(&loaded.warnings);
                    let n = loaded.warnings.0.len();
                    if strict && n > 0 {
                        eprintln!("--strict: 警告 {n} 件をエラーとして扱います");
                        ExitCode::from(1)
                    } else {
                        eprintln!("問題ありません（{} 文書、警告 {n} 件）", loaded.site.documents.len());
                        ExitCode::SUCCESS
                    }
                }
                Err(diags) => {
                    print(&diags);
                    eprintln!("エラー {} 件", diags.errors().count());
                    ExitCode::from(1)
                }
            }
        }
    }
}
