//! Archive-grade PDFs (issue 14): PDF/A-2a identification and metadata,
//! the sRGB output intent, and a structure tree in reading order, read back
//! with poppler (pdfinfo, pdftotext) and lopdf from a build of the default
//! content.

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Dictionary, Document, Object};

use crate::harness::DATE;

/// The shared build of the default content.
fn built() -> &'static Path {
    crate::harness::default_build(None)
}

fn pdf(name: &str) -> PathBuf {
    built().join("out/pdf").join(name)
}

fn all_pdfs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(built().join("out/pdf"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    v.sort();
    assert!(v.len() > 5, "the default content makes many PDFs");
    v
}

fn tool(cmd: &str, args: &[&str], file: &Path) -> String {
    let o = Command::new(cmd)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is needed for this test (poppler-utils): {e}"));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The page text in content order (`pdftotext -raw`), from standard output:
/// without the `-` poppler writes a .txt beside the PDF and prints nothing.
fn raw_text(path: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is needed for this test (poppler-utils)");
    let t = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        !t.trim().is_empty(),
        "pdftotext printed nothing for {}",
        path.display()
    );
    t
}

fn load(path: &Path) -> Document {
    Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    match deref(doc, o) {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn text_of(o: &Object) -> String {
    match o {
        Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
            let u: Vec<u16> = b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&u).unwrap()
        }
        Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
        other => panic!("not a string: {other:?}"),
    }
}

fn name(o: &Object) -> &[u8] {
    o.as_name().unwrap()
}

/// `(type, text, indent)` of every element `pdfinfo -struct-text` prints, in order;
/// the text is the quoted line right under an element, when there is one.
fn structure(path: &Path) -> Vec<(String, String, usize)> {
    let out = tool("pdfinfo", &["-struct-text"], path);
    let lines: Vec<&str> = out.lines().collect();
    let mut v = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        if t.starts_with('"') || t.starts_with('/') || t.starts_with("Object ") {
            continue;
        }
        let indent = l.len() - t.len();
        let kind = t.split([' ', ':']).next().unwrap_or_default().to_string();
        // Attributes (`/Scope /Column`) may come between.
        let text = lines[i + 1..]
            .iter()
            .map(|n| n.trim())
            .find(|n| !n.starts_with('/'))
            .filter(|n| n.starts_with('"'))
            .map(|n| n.trim_matches('"').to_string())
            .unwrap_or_default();
        v.push((kind, text, indent));
    }
    v
}

