//! The PDFs of the default content, checked with the tools a reader would
//! use: poppler (pdftotext, pdffonts, pdfinfo) and qpdf.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{assert_no_leftovers, copy_dir, DATE};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(content: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bcpgen"))
        .current_dir(root())
        .args(["build", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out)
        .args(["--date", DATE, "--format", "pdf"])
        .output()
        .expect("bcpgen runs")
}

/// The shared build of the default content.
fn built() -> &'static Path {
    crate::harness::default_build(None)
}

fn pdf(name: &str) -> PathBuf {
    built().join("out/pdf").join(name)
}

fn tool(cmd: &str, args: &[&str], file: &Path) -> String {
    let o = Command::new(cmd).args(args).arg(file).output();
    let o = match o {
        Ok(o) => o,
        Err(e) => panic!("{cmd} is needed for this test (apt-get install poppler-utils qpdf): {e}"),
    };
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn text(file: &Path, layout: bool) -> String {
    let mut args = vec!["-enc", "UTF-8"];
    if layout {
        args.push("-layout");
    }
    let o = Command::new("pdftotext")
        .args(&args)
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The plan's headings from its sources, numbered as site.yaml's default
/// style (1, (1), ア, (ア)) — independent of the renderer's own numbering.
fn plan_headings() -> Vec<(usize, String)> {
    let dir = root().join("content/plan");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let katakana: Vec<char> = "アイウエオカキクケコサシスセソタチツテト".chars().collect();
    let mut counts = [0usize; 6];
    let mut out = Vec::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "md"))
    {
        let mut fence = false;
        for line in std::fs::read_to_string(f).unwrap().lines() {
            if line.starts_with("```") {
                fence = !fence;
            }
            if fence || !line.starts_with('#') {
                continue;
            }
            let level = line.chars().take_while(|c| *c == '#').count();
            let mut title = line[level..].trim().to_string();
            let unnumbered = title.contains(".unnumbered");
            if let Some(i) = title.find('{') {
                title = title[..i].trim().to_string();
            }
            if unnumbered {
                out.push((level, title));
                continue;
            }
            counts[level - 1] += 1;
            for c in counts.iter_mut().skip(level) {
                *c = 0;
            }
            let n = counts[level - 1];
            let number = match level {
                1 => n.to_string(),
                2 => format!("({n})"),
                3 => katakana[n - 1].to_string(),
                _ => format!("({})", katakana[n - 1]),
            };
            out.push((level, format!("{number} {title}")));
        }
    }
    out
}

