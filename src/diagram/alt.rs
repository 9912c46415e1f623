//! A diagram in words, in reading order, for anyone who cannot see the
//! drawing: the SVG's `<desc>`, the HTML phone layout and the PDF's /Alt all
//! take their text from here, so they never say different things.
//!
//! A flow is told step by step in the order its source lists the nodes (the
//! order its author reads it), each step numbered, each decision with where
//! each answer leads: 「2. 地震か — はい：3.「震度6弱以上か」へ／いいえ：5.「風水害か」へ」.

use crate::model::{Diagram, Floor, Flow, FlowKind, OrgChart, Rack, Relation};

/// One way out of a flow node: the edge's label (はい／いいえ, or none) and
/// the index of the node it leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Branch<'a> {
    /// The edge's label (はい／いいえ), if it has one.
    pub label: Option<&'a str>,
    /// The index in `nodes` of the node it leads to.
    pub to: usize,
}

/// Where each node of `f` leads, indexed like `f.nodes`, edges in source order.
pub fn flow_branches(f: &Flow) -> Vec<Vec<Branch<'_>>> {
    let mut out: Vec<Vec<Branch>> = f.nodes.iter().map(|_| Vec::new()).collect();
    for e in &f.edges {
        if let Some(v) = out.get_mut(e.from) {
            v.push(Branch {
                label: e.label.as_deref(),
                to: e.to,
            });
        }
    }
    out
}

/// A flow node as the text names it when pointing at it: 「3.「震度6弱以上か」」.
pub fn flow_target(f: &Flow, i: usize) -> String {
    match f.nodes.get(i) {
        Some(n) => format!("{}.「{}」", i + 1, n.text),
        None => String::new(),
    }
}

/// How a branch reads: 「はい：3.「…」へ」, or 「→ 3.「…」」 for an edge without a label.
pub fn branch_text(f: &Flow, b: &Branch) -> String {
    match b.label {
        Some(l) => format!("{l}：{}へ", flow_target(f, b.to)),
        None => format!("次は {}", flow_target(f, b.to)),
    }
}

/// One sentence per flow node, numbered, with every way out written out.
pub fn flow_sentences(f: &Flow) -> Vec<String> {
    let branches = flow_branches(f);
    f.nodes
        .iter()
        .zip(&branches)
        .enumerate()
        .map(|(i, (n, out))| {
            let mut s = format!("{}. {}", i + 1, n.text);
            if out.is_empty() {
                if n.kind == FlowKind::End {
                    s.push_str("（終了）");
                }
            } else {
                s.push_str(" — ");
                let parts: Vec<String> = out.iter().map(|b| branch_text(f, b)).collect();
                s.push_str(&parts.join("／"));
            }
            s
        })
        .collect()
}

/// Each unit of an org chart with the units above it: 「災害対策本部 › 電算機管理者（情報システム課長）」.
pub fn org_lines(o: &OrgChart) -> Vec<String> {
    (0..o.units.len())
        .map(|i| {
            let mut path = vec![org_name(o, i)];
            let mut at = o.units[i].parent;
            // Parents are checked to form a tree; the bound still stops a
            // cycle from looping.
            let mut left = o.units.len();
            while let (Some(p), true) = (at, left > 0) {
                path.push(o.units.get(p).map_or(String::new(), |u| u.label.clone()));
                at = o.units.get(p).and_then(|u| u.parent);
                left -= 1;
            }
            path.reverse();
            path.join(" › ")
        })
        .collect()
}

/// A unit's name with its holder: 「電算機管理者（情報システム課長）」.
pub fn org_name(o: &OrgChart, i: usize) -> String {
    let u = &o.units[i];
    match &u.holder {
        Some(h) => format!("{}（{h}）", u.label),
        None => u.label.clone(),
    }
}

/// A rack's devices from the top unit down, as they are seen standing in front of it.
pub fn rack_devices(r: &Rack) -> Vec<&crate::model::Device> {
    let mut d: Vec<_> = r.devices.iter().collect();
    d.sort_by(|a, b| (b.u, &b.name).cmp(&(a.u, &a.name)));
    d
}

