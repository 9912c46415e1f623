//! The phone layout of a figure: the same data as the drawing, written as
//! HTML lists a 360 px screen shows at full text size (a flow as numbered
//! steps with every answer's target linked, an org chart as an indented
//! tree, a rack as its devices from the top unit down). Below the theme's
//! breakpoint it stands in for the drawing, which 拡大 still opens. The words
//! come from `crate::diagram::alt`, like the SVG's description.

use crate::diagram::alt;
use crate::escape::push_esc;
use crate::model::{Diagram, Flow, FlowKind, OrgChart, Rack};

/// Appends `<div class="diagram-phone">…</div>`; `id` is the figure's id
/// (step anchors are `<id>-s<n>`, unique on the page and in bcp.html).
pub fn push_phone(out: &mut String, d: &Diagram, id: &str) {
    out.push_str(
        "<div class=\"diagram-phone\">\n<p class=\"diagram-phone-head\">図の内容（文字）</p>\n",
    );
    match d {
        Diagram::Flow(f) => push_flow(out, f, id),
        Diagram::Org(o) => push_org(out, o),
        Diagram::Rack(r) => push_racks(out, r),
        Diagram::Relation(_) | Diagram::Floor(_) => push_lines(out, &alt::describe(d)),
    }
    out.push_str("</div>\n");
}

fn push_flow(out: &mut String, f: &Flow, id: &str) {
    let branches = alt::flow_branches(f);
    out.push_str("<ol class=\"flow-steps\">\n");
    for (i, (n, ways)) in f.nodes.iter().zip(&branches).enumerate() {
        let class = match n.kind {
            FlowKind::Start => "flow-start",
            FlowKind::Step => "flow-step",
            FlowKind::Decision => "flow-decision",
            FlowKind::End => "flow-end",
        };
        out.push_str(&format!("<li class=\"{class}\" id=\""));
        push_esc(out, &format!("{id}-s{}", i + 1));
        out.push_str("\"><span class=\"flow-text\">");
        push_esc(out, &n.text);
        out.push_str("</span>");
        if ways.is_empty() && n.kind == FlowKind::End {
            out.push_str("（終了）");
        }
        if !ways.is_empty() {
            out.push_str("<ul class=\"flow-branches\">");
            for b in ways {
                out.push_str("<li>");
                push_esc(out, b.label.unwrap_or("次"));
                out.push_str("：<a href=\"#");
                push_esc(out, &format!("{id}-s{}", b.to + 1));
                out.push_str("\">");
                push_esc(out, &alt::flow_target(f, b.to));
                out.push_str("</a>へ</li>");
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

fn push_org(out: &mut String, o: &OrgChart) {
    // Children in source order under each parent; the roots at the top.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); o.units.len()];
    let mut roots = Vec::new();
    for (i, u) in o.units.iter().enumerate() {
        match u.parent.filter(|&p| p < o.units.len() && p != i) {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    if !o.title.is_empty() {
        out.push_str("<p class=\"org-title\">");
        push_esc(out, &o.title);
        out.push_str("</p>\n");
    }
    // Depth-first with an explicit stack (units are checked to form a tree;
    // `seen` still stops a malformed one from looping).
    let mut seen = vec![false; o.units.len()];
    out.push_str("<ul class=\"org-tree\">");
    let mut stack: Vec<(usize, usize)> = roots.iter().rev().map(|&r| (r, 0)).collect();
    let mut open: Vec<usize> = Vec::new();
    while let Some((i, depth)) = stack.pop() {
        while open.len() > depth {
            open.pop();
            out.push_str("</ul></li>");
        }
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        out.push_str("<li>");
        push_esc(out, &alt::org_name(o, i));
        let kids: Vec<usize> = children[i].iter().copied().filter(|&k| !seen[k]).collect();
        if kids.is_empty() {
            out.push_str("</li>");
        } else {
            out.push_str("<ul>");
            open.push(i);
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
    }
    for _ in open {
        out.push_str("</ul></li>");
    }
    out.push_str("</ul>\n");
}

fn push_racks(out: &mut String, racks: &[Rack]) {
    for r in racks {
        out.push_str("<p class=\"rack-name\">");
        push_esc(out, &format!("{}（{}U、上から）", r.name, r.units));
        out.push_str("</p>\n<ol class=\"rack-units\">");
        for d in alt::rack_devices(r) {
            out.push_str("<li>");
            push_esc(out, &alt::device_text(d));
            out.push_str("</li>");
        }
        out.push_str("</ol>\n");
    }
}

fn push_lines(out: &mut String, lines: &[String]) {
    out.push_str("<ul class=\"diagram-lines\">");
    for l in lines.iter().filter(|l| !l.is_empty()) {
        out.push_str("<li>");
        push_esc(out, l);
        out.push_str("</li>");
    }
    out.push_str("</ul>\n");
}
