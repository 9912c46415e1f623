//! The `bcpgen` command: arguments → library call → exit code
//! (0 success, 1 invalid sources, 2 usage).

mod approve;
mod init;
mod status;
mod usage_ja;

use std::path::PathBuf;
use std::process::ExitCode;

use bcpgen::diag::{Diagnostic, Diagnostics};
use bcpgen::model::{Date, Edition};
use clap::{Args, CommandFactory, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "bcpgen",
    version,
    about = "ICT部門業務継続計画（ICT-BCP）から、スマートフォン用のオフラインHTMLと印刷用PDFを作ります"
)]
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
        /// 改訂履歴の各版に、前の版との新旧対照表（git の履歴から作る）へのリンクを付ける
        #[arg(long)]
        history: bool,
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
    /// 文書と訓練の承認・見直しの状況を表で示す
    Status {
        #[command(flatten)]
        common: Common,
    },
    /// 文書の新しい版を承認し、内容の指紋とともにソースに記録する
    Approve {
        /// 文書の id
        id: String,
        /// 承認者の役割 id（site.yaml の approval が文書の種類ごとに定める役割）
        #[arg(long)]
        approver: String,
        /// 新しい版の名前（例: 第3版）
        #[arg(long = "version")]
        label: String,
        /// 改訂内容
        #[arg(long)]
        summary: String,
        #[command(flatten)]
        common: Common,
    },
    /// 変更のない見直しを記録する（年1回の見直しに数える）
    Review {
        /// 文書の id
        id: String,
        /// 見直しをした役割 id
        #[arg(long)]
        reviewer: String,
        /// 見直しの結果（例: 変更の必要なし）
        #[arg(long)]
        result: String,
        #[command(flatten)]
        common: Common,
    },
    /// 新旧対照表（HTML と、起案用紙付きの PDF）を作る
    Compare {
        /// 文書の id
        id: String,
        /// 改定前の版（版の名前か git のリビジョン）。省略時は最新の承認済みの版
        #[arg(long)]
        from: Option<String>,
        /// 改定後の版（版の名前か git のリビジョン）。省略時は作業中のソース
        #[arg(long)]
        to: Option<String>,
        /// 改定前のコンテンツのフォルダ（git を使わずに比べる）
        #[arg(long)]
        from_content: Option<PathBuf>,
        /// 改定後の版の名前。省略時は次の第N版
        #[arg(long = "version")]
        label: Option<String>,
        /// 出力先のフォルダ。省略時はコンテンツのフォルダの隣の compare/
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// 新しいサイトのひな形（コンテンツと既定のテーマ）を作る
    Init {
        /// 作るフォルダ（空であること）
        dir: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// 国の指針（カタログ）の項目ごとに、どの文書のどの節が対応するかを表で示す
    Audit {
        #[command(flatten)]
        common: Common,
        /// 対応も対象外も宣言されていない項目があれば終了コード 1
        #[arg(long)]
        strict: bool,
    },
    /// ひな形から文書を1つ追加する
    New {
        /// 文書の種類（plan, manual, list, procedure, diagram, form, guide）
        kind: String,
        /// 文書の id（英小文字・数字・ハイフン）
        id: String,
        /// 題名
        #[arg(long)]
        title: Option<String>,
        /// マニュアルの対象事象（site.yaml の incidents の id）
        #[arg(long)]
        incident: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// 編集中のプレビューを表示する（out/ には書き込まず、変更を自動で反映する）
    Serve {
        #[command(flatten)]
        common: Common,
        /// 待ち受けるポート（0 なら空いているポート）
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// 待ち受けるアドレス（既定は 127.0.0.1。他の端末からも見えるアドレスは警告を出します）
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// テーマのフォルダ（省略時は ./themes/default、なければ内蔵テーマ）
        #[arg(long)]
        theme: Option<PathBuf>,
        /// 版（public / internal / confidential）。省略時は全資料の職員版
        #[arg(long)]
        edition: Option<String>,
    },
}

/// clap's error in Japanese (exit 2), or its help and version text (exit 0).
fn parse_error(e: clap::Error) -> ExitCode {
    let cmd = Cli::command();
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    match usage_ja::message(&e, &subcommands) {
        Some(m) => fail(
            Diagnostic::usage(format!(
                "{m}。使い方は bcpgen --help、bcpgen <コマンド> --help で表示します"
            )),
            None,
        ),
        None => match e.print() {
            Ok(()) => ExitCode::SUCCESS,
            // Help that could not be written (a closed pipe) was not shown.
            Err(io) => fail(
                Diagnostic::failure(format!(
                    "説明を表示できません（{}）",
                    bcpgen::diag::io_reason(&io)
                )),
                None,
            ),
        },
    }
}

/// Usage errors the parser cannot see: a `--content` folder that is not
/// there (every command but `init`, which creates it) and a `--theme`
/// folder that is not there. Both are the caller's mistake, so exit 2.
fn check_folders(command: &Command) -> Result<(), Diagnostic> {
    let (common, theme) = match command {
        Command::Init { .. } => return Ok(()),
        Command::Build { common, theme, .. } | Command::Serve { common, theme, .. } => {
            (common, theme.as_ref())
        }
        Command::Check { common, .. }
        | Command::Status { common }
        | Command::Audit { common, .. }
        | Command::Approve { common, .. }
        | Command::Review { common, .. }
        | Command::Compare { common, .. }
        | Command::New { common, .. } => (common, None),
    };
    let folder = |flag: &str, p: &std::path::Path| {
        if p.is_dir() {
            Ok(())
        } else if p.exists() {
            Err(Diagnostic::usage(format!(
                "{flag} 「{}」はフォルダではありません",
                p.display()
            )))
        } else {
            Err(Diagnostic::usage(format!(
                "{flag} のフォルダ「{}」がありません",
                p.display()
            )))
        }
    };
    folder("--content", &common.content)?;
    theme.map_or(Ok(()), |t| folder("--theme", t))
}

fn today(common: &Common) -> Result<Date, Diagnostic> {
    match &common.date {
        Some(s) => Date::parse_iso(s).ok_or_else(|| {
            Diagnostic::usage(format!(
                "--date は実在する日付を YYYY-MM-DD で指定してください（「{s}」）"
            ))
        }),
        None => bcpgen::default_today(),
    }
}

fn edition(e: &Option<String>) -> Result<Edition, Diagnostic> {
    match e {
        None => Ok(Edition::Staff),
        Some(s) => Edition::parse(s).ok_or_else(|| {
            Diagnostic::usage(format!(
                "--edition は public, internal, confidential のどれかです（「{s}」）"
            ))
        }),
    }
}

/// A path as the terminal may show it: a folder named with ESC sequences
/// must not drive the terminal (see `bcpgen::escape::terminal`).
fn on_terminal(p: &std::path::Path) -> String {
    bcpgen::escape::terminal(&p.display().to_string()).into_owned()
}

/// Prints every diagnostic, one a line, on stderr.
fn print(diags: &Diagnostics) {
    eprint!("{diags}");
}

/// The one way a command stops on errors: every diagnostic, then the
/// command's closing sentence if it has one; exit 2 when any is a usage
/// mistake, else 1.
fn fail(diags: impl Into<Diagnostics>, summary: Option<String>) -> ExitCode {
    let diags = diags.into();
    print(&diags);
    if let Some(s) = summary {
        eprintln!("{}", bcpgen::escape::terminal(&s));
    }
    ExitCode::from(diags.exit_code())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return parse_error(e),
    };
    if let Err(d) = check_folders(&cli.command) {
        return fail(d, None);
    }
    match cli.command {
        Command::Status { common } => run_status(&common),
        Command::Audit { common, strict } => match today(&common) {
            Ok(t) => ExitCode::from(bcpgen::audit::command::run(&common.content, t, strict)),
            Err(d) => fail(d, None),
        },
        Command::Approve {
            id,
            approver,
            label,
            summary,
            common,
        } => run_approve(&common, &id, &approver, &label, &summary),
        Command::Review {
            id,
            reviewer,
            result,
            common,
        } => run_review(&common, &id, &reviewer, &result),
        Command::Init { dir, common } => run_init(&common, &dir),
        Command::Compare {
            id,
            from,
            to,
            from_content,
            label,
            out,
            common,
        } => match today(&common) {
            Ok(today) => bcpgen::compare::command(&bcpgen::compare::Options {
                content: &common.content,
                id: &id,
                today,
                from: from.as_deref(),
                to: to.as_deref(),
                from_content: from_content.as_deref(),
                version: label.as_deref(),
                out: out.as_deref(),
            }),
            Err(d) => fail(d, None),
        },
        Command::New {
            kind,
            id,
            title,
            incident,
            common,
        } => run_new(&common, &kind, &id, title.as_deref(), incident.as_deref()),
        Command::Serve {
            common,
            port,
            bind,
            theme,
            edition: ed,
        } => {
            let (today, edition) = match (today(&common), edition(&ed)) {
                (Ok(t), Ok(e)) => (t, e),
                (Err(d), _) | (_, Err(d)) => return fail(d, None),
            };
            let opts = bcpgen::serve::ServeOptions {
                content: common.content,
                theme,
                today,
                edition,
                bind,
                port,
            };
            match bcpgen::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => fail(d, None),
            }
        }
        Command::Build {
            common,
            out,
            theme,
            format,
            edition: ed,
            history,
        } => {
            let (today, formats, edition) = match (
                today(&common),
                bcpgen::Formats::parse(&format),
                edition(&ed),
            ) {
                (Ok(t), Ok(f), Ok(e)) => (t, f, e),
                (Err(d), _, _) | (_, Err(d), _) | (_, _, Err(d)) => return fail(d, None),
            };
            let opts = bcpgen::BuildOptions {
                content: common.content,
                out: out.clone(),
                theme,
                today,
                formats,
                edition,
                history,
            };
            // A refused --out is a usage error; `build` checks it again itself.
            let out_dir = match bcpgen::out_dir(&opts) {
                Ok(o) => o,
                Err(d) => return fail(d.as_usage(), None),
            };
            if let Some(old) = out_dir.restored() {
                eprintln!(
                    "中断したビルドが退避した以前の出力 {} を {} に戻しました",
                    on_terminal(old),
                    on_terminal(&out)
                );
            }
            let started = std::time::Instant::now();
            match bcpgen::build(&opts) {
                Ok(report) => {
                    print(&report.warnings);
                    eprintln!(
                        "{} 文書から {} ファイルを {} に出力しました（{:.2} 秒、警告 {} 件）",
                        report.documents,
                        report.files,
                        on_terminal(&out),
                        started.elapsed().as_secs_f64(),
                        report.warnings.0.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    let summary = format!(
                        "ビルドできませんでした（エラー {} 件）。{}",
                        diags.errors().count(),
                        out_dir.state_after_failure()
                    );
                    fail(diags, Some(summary))
                }
            }
        }
        Command::Check {
            common,
            strict,
            edition: ed,
        } => {
            let (today, edition) = match (today(&common), edition(&ed)) {
                (Ok(t), Ok(e)) => (t, e),
                (Err(d), _) | (_, Err(d)) => return fail(d, None),
            };
            let shown = common.content.display().to_string();
            match bcpgen::load(&bcpgen::LoadOptions {
                content: &common.content,
                shown: &shown,
                today,
                edition,
            }) {
                Ok(loaded) => {
                    let n = loaded.warnings.0.len();
                    if strict && n > 0 {
                        let summary = format!("--strict: 警告 {n} 件をエラーとして扱います");
                        fail(loaded.warnings, Some(summary))
                    } else {
                        print(&loaded.warnings);
                        eprintln!(
                            "問題ありません（{} 文書、警告 {n} 件）",
                            loaded.site.documents.len()
                        );
                        ExitCode::SUCCESS
                    }
                }
                Err(diags) => {
                    let summary = format!("エラー {} 件", diags.errors().count());
                    fail(diags, Some(summary))
                }
            }
        }
    }
}

// ---- status, approve, review, init, new (issue 6) ----

fn run_status(common: &Common) -> ExitCode {
    use std::io::IsTerminal;
    let today = match today(common) {
        Ok(t) => t,
        Err(d) => return fail(d, None),
    };
    let shown = common.content.display().to_string();
    match bcpgen::load(&bcpgen::LoadOptions {
        content: &common.content,
        shown: &shown,
        today,
        edition: Edition::Staff,
    }) {
        Ok(loaded) => {
            // Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            // `print!` would panic on a full disk or a closed pipe.
            let mut out = std::io::stdout().lock();
            let written = std::io::Write::write_all(
                &mut out,
                status::report(
                    &loaded.site,
                    &bcpgen::compare::pending::changed_blocks(&common.content, &loaded.site),
                    color,
                )
                .as_bytes(),
            )
            .and_then(|()| std::io::Write::flush(&mut out));
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(
                    Diagnostic::failure(format!(
                        "状況の表を書き出せません（{}）",
                        bcpgen::diag::io_reason(&e)
                    )),
                    None,
                ),
            }
        }
        Err(diags) => {
            let summary = format!("エラー {} 件", diags.errors().count());
            fail(diags, Some(summary))
        }
    }
}