#[test]
fn every_numbered_heading_of_the_plan_is_in_the_text_in_order() {
    // Start at the first heading's page (from its bookmark), past the contents.
    let o = Command::new("qpdf")
        .args(["--json", "--json-key=outlines"])
        .arg(pdf("plan.pdf"))
        .output()
        .expect("qpdf");
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let first_page = json["outlines"][0]["destpageposfrom1"]
        .as_u64()
        .expect("first bookmark's page");
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout", "-f", &first_page.to_string()])
        .arg(pdf("plan.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let t = squash(&String::from_utf8_lossy(&o.stdout));
    let hs = plan_headings();
    assert!(hs.len() > 20, "{hs:?}");
    let mut pos = 0;
    for (_, h) in &hs {
        let h = squash(h);
        match t[pos..].find(&h) {
            Some(i) => pos += i + h.len(),
            None => panic!("heading {h} missing or out of order"),
        }
    }
}

#[test]
fn the_revision_rows_are_printed() {
    let t = squash(&text(&pdf("plan.pdf"), false));
    for s in [
        "計画の新規制定／改訂一覧",
        "初版",
        "第2版",
        "平成23年3月31日",
        "令和4年9月7日",
        "情報システム統括責任者",
        "新規制定",
    ] {
        assert!(t.contains(s), "{s} missing");
    }
    let row1 = t.find("初版平成23年3月31日").expect("初版 row");
    let row2 = t.find("第2版令和4年9月7日").expect("第2版 row");
    assert!(row1 < row2);
    // The publication block closes the plan.
    assert!(t.contains("発行日令和4年9月"), "publication block");
}

#[test]
fn no_line_starts_with_a_forbidden_character() {
    let forbidden = "、。，．）」』】〕！？ーっゃゅょァィゥェォッャュョ";
    for f in std::fs::read_dir(built().join("out/pdf")).unwrap() {
        let path = f.unwrap().path();
        for (i, line) in text(&path, true).lines().enumerate() {
            // -layout puts table columns side by side: check every column start.
            for cell in line.split("  ").map(str::trim).filter(|s| !s.is_empty()) {
                let c = cell.chars().next().unwrap();
                assert!(
                    !forbidden.contains(c),
                    "{}:{}: line starts with {c}: {line}",
                    path.display(),
                    i + 1
                );
            }
        }
    }
}

#[test]
fn fonts_are_embedded_subset_and_unicode() {
    for name in ["plan.pdf", "binder.pdf", "damage-checklist.pdf"] {
        let out = tool("pdffonts", &[], &pdf(name));
        let rows: Vec<&str> = out.lines().skip(2).collect();
        assert!(rows.len() >= 2, "{name}: {out}");
        for r in rows {
            let cols: Vec<&str> = r.split_whitespace().collect();
            let n = cols.len();
            // … emb sub uni object ID
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{name}: {r}");
        }
    }
}

#[test]
fn qpdf_check_passes_and_pages_are_a4() {
    for f in std::fs::read_dir(built().join("out/pdf")).unwrap() {
        let path = f.unwrap().path();
        let o = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf");
        assert!(
            o.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&o.stdout)
        );
        let info = tool("pdfinfo", &[], &path);
        assert!(
            info.contains("Page size:       595.28 x 841.89 pts (A4)"),
            "{}: {info}",
            path.display()
        );
    }
    let info = tool("pdfinfo", &[], &pdf("plan.pdf"));
    assert!(
        info.contains("CreationDate:    Thu Nov 26 00:00:00 2026"),
        "{info}"
    );
    assert!(info.contains("Author:          葛飾区"), "{info}");
}

fn outline_titles(v: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String)>) {
    for item in v.as_array().into_iter().flatten() {
        out.push((depth, item["title"].as_str().unwrap_or("").to_string()));
        outline_titles(&item["kids"], depth + 1, out);
    }
}

#[test]
fn bookmarks_match_the_headings_nested_by_level() {
    let o = Command::new("qpdf")
        .args(["--json", "--json-key=outlines"])
        .arg(pdf("plan.pdf"))
        .output()
        .expect("qpdf");
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut got = Vec::new();
    outline_titles(&json["outlines"], 1, &mut got);
    let want = plan_headings();
    assert_eq!(got, want);
    // Each bookmark opens at a position on its page, not just the page.
    let first = &json["outlines"][0]["dest"];
    assert_eq!(first[1], "/XYZ");
    assert!(first[3].as_f64().is_some(), "{first}");
}

