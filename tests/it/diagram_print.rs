//! Diagrams legible on paper (issue 13, items 5 and 6), read back from real
//! output: the font size of every glyph shown in every PDF of the default
//! build (from the content streams, with lopdf), the edges of a flow with
//! many crossing edges (from the SVG in the HTML), and the label lines of
//! every default-content diagram (the SVG's `<text>` lines).

use std::path::{Path, PathBuf};

use lopdf::content::Content;
use lopdf::{Document, Object};

use crate::harness::Site;

/// The least text size on paper, in points.
const MIN_TEXT: f32 = 7.0;
/// 2 mm in points: the least distance between two edges side by side.
const MIN_PARALLEL: f32 = 5.67;

/// The shared build of the default content.
fn built() -> &'static Path {
    crate::harness::default_build(None)
}

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

type Matrix = [f32; 6];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn matrix(ops: &[Object]) -> Matrix {
    let v: Vec<f32> = ops.iter().map(number).collect();
    [v[0], v[1], v[2], v[3], v[4], v[5]]
}

/// Whether a Tj/TJ operand shows at least one glyph.
fn shows_glyphs(ops: &[Object]) -> bool {
    ops.iter().any(|o| match o {
        Object::String(s, _) => !s.is_empty(),
        Object::Array(a) => shows_glyphs(a),
        _ => false,
    })
}

