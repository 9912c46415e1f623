//! Every glyph a PDF page shows, read from its content stream with lopdf:
//! the character (through the font's ToUnicode map), where it starts on its
//! line in text space, its advance (the font's /W), and the marked content
//! it belongs to — so spacing is measured on what the PDF draws, not on the
//! layout's own numbers.

use std::collections::BTreeMap;
use std::path::Path;

use lopdf::{Document, Object, ObjectId};

/// One shown glyph.
#[derive(Clone, Debug)]
pub struct Glyph {
    /// Its character (U+FFFD when the font does not map it).
    pub c: char,
    /// Start in text space (points, before any `cm`).
    pub x: f32,
    /// Baseline in text space.
    pub y: f32,
    /// Font size.
    pub size: f32,
    /// Advance in ems (the font's width).
    pub width: f32,
    /// The font's /BaseFont (`BCPMIN+IPAexMincho`…).
    pub font: String,
    /// The innermost marked-content tag (`P`, `TD`, `Artifact`…), or "".
    pub tag: String,
    /// Its MCID, if any.
    pub mcid: Option<i64>,
    /// Which text block (BT…ET) of the page it is in.
    pub block: usize,
}

impl Glyph {
    /// Whether `next` follows this glyph on the same line of the same
    /// block, within an em of its end (not in the next table cell).
    pub fn same_line(&self, next: &Glyph) -> bool {
        self.block == next.block
            && (self.y - next.y).abs() < 0.01
            && next.x > self.x
            && next.x <= self.x + (self.width + 1.0) * self.size
    }
    /// The blank between this glyph's advance and `next`'s start, in ems.
    pub fn space_to(&self, next: &Glyph) -> f32 {
        (next.x - self.x) / self.size - self.width
    }
}

struct Font {
    base: String,
    to_unicode: BTreeMap<u32, char>,
    widths: BTreeMap<u32, f32>,
    default_width: f32,
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).expect("referenced object"),
        other => other,
    }
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

fn hex_tokens(s: &str) -> Vec<u32> {
    s.split('<')
        .skip(1)
        .filter_map(|t| t.split('>').next())
        .map(|t| u32::from_str_radix(t, 16).expect("hex"))
        .collect()
}

fn parse_cmap(text: &str, map: &mut BTreeMap<u32, char>) {
    for section in text.split("beginbfchar").skip(1) {
        let body = section.split("endbfchar").next().unwrap();
        for line in body.lines() {
            if let [code, uni] = hex_tokens(line)[..] {
                map.insert(code, char::from_u32(uni).unwrap_or('\u{FFFD}'));
            }
        }
    }
    for section in text.split("beginbfrange").skip(1) {
        let body = section.split("endbfrange").next().unwrap();
        for line in body.lines() {
            if let [lo, hi, uni] = hex_tokens(line)[..] {
                for k in lo..=hi {
                    map.insert(k, char::from_u32(uni + k - lo).unwrap_or('\u{FFFD}'));
                }
            }
        }
    }
}

fn font(doc: &Document, dict: &lopdf::Dictionary) -> Font {
    let mut to_unicode = BTreeMap::new();
    if let Ok(Object::Reference(id)) = dict.get(b"ToUnicode") {
        let s = doc.get_object(*id).unwrap().as_stream().unwrap();
        let bytes = s
            .decompressed_content()
            .unwrap_or_else(|_| s.content.clone());
        parse_cmap(&String::from_utf8_lossy(&bytes), &mut to_unicode);
    }
    let mut widths = BTreeMap::new();
    let mut default_width = 1000.0;
    if let Ok(desc) = dict.get(b"DescendantFonts") {
        let arr = deref(doc, desc).as_array().unwrap();
        let cid = deref(doc, &arr[0]).as_dict().unwrap();
        if let Ok(dw) = cid.get(b"DW") {
            default_width = num(deref(doc, dw));
        }
        if let Ok(w) = cid.get(b"W") {
            let w = deref(doc, w).as_array().unwrap();
            let mut i = 0;
            while i < w.len() {
                let first = num(deref(doc, &w[i])) as u32;
                match deref(doc, &w[i + 1]) {
                    Object::Array(ws) => {
                        for (k, x) in ws.iter().enumerate() {
                            widths.insert(first + k as u32, num(deref(doc, x)));
                        }
                        i += 2;
                    }
                    last => {
                        let last = num(last) as u32;
                        let x = num(deref(doc, &w[i + 2]));
                        for k in first..=last {
                            widths.insert(k, x);
                        }
                        i += 3;
                    }
                }
            }
        }
    }
    Font {
        base: dict
            .get(b"BaseFont")
            .ok()
            .and_then(|b| b.as_name().ok())
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default(),
        to_unicode,
        widths,
        default_width,
    }
}