#[test]
fn every_pdf_is_pdf_a_2a_with_matching_xmp_and_an_srgb_intent() {
    for path in all_pdfs() {
        let f = path.display();
        let info = tool("pdfinfo", &[], &path);
        assert!(info.contains("Tagged:          yes"), "{f}: {info}");
        assert!(info.contains("PDF version:     1.7"), "{f}: {info}");
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"%PDF-1.7"), "{f}");

        let doc = load(&path);
        assert!(doc.trailer.get(b"Encrypt").is_err(), "{f}: encrypted");
        let id = doc.trailer.get(b"ID").and_then(Object::as_array).unwrap();
        assert_eq!(id.len(), 2, "{f}: trailer /ID");
        let cat = doc.catalog().unwrap();
        assert_eq!(text_of(cat.get(b"Lang").unwrap()), "ja", "{f}");
        let mark = dict(&doc, cat.get(b"MarkInfo").unwrap());
        assert_eq!(mark.get(b"Marked").unwrap(), &Object::Boolean(true), "{f}");
        let vp = dict(&doc, cat.get(b"ViewerPreferences").unwrap());
        assert_eq!(
            vp.get(b"DisplayDocTitle").unwrap(),
            &Object::Boolean(true),
            "{f}"
        );

        // The XMP packet: unfiltered, well-formed, PDF/A-2a, and saying
        // what the Info dictionary says.
        let meta = match deref(&doc, cat.get(b"Metadata").unwrap()) {
            Object::Stream(s) => s,
            other => panic!("{f}: metadata is {other:?}"),
        };
        assert!(meta.dict.get(b"Filter").is_err(), "{f}: XMP compressed");
        let xml = String::from_utf8(meta.content.clone()).unwrap();
        let x = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{f}: {e}"));
        let el = |ns: &str, local: &str| -> String {
            x.descendants()
                .find(|n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == local)
                .map(|n| {
                    n.descendants()
                        .filter(|d| d.is_text())
                        .filter_map(|d| d.text())
                        .collect::<String>()
                })
                .unwrap_or_else(|| panic!("{f}: no {local} in XMP"))
                .trim()
                .to_string()
        };
        assert_eq!(el("http://www.aiim.org/pdfa/ns/id/", "part"), "2", "{f}");
        assert_eq!(
            el("http://www.aiim.org/pdfa/ns/id/", "conformance"),
            "A",
            "{f}"
        );
        let info_id = doc.trailer.get(b"Info").unwrap();
        let info = dict(&doc, info_id);
        let dc = "http://purl.org/dc/elements/1.1/";
        assert_eq!(el(dc, "title"), text_of(info.get(b"Title").unwrap()), "{f}");
        assert_eq!(
            el(dc, "creator"),
            text_of(info.get(b"Author").unwrap()),
            "{f}"
        );
        assert_eq!(
            el("http://ns.adobe.com/pdf/1.3/", "Producer"),
            text_of(info.get(b"Producer").unwrap()),
            "{f}"
        );
        let xmp = "http://ns.adobe.com/xap/1.0/";
        let when = format!("{DATE}T00:00:00+00:00");
        assert_eq!(el(xmp, "CreateDate"), when, "{f}");
        assert_eq!(el(xmp, "ModifyDate"), when, "{f}");
        let pdf_date = format!("D:{}000000+00'00'", DATE.replace('-', ""));
        assert_eq!(text_of(info.get(b"CreationDate").unwrap()), pdf_date, "{f}");
        assert_eq!(text_of(info.get(b"ModDate").unwrap()), pdf_date, "{f}");

        // The output intent: GTS_PDFA1 with an embedded RGB ICC profile.
        let intents = cat.get(b"OutputIntents").unwrap().as_array().unwrap();
        assert_eq!(intents.len(), 1, "{f}");
        let oi = dict(&doc, &intents[0]);
        assert_eq!(name(oi.get(b"S").unwrap()), b"GTS_PDFA1", "{f}");
        let icc = match deref(&doc, oi.get(b"DestOutputProfile").unwrap()) {
            Object::Stream(s) => s,
            other => panic!("{f}: profile is {other:?}"),
        };
        assert_eq!(icc.dict.get(b"N").unwrap(), &Object::Integer(3), "{f}");
        let profile = icc.decompressed_content().unwrap_or(icc.content.clone());
        assert_eq!(&profile[36..40], b"acsp", "{f}: an ICC profile");
        assert_eq!(&profile[16..20], b"RGB ", "{f}: an RGB profile");

        for (_, obj) in doc.objects.iter() {
            let d = match obj {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &s.dict,
                _ => continue,
            };
            if let Ok(Object::Name(fl)) = d.get(b"Filter") {
                assert_ne!(fl.as_slice(), b"LZWDecode", "{f}: LZW");
            }
            if let Ok(s) = d.get(b"S") {
                assert_ne!(
                    s.as_name().ok(),
                    Some(&b"JavaScript"[..]),
                    "{f}: JavaScript"
                );
            }
            if d.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"CIDFontType2") {
                assert_eq!(
                    name(d.get(b"CIDToGIDMap").unwrap()),
                    b"Identity",
                    "{f}: CIDToGIDMap"
                );
            }
            if d.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Link") {
                assert_eq!(d.get(b"F").unwrap(), &Object::Integer(4), "{f}: link /F");
                assert!(d.get(b"StructParent").is_ok(), "{f}: link not in the tree");
                assert!(
                    !text_of(d.get(b"Contents").unwrap()).is_empty(),
                    "{f}: link /Contents"
                );
            }
        }
    }
}

#[test]
fn no_text_is_drawn_outside_marked_content() {
    for path in all_pdfs() {
        let doc = load(&path);
        for (n, page) in doc.get_pages() {
            let pd = doc.get_dictionary(page).unwrap();
            assert!(
                pd.get(b"StructParents").is_ok(),
                "{}: page {n}",
                path.display()
            );
            let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
            let mut depth = 0i32;
            let mut texts = 0;
            for op in &content.operations {
                match op.operator.as_str() {
                    "BDC" | "BMC" => depth += 1,
                    "EMC" => depth -= 1,
                    "BT" | "Do" | "re" | "S" | "f" => {
                        assert!(
                            depth > 0,
                            "{} page {n}: {} outside marked content",
                            path.display(),
                            op.operator
                        );
                        texts += usize::from(op.operator == "BT");
                    }
                    _ => {}
                }
                assert!(depth >= 0, "{} page {n}: EMC without BDC", path.display());
            }
            assert_eq!(depth, 0, "{} page {n}: unclosed sequence", path.display());
            assert!(texts > 0, "{} page {n}: no text", path.display());
        }
    }
}

