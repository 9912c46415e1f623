//! The 起案 sheet, the PDF's first page (A4 portrait): 件名, 起案日, 起案者,
//! the seal route with an empty box per stage, the versions, the summary of
//! the change, and the fingerprint `approve` will record for the proposed
//! text, so the sealed sheet and the record can be matched later.

use super::pdf::{para, run, tagged};
use super::Table;
use crate::model::{Date, Site};
use crate::render::pdf::layout::boxes::{Draw, FontKind, Rgb};
use crate::render::pdf::layout::document::A4;
use crate::render::pdf::layout::roles::{self, Role};
use crate::render::pdf::layout::text::Align;
use crate::render::pdf::layout::Ctx;

const LEFT: f32 = 60.0;
const LABEL_W: f32 = 92.0;
const SIZE: f32 = 10.5;
const PAD: f32 = 5.0;

/// The seal route: (stage, who) in order. site.yaml's `approval_route`,
/// else 起案 by the section and 決裁 by the `approval` table's role.
pub fn route(site: &Site, t: &Table) -> Vec<(String, String)> {
    let who = |id: &str, name: &str| match site.org.role(id) {
        Some(r) if !r.holder.is_empty() => format!("{name}（{}）", r.holder),
        _ => name.to_string(),
    };
    match &site.config.compare.route {
        Some(stages) => stages
            .iter()
            .map(|s| (s.stage.clone(), who(s.role.id(), s.role.name())))
            .collect(),
        None => {
            let org = &site.config.organization;
            let section = if org.department.is_empty() {
                org.name.clone()
            } else {
                org.department.clone()
            };
            let mut r = vec![("起案".to_string(), section)];
            if let Some(role) = site.config.approver_for(t.new.document().kind) {
                r.push(("決裁".to_string(), who(role.id(), role.name())));
            }
            r
        }
    }
}

fn rect(x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>) -> Draw {
    Draw::Rect {
        x,
        y,
        w,
        h,
        fill,
        stroke: Some((Rgb::RULE, 0.6)),
    }
}

fn placed(mut d: Vec<Draw>, dx: f32, dy: f32) -> Vec<Draw> {
    for x in &mut d {
        x.translate(dx, dy);
    }
    d
}

