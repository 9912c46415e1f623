//! site.yaml's `compare_columns` and `approval_route` → [`CompareConfig`].

use super::raw::RouteStageYaml;
use super::yaml::Yaml;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{CompareColumn, CompareConfig, Organization, RouteStage, ROUTE_STAGES};

fn err(y: &Yaml, field: &str, value: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(&y.file, message)
        .at(y.lines.line(field))
        .field(field)
        .value(value)
}

/// Checks both fields; a wrong one is reported and its default used.
pub fn parse(
    y: &Yaml,
    columns: Option<Vec<String>>,
    route: Option<Vec<RouteStageYaml>>,
    org: &Organization,
    diags: &mut Diagnostics,
) -> CompareConfig {
    let mut config = CompareConfig::default();
    if let Some(names) = columns {
        let parsed: Vec<Option<CompareColumn>> =
            names.iter().map(|n| CompareColumn::parse(n)).collect();
        for (i, (name, col)) in names.iter().zip(&parsed).enumerate() {
            if col.is_none() {
                diags.push(err(
                    y,
                    &format!("compare_columns[{i}]"),
                    name,
                    "compare_columns に書けるのは new（改定後）, old（改定前）, note（備考）です",
                ));
            }
        }
        let cols: Vec<CompareColumn> = parsed.into_iter().flatten().collect();
        let all_once = cols.len() == 3
            && [CompareColumn::New, CompareColumn::Old, CompareColumn::Note]
                .iter()
                .all(|c| cols.contains(c));
        if all_once {
            config.columns = [cols[0], cols[1], cols[2]];
        } else if cols.len() == names.len() {
            diags.push(err(
                y,
                "compare_columns",
                &names.join(", "),
                "compare_columns は new, old, note を1回ずつ並べてください（例: [new, old, note]）",
            ));
        }
    }
    if let Some(stages) = route {
        let mut out = Vec::new();
        for (i, s) in stages.iter().enumerate() {
            if !ROUTE_STAGES.contains(&s.stage.as_str()) {
                diags.push(err(
                    y,
                    &format!("approval_route[{i}].stage"),
                    &s.stage,
                    format!("stage は {} のどれかです", ROUTE_STAGES.join("・")),
                ));
                continue;
            }
            match org.role(&s.role) {
                Some(r) => out.push(RouteStage {
                    stage: s.stage.clone(),
                    role: r.to_ref(),
                }),
                None => diags.push(err(
                    y,
                    &format!("approval_route[{i}].role"),
                    &s.role,
                    "organization.yaml にない役割です",
                )),
            }
        }
        for once in ["起案", "決裁"] {
            if stages.iter().filter(|s| s.stage == once).count() > 1 {
                diags.push(err(
                    y,
                    "approval_route",
                    once,
                    format!("approval_route の {once} は1つだけにしてください"),
                ));
            }
        }
        if stages.is_empty() {
            diags.push(err(
                y,
                "approval_route",
                "",
                "approval_route には少なくとも1つの段階（stage と role）を書いてください",
            ));
        }
        config.route = Some(out);
    }
    config
}
