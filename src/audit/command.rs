//! `bcpgen audit [--content DIR] [--date D] [--strict]`: loads the site (all
//! documents), prints the audit table on stdout and the problems of the
//! sources on stderr. Exit 0; 1 when the sources are invalid, or with
//! `--strict` when an item is neither covered nor declared out of scope.

use std::path::Path;

use crate::model::{Date, Edition};

/// Runs the command; returns the exit code.
pub fn run(content: &Path, today: Date, strict: bool) -> u8 {
    let shown = content.display().to_string();
    let loaded = match crate::load(&crate::LoadOptions {
        content,
        shown: &shown,
        today,
        edition: Edition::Staff,
    }) {
        Ok(l) => l,
        Err(diags) => {
            for d in &diags.0 {
                eprintln!("{d}");
            }
            eprintln!("エラー {} 件", diags.errors().count());
            return 1;
        }
    };
    for d in &loaded.warnings.0 {
        eprintln!("{d}");
    }
    let site = &loaded.site;
    let Some(mut audit) = site.audit.clone() else {
        return 0;
    };
    if !audit.declared {
        audit.suggest(site);
    }
    let audit = &audit;
    let heading = format!(
        "{} — {}（{} 現在）",
        site.config.title,
        super::report::TITLE,
        site.format_date(site.build_date)
    );
    print!("{}", super::report::table(audit, &heading));
    let gaps = audit.gaps();
    if strict && gaps > 0 {
        eprintln!(
            "--strict: 対応の宣言も対象外の宣言もない項目が {gaps} 件あります（content/coverage.yaml に宣言してください）"
        );
        return 1;
    }
    0
}