/// The sheet's draws.
pub fn page(ctx: &Ctx, t: &Table, today: Date) -> Vec<Draw> {
    let site = &t.new.site;
    let width = A4.0 - 2.0 * LEFT;
    let mut out = Vec::new();
    let (d, h) = para(
        ctx,
        &[run("起　案　用　紙", FontKind::Gothic, 18.0)],
        width,
        Align::Center,
    );
    out.extend(placed(tagged(ctx, Role::H(1), d), LEFT, 56.0));
    let mut y = 56.0 + h + 18.0;

    let stages = route(site, t);
    let drafter = stages
        .iter()
        .find(|(s, _)| s == "起案")
        .map(|(_, w)| w.clone())
        .unwrap_or_else(|| site.config.organization.department.clone());
    let doc = t.new.document();
    let fields = [
        ("件名", t.subject()),
        ("起案日", today.wareki()),
        ("起案者", drafter),
        ("文書", format!("{}（{}）", doc.title, doc.id)),
        ("改定後の版", format!("{}（案）", t.new.label)),
        (
            "改定前の版",
            format!("{}（{}）", t.old.label, t.old.date.wareki()),
        ),
        ("改定案の指紋", t.new.fingerprint.clone()),
        ("改定前の指紋", t.old.fingerprint.clone()),
    ];
    ctx.open(Role::Table);
    for (label, value) in fields {
        ctx.open(Role::Row);
        let value_w = width - LABEL_W - 2.0 * PAD;
        // A fingerprint (67 characters, no break) fits one line at 8.5 pt.
        let size = if value.starts_with("v2:") { 8.5 } else { SIZE };
        let (vd, vh) = para(
            ctx,
            &[run(&value, FontKind::Mincho, size)],
            value_w,
            Align::Left,
        );
        let (ld, lh) = para(
            ctx,
            &[run(label, FontKind::Gothic, SIZE)],
            LABEL_W - 2.0 * PAD,
            Align::Left,
        );
        let row_h = vh.max(lh) + 2.0 * PAD;
        out.push(rect(LEFT, y, LABEL_W, row_h, Some(Rgb::SHADE)));
        out.push(rect(LEFT + LABEL_W, y, width - LABEL_W, row_h, None));
        out.extend(placed(
            tagged(ctx, Role::RowHeaderCell, ld),
            LEFT + PAD,
            y + PAD,
        ));
        out.extend(placed(
            tagged(ctx, Role::Cell, vd),
            LEFT + LABEL_W + PAD,
            y + PAD,
        ));
        ctx.close();
        y += row_h;
    }
    ctx.close();

    // The route: one column per stage, its name above an empty seal box.
    y += 18.0;
    let (d, h) = para(
        ctx,
        &[run("決裁区分・回議", FontKind::Gothic, SIZE)],
        width,
        Align::Left,
    );
    out.extend(placed(tagged(ctx, Role::P, d), LEFT, y));
    y += h + 4.0;
    // A table of two rows: the stages, then who seals at each.
    ctx.open(Role::Table);
    ctx.open(Role::Row);
    let stage_tags: Vec<_> = stages.iter().map(|_| ctx.leaf(Role::HeaderCell)).collect();
    ctx.close();
    ctx.open(Role::Row);
    let who_tags: Vec<_> = stages.iter().map(|_| ctx.leaf(Role::Cell)).collect();
    ctx.close();
    ctx.close();
    let n = stages.len().max(1) as f32;
    let col = (width / n).min(120.0);
    let head_h = 20.0;
    let seal_h = 64.0;
    let mut who_h: f32 = 0.0;
    for (i, (stage, who)) in stages.iter().enumerate() {
        let x = LEFT + i as f32 * col;
        out.push(rect(x, y, col, head_h, Some(Rgb::SHADE)));
        let (mut d, _) = para(
            ctx,
            &[run(stage, FontKind::Gothic, SIZE)],
            col,
            Align::Center,
        );
        roles::stamp(&mut d, stage_tags[i]);
        out.extend(placed(d, x, y + 3.0));
        out.push(rect(x, y + head_h, col, seal_h, None));
        let (mut d, h) = para(
            ctx,
            &[run(who, FontKind::Mincho, 8.0)],
            col - 4.0,
            Align::Center,
        );
        roles::stamp(&mut d, who_tags[i]);
        out.extend(placed(d, x + 2.0, y + head_h + seal_h + 3.0));
        who_h = who_h.max(h);
    }
    y += head_h + seal_h + who_h + 22.0;

    // The request itself and the change in brief.
    for (text, font) in [
        (
            format!(
                "標記について、別紙新旧対照表のとおり{}を{}に改定してよろしいか伺います。",
                doc.title, t.new.label
            ),
            FontKind::Mincho,
        ),
        ("改定の概要".to_string(), FontKind::Gothic),
        (t.summary(), FontKind::Mincho),
        (
            format!(
                "決裁の後、bcpgen approve {} --version {} で承認を記録すると、改定案の指紋（{}）が改訂履歴に残ります。この用紙と記録は指紋で照合できます。",
                doc.id,
                t.new.label,
                &t.new.fingerprint[..t.new.fingerprint.len().min(11)]
            ),
            FontKind::Mincho,
        ),
    ] {
        let size = if font == FontKind::Gothic { SIZE } else { 10.0 };
        let (d, h) = para(ctx, &[run(&text, font, size)], width, Align::Justify);
        out.extend(placed(tagged(ctx, Role::P, d), LEFT, y));
        y += h + 8.0;
    }
    out
}
