//! Pages as the reader sees them (issue 13, items 2 and 3): figures float
//! instead of leaving half-empty pages, a figure too wide for portrait gets a
//! landscape page, and the keep rules (no heading at a page foot, no single
//! line of a paragraph at a page foot or head, no last list item alone).
//! Everything is measured on the written PDF — pixels from `pdftoppm`, text
//! from `pdftotext`, page boxes and font sizes read with lopdf — never on
//! the layout's own numbers.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::Site;

/// A4 portrait and the text area of every portrait page (layout/document.rs:
/// top margin 68 pt, bottom margin 72 pt), as a reader would measure them.
const PAGE_H: f64 = 841.89;
const AREA_TOP: f64 = 68.0;
const AREA_BOTTOM: f64 = PAGE_H - 72.0;

/// The shared build of the default content.
fn default_pdfs() -> &'static Path {
    crate::harness::default_build(None)
}

fn pages(pdf: &Path) -> usize {
    lopdf::Document::load(pdf).unwrap().get_pages().len()
}

/// The text of page `n` (1-based), one string per line, blank lines dropped.
fn page_lines(pdf: &Path, n: usize) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args([
            "-enc",
            "UTF-8",
            "-layout",
            "-f",
            &n.to_string(),
            "-l",
            &n.to_string(),
        ])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The lowest inked point (pt from the page top) inside the text area of
/// every page, from a grey render (text and drawn paths alike); `None` for
/// a page with nothing in its text area, or a landscape page.
fn ink_bottoms(pdf: &Path) -> Vec<Option<f64>> {
    let dir = tempfile::tempdir().unwrap();
    let st = Command::new("pdftoppm")
        .args(["-r", "36", "-gray"])
        .arg(pdf)
        .arg(dir.path().join("p"))
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(st.success());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let data = std::fs::read(f).unwrap();
            // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
            let mut fields = Vec::new();
            let mut i = 0;
            while fields.len() < 4 {
                while data[i].is_ascii_whitespace() {
                    i += 1;
                }
                let start = i;
                while !data[i].is_ascii_whitespace() {
                    i += 1;
                }
                fields.push(String::from_utf8_lossy(&data[start..i]).into_owned());
            }
            let px = &data[i + 1..];
            let w: usize = fields[1].parse().unwrap();
            let h: usize = fields[2].parse().unwrap();
            if w > h {
                return None;
            }
            let s = h as f64 / PAGE_H;
            let rows = (AREA_TOP * s) as usize..(AREA_BOTTOM * s) as usize;
            rows.filter(|y| px[y * w..(y + 1) * w].iter().any(|p| *p < 200))
                .max()
                .map(|y| (y + 1) as f64 / s)
        })
        .collect()
}

/// The share of the text area left empty below the content.
fn empty_share(bottom: Option<f64>) -> f64 {
    let filled = bottom.map_or(0.0, |b| (b - AREA_TOP).max(0.0));
    1.0 - filled / (AREA_BOTTOM - AREA_TOP)
}

/// A level-1 heading of the plan as pdftotext prints it (「6 計画の運用」),
/// or a front-matter heading.
fn is_chapter_start(line: &str) -> bool {
    let mut it = line.split_whitespace();
    let first = it.next().unwrap_or("");
    (first.chars().all(|c| c.is_ascii_digit()) && !first.is_empty() && it.next().is_some())
        || ["目次", "改訂履歴"].contains(&line)
}

/// Any numbered heading of the plan (1, (1), ア, (ア)).
fn is_heading(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    is_chapter_start(line)
        || (first.starts_with('(') && first.ends_with(')') && first.chars().count() <= 4)
        || (first.chars().count() == 1 && ('ア'..='ン').contains(&first.chars().next().unwrap()))
}

#[test]
fn no_page_of_the_plan_is_more_than_45_percent_empty() {
    let pdf = default_pdfs().join("out/pdf/plan.pdf");
    let bottoms = ink_bottoms(&pdf);
    let n = bottoms.len();
    assert!(n > 10, "plan.pdf has {n} pages");
    let mut bad = Vec::new();
    for p in 1..n {
        let empty = empty_share(bottoms[p - 1]);
        if empty <= 0.45 {
            continue;
        }
        // The body text of the next page (running header and footer off).
        let next: Vec<String> = page_lines(&pdf, p + 1);
        let body = &next[1.min(next.len())..next.len().saturating_sub(1)];
        let first = body.first().map(String::as_str).unwrap_or("");
        // Allowed: the page before a chapter that starts a new page …
        if is_chapter_start(first) {
            continue;
        }
        // … or before a figure (with the heading it opens) taller than the
        // space left, when what follows the figure is a new heading or
        // nothing on that page: no text could have filled this one.
        if let Some(c) = body.iter().position(|l| l.starts_with('〈')) {
            let after = body.get(c + 1).map(String::as_str);
            let free = AREA_BOTTOM - bottoms[p - 1].unwrap_or(AREA_TOP);
            let group = caption_bottom(&pdf, p + 1, &body[c]) - AREA_TOP;
            if group > free && after.is_none_or(is_heading) {
                continue;
            }
        }
        bad.push(format!(
            "p.{p} is {:.0} % empty; p.{} begins 「{first}」",
            empty * 100.0,
            p + 1
        ));
    }
    assert!(
        bad.is_empty(),
        "half-empty pages in plan.pdf:\n{}",
        bad.join("\n")
    );
}

