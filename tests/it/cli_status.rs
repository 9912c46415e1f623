//! `bcpgen status`: the table of documents and trainings, plain text when
//! stdout is not a terminal (as here), columns aligned by display width.

use crate::harness::{Fixture, DATE};
use unicode_width::UnicodeWidthStr;

/// The row of the documents table that starts with `id`.
fn row<'a>(out: &'a str, id: &str) -> &'a str {
    out.lines()
        .find(|l| l.split_whitespace().next() == Some(id))
        .unwrap_or_else(|| panic!("no row {id} in:\n{out}"))
}

/// Display column where `needle` starts in `line`.
fn col(line: &str, needle: &str) -> usize {
    line[..line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {line:?}"))]
        .width()
}

#[test]
fn status_lists_every_document_and_training_in_aligned_plain_columns() {
    let s = Fixture::new();
    let o = s.cmd("status", &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let out = &o.stdout;
    assert!(
        !out.contains('\x1b'),
        "no colour codes when stdout is not a terminal"
    );
    let head = out
        .lines()
        .find(|l| l.starts_with("ID"))
        .expect("header row");
    for h in ["版", "承認日", "承認者", "承認状態", "次回見直し"] {
        assert!(head.contains(h), "{head}");
    }
    let plan = row(out, "plan");
    assert!(
        plan.contains("初版")
            && plan.contains("2026-04-01")
            && plan.contains("情報システム統括責任者")
            && plan.contains("指紋なし"),
        "{plan}"
    );
    assert!(
        plan.contains("2027-04-01") && !plan.contains("期限超過"),
        "{plan}"
    );
    let guide = row(out, "old-guide");
    assert!(guide.contains("2025-01-10 期限超過"), "{guide}");
    // Same display column for the state and the next review in every row (全角 = 2 columns).
    for id in ["plan", "quake", "secret-contacts", "old-guide"] {
        let r = row(out, id);
        assert_eq!(col(r, "指紋なし"), col(head, "承認状態"), "{r}");
        assert_eq!(col(r, "202"), col(head, "承認日"), "{r}");
    }
    let training = out
        .lines()
        .find(|l| l.starts_with("机上訓練"))
        .expect("training row");
    assert!(
        training.contains("2026-06-01")
            && training.contains("2027-06-01")
            && !training.contains("期限超過"),
        "{training}"
    );
    assert!(out.contains("見直し期限超過 1"), "{out}");
}

#[test]
fn status_shows_approved_changed_and_overdue_states() {
    let s = Fixture::new();
    let o = s.cmd(
        "approve",
        &[
            "plan",
            "--approver",
            "it-director",
            "--version",
            "第2版",
            "--summary",
            "改訂",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let o = s.cmd(
        "approve",
        &[
            "quake",
            "--approver",
            "computer-manager",
            "--version",
            "第2版",
            "--summary",
            "改訂",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    s.edit(
        "content/manuals/quake.md",
        "揺れが収まったら",
        "揺れが収まってから",
    );
    // The training's only record is now too old.
    s.edit("content/trainings.yaml", "2026-06-01", "2025-06-01");

    let out = s.cmd("status", &[]).stdout;
    let plan = row(&out, "plan");
    assert!(
        plan.contains("第2版") && plan.contains(DATE) && plan.contains("承認済"),
        "{plan}"
    );
    assert!(row(&out, "quake").contains("未承認の変更あり"), "{out}");
    assert!(row(&out, "secret-contacts").contains("指紋なし"), "{out}");
    let training = out.lines().find(|l| l.starts_with("机上訓練")).unwrap();
    assert!(training.contains("2026-06-01 期限超過"), "{training}");
    assert!(out.contains("未承認の変更あり 1"), "{out}");

    // The training warns in build and fails check --strict like a document.
    let o = s.cmd("check", &["--strict"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("訓練「机上訓練」の実施期限 2026-06-01 を過ぎています"),
        "{}",
        o.stderr
    );
}

#[test]
fn status_of_invalid_sources_exits_1() {
    let s = Fixture::new();
    s.edit(
        "content/plan/_index.md",
        "approver: it-director",
        "approver: nobody",
    );
    let o = s.cmd("status", &[]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("content/plan/_index.md:11"),
        "{}",
        o.stderr
    );
    assert!(o.stdout.is_empty());
}
