//! Site-wide rules checked on the finished model: what is overdue.
//! (Field-level rules are checked where the field is read, with its line.)

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Site;

/// Warnings of a loaded site: overdue reviews and trainings (SPEC §2, 6(2), 6(4)).
/// `check --strict` turns them into errors.
pub fn warnings(site: &Site) -> Diagnostics {
    let mut out = Diagnostics::default();
    let today = site.build_date;
    for d in &site.documents {
        if d.overdue(today) {
            out.push(
                Diagnostic::warning(
                    &d.source,
                    format!(
                        "文書「{}」（{}）の見直し期限 {} を過ぎています（最後の承認・見直し {}、間隔 {}か月）",
                        d.title,
                        d.id,
                        d.next_review().iso(),
                        d.last_reviewed().iso(),
                        d.review_interval_months
                    ),
                )
                .field("revisions"),
            );
        }
        if !d.approved() {
            out.push(
                Diagnostic::warning(&d.source, format!("文書「{}」（{}）に未承認の変更があります（最新の承認 {} の後に内容が変わりました）", d.title, d.id, d.latest().version))
                    .field("revisions"),
            );
        }
    }
    for t in &site.trainings {
        if t.overdue(today) {
            let msg = match t.next_due() {
                Some(due) => format!("訓練「{}」の実施期限 {} を過ぎています", t.name, due.iso()),
                None => format!(
                    "訓練「{}」の実施記録がありません（{}か月ごとに実施）",
                    t.name, t.frequency_months
                ),
            };
            out.push(
                Diagnostic::warning("trainings.yaml", msg)
                    .field(format!("trainings.{}.records", t.id)),
            );
        }
    }
    out
}
