//! Issue 13, items 1 and 7, on the real PDFs of the default content:
//! references that work on paper (the other document's title, section and
//! page; GoToR to a named destination of the other file) and the binder as
//! an archive object (odd-page starts with 「（白紙）」 versos, the highest
//! classification and the edition on its cover, its own Title, 「n / N」
//! folios, short documents' contents on the cover's back). Everything is
//! read back from the files with poppler and lopdf, never from the layout.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Dictionary, Document, Object};

/// The shared build of the default content in `edition`.
fn built(edition: &'static str) -> &'static Path {
    crate::harness::default_build(Some(edition))
}

fn pdf(name: &str) -> PathBuf {
    built("staff").join("out/pdf").join(name)
}

/// Each page's text as pdftotext extracts it (pages split at form feeds).
fn pages(file: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext is needed (apt-get install poppler-utils)");
    assert!(o.status.success(), "pdftotext failed on {}", file.display());
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Text without any white space or line breaks (titles wrap on covers).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A PDF text string: UTF-16BE with a byte-order mark, or bytes as they are.
fn pdf_string(o: &Object) -> String {
    let Ok(b) = o.as_str() else {
        return String::new();
    };
    if b.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(b).into_owned()
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).expect("reference resolves"),
        _ => o,
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    deref(doc, o).as_dict().expect("a dictionary")
}

/// Page number (from 1) of an explicit destination `[page /XYZ …]`.
fn dest_page(doc: &Document, dest: &Object) -> u32 {
    let arr = deref(doc, dest).as_array().expect("a destination array");
    let id = arr[0].as_reference().expect("a page reference");
    let pages = doc.get_pages();
    *pages
        .iter()
        .find(|(_, p)| **p == id)
        .map(|(n, _)| n)
        .expect("the destination is a page of the file")
}

/// Top-level bookmarks: title → page.
fn top_bookmarks(doc: &Document) -> Vec<(String, u32)> {
    let catalog = doc.catalog().unwrap();
    let outlines = dict(
        doc,
        catalog.get(b"Outlines").expect("the PDF has bookmarks"),
    );
    let mut out = Vec::new();
    let mut item = outlines.get(b"First").ok();
    while let Some(o) = item {
        let d = dict(doc, o);
        out.push((
            pdf_string(d.get(b"Title").unwrap()),
            dest_page(doc, d.get(b"Dest").unwrap()),
        ));
        item = d.get(b"Next").ok();
    }
    out
}

/// Every bookmark, at any depth: title → page.
fn all_bookmarks(doc: &Document) -> Vec<(String, u32)> {
    fn walk(doc: &Document, first: Option<&Object>, out: &mut Vec<(String, u32)>) {
        let mut item = first;
        while let Some(o) = item {
            let d = dict(doc, o);
            out.push((
                pdf_string(d.get(b"Title").unwrap()),
                dest_page(doc, d.get(b"Dest").unwrap()),
            ));
            walk(doc, d.get(b"First").ok(), out);
            item = d.get(b"Next").ok();
        }
    }
    let catalog = doc.catalog().unwrap();
    let outlines = dict(
        doc,
        catalog.get(b"Outlines").expect("the PDF has bookmarks"),
    );
    let mut out = Vec::new();
    walk(doc, outlines.get(b"First").ok(), &mut out);
    out
}

/// The catalog's `/Names /Dests` tree (one level or nested): name → page.
fn named_dests(doc: &Document) -> BTreeMap<String, u32> {
    fn walk(doc: &Document, node: &Dictionary, out: &mut BTreeMap<String, u32>) {
        if let Ok(names) = node.get(b"Names") {
            let arr = deref(doc, names).as_array().unwrap();
            for pair in arr.chunks(2) {
                out.insert(pdf_string(&pair[0]), dest_page(doc, &pair[1]));
            }
        }
        if let Ok(kids) = node.get(b"Kids") {
            for k in deref(doc, kids).as_array().unwrap() {
                walk(doc, dict(doc, k), out);
            }
        }
    }
    let mut out = BTreeMap::new();
    let catalog = doc.catalog().unwrap();
    if let Ok(names) = catalog.get(b"Names") {
        if let Ok(dests) = dict(doc, names).get(b"Dests") {
            walk(doc, dict(doc, dests), &mut out);
        }
    }
    out
}

/// Every GoToR link of the file: (page, file it opens, its /D as a name).
fn remote_links(doc: &Document) -> Vec<(u32, String, Option<String>)> {
    let mut out = Vec::new();
    for (n, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        for a in deref(doc, annots).as_array().unwrap() {
            let a = dict(doc, a);
            let Ok(action) = a.get(b"A") else { continue };
            let action = dict(doc, action);
            if action.get(b"S").and_then(Object::as_name).ok() != Some(b"GoToR".as_slice()) {
                continue;
            }
            let file = pdf_string(action.get(b"F").unwrap());
            let d = action.get(b"D").ok().and_then(|d| match deref(doc, d) {
                o @ Object::String(..) => Some(pdf_string(o)),
                _ => None,
            });
            out.push((n, file, d));
        }
    }
    out
}

fn load(file: &Path) -> Document {
    Document::load(file).unwrap_or_else(|e| panic!("{} loads: {e}", file.display()))
}

/// The documents' titles in binder order: its level-1 bookmarks (each is
/// then checked against the cover found by its text).
fn document_titles() -> Vec<String> {
    let binder = load(&pdf("binder.pdf"));
    top_bookmarks(&binder)
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| !t.starts_with("付録"))
        .collect()
}