#[test]
fn the_plans_headings_tables_and_figures_read_in_order() {
    let path = pdf("plan.pdf");
    let s = structure(&path);
    assert_eq!(s.first().map(|e| e.0.as_str()), Some("Document"));
    // The numbered headings, in order, with their numbers, as the outline
    // lists them.
    let heads: Vec<(u8, String)> = s
        .iter()
        .filter(|(k, t, _)| {
            // The front matter's own headings have no bookmark.
            k.len() == 2 && k.starts_with('H') && t != "目次" && t != "計画の新規制定／改訂一覧"
        })
        .map(|(k, t, _)| (k[1..].parse().unwrap(), t.replace('　', " ")))
        .collect();
    let doc = load(&path);
    let mut outline = Vec::new();
    fn walk(doc: &Document, first: Option<&Object>, level: u8, out: &mut Vec<(u8, String)>) {
        let mut cur = first.cloned();
        while let Some(o) = cur {
            let d = dict(doc, &o).clone();
            out.push((level, text_of(d.get(b"Title").unwrap())));
            walk(doc, d.get(b"First").ok(), level + 1, out);
            cur = d.get(b"Next").ok().cloned();
        }
    }
    let root = dict(&doc, doc.catalog().unwrap().get(b"Outlines").unwrap()).clone();
    walk(&doc, root.get(b"First").ok(), 1, &mut outline);
    assert!(outline.len() > 20, "{outline:?}");
    assert_eq!(heads, outline);
    assert_eq!(heads[0], (1, "1 計画の目的・基本方針".to_string()));
    assert!(heads.iter().any(|h| h.0 == 3));

    // A risk table: header cells, then each cell's whole text inside one
    // element under its TD, though the cell wraps over lines on the page.
    let at = s
        .iter()
        .position(|e| e.0 == "H3" && e.1 == "ア　地震の場合")
        .unwrap();
    assert_eq!(s[at + 1].0, "Table");
    assert_eq!(s[at + 2].0, "TR");
    assert_eq!(
        (s[at + 3].0.as_str(), s[at + 3].1.as_str()),
        ("TH", "事象（原因）")
    );
    let cell = "断水・管きょ被害（上下水道被害）の発生";
    let i = s.iter().position(|e| e.1 == cell).unwrap();
    assert_eq!(s[i - 1].0, "TD", "{:?}", &s[i - 2..=i]);
    let raw = raw_text(&path);
    assert!(
        raw.contains(&cell[..12]),
        "the cell's first words are on the page"
    );
    assert!(
        !raw.contains(cell),
        "the cell wraps on the page, so only the structure keeps it whole"
    );

    // Every figure carries its caption and labels as /Alt.
    let figures: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(b"Figure"))
        .map(|d| text_of(d.get(b"Alt").expect("Figure without /Alt")))
        .collect();
    assert_eq!(figures.len(), s.iter().filter(|e| e.0 == "Figure").count());
    assert!(figures.len() >= 3);
    assert!(
        figures
            .iter()
            .any(|a| a.contains("葛飾区情報セキュリティポリシー")),
        "{figures:?}"
    );
}

#[test]
fn a_wrapped_contact_is_one_string_in_one_cell() {
    let path = pdf("vendor-contacts.pdf");
    let s = structure(&path);
    let role = "運用事業者（ヘルプデスク・通常管理）。災害時は事前の取り決めにより参集する";
    let i = s
        .iter()
        .position(|e| e.1 == role)
        .unwrap_or_else(|| panic!("{s:?}"));
    // TD › P "サンプル運用事業者A", P "<role>": the same cell.
    assert_eq!(s[i - 2].0, "TD");
    assert_eq!(s[i - 1].1, "サンプル運用事業者A");
    let raw = raw_text(&path);
    assert!(
        raw.contains(&role[..12]),
        "the role's first words are on the page"
    );
    assert!(!raw.contains(role), "it wraps over lines on the page");
}

#[test]
fn the_binder_is_one_tree_with_a_titled_sect_per_document_as_its_outline() {
    let path = pdf("binder.pdf");
    let doc = load(&path);
    let root = dict(&doc, doc.catalog().unwrap().get(b"StructTreeRoot").unwrap());
    let top = dict(&doc, root.get(b"K").unwrap());
    assert_eq!(name(top.get(b"S").unwrap()), b"Document");
    let sects: Vec<String> = top
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|k| dict(&doc, k))
        .filter(|d| name(d.get(b"S").unwrap()) == b"Sect")
        .map(|d| text_of(d.get(b"T").unwrap()))
        .collect();
    let outline = dict(&doc, doc.catalog().unwrap().get(b"Outlines").unwrap());
    let mut titles = Vec::new();
    let mut cur = outline.get(b"First").ok().cloned();
    while let Some(o) = cur {
        let d = dict(&doc, &o).clone();
        titles.push(text_of(d.get(b"Title").unwrap()));
        cur = d.get(b"Next").ok().cloned();
    }
    // One Sect per document, and one for the guidance audit's appendix
    // (the default content declares its coverage).
    assert_eq!(
        sects.len(),
        all_pdfs().len(),
        "one Sect per document and the appendix"
    );
    assert!(sects.last().unwrap().starts_with("付録"), "{sects:?}");
    assert_eq!(sects, titles);
    // Before the documents, the binder's own contents.
    let front: Vec<Vec<u8>> = top
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|k| name(dict(&doc, k).get(b"S").unwrap()).to_vec())
        .take_while(|s| s != b"Sect")
        .collect();
    assert!(front.contains(&b"TOC".to_vec()), "{front:?}");
}
