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
                        "文書「{}」（{}）の見直し期限 {} を過ぎています（最後の承認・見直し {}、間隔 {}か月）。{}",
                        d.title,
                        d.id,
                        d.next_review().iso(),
                        d.last_reviewed().iso(),
                        d.review_interval_months,
                        remedy_overdue(&d.id)
                    ),
                )
                .field("revisions"),
            );
        }
        if !d.approved() {
            out.push(
                Diagnostic::warning(&d.source, format!(
                    "文書「{}」（{}）に未承認の変更があります（最新の承認 {} の後に内容が変わりました）。{}",
                    d.title,
                    d.id,
                    d.latest().version,
                    remedy_changed(&d.id)
                ))
                    .field("revisions"),
            );
        }
    }
    for t in &site.trainings {
        if t.overdue(today) {
            let msg = match t.next_due() {
                Some(due) => format!("訓練「{}」の実施期限 {} を過ぎています（実施したら trainings.yaml の records に追記）", t.name, due.iso()),
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

/// What to do about an overdue document: a review without change, or a new version.
fn remedy_overdue(id: &str) -> String {
    format!("見直して変更がなければ bcpgen review {id} --reviewer 役割 --result 結果、変更したら bcpgen approve {id} で記録してください")
}

/// What to do about content changed after its approval.
fn remedy_changed(id: &str) -> String {
    format!("承認者が内容を確かめて bcpgen approve {id} --approver 役割 --version 版 --summary 改訂内容 で承認してください")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn site(doc_date: Date, approval: Approval, reviews: Vec<Review>) -> Site {
        let role = RoleRef::new("computer-manager", "電算機管理者");
        let doc = Document {
            id: "guide".into(),
            title: "留意事項".into(),
            kind: Kind::Guide,
            incident: None,
            classification: Classification::Internal,
            order: 0,
            revisions: Revisions::one(Revision {
                version: "初版".into(),
                date: doc_date,
                approver: role.clone(),
                summary: String::new(),
                fingerprint: None,
            }),
            reviews,
            review_interval_months: 12,
            sample: false,
            body: vec![],
            fingerprint: "0".repeat(64),
            approval,
            imprint: Imprint::default(),
            source: SourcePath::new("content", "guide.md"),
        };
        let mut s = Site::for_tests();
        s.config.title = String::new();
        s.config.dates = DateStyle::Iso;
        s.documents = vec![doc];
        s
    }

    #[test]
    fn overdue_and_changed_documents_warn_with_the_command_that_fixes_them() {
        let old = Date::parse_iso("2025-01-10").unwrap();
        let w = warnings(&site(old, Approval::Unverified, vec![]));
        assert_eq!(w.0.len(), 1);
        assert!(
            w.0[0]
                .to_string()
                .contains("見直し期限 2026-01-10 を過ぎています"),
            "{}",
            w.0[0]
        );
        assert!(
            w.0[0].to_string().contains("bcpgen review guide"),
            "{}",
            w.0[0]
        );

        // A review inside the interval ends it; an unverified approval is no warning.
        let reviewer = RoleRef::new("computer-manager", "電算機管理者");
        let review = Review {
            date: Date::parse_iso("2026-02-01").unwrap(),
            reviewer,
            result: "変更なし".into(),
            fingerprint: None,
        };
        assert!(warnings(&site(old, Approval::Unverified, vec![review]))
            .0
            .is_empty());

        let recent = Date::parse_iso("2026-04-01").unwrap();
        let w = warnings(&site(recent, Approval::Changed, vec![]));
        assert_eq!(w.0.len(), 1);
        assert!(
            w.0[0]
                .to_string()
                .contains("（guide）に未承認の変更があります"),
            "{}",
            w.0[0]
        );
        assert!(
            w.0[0].to_string().contains("bcpgen approve guide"),
            "{}",
            w.0[0]
        );
        assert!(warnings(&site(recent, Approval::Approved, vec![]))
            .0
            .is_empty());
    }
}