/// The page (from 1) of each document's cover in the binder, found by its
/// text: the first page holding the title and the cover's 「発行日」 line.
fn covers(texts: &[String], titles: &[String]) -> Vec<(String, u32)> {
    titles
        .iter()
        .map(|t| {
            let want = squeeze(t);
            let p = texts
                .iter()
                .position(|p| {
                    let s = squeeze(p);
                    s.contains(&want) && s.contains("発行日")
                })
                .unwrap_or_else(|| panic!("no cover page shows 「{t}」"));
            (t.clone(), p as u32 + 1)
        })
        .collect()
}

#[test]
fn every_document_of_the_binder_starts_on_an_odd_page_and_its_bookmark_points_there() {
    let file = pdf("binder.pdf");
    let texts = pages(&file);
    let titles = document_titles();
    assert!(
        titles.len() >= 20,
        "the binder lists its documents: {titles:?}"
    );
    let found = covers(&texts, &titles);
    let even: Vec<&(String, u32)> = found.iter().filter(|(_, p)| p % 2 == 0).collect();
    assert!(
        even.is_empty(),
        "documents whose cover is on an even page (the back of a sheet): {even:?}"
    );
    let binder = load(&file);
    let marks: BTreeMap<String, u32> = top_bookmarks(&binder).into_iter().collect();
    for (title, page) in &found {
        assert_eq!(
            marks.get(title),
            Some(page),
            "the level-1 bookmark 「{title}」 opens its cover"
        );
    }
    // The master contents starts on an odd page too.
    let contents = texts
        .iter()
        .position(|p| p.contains("総目次"))
        .expect("the binder has a master contents") as u32
        + 1;
    assert_eq!(contents % 2, 1, "総目次 starts on page {contents}");
    // A page inserted to get there says it is blank, and nothing but its
    // footer (the date, the edition, its number).
    let blanks: Vec<usize> = texts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.contains("（白紙）"))
        .map(|(i, _)| i + 1)
        .collect();
    assert!(!blanks.is_empty(), "the default content needs blank versos");
    for b in &blanks {
        assert_eq!(b % 2, 0, "a blank page is a verso: page {b}");
        let rest = squeeze(&texts[b - 1].replace("（白紙）", ""))
            .replace("作成日令和8年11月26日", "")
            .replace("職員版（全資料）", "");
        assert!(
            rest.chars().all(|c| c.is_ascii_digit() || c == '/'),
            "page {b} is blank but for its footer: 「{rest}」"
        );
    }
}

#[test]
fn the_binder_cover_shows_the_highest_classification_it_holds_and_the_edition() {
    let staff = pages(&pdf("binder.pdf"));
    let cover = squeeze(&staff[0]);
    assert!(cover.contains("機密"), "staff binder cover: {cover}");
    assert!(
        cover.contains("職員版（全資料）"),
        "staff binder cover: {cover}"
    );
    // Derived from the documents, not written in: the internal edition
    // leaves the confidential ones out and says 庁内限り.
    let internal = pages(&built("internal").join("out/pdf/binder.pdf"));
    let cover = squeeze(&internal[0]);
    assert!(
        cover.contains("庁内限り") && cover.contains("庁内版") && !cover.contains("機密"),
        "internal binder cover: {cover}"
    );
}

#[test]
fn the_binder_has_its_own_title_and_numbers_its_pages_n_of_total() {
    let file = pdf("binder.pdf");
    let info = Command::new("pdfinfo").arg(&file).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let title = info
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    let site_title = "葛飾区ICT部門業務継続計画（ICT-BCP）";
    assert_eq!(title, format!("{site_title}（綴り）"));
    let plan = Command::new("pdfinfo")
        .arg(pdf("plan.pdf"))
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&plan.stdout).contains("（綴り）"),
        "the plan keeps its own title"
    );
    let texts = pages(&file);
    let total = texts.len();
    for (i, p) in texts.iter().enumerate() {
        let folio = format!("{} / {total}", i + 1);
        assert!(
            p.lines().any(|l| l.trim() == folio),
            "page {} shows 「{folio}」 in its footer:\n{p}",
            i + 1
        );
    }
}

