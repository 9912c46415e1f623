//! Tests across the five kinds: real SVG, every label drawn, boxes apart,
//! labels inside their boxes, precise problems for bad data.

use super::test_support::{self, metrics};
use super::text::width;
use super::*;
use crate::model::*;

/// All `<text>` contents in document order, joined (a wrapped label's
/// lines are consecutive, so the label is a substring).
fn svg_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("")
}

#[test]
fn every_kind_makes_svg_that_carries_every_label() {
    let m = metrics();
    for d in test_support::all() {
        let drawing = layout(&d, &m);
        let out = svg(&drawing, "図の題 <&>", "説明");
        let doc = roxmltree::Document::parse(&out).expect("well-formed");
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        let ids: Vec<&str> = root
            .attribute("aria-labelledby")
            .expect("labelled")
            .split(' ')
            .collect();
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .expect("a title");
        assert_eq!(title.attribute("id"), Some(ids[0]));
        assert_eq!(title.text(), Some("図の題 <&>"));
        let text = svg_text(&out);
        for label in d.labels() {
            assert!(
                text.contains(&label),
                "{}: {label} missing from {text}",
                d.kind_name()
            );
        }
        assert!(
            drawing.width > 50.0 && drawing.height > 50.0,
            "{}",
            d.kind_name()
        );
        // Same input, same bytes.
        assert_eq!(out, svg(&layout(&d, &m), "図の題 <&>", "説明"));
    }
}

#[test]
fn drawings_stay_narrow_enough_for_a_phone() {
    let m = metrics();
    for d in test_support::all() {
        let w = layout(&d, &m).width;
        // Narrow enough that the PDF's measure (441 pt in a section) takes
        // it at >= 0.82, keeping 8.5 pt text above 7 pt; the phone scales
        // the SVG.
        assert!(w <= 537.0, "{} is {w} pt wide", d.kind_name());
    }
}

#[test]
fn org_chart_draws_one_box_per_unit_with_label_and_holder() {
    let m = metrics();
    let chart = test_support::org();
    let d = layout(&Diagram::Org(chart.clone()), &m);
    let boxes = d
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Rect { .. }))
        .count();
    assert_eq!(boxes, chart.units.len());
    let text = svg_text(&svg(&d, "体制図", ""));
    for u in &chart.units {
        assert!(text.contains(&u.label), "{}", u.label);
        if let Some(h) = &u.holder {
            assert!(text.contains(h), "{h}");
        }
    }
}

fn overlaps(a: (f32, f32, f32, f32), b: (f32, f32, f32, f32)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

#[test]
fn flow_boxes_never_overlap_and_edges_end_in_arrows() {
    let m = metrics();
    let f = test_support::flow();
    let d = layout(&Diagram::Flow(f.clone()), &m);
    let boxes = flow::node_boxes(&d);
    assert_eq!(boxes.len(), f.nodes.len());
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(!overlaps(*a, *b), "{a:?} overlaps {b:?}");
        }
    }
    let arrows = d
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Line { arrow: true, .. }))
        .count();
    assert_eq!(arrows, f.edges.len());
    // The start is above everything it leads to.
    assert!(boxes[0].1 < boxes[1].1 && boxes[1].1 < boxes[4].1);
}

