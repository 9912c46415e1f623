//! JLReq typesetting of the running text and tables (issue 13, items 4, 5
//! and 8), read back glyph by glyph from the PDFs of a build of the default
//! content: consecutive punctuation compressed, 和欧間 made by positioning
//! and never by a space character, addresses broken only after @ . /, table
//! cells never letter-spaced beyond the justification limit, and no form
//! label leaving one character alone on a line.

mod glyphs;

use std::path::{Path, PathBuf};

use glyphs::{Glyph, Pdf};

use crate::harness::Site;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared build of the default content.
fn built() -> &'static Path {
    crate::harness::default_build(None)
}

/// The glyphs of every page of `name`, one list per page.
fn pages(name: &str) -> Vec<Vec<Glyph>> {
    Pdf::open(&built().join("out/pdf").join(name)).all_glyphs()
}

/// Documents with much running text and many tables.
const TEXT_PDFS: &[&str] = &["plan.pdf", "earthquake.pdf", "security.pdf", "flood.pdf"];

fn is_closing(c: char) -> bool {
    "、。，．）］｝」』】〕〉》〙〗〟".contains(c)
}
fn is_opening(c: char) -> bool {
    "（［｛「『【〔〈《〘〖〝".contains(c)
}
fn is_japanese(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x309F | 0x30A0..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}
/// Text of the document itself (paragraphs, headings, table cells), not
/// page furniture (artifacts) or the labels of diagrams (figures, set by
/// the diagram layout).
fn is_content(g: &Glyph) -> bool {
    !g.tag.is_empty() && g.tag != "Artifact" && g.tag != "Figure"
}
/// Table text: Gothic at the table size (render::pdf::layout::blocks::TABLE);
/// the marked content of a cell is its paragraph's, so the tag cannot tell.
fn in_table(g: &Glyph) -> bool {
    is_content(g) && g.font.ends_with("Gothic") && (g.size - 9.5).abs() < 0.01
}

fn context(page: &[Glyph], k: usize) -> String {
    page[k.saturating_sub(8)..(k + 8).min(page.len())]
        .iter()
        .map(|g| g.c)
        .collect()
}

#[test]
fn consecutive_punctuation_advances_by_at_most_three_quarters_of_an_em() {
    let mut pairs = 0;
    let mut wide = Vec::new();
    for name in TEXT_PDFS {
        for (p, page) in pages(name).iter().enumerate() {
            for k in 1..page.len() {
                let (a, b) = (&page[k - 1], &page[k]);
                let consecutive = (is_closing(a.c) && (is_closing(b.c) || is_opening(b.c)))
                    || (is_opening(a.c) && is_opening(b.c));
                // Across a link's edge or a change of face the pair keeps
                // its full width (overlapping runs read as two lines).
                let one_run = a.tag == b.tag && a.font == b.font;
                if !consecutive || !is_content(a) || !a.same_line(b) || !one_run {
                    continue;
                }
                pairs += 1;
                let advance = (b.x - a.x) / a.size;
                if advance > 0.75 + 0.01 {
                    wide.push(format!(
                        "{name} p.{}: 「{}」 {advance:.2} em",
                        p + 1,
                        context(page, k)
                    ));
                }
            }
        }
    }
    assert!(
        pairs >= 30,
        "only {pairs} consecutive punctuation pairs found"
    );
    assert!(
        wide.is_empty(),
        "{} of {pairs} pairs keep a full em:\n{}",
        wide.len(),
        wide.join("\n")
    );
}