/// The bottom (pt from the page top) of the line `caption` on page `n`.
fn caption_bottom(pdf: &Path, n: usize, caption: &str) -> f64 {
    let o = Command::new("pdftotext")
        .args([
            "-enc",
            "UTF-8",
            "-bbox-layout",
            "-f",
            &n.to_string(),
            "-l",
            &n.to_string(),
        ])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let xml = String::from_utf8_lossy(&o.stdout);
    let word = caption.split_whitespace().next().unwrap_or(caption);
    // <word xMin=".." yMin=".." xMax=".." yMax="..">text</word>
    for w in xml.split("<word ").skip(1) {
        let text = w
            .split('>')
            .nth(1)
            .unwrap_or("")
            .split('<')
            .next()
            .unwrap_or("");
        if text == word {
            let y = w
                .split("yMax=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            return y.parse().unwrap();
        }
    }
    panic!("caption {caption} not found on p.{n}");
}

/// Six units side by side: wider than the portrait measure at 7 pt.
fn wide_site() -> Site {
    let s = Site::new();
    let roles: String = (1..=6)
        .map(|i| {
            format!("  - id: team-{i}\n    name: 第{i}班長\n    holder: 情報政策課第{i}係長\n")
        })
        .collect();
    let units: String = (1..=6)
        .map(|i| format!("      - {{ role: team-{i}, duties: [班の統括] }}\n"))
        .collect();
    let org = s.read("organization.yaml");
    let org = org
        .replacen("roles:\n", &format!("roles:\n{roles}"), 1)
        .replacen(
            "modes:\n",
            &format!("modes:\n  wide:\n    title: 班別の体制\n    units:\n{units}"),
            1,
        );
    s.write("organization.yaml", &org);
    s.write(
        "plan/02-wide.md",
        &format!(
            "# 広い図 {{#wide}}\n\n班別の体制を次に示す。\n\n```bcp\nembed: structure\nmode: wide\ncaption: 〈班別の体制〉\n```\n\n図の後の本文。{}\n",
            "本文の段落。".repeat(30)
        ),
    );
    s
}

#[test]
fn a_figure_too_wide_for_portrait_gets_a_landscape_page_at_7_pt_or_more() {
    let s = wide_site();
    let o = s.build(&["--format", "pdf"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let pdf = s.out().join("pdf/plan.pdf");
    let doc = lopdf::Document::load(&pdf).unwrap();
    let mut landscape = Vec::new();
    for (n, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        assert!(
            page.get(b"Rotate").is_err(),
            "p.{n} is rotated, not landscape"
        );
        let mb: Vec<f64> = page
            .get(b"MediaBox")
            .and_then(|m| m.as_array())
            .unwrap()
            .iter()
            .map(num)
            .collect();
        if mb[2] - mb[0] > mb[3] - mb[1] {
            landscape.push((n, id));
        }
    }
    assert_eq!(landscape.len(), 1, "one landscape page: {landscape:?}");
    let (n, id) = landscape[0];
    let text = page_lines(&pdf, n as usize).join("\n");
    assert!(
        text.contains("第6班長") && text.contains("〈班別の体制〉"),
        "{text}"
    );
    // Its running header and footer are there, within the wide page.
    assert!(
        text.contains("公開") && text.contains(&n.to_string()),
        "{text}"
    );
    // No text of the figure under 7 pt (text matrices are plain translations,
    // so the Tf size is the printed size).
    let content = lopdf::content::Content::decode(&doc.get_page_content(id)).unwrap();
    let sizes: Vec<f64> = content
        .operations
        .iter()
        .filter(|op| op.operator == "Tf")
        .map(|op| num(&op.operands[1]))
        .collect();
    assert!(!sizes.is_empty());
    assert!(
        sizes.iter().all(|s| *s >= 7.0),
        "text under 7 pt on the landscape page: {sizes:?}"
    );
    // The text after the figure did not wait for it: it is on an earlier page.
    let before = page_lines(&pdf, n as usize - 1).join("");
    assert!(before.contains("図の後の本文"), "{before}");
}

/// A PDF number, integer or real.
fn num(o: &lopdf::Object) -> f64 {
    match o {
        lopdf::Object::Integer(i) => *i as f64,
        lopdf::Object::Real(r) => f64::from(*r),
        other => panic!("not a number: {other:?}"),
    }
}

/// Kanji each used by one paragraph or list item only, so that every line
/// of the PDF says which paragraph it belongs to.
const MARKS: &str = "山川田口目耳手足石木林森空雨花草竹犬猫鳥魚貝車門糸金土火水月日星夕朝昼夜春夏秋冬東西南北町村里野原岩谷池海島橋道路駅店家室庭窓戸机箱紙筆本字文絵音歌声色形線点角丸";

/// One block of the keep-rules fixture.
enum Part {
    Heading(usize),
    Para(char, usize),
    List(Vec<char>),
}

/// Headings, paragraphs of one to five lines and short lists in a fixed
/// irregular order, long enough that page breaks fall at every kind of place.
fn keep_parts() -> Vec<Part> {
    let mut marks = MARKS.chars();
    let mut parts = Vec::new();
    for i in 0..48 {
        if i % 5 == 0 {
            parts.push(Part::Heading(i));
        }
        if i % 9 == 4 {
            parts.push(Part::List((0..3).map(|_| marks.next().unwrap()).collect()));
        }
        parts.push(Part::Para(marks.next().unwrap(), (i * 7 + i / 3) % 5 + 1));
    }
    parts
}

fn keep_markdown(parts: &[Part]) -> String {
    let mut md = String::from("# 改ページの規則 {#keep}\n\n");
    for p in parts {
        match p {
            Part::Heading(i) => md.push_str(&format!("## 見出し{i}の節\n\n")),
            // 44 characters to a line under a level-1 heading, the first
            // indented by one.
            Part::Para(c, lines) => {
                let n = 44 * (lines - 1) + 30;
                md.push_str(&c.to_string().repeat(n));
                md.push_str("\n\n");
            }
            Part::List(cs) => {
                for c in cs {
                    md.push_str(&format!("- {}\n", c.to_string().repeat(20)));
                }
                md.push('\n');
            }
        }
    }
    md
}

/// The body lines of every page, each as the mark it is made of (a
/// paragraph's or item's kanji) or 'H' for a heading; other lines dropped.
fn marked_lines(pdf: &Path) -> Vec<Vec<char>> {
    (1..=pages(pdf))
        .map(|n| {
            page_lines(pdf, n)
                .iter()
                .filter_map(|l| {
                    // (The contents lists the headings too, with their pages.)
                    if l.contains("見出し") {
                        return l.ends_with("の節").then_some('H');
                    }
                    let body: String = l.chars().filter(|c| !"・ 　".contains(*c)).collect();
                    let first = body.chars().next()?;
                    (MARKS.contains(first) && body.chars().all(|c| c == first)).then_some(first)
                })
                .collect()
        })
        .collect()
}

#[test]
fn keep_rules_hold_on_every_page() {
    let s = Site::new();
    let parts = keep_parts();
    s.write("plan/02-keep.md", &keep_markdown(&parts));
    let o = s.build(&["--format", "pdf"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let pages = marked_lines(&s.out().join("pdf/plan.pdf"));
    let mut bad = Vec::new();
    let count = |c: char| pages.iter().flatten().filter(|x| **x == c).count();
    for (i, page) in pages.iter().enumerate() {
        let Some(&last) = page.last() else { continue };
        let n = i + 1;
        if last == 'H' {
            bad.push(format!("p.{n} ends with a heading"));
        }
        let Some(next) = pages.get(i + 1).filter(|p| !p.is_empty()) else {
            continue;
        };
        if next[0] == last && last != 'H' {
            let here = page.iter().rev().take_while(|c| **c == last).count();
            let there = next.iter().take_while(|c| **c == last).count();
            if here == 1 || there == 1 {
                bad.push(format!(
                    "paragraph {last} of {} lines split {here}/{there} over p.{n}–{}",
                    count(last),
                    n + 1
                ));
            }
        }
        // A heading keeps two lines of what follows on its page.
        if let Some(h) = page.iter().rposition(|c| *c == 'H') {
            if page.len() - h - 1 < 2 && page.len() - h - 1 < count_after(&pages, i, h) {
                bad.push(format!(
                    "p.{n}: a heading with fewer than two lines under it"
                ));
            }
        }
        // A list's last item never starts a page alone.
        for p in &parts {
            if let Part::List(cs) = p {
                let (prev, lastc) = (cs[cs.len() - 2], cs[cs.len() - 1]);
                if next[0] == lastc && page.last() == Some(&prev) {
                    bad.push(format!("p.{}: the list's last item {lastc} alone", n + 1));
                }
            }
        }
    }
    assert!(bad.is_empty(), "keep rules broken:\n{}", bad.join("\n"));
}

/// How many body lines follow the heading at `h` on page `i` in the whole
/// document (at most 2), so a heading near the end is not asked for more.
fn count_after(pages: &[Vec<char>], i: usize, h: usize) -> usize {
    pages[i][h + 1..]
        .iter()
        .chain(pages[i + 1..].iter().flatten())
        .take(2)
        .count()
}