fn run_approve(common: &Common, id: &str, approver: &str, label: &str, summary: &str) -> ExitCode {
    let date = match today(common) {
        Ok(t) => t,
        Err(d) => return fail(d, None),
    };
    let args = approve::ApproveArgs {
        content: &common.content,
        id,
        approver,
        version: label,
        summary,
        date,
    };
    match approve::approve(&args) {
        Ok(r) => {
            eprintln!(
                "「{}」の{}を {} に承認として記録しました（{}、指紋 {}）",
                bcpgen::escape::terminal(&r.title),
                bcpgen::escape::terminal(label.trim()),
                on_terminal(&r.file),
                date.iso(),
                &r.fingerprint[..8]
            );
            ExitCode::SUCCESS
        }
        Err(d) => fail(d, None),
    }
}

fn run_review(common: &Common, id: &str, reviewer: &str, result: &str) -> ExitCode {
    let date = match today(common) {
        Ok(t) => t,
        Err(d) => return fail(d, None),
    };
    let args = approve::ReviewArgs {
        content: &common.content,
        id,
        reviewer,
        result,
        date,
    };
    match approve::review(&args) {
        Ok(r) => {
            eprintln!(
                "「{}」の見直し（{}）を {} に記録しました",
                bcpgen::escape::terminal(&r.title),
                date.iso(),
                on_terminal(&r.file)
            );
            ExitCode::SUCCESS
        }
        Err(d) => fail(d, None),
    }
}