#[test]
fn labels_wrap_inside_their_boxes() {
    let m = metrics();
    for d in [
        Diagram::Flow(test_support::flow()),
        Diagram::Org(test_support::org()),
        Diagram::Relation(test_support::relation()),
    ] {
        let drawing = layout(&d, &m);
        let boxes: Vec<(f32, f32, f32, f32)> = drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect { x, y, w, h, .. } => Some((*x, *y, x + w, y + h)),
                _ => None,
            })
            .collect();
        for s in &drawing.shapes {
            let Shape::Text {
                x,
                y,
                size,
                text,
                anchor,
                class,
                ..
            } = s
            else {
                continue;
            };
            if *class == "dg-edge-label" {
                continue;
            }
            let w = width(&m, text, *size);
            let left = match anchor {
                Anchor::Start => *x,
                Anchor::Middle => x - w / 2.0,
                Anchor::End => x - w,
            };
            let inside = boxes
                .iter()
                .any(|b| left >= b.0 && left + w <= b.2 && *y > b.1 && *y < b.3);
            let in_diamond = matches!(d, Diagram::Flow(_)); // diamonds are polygons, checked below
            assert!(
                inside || in_diamond || *class == "dg-text" && text.is_empty(),
                "{text:?} not inside a box in {}",
                d.kind_name()
            );
        }
    }
    // Diamond text: each line within the diamond's width at its height.
    let d = layout(&Diagram::Flow(test_support::flow()), &m);
    for s in &d.shapes {
        let Shape::Text {
            x,
            y,
            size,
            text,
            class,
            ..
        } = s
        else {
            continue;
        };
        if *class == "dg-edge-label" {
            continue;
        }
        let w = width(&m, text, *size);
        let holder = d.shapes.iter().any(|p| match p {
            Shape::Polygon { points, .. } => {
                let (cx, cy) = (points[0].0, points[1].1);
                let (hw, hh) = (points[1].0 - cx, points[2].1 - cy);
                // The line's ends, top and bottom of glyphs, inside |dx|/hw + |dy|/hh <= 1.
                [y - size * 0.88, *y + size * 0.12]
                    .iter()
                    .all(|ty| (w / 2.0) / hw + (ty - cy).abs() / hh <= 1.0)
                    && (x - cx).abs() < 0.01
            }
            Shape::Rect {
                x: bx,
                y: by,
                w: bw,
                h: bh,
                ..
            } => x - w / 2.0 >= *bx && x + w / 2.0 <= bx + bw && y > by && *y < by + bh,
            _ => false,
        });
        assert!(holder, "{text:?} does not fit its flow node");
    }
}

#[test]
fn bad_rack_names_the_devices_and_fields() {
    let mut racks = test_support::racks();
    racks[0]
        .devices
        .push(test_support::device("重なる機器", 15, 2, "network"));
    racks[1]
        .devices
        .push(test_support::device("はみ出す機器", 11, 3, "network"));
    racks[1]
        .devices
        .push(test_support::device("高さのない機器", 5, 0, "other"));
    racks[1]
        .devices
        .push(test_support::device("U0の機器", 0, 1, "other"));
    let problems = check(&Diagram::Rack(racks));
    let at = |f: &str| problems.iter().filter(|p| p.field == f).collect::<Vec<_>>();
    let overlap = at("racks[0].devices[5].u");
    assert_eq!(overlap.len(), 2, "{problems:#?}"); // コアスイッチ (14–15) and the router at 16
    assert!(
        overlap[0].message.contains("重なる機器") && overlap[0].message.contains("コアスイッチ")
    );
    let past = at("racks[1].devices[1].u");
    assert!(
        past.iter()
            .any(|p| p.message.contains("最上段U12") && p.value == "11"),
        "{problems:#?}"
    );
    assert_eq!(at("racks[1].devices[2].height").len(), 1);
    assert_eq!(at("racks[1].devices[3].u").len(), 1);
    assert!(check(&Diagram::Rack(test_support::racks())).is_empty());
}

#[test]
fn flow_problems_unreachable_and_no_start() {
    let mut f = test_support::flow();
    assert!(check(&Diagram::Flow(f.clone())).is_empty());
    f.nodes.push(FlowNode {
        id: "lost".into(),
        kind: FlowKind::End,
        text: "どこからも来ない".into(),
    });
    let p = check(&Diagram::Flow(f.clone()));
    assert_eq!(p.len(), 1);
    assert_eq!(
        (p[0].field.as_str(), p[0].value.as_str()),
        ("nodes[8]", "lost")
    );
    f.nodes[0].kind = FlowKind::Step;
    let p = check(&Diagram::Flow(f));
    assert!(p
        .iter()
        .any(|p| p.field == "nodes" && p.message.contains("開始")));
}

#[test]
fn floor_problems_outside_grid() {
    let mut f = test_support::floor();
    assert!(check(&Diagram::Floor(f.clone())).is_empty());
    f.areas.push(Area {
        name: "はみ出す区画".into(),
        x: 10,
        y: 0,
        w: 3,
        h: 1,
    });
    f.items.push(FloorItem {
        name: "外の機器".into(),
        x: 12,
        y: 0,
        kind: "other".into(),
    });
    let p = check(&Diagram::Floor(f.clone()));
    let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, vec!["areas[2]", "items[3]"]);
    f.cols = 0;
    assert!(check(&Diagram::Floor(f))
        .iter()
        .any(|p| p.field == "grid.cols"));
}

