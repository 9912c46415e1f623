//! site.yaml, organization.yaml, glossary.yaml and trainings.yaml → model.

use serde_yaml::Value;

use super::files::TextFile;
use super::raw::*;
use super::yaml::{self, typed, Yaml};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;

/// Parses a YAML file of the content folder; a syntax error is pushed to `diags`.
pub fn parse_yaml_file(f: &TextFile, diags: &mut Diagnostics) -> Option<Yaml> {
    match yaml::parse(&f.text, &f.display, 1) {
        Ok(y) => Some(y),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

fn err(y: &Yaml, field: &str, value: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(&y.file, message)
        .at(y.lines.line(field))
        .field(field)
        .value(value)
}

/// The six incidents of the plan, used when site.yaml lists none. Generic
/// categories (SPEC §2), not one ward's words.
fn default_incidents() -> Vec<Incident> {
    [
        ("earthquake", "地震", "地震"),
        ("flood", "風水害", "風水害"),
        ("security", "情報セキュリティ事象", "情報セキュリティ"),
        (
            "disaster-accident",
            "自然災害・大規模事故",
            "自然災害・事故",
        ),
        (
            "attack-terror",
            "武力攻撃事態・緊急対処事態（テロ等）",
            "武力攻撃・テロ",
        ),
        (
            "pandemic",
            "新型インフルエンザ等・健康危機",
            "感染症・健康危機",
        ),
    ]
    .into_iter()
    .map(|(id, name, short)| Incident {
        id: id.into(),
        name: name.into(),
        short: short.into(),
    })
    .collect()
}

/// organization.yaml's roles and mode charts, checked: problems go to
/// `diags`; None only when the file does not have organization.yaml's shape.
pub fn organization(y: &Yaml, diags: &mut Diagnostics) -> Option<Organization> {
    let raw: OrganizationYaml = typed(y, &y.value, "").map_err(|d| diags.push(d)).ok()?;
    let mut org = Organization::default();
    let mut seen = std::collections::HashSet::new();
    for (i, r) in raw.roles.iter().enumerate() {
        let at = format!("roles[{i}].id");
        if !valid_id(&r.id) {
            diags.push(err(
                y,
                &at,
                &r.id,
                format!("役割の id は英小文字・数字・ハイフンで、{MAX_ID_CHARS} 文字までで書いてください"),
            ));
        }
        if !seen.insert(r.id.clone()) {
            diags.push(err(y, &at, &r.id, "役割の id が重複しています"));
        }
        org.roles.push(Role {
            id: r.id.clone(),
            name: r.name.clone(),
            holder: r.holder.clone(),
            deputies: vec![],
        });
    }
    for (i, r) in raw.roles.iter().enumerate() {
        for (j, d) in r.deputies.iter().enumerate() {
            match org.role(d).map(Role::to_ref) {
                Some(dr) if dr.id() != r.id => org.roles[i].deputies.push(dr),
                Some(_) => diags.push(err(
                    y,
                    &format!("roles[{i}].deputies[{j}]"),
                    d,
                    "自分自身を代行者にはできません",
                )),
                None => diags.push(err(
                    y,
                    &format!("roles[{i}].deputies[{j}]"),
                    d,
                    "代行者が roles にありません",
                )),
            }
        }
    }
    for (key, v) in &raw.modes {
        let key = key.as_str().unwrap_or_default().to_string();
        let base = format!("modes.{key}");
        let Ok(m) = typed::<ModeYaml>(y, v, &base).map_err(|d| diags.push(d)) else {
            continue;
        };
        let mut units: Vec<Unit> = Vec::new();
        // For each unit kept, its index in the file's list.
        let mut written_at: Vec<usize> = Vec::new();
        for (i, u) in m.units.iter().enumerate() {
            let at = format!("{base}.units[{i}]");
            let (id, role, name, holder) = match (&u.role, &u.name) {
                (Some(role), _) => match org.role(role) {
                    Some(r) => (
                        r.id.clone(),
                        Some(r.to_ref()),
                        u.name.clone().unwrap_or(r.name.clone()),
                        Some(r.holder.clone()),
                    ),
                    None => {
                        diags.push(err(y, &format!("{at}.role"), role, "roles にない役割です"));
                        continue;
                    }
                },
                (None, Some(name)) => (
                    u.id.clone().unwrap_or_else(|| name.clone()),
                    None,
                    name.clone(),
                    None,
                ),
                (None, None) => {
                    diags.push(
                        Diagnostic::error(
                            &y.file,
                            "体制の各行には role:（役割の id）か name:（組織の名前）が必要です",
                        )
                        .at(y.lines.line(&at))
                        .field(at),
                    );
                    continue;
                }
            };
            let label = u.label.clone().unwrap_or_else(|| match &holder {
                Some(h) if h != &name => format!("{name}（{h}）"),
                _ => name.clone(),
            });
            written_at.push(i);
            units.push(Unit {
                id,
                role,
                label,
                name,
                holder,
                summary: u.summary.clone().unwrap_or_default(),
                duties: u.duties.clone(),
                hq_relation: u.hq_relation.clone(),
                reports_to: None,
            });
        }
        // Resolve reports_to within the mode, and refuse cycles. Units that
        // failed above are not in `units`: `written_at` maps back to the file.
        for (ui, &i) in written_at.iter().enumerate() {
            let Some(to) = &m.units[i].reports_to else {
                continue;
            };
            let at = format!("{base}.units[{i}].reports_to");
            match units.iter().position(|x| &x.id == to) {
                Some(p) => units[ui].reports_to = Some(p),
                None => diags.push(err(y, &at, to, "reports_to が同じ体制の units にありません（役割の id か組織の id を書いてください）")),
            }
        }
        for start in 0..units.len() {
            let mut cur = Some(start);
            let mut steps = 0;
            while let Some(c) = cur {
                cur = units[c].reports_to;
                steps += 1;
                if steps > units.len() {
                    diags.push(err(
                        y,
                        &format!("{base}.units[{}].reports_to", written_at[start]),
                        &units[start].id,
                        "reports_to が循環しています",
                    ));
                    units[start].reports_to = None;
                    break;
                }
            }
        }
        org.modes.push(Mode {
            key,
            title: m.title,
            units,
        });
    }
    Some(org)
}

/// The longest id: a document's id names its output files (`<id>.html`,
/// `<id>.pdf`, and the temporary names written beside them), and a file
/// name longer than the file system allows fails only when writing.
pub const MAX_ID_CHARS: usize = 64;

/// `[a-z0-9-]+`, at most [`MAX_ID_CHARS`] characters.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// site.yaml's settings, checked against the roles: problems go to
/// `diags`; None only when the file does not have site.yaml's shape.
pub fn site_config(y: &Yaml, org: &Organization, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let raw: SiteYaml = typed(y, &y.value, "").map_err(|d| diags.push(d)).ok()?;
    let dates = match raw.dates.as_deref() {
        None | Some("wareki") => DateStyle::Wareki,
        Some("iso") => DateStyle::Iso,
        Some(other) => {
            diags.push(err(y, "dates", other, "dates は wareki か iso です"));
            DateStyle::Wareki
        }
    };
    let tokens = raw.numbering.unwrap_or_else(|| {
        ["1", "(1)", "ア", "(ア)", "a", "(a)"]
            .map(String::from)
            .to_vec()
    });
    let mut numbering = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match NumberStyle::parse(t) {
            Some(s) => numbering.push(s),
            None => diags.push(err(
                y,
                &format!("numbering[{i}]"),
                t,
                "番号の形式は 1, (1), ア, (ア), a, (a) のどれかです",
            )),
        }
    }
    let mut approval = Vec::new();
    match &raw.approval {
        Value::Mapping(m) => {
            for (k, v) in m {
                let k = k.as_str().unwrap_or_default();
                let at = format!("approval.{k}");
                let Some(kind) = Kind::parse(k) else {
                    diags.push(err(y, &at, k, "文書の種類は plan, manual, list, procedure, diagram, form, guide のどれかです"));
                    continue;
                };
                let role = v.as_str().unwrap_or_default();
                match org.role(role) {
                    Some(r) => approval.push((kind, r.to_ref())),
                    None => diags.push(err(y, &at, role, "organization.yaml にない役割です")),
                }
            }
        }
        _ => diags.push(err(
            y,
            "approval",
            "",
            "approval は「文書の種類: 役割の id」の組で書いてください",
        )),
    }
    let incidents = match raw.incidents {
        None => default_incidents(),
        Some(list) => {
            let mut out = Vec::new();
            for (i, inc) in list.into_iter().enumerate() {
                if !valid_id(&inc.id) {
                    diags.push(err(
                        y,
                        &format!("incidents[{i}].id"),
                        &inc.id,
                        format!("事象の id は英小文字・数字・ハイフンで、{MAX_ID_CHARS} 文字までで書いてください"),
                    ));
                }
                let short = inc.short.unwrap_or_else(|| inc.name.clone());
                out.push(Incident {
                    id: inc.id,
                    name: inc.name,
                    short,
                });
            }
            out
        }
    };
    let review = raw.review_interval_months.unwrap_or(12);
    if let Some(m) = crate::model::date::interval_error(review) {
        diags.push(err(y, "review_interval_months", &review.to_string(), m));
    }
    let mut compare =
        super::compare_config::parse(y, raw.compare_columns, raw.approval_route, org, diags);
    compare.history = raw.history;
    Some(SiteConfig {
        organization: OrgInfo {
            name: raw.organization.name,
            department: raw.organization.department,
            address: raw.organization.address,
            phone: raw.organization.phone,
            editor: raw.organization.editor,
        },
        title: raw.title,
        dates,
        numbering,
        review_interval_months: review.max(1),
        approval,
        allow_raw_html: raw.allow_raw_html,
        incidents,
        compare,
    })
}

/// A `YYYY-MM-DD` date at YAML path `at`; pushes an error when it is invalid or after `today`.
pub fn date(y: &Yaml, at: &str, s: &str, today: Date, diags: &mut Diagnostics) -> Option<Date> {
    match Date::parse_iso(s) {
        None => {
            diags.push(err(
                y,
                at,
                s,
                "日付は実在する日を YYYY-MM-DD で書いてください",
            ));
            None
        }
        Some(d) if d > today => {
            diags.push(err(
                y,
                at,
                s,
                format!("日付がビルド日（{}）より後です", today.iso()),
            ));
            Some(d)
        }
        Some(d) => Some(d),
    }
}

/// trainings.yaml's trainings, checked; errors are pushed to `diags`.
pub fn trainings(y: &Yaml, today: Date, diags: &mut Diagnostics) -> Vec<Training> {
    let Ok(raw) = typed::<TrainingsYaml>(y, &y.value, "").map_err(|d| diags.push(d)) else {
        return vec![];
    };
    let mut out: Vec<Training> = Vec::new();
    for (i, t) in raw.trainings.into_iter().enumerate() {
        if out.iter().any(|o| o.id == t.id) {
            diags.push(err(
                y,
                &format!("trainings[{i}].id"),
                &t.id,
                "訓練の id が重複しています",
            ));
        }
        if let Some(m) = crate::model::date::interval_error(t.frequency_months) {
            diags.push(err(
                y,
                &format!("trainings[{i}].frequency_months"),
                &t.frequency_months.to_string(),
                m,
            ));
        }
        let mut records: Vec<TrainingRecord> = Vec::new();
        for (j, r) in t.records.into_iter().enumerate() {
            let at = format!("trainings[{i}].records[{j}].date");
            if let Some(d) = date(y, &at, &r.date, today, diags) {
                if records.last().is_some_and(|l| l.date > d) {
                    diags.push(err(y, &at, &r.date, "実施記録は古い順に書いてください"));
                }
                records.push(TrainingRecord {
                    date: d,
                    summary: r.summary,
                });
            }
        }
        out.push(Training {
            id: t.id,
            name: t.name,
            description: t.description,
            participants: t.participants,
            frequency_months: t.frequency_months.max(1),
            timing: t.timing,
            records,
        });
    }
    out
}

/// Glossary terms; descriptions are converted to blocks by the caller.
pub fn glossary(y: &Yaml, diags: &mut Diagnostics) -> Vec<(TermYaml, usize)> {
    let Ok(raw) = typed::<GlossaryYaml>(y, &y.value, "").map_err(|d| diags.push(d)) else {
        return vec![];
    };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, t) in raw.terms.into_iter().enumerate() {
        let at = format!("terms[{i}]");
        let latin = t
            .term
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if !latin && t.reading.as_deref().is_none_or(str::is_empty) {
            diags.push(err(
                y,
                &format!("{at}.reading"),
                &t.term,
                "英字以外で始まる用語には reading（よみがな）が必要です",
            ));
        }
        if let Some(r) = &t.reading {
            if !r.chars().all(|c| {
                ('\u{3041}'..='\u{309F}').contains(&c) || ('\u{30A1}'..='\u{30FC}').contains(&c)
            }) {
                diags.push(err(
                    y,
                    &format!("{at}.reading"),
                    r,
                    "reading はひらがな（またはカタカナ）で書いてください",
                ));
            }
        }
        if !seen.insert(t.term.clone()) {
            diags.push(err(
                y,
                &format!("{at}.term"),
                &t.term,
                "用語が重複しています",
            ));
        }
        let line = y.lines.line(&format!("{at}.description")).unwrap_or(1);
        out.push((t, line));
    }
    out
}