/// A device's place and name: 「U12–U10 基幹スイッチ（network）」.
pub fn device_text(d: &crate::model::Device) -> String {
    let top = d.u.saturating_add(d.height.saturating_sub(1));
    let at = if top > d.u {
        format!("U{top}–U{}", d.u)
    } else {
        format!("U{}", d.u)
    };
    if d.kind.is_empty() {
        format!("{at} {}", d.name)
    } else {
        format!("{at} {}（{}）", d.name, d.kind)
    }
}

fn rack_lines(racks: &[Rack]) -> Vec<String> {
    racks
        .iter()
        .flat_map(|r| {
            std::iter::once(format!("{}（{}U）", r.name, r.units)).chain(
                rack_devices(r)
                    .into_iter()
                    .map(|d| format!("{} {}", r.name, device_text(d))),
            )
        })
        .collect()
}

/// Each group with its members, then each relation: 「A → B（label）」.
pub fn relation_lines(r: &Relation) -> Vec<String> {
    let mut out = Vec::new();
    for (g, name) in r.groups.iter().enumerate() {
        let members: Vec<&str> = r
            .nodes
            .iter()
            .filter(|n| n.group == Some(g))
            .map(|n| n.text.as_str())
            .collect();
        out.push(format!("{name}：{}", members.join("、")));
    }
    for n in r.nodes.iter().filter(|n| n.group.is_none()) {
        out.push(n.text.clone());
    }
    let text = |i: usize| r.nodes.get(i).map_or("", |n| n.text.as_str());
    for e in &r.edges {
        let mut s = format!("{} → {}", text(e.from), text(e.to));
        if let Some(l) = &e.label {
            s.push_str(&format!("（{l}）"));
        }
        out.push(s);
    }
    out
}

/// Each area with what stands in it, then what stands outside every area.
pub fn floor_lines(f: &Floor) -> Vec<String> {
    let inside = |a: &crate::model::Area, x: u32, y: u32| {
        x >= a.x && y >= a.y && x < a.x.saturating_add(a.w) && y < a.y.saturating_add(a.h)
    };
    let mut out = Vec::new();
    for a in &f.areas {
        let items: Vec<&str> = f
            .items
            .iter()
            .filter(|i| inside(a, i.x, i.y))
            .map(|i| i.name.as_str())
            .collect();
        if items.is_empty() {
            out.push(a.name.clone());
        } else {
            out.push(format!("{}：{}", a.name, items.join("、")));
        }
    }
    let loose: Vec<&str> = f
        .items
        .iter()
        .filter(|i| !f.areas.iter().any(|a| inside(a, i.x, i.y)))
        .map(|i| i.name.as_str())
        .collect();
    if !loose.is_empty() {
        out.push(format!("その他：{}", loose.join("、")));
    }
    out
}

/// The diagram in words, one line per step, unit, device, group or area.
pub fn describe(d: &Diagram) -> Vec<String> {
    match d {
        Diagram::Flow(f) => flow_sentences(f),
        Diagram::Org(o) => org_lines(o),
        Diagram::Rack(r) => rack_lines(r),
        Diagram::Relation(r) => relation_lines(r),
        Diagram::Floor(f) => floor_lines(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, FlowNode};

    fn node(id: &str, kind: FlowKind, text: &str) -> FlowNode {
        FlowNode {
            id: id.into(),
            kind,
            text: text.into(),
        }
    }

    #[test]
    fn a_decision_says_where_each_answer_leads() {
        let f = Flow {
            nodes: vec![
                node("s", FlowKind::Start, "事象の発生"),
                node("q", FlowKind::Decision, "震度5強以上か"),
                node("a", FlowKind::End, "全員参集"),
                node("b", FlowKind::End, "参集せず"),
            ],
            edges: vec![
                Edge {
                    from: 0,
                    to: 1,
                    label: None,
                },
                Edge {
                    from: 1,
                    to: 2,
                    label: Some("はい".into()),
                },
                Edge {
                    from: 1,
                    to: 3,
                    label: Some("いいえ".into()),
                },
            ],
        };
        assert_eq!(
            flow_sentences(&f),
            [
                "1. 事象の発生 — 次は 2.「震度5強以上か」",
                "2. 震度5強以上か — はい：3.「全員参集」へ／いいえ：4.「参集せず」へ",
                "3. 全員参集（終了）",
                "4. 参集せず（終了）",
            ]
        );
    }
}
