//! Structured data (SPEC §4) for a phone: tap-to-call contacts, tick boxes
//! that survive a reload, succession order, assembly rules, printable forms.
//! Tick state lives in localStorage under `<storage_key>:<index>`; the
//! script (static/app.js) reads `data-storage` and `data-key`.

use std::fmt::Write as _;

use super::blocks::{push_calls, push_inlines, Ctx};
use crate::escape::push_esc;
use crate::model::{
    AssemblyRule, CheckGroup, Contact, Embedded, FieldKind, FormField, FormSection, Inline,
    RoleRef, Step, Structured, SuccessionEntry,
};

/// Appends an embedded fact list (contacts, roles, systems…).
pub fn push_embedded(ctx: &Ctx, out: &mut String, e: &Embedded) {
    let _ = writeln!(
        out,
        "<div class=\"embedded embedded-{}\">",
        e.data.type_name()
    );
    // Data placed from another document names where it comes from, and says
    // when that document is only a sample.
    // A source this edition leaves out is not named at all.
    let source = ctx.site.document(&e.source.id);
    if let Some(src) = source.filter(|d| d.id != ctx.link.page) {
        let sample = src.sample;
        out.push_str("<p class=\"embedded-source\">出典：<a href=\"");
        push_esc(out, &ctx.link.href(&e.source.id, None));
        out.push_str("\">");
        push_esc(out, &e.source.title);
        out.push_str("</a>（");
        push_esc(out, &e.source.version);
        out.push('）');
        if sample {
            out.push_str(" <span class=\"tag tag-sample\">サンプル</span>");
        }
        out.push_str("</p>\n");
    }
    if let Some(c) = &e.caption {
        out.push_str("<p class=\"caption\">");
        push_esc(out, c);
        out.push_str("</p>\n");
    }
    match &e.data {
        Structured::Contacts(cs) => push_contacts(out, cs),
        Structured::Checklist(gs) => push_checklist(ctx, out, &e.storage_key, gs),
        Structured::Procedure(steps) => push_procedure(ctx, out, &e.storage_key, steps),
        Structured::Succession(chain) => push_succession(ctx, out, chain),
        Structured::AssemblyRules(rules) => push_assembly_rules(ctx, out, rules),
        Structured::Form(sections) => push_form(ctx, out, sections),
    }
    out.push_str("</div>\n");
}

