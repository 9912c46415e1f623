//! One error shape (issue 11): every failure of every command is printed as
//! diagnostics, one a line, each naming where it is; a write that fails is
//! never dropped.

use std::process::{Command, Stdio};

use crate::harness::{Fixture, DATE};

/// `bcpgen args…` in the fixture's folder with stdout going to `/dev/full`,
/// where every write fails as on a full disk.
fn run_to_full_disk(f: &Fixture, args: &[&str]) -> (i32, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let o = Command::new(env!("CARGO_BIN_EXE_bcpgen"))
        .args(args)
        .current_dir(f.dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("run bcpgen");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn new_on_invalid_sources_prints_each_diagnostic_on_its_own_line() {
    let f = Fixture::new();
    f.edit("content/site.yaml", "dates: iso", "dates: isoo");
    let o = f.cmd("new", &["guide", "extra-guide"]);
    o.assert_refused(&["content/site.yaml:8"]);
    // Each problem is one line of its own, labelled once, naming its place;
    // the command's own reason comes last, in the same shape.
    let lines: Vec<&str> = o.stderr.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("エラー: content/site.yaml:8: dates")),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("エラー: エラー"), "{}", o.stderr);
    assert!(!o.stderr.contains("\\n"), "{}", o.stderr);
    assert_eq!(
        lines.last(),
        Some(&"エラー: 今のコンテンツにエラーがあるため、文書を追加できません"),
        "{}",
        o.stderr
    );
    assert!(!f.path("content/guides/extra-guide.md").exists());
}

#[test]
fn approve_on_invalid_sources_ends_with_a_labelled_reason() {
    let f = Fixture::new();
    f.edit("content/site.yaml", "dates: iso", "dates: isoo");
    let o = f.cmd(
        "approve",
        &[
            "plan",
            "--approver",
            "it-director",
            "--version",
            "第9版",
            "--summary",
            "試験",
        ],
    );
    o.assert_refused(&["エラー: content/site.yaml:8: dates"]);
    let last = o.stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("エラー: ソースにエラーが 1 件あるため記録できません"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_usage_mistake_is_a_labelled_diagnostic_with_exit_2() {
    let f = Fixture::new();
    for (args, said) in [
        (
            vec!["build", "--format", "xml", "--date", DATE],
            "使い方の誤り: --format に使えるのは html と pdf です（「xml」は使えません）",
        ),
        (
            vec!["check", "--date", "2026-02-30"],
            "使い方の誤り: --date は実在する日付を YYYY-MM-DD で指定してください（「2026-02-30」）",
        ),
        (
            vec!["status", "--content", "nowhere"],
            "使い方の誤り: --content のフォルダ「nowhere」がありません",
        ),
    ] {
        let o = f.run(&args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert_eq!(o.stderr.trim_end(), said, "{args:?}");
    }
}

#[test]
fn a_status_table_that_cannot_be_written_is_an_error_not_a_panic() {
    let f = Fixture::new();
    let (code, stderr) = run_to_full_disk(&f, &["status", "--date", DATE]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "エラー: 状況の表を書き出せません（ディスクの空きがありません）"
    );
}

#[test]
fn help_that_cannot_be_written_is_an_error() {
    let f = Fixture::new();
    let (code, stderr) = run_to_full_disk(&f, &["--help"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "エラー: 説明を表示できません（ディスクの空きがありません）"
    );
}

#[test]
fn the_terminal_and_html_status_word_a_training_alike() {
    let f = Fixture::new();
    f.write(
        "content/trainings.yaml",
        "trainings:
  - id: tabletop
    name: 机上訓練
    description: 想定シナリオで行動を確かめる。
    participants: 情報政策課職員
    frequency_months: 12
    records:
      - { date: 2026-06-01, summary: 地震シナリオ }
  - id: restore-drill
    name: 復旧訓練
    description: バックアップから戻す。
    participants: 情報政策課職員
    frequency_months: 6
",
    );
    let status = f.cmd("status", &[]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    let built = f.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    let html = f.read("out/html/status.html");
    // One wording for the same facts: how often, never run, due now.
    for label in ["12か月ごと", "6か月ごと", "実施記録なし", "直ちに"] {
        assert!(status.stdout.contains(label), "{label}:\n{}", status.stdout);
        assert!(html.contains(label), "{label}:\n{html}");
    }
}