#[test]
fn the_binder_holds_every_document_with_continuous_pages() {
    let binder = pdf("binder.pdf");
    let o = Command::new("qpdf")
        .args(["--json", "--json-key=outlines"])
        .arg(&binder)
        .output()
        .expect("qpdf");
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let top: Vec<&str> = json["outlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert!(top.len() >= 20, "{top:?}");
    assert_eq!(top[0], "葛飾区ICT部門業務継続計画（ICT-BCP）");
    let pages = |p: &Path| -> usize {
        let info = tool("pdfinfo", &[], p);
        info.lines().find(|l| l.starts_with("Pages:")).unwrap()[6..]
            .trim()
            .parse()
            .unwrap()
    };
    let sum: usize = std::fs::read_dir(built().join("out/pdf"))
        .unwrap()
        .map(|f| f.unwrap().path())
        .filter(|p| !p.ends_with("binder.pdf"))
        .map(|p| pages(&p))
        .sum();
    // Cover and master contents come on top of the documents' own pages.
    assert!(
        pages(&binder) > sum,
        "binder {} pages, documents {sum}",
        pages(&binder)
    );
    let t = squash(&text(&binder, false));
    assert!(t.contains("総目次"));
}

#[test]
fn cross_references_to_headings_carry_their_page() {
    let t = squash(&text(&pdf("plan.pdf"), false));
    assert!(t.contains("（P."), "no page reference in the plan");
    // 「（P.00）」 is the first pass's placeholder: it must never survive.
    assert!(!t.contains("（P.00）"));
}

#[test]
fn a_rebuild_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let o = build(&root().join("content"), &dir.path().join("out"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in std::fs::read_dir(built().join("out/pdf")).unwrap() {
        let p = f.unwrap().path();
        let again = dir.path().join("out/pdf").join(p.file_name().unwrap());
        assert!(
            std::fs::read(&p).unwrap() == std::fs::read(&again).unwrap(),
            "{} differs",
            p.display()
        );
    }
}

#[test]
fn a_character_missing_from_the_fonts_fails_the_build_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(&root().join("content"), &content);
    let f = content.join("plan/02-current-state.md");
    let mut s = std::fs::read_to_string(&f).unwrap();
    s.push_str("\n\n情報システム环境の変化に備える。\n");
    std::fs::write(&f, s).unwrap();
    let o = build(&content, &dir.path().join("out"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "build should fail:\n{err}");
    assert!(err.contains("「环」") && err.contains("U+73AF"), "{err}");
    assert!(err.contains("plan"), "names the document: {err}");
    // Files already made (HTML, other PDFs) were staged, never swapped in.
    assert!(!dir.path().join("out").exists());
    assert_no_leftovers(dir.path());
}

/// The default content as the loader reads it (the expected words come from
/// the sources, not from the renderer).
fn default_site() -> bcpgen::model::Site {
    let content = root().join("content");
    bcpgen::load(&bcpgen::LoadOptions {
        content: &content,
        shown: "content",
        today: bcpgen::model::Date::parse_iso(DATE).unwrap(),
        edition: bcpgen::model::Edition::Staff,
    })
    .unwrap_or_else(|d| panic!("default content loads: {:?}", d.0))
    .site
}

fn raw_text(file: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-raw"])
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    // Glossary marks (※) are added by the build, not written in the sources.
    squash(&String::from_utf8_lossy(&o.stdout)).replace('※', "")
}

#[test]
fn forms_and_checklists_print_their_items_with_boxes() {
    use bcpgen::model::{plain_text, Block, Structured};
    let site = default_site();
    let mut seen = 0;
    for doc in &site.documents {
        for b in &doc.body {
            let Block::Structured(e) = b else { continue };
            let text = raw_text(&pdf(&format!("{}.pdf", doc.id)));
            let (words, boxes): (Vec<String>, usize) = match &e.data {
                Structured::Checklist(groups) => {
                    let items: Vec<String> = groups
                        .iter()
                        .flat_map(|g| g.items.iter().map(|i| plain_text(&i.text)))
                        .collect();
                    let n = items.len();
                    (items, n)
                }
                Structured::Procedure(steps) => (
                    steps.iter().map(|s| s.title.clone()).collect(),
                    steps.iter().map(|s| s.checks.len()).sum(),
                ),
                Structured::Form(sections) => (
                    sections
                        .iter()
                        .flat_map(|s| s.fields.iter().map(|f| f.label.clone()))
                        .collect(),
                    0,
                ),
                Structured::Contacts(entries) => (
                    entries
                        .iter()
                        .flat_map(|c| {
                            [c.name.clone()]
                                .into_iter()
                                .chain(c.phones.iter().map(|p| p.number.clone()))
                        })
                        .collect(),
                    0,
                ),
                _ => continue,
            };
            for w in &words {
                assert!(text.contains(&squash(w)), "{}.pdf lacks {w:?}", doc.id);
            }
            let printed = text.matches('□').count();
            assert!(
                printed >= boxes,
                "{}.pdf has {printed} □ for {boxes} items",
                doc.id
            );
            seen += 1;
        }
    }
    assert!(seen >= 8, "only {seen} structured documents checked");
}

#[test]
fn diagram_labels_are_real_text_in_the_pdf() {
    use bcpgen::model::Block;
    let site = default_site();
    let mut figures = 0;
    for doc in &site.documents {
        let text = raw_text(&pdf(&format!("{}.pdf", doc.id)));
        for b in &doc.body {
            let Block::Figure(f) = b else { continue };
            figures += 1;
            for label in f.diagram.labels() {
                assert!(
                    text.contains(&squash(&label)),
                    "{}.pdf: figure {:?} lacks the label {label:?}",
                    doc.id,
                    f.caption
                );
            }
        }
    }
    assert!(figures >= 8, "only {figures} figures checked");
}