/// The size on the page of every run of glyphs drawn on every page of
/// `path`: the Tf size times the scale of the text and graphics matrices.
fn text_sizes(path: &Path) -> Vec<(u32, f32)> {
    let doc = Document::load(path).unwrap();
    let mut out = Vec::new();
    for (n, page) in doc.get_pages() {
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        let mut ctm = identity;
        let mut stack: Vec<Matrix> = Vec::new();
        let (mut tm, mut size) = (identity, 0.0f32);
        for op in &content.operations {
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(identity),
                "cm" => ctm = mul(&matrix(&op.operands), &ctm),
                "BT" => tm = identity,
                "Tm" => tm = matrix(&op.operands),
                "Tf" => size = number(&op.operands[1]),
                "Tj" | "TJ" | "'" | "\"" if shows_glyphs(&op.operands) => {
                    let m = mul(&tm, &ctm);
                    let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
                    out.push((n, size * scale));
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn no_text_under_7_pt_in_any_pdf_of_the_default_build() {
    let dir = built().join("out/pdf");
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    assert!(pdfs.len() > 5, "the default content makes many PDFs");
    let mut small = Vec::new();
    let mut runs = 0;
    for p in &pdfs {
        for (page, size) in text_sizes(p) {
            runs += 1;
            if size < MIN_TEXT - 0.01 {
                small.push(format!(
                    "{} p.{page}: {size:.2} pt",
                    p.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(runs > 1000, "glyph runs were read ({runs})");
    small.dedup();
    assert!(small.is_empty(), "text under 7 pt:\n{}", small.join("\n"));
}

/// The `<svg>` elements of an HTML page, each as its own document text.
fn svgs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<svg") {
        let end = rest[i..].find("</svg>").expect("a closed svg") + i + 6;
        out.push(rest[i..end].to_string());
        rest = &rest[end..];
    }
    out
}

fn points(s: &str) -> Vec<(f32, f32)> {
    s.split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

/// A piece of edge `0` from point `1` to point `2`.
type Segment = (usize, (f32, f32), (f32, f32));

/// A box an edge must not cross.
enum Box2 {
    Rect(f32, f32, f32, f32),
    Diamond(f32, f32, f32, f32),
}

impl Box2 {
    fn inside(&self, p: (f32, f32)) -> bool {
        match *self {
            Box2::Rect(x0, y0, x1, y1) => {
                p.0 > x0 + 1.0 && p.0 < x1 - 1.0 && p.1 > y0 + 1.0 && p.1 < y1 - 1.0
            }
            Box2::Diamond(cx, cy, hw, hh) => {
                (p.0 - cx).abs() / hw + (p.1 - cy).abs() / hh < 1.0 - 1.5 / hw.min(hh)
            }
        }
    }
}

/// Faults of the flow edges in one SVG: parallel runs closer than 2 mm or
/// sharing a segment, and edges passing through a box.
fn edge_faults(svg: &str) -> (usize, Vec<String>) {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let class = |n: &roxmltree::Node, c: &str| {
        n.attribute("class")
            .is_some_and(|a| a.split(' ').any(|x| x == c))
    };
    let edges: Vec<Vec<(f32, f32)>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && class(n, "dg-edge"))
        .map(|n| points(n.attribute("points").unwrap()))
        .collect();
    let mut boxes = Vec::new();
    for n in doc.descendants() {
        if n.has_tag_name("rect") && (class(&n, "dg-node") || class(&n, "dg-terminal")) {
            let f = |a: &str| n.attribute(a).unwrap().parse::<f32>().unwrap();
            let (x, y) = (f("x"), f("y"));
            boxes.push(Box2::Rect(x, y, x + f("width"), y + f("height")));
        }
        if n.has_tag_name("polygon") && class(&n, "dg-decision") {
            let p = points(n.attribute("points").unwrap());
            let (cx, cy) = (p[0].0, p[1].1);
            boxes.push(Box2::Diamond(cx, cy, p[1].0 - cx, p[2].1 - cy));
        }
    }
    let mut faults = Vec::new();
    let segs: Vec<Segment> = edges
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.windows(2).map(move |w| (i, w[0], w[1])))
        .collect();
    for (k, &(i, a0, a1)) in segs.iter().enumerate() {
        for &(j, b0, b1) in &segs[k + 1..] {
            if i == j {
                continue;
            }
            let hor = |p: (f32, f32), q: (f32, f32)| (p.1 - q.1).abs() < 0.01;
            let ver = |p: (f32, f32), q: (f32, f32)| (p.0 - q.0).abs() < 0.01;
            let (gap, a, b) = if hor(a0, a1) && hor(b0, b1) {
                ((a0.1 - b0.1).abs(), (a0.0, a1.0), (b0.0, b1.0))
            } else if ver(a0, a1) && ver(b0, b1) {
                ((a0.0 - b0.0).abs(), (a0.1, a1.1), (b0.1, b1.1))
            } else {
                continue;
            };
            let overlap = a.0.max(a.1).min(b.0.max(b.1)) - a.0.min(a.1).max(b.0.min(b.1));
            if gap < MIN_PARALLEL - 0.02 && overlap > 1.0 {
                faults.push(format!(
                    "edges {i} and {j} run {gap:.2} pt apart along {overlap:.1} pt: {a0:?}-{a1:?} / {b0:?}-{b1:?}"
                ));
            }
        }
    }
    for (i, pts) in edges.iter().enumerate() {
        let (first, last) = (pts[0], pts[pts.len() - 1]);
        let far = |p: (f32, f32), q: (f32, f32)| (p.0 - q.0).hypot(p.1 - q.1) >= 1.5;
        'seg: for w in pts.windows(2) {
            let len = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
            let steps = (len.ceil() as usize).max(1);
            for s in 0..=steps {
                let t = s as f32 / steps as f32;
                let p = (
                    w[0].0 + (w[1].0 - w[0].0) * t,
                    w[0].1 + (w[1].1 - w[0].1) * t,
                );
                if far(p, first) && far(p, last) && boxes.iter().any(|b| b.inside(p)) {
                    faults.push(format!("edge {i} crosses a box at {p:?}"));
                    break 'seg;
                }
            }
        }
    }
    (edges.len(), faults)
}

/// A flow whose two middle layers are fully connected (every one of four
/// steps to every one of four decisions, crossing each other), with long
/// edges over layers and back edges to earlier steps.
const CROSSING_FLOW: &str = "# 交差の多い流れ {#crossing}

```bcp
embed: diagram
diagram: flow
caption: 〈交差の多い流れ図〉
nodes:
  - { id: s, kind: start, text: 開始 }
  - { id: a1, kind: step, text: 情報システム課へ連絡 }
  - { id: a2, kind: step, text: ファイアウォールの確認 }
  - { id: a3, kind: step, text: ネットワーク機器の確認 }
  - { id: a4, kind: step, text: サーバの確認 }
  - { id: b1, kind: decision, text: 復旧できたか }
  - { id: b2, kind: decision, text: 保守事業者の対応が必要か }
  - { id: b3, kind: decision, text: 住民に影響が出るか }
  - { id: b4, kind: decision, text: 再発の可能性があるか }
  - { id: c1, kind: step, text: 保守事業者へ依頼 }
  - { id: c2, kind: step, text: 災害対策本部へ報告 }
  - { id: e1, kind: end, text: 対応終了 }
  - { id: e2, kind: end, text: 体制に移行して対応 }
edges:
  - { from: s, to: a1 }
  - { from: s, to: a2 }
  - { from: s, to: a3 }
  - { from: s, to: a4 }
  - { from: s, to: e2 }
  - { from: a1, to: b1 }
  - { from: a1, to: b2 }
  - { from: a1, to: b3 }
  - { from: a1, to: b4 }
  - { from: a2, to: b4 }
  - { from: a2, to: b3 }
  - { from: a2, to: b1 }
  - { from: a3, to: b2 }
  - { from: a3, to: b4 }
  - { from: a3, to: c2 }
  - { from: a4, to: b1 }
  - { from: a4, to: b2 }
  - { from: a4, to: e1 }
  - { from: b1, to: c1, label: はい }
  - { from: b1, to: a4, label: いいえ }
  - { from: b2, to: c2, label: はい }
  - { from: b2, to: e1, label: いいえ }
  - { from: b3, to: c1, label: はい }
  - { from: b3, to: a1, label: いいえ }
  - { from: b4, to: e2, label: はい }
  - { from: b4, to: c2, label: いいえ }
  - { from: c1, to: e1 }
  - { from: c1, to: a2 }
  - { from: c2, to: e2 }
```
";

#[test]
fn a_flow_with_many_crossing_edges_keeps_its_edges_apart_and_off_the_boxes() {
    let site = Site::new();
    site.write("plan/02-crossing.md", CROSSING_FLOW);
    let o = site.build(&["--format", "html"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let html = std::fs::read_to_string(site.out().join("html/plan.html")).unwrap();
    let svg = svgs(&html)
        .into_iter()
        .find(|s| s.contains("交差の多い流れ図"))
        .expect("the flow is drawn");
    let (edges, faults) = edge_faults(&svg);
    assert_eq!(edges, 29, "every edge is drawn");
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

fn katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC)
}

#[test]
fn no_label_of_a_default_diagram_breaks_inside_a_katakana_word() {
    let html_dir = built().join("out/html");
    let mut figures = 0;
    let mut bad = Vec::new();
    for entry in std::fs::read_dir(&html_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        for svg in svgs(&std::fs::read_to_string(&path).unwrap()) {
            // Boxed labels: org charts, flows, relations, racks. (A floor's
            // area names sit in grid cells narrower than some words, where
            // the rule allows breaking the word.)
            let boxed = ["dg-node", "dg-terminal", "dg-rack"];
            if !boxed.iter().any(|c| svg.contains(&format!("class=\"{c}"))) {
                continue;
            }
            let Ok(doc) = roxmltree::Document::parse(&svg) else {
                continue;
            };
            figures += 1;
            // A wrapped label is consecutive <text> lines at the same x,
            // one line height apart.
            let lines: Vec<(f32, f32, f32, String)> = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .map(|n| {
                    let f = |a: &str| n.attribute(a).unwrap().parse::<f32>().unwrap();
                    (
                        f("x"),
                        f("y"),
                        f("font-size"),
                        n.text().unwrap_or("").to_string(),
                    )
                })
                .collect();
            for w in lines.windows(2) {
                let ((x0, y0, s0, a), (x1, y1, s1, b)) = (&w[0], &w[1]);
                let next_line = (x0 - x1).abs() < 0.01
                    && (s0 - s1).abs() < 0.01
                    && *y1 > *y0
                    && *y1 - *y0 < 1.6 * s0;
                let (Some(end), Some(start)) = (a.chars().last(), b.chars().next()) else {
                    continue;
                };
                if next_line && katakana(end) && katakana(start) {
                    bad.push(format!(
                        "{}: 「{a}／{b}」",
                        path.file_name().unwrap().to_string_lossy()
                    ));
                }
            }
        }
    }
    assert!(
        figures >= 10,
        "the default content draws its diagrams ({figures})"
    );
    bad.sort();
    bad.dedup();
    assert!(
        bad.is_empty(),
        "labels broken inside a katakana word:\n{}",
        bad.join("\n")
    );
}