/// A loaded PDF.
pub struct Pdf {
    doc: Document,
}

impl Pdf {
    /// Loads `path`.
    pub fn open(path: &Path) -> Pdf {
        Pdf {
            doc: Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        }
    }

    /// Its pages, first to last.
    pub fn pages(&self) -> Vec<ObjectId> {
        self.doc.get_pages().into_values().collect()
    }

    /// The glyphs of `page` in content-stream order.
    pub fn glyphs(&self, page: ObjectId) -> Vec<Glyph> {
        let doc = &self.doc;
        let fonts: BTreeMap<Vec<u8>, Font> = doc
            .get_page_fonts(page)
            .unwrap()
            .into_iter()
            .map(|(name, d)| (name, font(doc, d)))
            .collect();
        let content = doc.get_and_decode_page_content(page).unwrap();
        let mut out = Vec::new();
        let mut tags: Vec<(String, Option<i64>)> = Vec::new();
        let (mut x, mut y, mut line_x, mut line_y) = (0.0_f32, 0.0_f32, 0.0_f32, 0.0_f32);
        let mut size = 0.0_f32;
        let mut font_name: Vec<u8> = Vec::new();
        let mut block = 0;
        for op in &content.operations {
            let o = &op.operands;
            match op.operator.as_str() {
                "BMC" => tags.push((
                    o[0].as_name()
                        .map(|n| String::from_utf8_lossy(n).into_owned())
                        .unwrap_or_default(),
                    None,
                )),
                "BDC" => {
                    let mcid = match &o[1] {
                        Object::Dictionary(d) => d.get(b"MCID").ok().and_then(|m| m.as_i64().ok()),
                        _ => None,
                    };
                    tags.push((
                        String::from_utf8_lossy(o[0].as_name().unwrap_or(b"")).into_owned(),
                        mcid,
                    ));
                }
                "EMC" => {
                    tags.pop();
                }
                "BT" => {
                    block += 1;
                    (x, y, line_x, line_y) = (0.0, 0.0, 0.0, 0.0);
                }
                "Tf" => {
                    font_name = o[0].as_name().unwrap().to_vec();
                    size = num(&o[1]);
                }
                "Tm" => {
                    (x, y) = (num(&o[4]), num(&o[5]));
                    (line_x, line_y) = (x, y);
                }
                "Td" | "TD" => {
                    (x, y) = (line_x + num(&o[0]), line_y + num(&o[1]));
                    (line_x, line_y) = (x, y);
                }
                "Tj" | "TJ" => {
                    let f = &fonts[&font_name];
                    let items: Vec<&Object> = match &o[0] {
                        Object::Array(a) => a.iter().collect(),
                        s => vec![s],
                    };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                for pair in bytes.chunks(2) {
                                    let code = u32::from(pair[0]) << 8
                                        | u32::from(*pair.get(1).unwrap_or(&0));
                                    let width =
                                        f.widths.get(&code).copied().unwrap_or(f.default_width)
                                            / 1000.0;
                                    let (tag, mcid) = tags.last().cloned().unwrap_or_default();
                                    out.push(Glyph {
                                        c: f.to_unicode.get(&code).copied().unwrap_or('\u{FFFD}'),
                                        x,
                                        y,
                                        size,
                                        width,
                                        font: f.base.clone(),
                                        tag,
                                        mcid,
                                        block,
                                    });
                                    x += width * size;
                                }
                            }
                            n => x -= num(n) / 1000.0 * size,
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The glyphs of every page, one list per page.
    pub fn all_glyphs(&self) -> Vec<Vec<Glyph>> {
        self.pages().into_iter().map(|p| self.glyphs(p)).collect()
    }
}