#[test]
fn org_cycle_is_a_problem_and_still_draws() {
    let mut o = test_support::org();
    o.units[0].parent = Some(2);
    let p = check(&Diagram::Org(o.clone()));
    assert!(p.iter().any(|p| p.field == "units[0].reports_to"), "{p:#?}");
    let d = layout(&Diagram::Org(o), &metrics());
    assert!(d.width > 0.0);
}

/// Random flows: a start, steps and decisions with edges forward, sideways
/// over several layers and back (a small linear congruential generator).
fn random_flows() -> Vec<Flow> {
    let mut seed = 11u64;
    let mut next = |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % m
    };
    let texts = [
        "情報システム課へ連絡",
        "ファイアウォールの確認",
        "被害状況の確認",
        "保守事業者の対応が必要か",
        "復旧",
        "住民・全庁に影響が出る大きな障害か",
    ];
    let mut out = Vec::new();
    for _ in 0..60 {
        let n = 4 + next(14);
        let mut nodes = vec![FlowNode {
            id: "s".into(),
            kind: FlowKind::Start,
            text: "開始".into(),
        }];
        let mut edges = Vec::new();
        for i in 1..n {
            let kind = match next(3) {
                0 => FlowKind::Decision,
                1 => FlowKind::Step,
                _ if i > n / 2 => FlowKind::End,
                _ => FlowKind::Step,
            };
            nodes.push(FlowNode {
                id: format!("n{i}"),
                kind,
                text: texts[next(texts.len())].into(),
            });
            edges.push(Edge {
                from: next(i),
                to: i,
                label: None,
            });
        }
        for _ in 0..next(2 * n) {
            let (from, to) = (next(n), next(n));
            if from != to {
                let label = (next(2) == 0).then(|| "はい".to_string());
                edges.push(Edge { from, to, label });
            }
        }
        out.push(Flow { nodes, edges });
    }
    out
}

#[test]
fn flow_edges_never_share_a_segment_run_close_or_cross_a_box() {
    let m = metrics();
    let flow = Diagram::Flow(test_support::flow());
    assert_eq!(
        check_drawing(&flow, &layout(&flow, &m), &m),
        Vec::<String>::new()
    );
    // Known limit: where two long edges swap columns in one gap, both
    // passing through dummy vertices a few points apart, no order of
    // tracks keeps their vertical parts apart; one random flow in 60 hits it.
    let mut bad = Vec::new();
    for (i, f) in random_flows().into_iter().enumerate() {
        let f = Diagram::Flow(f);
        let faults: Vec<String> = check_drawing(&f, &layout(&f, &m), &m)
            .into_iter()
            .filter(|f| !f.starts_with("label"))
            .collect();
        if !faults.is_empty() {
            bad.push(format!("flow {i}: {faults:#?}"));
        }
    }
    assert!(bad.len() <= 1, "{}", bad.join("\n"));
}

#[test]
fn every_drawing_keeps_text_at_7_pt_and_labels_beside_their_edges() {
    let m = metrics();
    for d in test_support::all() {
        let faults = check_drawing(&d, &layout(&d, &m), &m);
        assert!(faults.is_empty(), "{}: {faults:#?}", d.kind_name());
    }
}

#[test]
fn the_assembly_flow_fits_a_page_at_7_pt() {
    let m = metrics();
    let flow = Diagram::Flow(test_support::assembly_flow());
    let d = layout(&flow, &m);
    // The PDF scales a figure to the measure inside a section (441 pt) and
    // 640 pt tall at most; its smallest text must stay at 7 pt.
    let scale = (441.0 / d.width).min(640.0 / d.height).min(1.0);
    let smallest = d
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text { size, .. } => Some(*size),
            _ => None,
        })
        .fold(f32::MAX, f32::min);
    assert!(
        smallest * scale >= 7.0,
        "{} × {} pt is drawn at {scale:.2}",
        d.width,
        d.height
    );
    assert_eq!(check_drawing(&flow, &d, &m), Vec::<String>::new());
}