fn push_contacts(out: &mut String, cs: &[Contact]) {
    out.push_str("<ul class=\"contacts\">\n");
    for c in cs {
        out.push_str("<li class=\"contact\">");
        out.push_str("<p class=\"contact-name\">");
        push_esc(out, &c.name);
        out.push_str("</p>");
        let org: Vec<&str> = [c.organization.as_str(), c.role.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !org.is_empty() {
            out.push_str("<p class=\"contact-org\">");
            push_esc(out, &org.join("・"));
            out.push_str("</p>");
        }
        if !c.phones.is_empty() {
            out.push_str("<ul class=\"phones\">");
            for p in &c.phones {
                // One button per number; each shows its part of the field
                // as written, so what is dialled can be read before the tap.
                for d in &p.dial {
                    out.push_str("<li><a class=\"tel\" href=\"");
                    push_esc(out, &d.tel_uri());
                    out.push_str("\">");
                    if !p.label.is_empty() {
                        out.push_str("<span class=\"tel-label\">");
                        push_esc(out, &p.label);
                        out.push_str("</span> ");
                    }
                    out.push_str("<span class=\"tel-number\">");
                    push_esc(out, &d.written);
                    out.push_str("</span></a></li>");
                }
            }
            out.push_str("</ul>");
        }
        if !c.email.is_empty() {
            out.push_str("<p class=\"contact-email\"><a href=\"mailto:");
            push_esc(out, &c.email);
            out.push_str("\">");
            push_esc(out, &c.email);
            out.push_str("</a></p>");
        }
        if !c.notes.is_empty() {
            out.push_str("<p class=\"contact-notes\">");
            push_esc(out, &c.notes);
            out.push_str("</p>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// The box, its text and who does it, in one label so the whole row is the tap target.
fn push_check(
    ctx: &Ctx,
    out: &mut String,
    key: &str,
    i: usize,
    text: &[Inline],
    by: Option<&RoleRef>,
) {
    out.push_str("<li class=\"check\"><label><input type=\"checkbox\" data-key=\"");
    push_esc(out, &format!("{key}:{i}"));
    out.push_str("\"> <span class=\"check-text\">");
    push_inlines(ctx, out, text);
    out.push_str("</span>");
    if let Some(r) = by {
        push_by(out, r);
    }
    out.push_str("</label>");
    // Outside the label: a tap on a number must not tick the box.
    push_role_calls(ctx, out, text, by);
    out.push_str("</li>\n");
}

/// Buttons for the role doing the item (`by:`) and any role its text names.
fn push_role_calls(ctx: &Ctx, out: &mut String, text: &[Inline], by: Option<&RoleRef>) {
    if ctx.calls.is_empty() {
        return;
    }
    let plain = crate::model::plain_text(text);
    let mut roles: Vec<&str> = by.map(|r| r.id()).into_iter().collect();
    for r in ctx.calls.mentioned(&plain) {
        if !roles.contains(&r) {
            roles.push(r);
        }
    }
    ctx.calls.push_buttons(out, &roles, true);
}

fn push_by(out: &mut String, r: &RoleRef) {
    out.push_str(" <span class=\"by\">担当：");
    push_esc(out, r.name());
    out.push_str("</span>");
}

fn open_ticks(out: &mut String, key: &str, total: usize) {
    out.push_str("<div class=\"ticks\" data-storage=\"");
    push_esc(out, key);
    let _ = writeln!(
        out,
        "\" data-total=\"{total}\">\n<div class=\"tick-bar\"><p class=\"progress\" aria-live=\"polite\">0 / {total} 完了</p><button type=\"button\" class=\"reset\">リセット</button></div>"
    );
}

fn push_checklist(ctx: &Ctx, out: &mut String, key: &str, groups: &[CheckGroup]) {
    let total = groups.iter().map(|g| g.items.len()).sum();
    open_ticks(out, key, total);
    let mut i = 0;
    for g in groups {
        out.push_str("<div class=\"check-group\"><p class=\"group-title\">");
        push_esc(out, &g.title);
        if let Some(w) = &g.when {
            out.push_str(" <span class=\"when\">");
            push_esc(out, w);
            out.push_str("</span>");
        }
        out.push_str("</p>\n<ul class=\"checks\">\n");
        for item in &g.items {
            push_check(ctx, out, key, i, &item.text, item.by.as_ref());
            i += 1;
        }
        out.push_str("</ul></div>\n");
    }
    out.push_str("</div>\n");
}

/// Steps are numbered; their checks get tick boxes. A step without checks
/// gets one box for the step itself, so every step can be marked done.
fn push_procedure(ctx: &Ctx, out: &mut String, key: &str, steps: &[Step]) {
    let total = steps.iter().map(|s| s.checks.len().max(1)).sum();
    open_ticks(out, key, total);
    out.push_str("<ol class=\"steps\">\n");
    let mut i = 0;
    for s in steps {
        out.push_str("<li class=\"step\"><p class=\"step-title\">");
        push_esc(out, &s.title);
        if let Some(r) = &s.by {
            push_by(out, r);
        }
        out.push_str("</p>\n");
        push_role_calls(ctx, out, &[Inline::Text(s.title.clone())], s.by.as_ref());
        if !s.actions.is_empty() {
            out.push_str("<ol class=\"actions\">");
            for a in &s.actions {
                out.push_str("<li>");
                push_inlines(ctx, out, a);
                push_calls(ctx, out, a);
                out.push_str("</li>");
            }
            out.push_str("</ol>\n");
        }
        if let Some(c) = &s.caution {
            out.push_str("<div class=\"caution\" role=\"note\"><strong>注意</strong> ");
            push_inlines(ctx, out, c);
            push_calls(ctx, out, c);
            out.push_str("</div>\n");
        }
        out.push_str("<ul class=\"checks\">\n");
        if s.checks.is_empty() {
            push_check(
                ctx,
                out,
                key,
                i,
                &[Inline::Text("この手順を終えた".into())],
                None,
            );
            i += 1;
        }
        for c in &s.checks {
            push_check(ctx, out, key, i, c, None);
            i += 1;
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ol></div>\n");
}

fn push_succession(ctx: &Ctx, out: &mut String, chain: &[SuccessionEntry]) {
    out.push_str("<ol class=\"succession\">\n");
    for e in chain {
        let _ = write!(out, "<li value=\"{}\"><span class=\"role\">", e.order);
        push_esc(out, e.role.name());
        out.push_str("</span>");
        if !e.holder.is_empty() {
            out.push('（');
            push_esc(out, &e.holder);
            out.push('）');
        }
        // The order itself lists the deputies: each entry its own numbers.
        ctx.calls.push_buttons(out, &[e.role.id()], false);
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

/// Appends the assembly rules of the emergency headquarters.
pub fn push_assembly_rules(ctx: &Ctx, out: &mut String, rules: &[AssemblyRule]) {
    let share = rules.iter().any(|r| r.share.is_some());
    super::blocks::open_table_wrap(ctx, out, Some("参集基準"));
    out.push_str("<table class=\"assembly\">\n<thead><tr><th>事象</th><th>参集の基準</th><th>参集する職員</th>");
    if share {
        out.push_str("<th>参集割合</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in rules {
        out.push_str("<tr>");
        for cell in [&r.event, &r.condition, &r.who] {
            out.push_str("<td>");
            push_esc(out, cell);
            out.push_str("</td>");
        }
        if share {
            out.push_str("<td>");
            push_esc(out, r.share.as_deref().unwrap_or(""));
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
}

fn push_form(ctx: &Ctx, out: &mut String, sections: &[FormSection]) {
    out.push_str("<div class=\"form\">\n");
    for s in sections {
        out.push_str("<section class=\"form-section\">");
        if let Some(t) = &s.title {
            out.push_str("<p class=\"form-title\">");
            push_esc(out, t);
            out.push_str("</p>");
        }
        out.push_str("\n<dl class=\"fields\">\n");
        for f in &s.fields {
            push_field(ctx, out, f);
        }
        out.push_str("</dl></section>\n");
    }
    out.push_str("</div>\n");
}

/// A field as paper shows it: the label, then room to write or boxes to tick.
fn push_field(ctx: &Ctx, out: &mut String, f: &FormField) {
    out.push_str("<div class=\"field\"><dt>");
    push_esc(out, &f.label);
    out.push_str("</dt><dd>");
    match &f.kind {
        // A span cannot carry a name of its own (aria-prohibited-attr): the
        // blank's name is hidden text a screen reader reads.
        FieldKind::Text => out.push_str("<span class=\"blank\"><span class=\"vh\">記入欄</span></span>"),
        FieldKind::Date => out.push_str("<span class=\"blank short\"></span>年<span class=\"blank tiny\"></span>月<span class=\"blank tiny\"></span>日"),
        FieldKind::Time => out.push_str("<span class=\"blank tiny\"></span>時<span class=\"blank tiny\"></span>分"),
        FieldKind::Checkbox => out.push_str("<span class=\"box\" role=\"img\" aria-label=\"チェック欄\">□</span>"),
        FieldKind::Choice(choices) => {
            out.push_str("<ul class=\"choices\">");
            for c in choices {
                out.push_str("<li><span class=\"box\">□</span> ");
                push_esc(out, c);
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        FieldKind::Lines(lines) => {
            for _ in 0..(*lines).clamp(1, crate::limits::MAX_FORM_LINES) {
                out.push_str("<span class=\"blank line\"></span>");
            }
        }
    }
    // A field naming whom to report to (報告先) gets its numbers.
    ctx.calls.push_for_text(out, &f.label);
    out.push_str("</dd></div>\n");
}