fn run_init(common: &Common, dir: &std::path::Path) -> ExitCode {
    let date = match today(common) {
        Ok(t) => t,
        Err(d) => return fail(d, None),
    };
    match init::init(dir, &common.content, date) {
        Ok(n) => {
            eprintln!("{} にひな形を作りました（{n} ファイル）。「要記入」の箇所を埋めてから、cd {} && bcpgen build で出力できます", on_terminal(dir), on_terminal(dir));
            ExitCode::SUCCESS
        }
        Err(d) => fail(d, None),
    }
}

fn run_new(
    common: &Common,
    kind: &str,
    id: &str,
    title: Option<&str>,
    incident: Option<&str>,
) -> ExitCode {
    let date = match today(common) {
        Ok(t) => t,
        Err(d) => return fail(d, None),
    };
    let args = init::NewArgs {
        content: &common.content,
        kind,
        id,
        title,
        incident,
        date,
    };
    match init::new_document(&args) {
        Ok(path) => {
            eprintln!("{} を作りました", on_terminal(&path));
            ExitCode::SUCCESS
        }
        Err(d) => fail(d, None),
    }
}

#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts. Freed pages go back to the
/// system after 1 s instead of 10 s, so a long `serve` session does not sit
/// on a build's peak; at 100 ms, as before, the 100-document build faulted
/// 80,000 pages back in (0.4 s of system time) for 11 MB less peak. Its
/// arenas may use transparent huge pages where the kernel allows them on
/// request: a quarter of the page faults, and the HTML-only build ~10%
/// faster, for ~20 MB more.
#[cfg(not(target_env = "msvc"))]
#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
pub static malloc_conf: &[u8; 31] = b"dirty_decay_ms:1000,thp:always\0";