/// The running header (8 pt) is set with the body's 和欧間 too:
/// 「葛飾区 ICT 部門…」.
#[test]
fn the_running_header_keeps_the_quarter_em_between_japanese_and_latin() {
    let mut pairs = 0;
    let mut bad = Vec::new();
    for (p, page) in pages("plan.pdf").iter().enumerate().skip(1) {
        for k in 1..page.len() {
            let (a, b) = (&page[k - 1], &page[k]);
            let furniture = |g: &Glyph| g.tag == "Artifact" && g.size == 8.0;
            if !furniture(a) || !furniture(b) || !a.same_line(b) {
                continue;
            }
            if !((is_japanese(a.c) && is_latin(b.c)) || (is_latin(a.c) && is_japanese(b.c))) {
                continue;
            }
            pairs += 1;
            let space = a.space_to(b);
            if space < 0.125 - 0.005 {
                bad.push(format!("p.{}: {}{} {space:.3} em", p + 1, a.c, b.c));
            }
        }
    }
    // Each page's header: 区I and T部.
    assert!(pairs >= 20, "only {pairs} neighbours in the header");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn japanese_and_latin_are_an_eighth_em_apart_with_no_space_character_between() {
    let mut pairs = 0;
    let mut bad = Vec::new();
    for name in TEXT_PDFS {
        for (p, page) in pages(name).iter().enumerate() {
            for k in 1..page.len() {
                let (a, b) = (&page[k - 1], &page[k]);
                if !is_content(a) || !a.same_line(b) {
                    continue;
                }
                let waou = |x: char, y: char| {
                    (is_japanese(x) && is_latin(y)) || (is_latin(x) && is_japanese(y))
                };
                if b.c == ' ' && k + 1 < page.len() && waou(a.c, page[k + 1].c) {
                    bad.push(format!(
                        "{name} p.{}: 「{}」 a space character between Japanese and Latin",
                        p + 1,
                        context(page, k)
                    ));
                }
                if !waou(a.c, b.c) {
                    continue;
                }
                pairs += 1;
                let space = a.space_to(b);
                if space < 0.125 - 0.005 {
                    bad.push(format!(
                        "{name} p.{}: 「{}」 {}{} only {space:.3} em apart",
                        p + 1,
                        context(page, k),
                        a.c,
                        b.c
                    ));
                }
            }
        }
    }
    assert!(pairs >= 100, "only {pairs} Japanese–Latin neighbours found");
    assert!(
        bad.is_empty(),
        "{} faults among {pairs} neighbours:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// The lines of text a page shows, in content order, with the tag of their
/// first glyph.
fn text_lines(page: &[Glyph]) -> Vec<(String, String)> {
    let mut lines: Vec<(String, String)> = Vec::new();
    for (k, g) in page.iter().enumerate() {
        if k == 0 || !page[k - 1].same_line(g) {
            lines.push((String::new(), g.tag.clone()));
        }
        lines.last_mut().unwrap().0.push(g.c);
    }
    lines
}

#[test]
fn an_address_in_a_table_breaks_only_after_at_dot_or_slash() {
    let yaml = std::fs::read_to_string(root().join("content/lists/vendor-contacts.yaml")).unwrap();
    let addresses: Vec<&str> = yaml
        .lines()
        .filter_map(|l| l.trim().strip_prefix("email:"))
        .map(str::trim)
        .collect();
    assert!(addresses.len() >= 5, "{addresses:?}");
    let lines: Vec<String> = pages("vendor-contacts.pdf")
        .iter()
        .flat_map(|p| text_lines(p))
        .map(|(t, _)| t)
        .collect();
    let mut broken = 0;
    for a in &addresses {
        // The address whole on one line, or split over consecutive lines.
        if lines.iter().any(|l| l.contains(a)) {
            continue;
        }
        let split = lines.windows(2).find_map(|w| {
            let head = w[0].trim_end();
            (1..a.len())
                .find(|&i| head.ends_with(&a[..i]) && w[1].trim_start().starts_with(&a[i..]))
                .map(|i| (&a[..i], w[0].clone(), w[1].clone()))
        });
        let Some((head, l0, l1)) = split else {
            panic!("{a} is neither on one line nor split over two (hyphen added?): {lines:#?}");
        };
        broken += 1;
        assert!(
            head.ends_with(['@', '.', '/']),
            "{a} broken after 「{head}」: 「{l0}」／「{l1}」"
        );
    }
    assert!(broken > 0, "no address wraps: the test checks nothing");
}

#[test]
fn table_cells_are_not_letter_spaced_beyond_the_justification_limit() {
    // The documented limit (render::pdf::layout::spacing::MAX_GAP).
    const LIMIT: f32 = 1.0 / 16.0;
    let mut pairs = 0;
    let mut wide = Vec::new();
    for name in TEXT_PDFS
        .iter()
        .chain(&["vendor-contacts.pdf", "damage-checklist.pdf"])
    {
        for (p, page) in pages(name).iter().enumerate() {
            for k in 1..page.len() {
                let (a, b) = (&page[k - 1], &page[k]);
                if !in_table(a) || !a.same_line(b) || !is_japanese(a.c) || !is_japanese(b.c) {
                    continue;
                }
                pairs += 1;
                let space = a.space_to(b);
                if space > LIMIT + 0.002 {
                    wide.push(format!(
                        "{name} p.{}: 「{}」 {}{} {space:.3} em",
                        p + 1,
                        context(page, k),
                        a.c,
                        b.c
                    ));
                }
            }
        }
    }
    assert!(pairs >= 1000, "only {pairs} pairs in table cells");
    assert!(
        wide.is_empty(),
        "{} of {pairs} letter gaps in cells over {LIMIT} em:\n{}",
        wide.len(),
        wide.join("\n")
    );
}

/// A form whose labels are a character or two longer than the label column
/// of a plain justified cell holds (11 table ems): set as labels, they fit
/// whole-em columns or wrap at a phrase.
const FORM: &str = "id: labels
title: 作業の書式
kind: form
revisions:
  - version: 初版
    date: 2026-04-01
    approver: computer-manager
    summary: 作成
type: form
sections:
  - title: 計画
    fields:
      - {label: 作業を承認した者の職氏名, kind: text}
      - {label: 復旧作業の開始予定日時等, kind: text}
      - {label: 影響を受ける業務システム名, kind: text}
      - {label: 作業後に確認した者の氏名, kind: text}
      - {label: 報告先（連絡調整チーム）, kind: text}
";

#[test]
fn no_form_label_leaves_one_character_alone_on_a_line() {
    let site = Site::new();
    site.write("forms/labels.yaml", FORM);
    let o = site.build(&["--format", "pdf"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let pdf = Pdf::open(&site.out().join("pdf/labels.pdf"));
    let mut wrapped = 0;
    let mut lone = Vec::new();
    for (p, page) in pdf.all_glyphs().iter().enumerate() {
        // A cell's paragraph is one marked-content sequence.
        let mut by_mcid: std::collections::BTreeMap<i64, Vec<Glyph>> = Default::default();
        for g in page.iter().filter(|g| in_table(g)) {
            if let Some(m) = g.mcid {
                by_mcid.entry(m).or_default().push(g.clone());
            }
        }
        for glyphs in by_mcid.values() {
            let lines: Vec<String> = text_lines(glyphs).into_iter().map(|l| l.0).collect();
            if lines.len() < 2 {
                continue;
            }
            wrapped += 1;
            if lines.iter().any(|t| t.trim().chars().count() == 1) {
                lone.push(format!("p.{}: {lines:?}", p + 1));
            }
        }
    }
    assert!(
        wrapped >= 1,
        "only {wrapped} labels wrap: {:?}",
        pdf.all_glyphs()
            .iter()
            .map(|p| text_lines(p))
            .collect::<Vec<_>>()
    );
    assert!(lone.is_empty(), "{}", lone.join("\n"));
}
