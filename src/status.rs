//! `bcpgen status`: every document's approval and review state and every
//! training's last and next date, as an aligned table for the terminal.

use std::collections::BTreeMap;

use unicode_width::UnicodeWidthStr;

use bcpgen::model::{Approval, Site, SAMPLE_STATE};

/// How a cell is emphasised on a terminal (plain text ignores it).
#[derive(Clone, Copy, PartialEq)]
enum Tone {
    Plain,
    Bad,
    Warn,
    Head,
}

struct Cell {
    text: String,
    tone: Tone,
}

fn cell(text: impl Into<String>) -> Cell {
    toned(text, Tone::Plain)
}

/// Every text of the table passes here, so a source's control characters
/// are escaped before the table adds its own colours.
fn toned(text: impl Into<String>, tone: Tone) -> Cell {
    let text: String = text.into();
    Cell {
        text: bcpgen::escape::terminal(&text).into_owned(),
        tone,
    }
}

fn paint(c: &Cell, color: bool) -> String {
    if !color {
        return c.text.clone();
    }
    match c.tone {
        Tone::Plain => c.text.clone(),
        Tone::Bad => format!("\x1b[1;31m{}\x1b[0m", c.text),
        Tone::Warn => format!("\x1b[33m{}\x1b[0m", c.text),
        Tone::Head => format!("\x1b[1m{}\x1b[0m", c.text),
    }
}

/// Columns padded to the widest cell by display width (全角 counts 2);
/// the last column is not padded.
fn table(rows: &[Vec<Cell>], color: bool) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.text.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(&paint(c, color));
            if i + 1 < r.len() {
                line.push_str(&" ".repeat(widths[i] - c.text.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The 「変更」 cell: blocks changed since the latest approval (the
/// 新旧対照表's count), 「なし」, or 「—」 when the approved text is not in
/// the repository's history.
fn changes(changed: &BTreeMap<String, Option<usize>>, id: &str) -> Cell {
    match changed.get(id).copied().flatten() {
        Some(0) => cell("なし"),
        Some(n) => toned(format!("{n} ブロック"), Tone::Warn),
        None => cell("—"),
    }
}

/// The whole status report; `changed` holds each document's changed blocks
/// ([`bcpgen::compare::pending::changed_blocks`]).
pub fn report(site: &Site, changed: &BTreeMap<String, Option<usize>>, color: bool) -> String {
    let today = site.build_date;
    let head = |t: &str| toned(t, Tone::Head);
    let mut out = String::new();
    out.push_str(&paint(
        &toned(
            format!(
                "{} — 文書と訓練の状況（{} 現在）",
                site.config.title,
                site.format_date(today)
            ),
            Tone::Head,
        ),
        color,
    ));
    out.push_str("\n\n");

    let mut rows = vec![vec![
        head("ID"),
        head("版"),
        head("承認日"),
        head("承認者"),
        head("承認状態"),
        head("変更"),
        head("次回見直し"),
        head("題名"),
    ]];
    let states = [
        Approval::Approved,
        Approval::Changed,
        Approval::Unverified,
        Approval::Legacy,
    ];
    let mut counts = [0usize; 4];
    let (mut samples, mut overdue) = (0, 0);
    for d in &site.documents {
        let latest = d.latest();
        if d.sample {
            samples += 1;
        } else if let Some(i) = states.iter().position(|s| *s == d.approval) {
            counts[i] += 1;
        }
        let tone = match d.approval {
            Approval::Changed => Tone::Bad,
            _ if d.sample => Tone::Warn,
            Approval::Approved => Tone::Plain,
            Approval::Unverified | Approval::Legacy => Tone::Warn,
        };
        let state = toned(d.state_label(), tone);
        let next = site.format_date(d.next_review());
        let next = if d.overdue(today) {
            overdue += 1;
            toned(format!("{next} 期限超過"), Tone::Bad)
        } else {
            cell(next)
        };
        rows.push(vec![
            cell(&d.id),
            cell(&latest.version),
            cell(site.format_date(latest.date)),
            cell(latest.approver.name()),
            state,
            changes(changed, &d.id),
            next,
            cell(&d.title),
        ]);
    }
    out.push_str(&table(&rows, color));
    let mut by_state: Vec<String> = states
        .iter()
        .zip(counts)
        .map(|(s, n)| format!("{} {n}", s.label()))
        .collect();
    by_state.push(format!("{SAMPLE_STATE} {samples}"));
    out.push_str(&format!(
        "文書 {} 件: {}、見直し期限超過 {}\n",
        site.documents.len(),
        by_state.join("、"),
        overdue
    ));
    // Each state other than 承認済 that occurs, explained once.
    for (s, n) in states.iter().zip(counts) {
        if let (Some(why), true) = (s.explanation(), n > 0) {
            out.push_str(&format!("  {why}\n"));
        }
    }
    out.push_str("  変更: 最後に承認された版からソースで変わったブロックの数（新旧対照表の行数）。「—」は承認された本文が git の履歴にないもの\n");

    if !site.trainings.is_empty() {
        out.push('\n');
        let mut rows = vec![vec![
            head("訓練"),
            head("間隔"),
            head("前回実施"),
            head("次回期限"),
        ]];
        let mut late = 0;
        for t in &site.trainings {
            let last = t.last_label(site);
            let next = t.next_label(site);
            let next = if t.overdue(today) {
                late += 1;
                toned(format!("{next} 期限超過"), Tone::Bad)
            } else {
                cell(next)
            };
            rows.push(vec![
                cell(&t.name),
                cell(t.frequency_label()),
                cell(last),
                next,
            ]);
        }
        out.push_str(&table(&rows, color));
        out.push_str(&format!(
            "訓練 {} 件: 期限超過 {}\n",
            site.trainings.len(),
            late
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let rows = vec![
            vec![cell("ID"), cell("版"), cell("x")],
            vec![cell("plan"), cell("第2版"), cell("y")],
        ];
        let t = table(&rows, false);
        let lines: Vec<&str> = t.lines().collect();
        // "版" is 2 columns wide, "第2版" 5: the third column starts at the same display column.
        let col = |l: &str, needle: &str| l[..l.find(needle).unwrap()].width();
        assert_eq!(col(lines[0], "x"), col(lines[1], "y"));
        assert!(!t.contains('\x1b'));
        assert!(
            table(&[vec![toned("a", Tone::Bad), cell("b")]], true).contains("\x1b[1;31ma\x1b[0m")
        );
    }
}