#[test]
fn a_reference_into_another_document_names_it_its_section_and_the_page_there() {
    let eq = pages(&pdf("earthquake.pdf"));
    let all = squeeze(&eq.join(""));
    let prefix = "事象別対応マニュアル情報セキュリティ事象編2体制と役割（P.";
    let at = all
        .find(prefix)
        .unwrap_or_else(|| panic!("earthquake.pdf names the security manual's section: {all}"));
    let page: u32 = all[at + prefix.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("a page number");
    // That page of security.pdf holds the heading (its bookmark says so, and
    // the page's text shows it).
    let security = load(&pdf("security.pdf"));
    let marks = all_bookmarks(&security);
    assert!(
        marks.iter().any(|(t, p)| t == "2 体制と役割" && *p == page),
        "security.pdf's heading 「2 体制と役割」 is on page {page}: {marks:?}"
    );
    let sec = pages(&pdf("security.pdf"));
    assert!(squeeze(&sec[page as usize - 1]).contains("体制と役割"));

    // The link opens security.pdf at a named destination it has, on that page.
    let links = remote_links(&load(&pdf("earthquake.pdf")));
    let to_security: Vec<_> = links.iter().filter(|l| l.1 == "security.pdf").collect();
    assert!(
        !to_security.is_empty(),
        "earthquake.pdf links to security.pdf"
    );
    let dests = named_dests(&security);
    for (from, _, d) in &to_security {
        let d = d
            .as_deref()
            .unwrap_or_else(|| panic!("the link on page {from} names a destination"));
        assert!(
            dests.contains_key(d),
            "security.pdf names 「{d}」: {dests:?}"
        );
    }
    assert!(
        to_security
            .iter()
            .any(|(_, _, d)| d.as_deref().and_then(|d| dests.get(d)) == Some(&page)),
        "a link opens security.pdf on page {page}"
    );
}

#[test]
fn every_link_to_another_pdf_names_a_destination_that_exists_there() {
    let dir = built("staff").join("out/pdf");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    let mut dests: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
    let mut checked = 0;
    for f in &files {
        for (page, target, d) in remote_links(&load(f)) {
            let names = dests
                .entry(target.clone())
                .or_insert_with(|| named_dests(&load(&dir.join(&target))));
            let d = d.unwrap_or_else(|| {
                panic!(
                    "{} p.{page}: the link to {target} names no destination",
                    f.display()
                )
            });
            assert!(
                names.contains_key(&d),
                "{} p.{page}: {target} has no destination 「{d}」",
                f.display()
            );
            checked += 1;
        }
    }
    assert!(
        checked > 20,
        "the default content links across documents ({checked})"
    );
}

#[test]
fn in_the_binder_a_reference_to_a_whole_document_gets_its_page() {
    let file = pdf("binder.pdf");
    let texts = pages(&file);
    let title = "職員安否確認票（参集予測票）";
    let cover = covers(&texts, &[title.to_string()])[0].1;
    let body = squeeze(&texts.join(""));
    let want = format!("{title}（P.{cover}）");
    assert!(body.contains(&want), "the binder prints 「{want}」");
}

#[test]
fn a_short_document_puts_its_revision_table_and_contents_on_the_covers_back() {
    let texts = pages(&pdf("absence-response.pdf"));
    let back = squeeze(&texts[1]);
    assert!(
        back.contains("改訂履歴") && back.contains("目次"),
        "page 2 of absence-response.pdf holds both: {back}"
    );
    assert!(texts.len() <= 3, "{} pages", texts.len());
}

#[test]
fn covers_wrap_titles_at_phrase_boundaries() {
    let title =
        "事象別対応マニュアル 自然災害（異常気象・火山噴火等）・大規模事故（爆発・危険物事故等）編";
    let words = ["異常気象", "危険物", "火山噴火", "大規模事故"];
    let want = squeeze(title);
    let check = |text: &str, what: &str| {
        let lines: Vec<String> = text
            .lines()
            .map(squeeze)
            .filter(|l| !l.is_empty())
            .collect();
        // The title's lines: consecutive lines that together spell it; the
        // character offsets where they end are the breaks.
        let breaks = (0..lines.len())
            .find_map(|i| {
                let mut joined = String::new();
                let mut ends = Vec::new();
                for l in &lines[i..] {
                    joined.push_str(l);
                    ends.push(joined.chars().count());
                    if joined.len() >= want.len() {
                        break;
                    }
                }
                (joined == want).then_some(ends)
            })
            .unwrap_or_else(|| {
                panic!("{what}: the cover sets the title on lines of its own: {lines:?}")
            });
        for w in words {
            let at = want.find(w).unwrap();
            let s = want[..at].chars().count();
            let e = s + w.chars().count();
            assert!(
                !breaks.iter().any(|&b| b > s && b < e),
                "{what}: a line breaks inside 「{w}」: {lines:?}"
            );
        }
    };
    let single = pages(&pdf("disaster-accident.pdf"));
    check(&single[0], "disaster-accident.pdf");
    let binder = pages(&pdf("binder.pdf"));
    let cover = covers(&binder, &[title.to_string()])[0].1;
    check(&binder[cover as usize - 1], "binder.pdf");
}
