//! `bcp` fenced blocks read (SPEC §3): the YAML parsed with lines, the kind
//! and its keys checked. What the block places is the resolve pass's work
//! (`resolve::embed`): most kinds print facts from elsewhere in the site.

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use super::draft::{Draft, Embed, EmbedKind};
use super::parse::P;
use crate::diag::Diagnostic;
use crate::source::data_type::{read_shape, DataYaml};
use crate::source::yaml::{self, Yaml};

/// A scalar as text.
pub fn scalar(v: Option<&Value>) -> Option<String> {
    v.and_then(|v| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

impl P<'_, '_> {
    /// The `bcp` block whose YAML `code` starts on `line`.
    pub(super) fn embed(&mut self, code: &str, line: usize) -> Option<Draft> {
        let y = match yaml::parse(code, self.file, line) {
            Ok(y) => y,
            Err(d) => {
                self.st.diags.push(d);
                return None;
            }
        };
        let Some(map) = y.value.as_mapping().cloned() else {
            self.error(
                line,
                "bcp ブロックには「embed: 種類」から始まる項目の組を書いてください",
            );
            return None;
        };
        let Some(name) = scalar(map.get("embed")) else {
            self.error_at(
                line,
                format!(
                    "bcp ブロックに embed: がありません（使える種類: {}）",
                    EmbedKind::names()
                ),
                Some("embed"),
                None,
            );
            return None;
        };
        let Some(kind) = EmbedKind::parse(&name) else {
            let l = y.lines.line("embed");
            self.st.diags.push(
                Diagnostic::error(
                    self.file,
                    format!(
                        "知らない埋め込みの種類です（使える種類: {}）",
                        EmbedKind::names()
                    ),
                )
                .at(l)
                .field("embed")
                .value(&name),
            );
            return None;
        };
        let data = match kind {
            EmbedKind::Data(ty) => match DataYaml::read(ty, &y, &map, &["embed", "caption"]) {
                Ok(data) => Some(data),
                Err(d) => {
                    self.st.diags.push(d);
                    return None;
                }
            },
            _ => {
                self.check_keys(&y, &map, kind);
                None
            }
        };
        Some(Draft::Embed(Embed {
            kind,
            caption: scalar(map.get("caption")),
            yaml: y,
            map,
            data,
            depth: self.st.depth,
        }))
    }

    /// The keys of the embeds that place site facts or text: their shapes
    /// are checked as the structured types' are ([`read_shape`]); what the
    /// values mean is the resolve pass's question.
    fn check_keys(&mut self, y: &Yaml, map: &Mapping, kind: EmbedKind) {
        let around = &["embed", "caption"];
        let checked = match kind {
            EmbedKind::Table => read_shape::<TableKeys>(y, map, around).map(drop),
            EmbedKind::Roles | EmbedKind::Structure => {
                read_shape::<ModeKeys>(y, map, around).map(drop)
            }
            EmbedKind::Document => read_shape::<IdKeys>(y, map, around).map(drop),
            EmbedKind::Documents => read_shape::<KindKeys>(y, map, around).map(drop),
            EmbedKind::Trainings | EmbedKind::Glossary => {
                read_shape::<NoKeys>(y, map, around).map(drop)
            }
            EmbedKind::Data(_) => Ok(()),
        };
        if let Err(d) = checked {
            self.st.diags.push(d);
        }
    }
}

/// `embed: table`'s keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Only the keys are checked here.
struct TableKeys {
    columns: Option<IgnoredAny>,
    rows: Option<IgnoredAny>,
    widths: Option<IgnoredAny>,
}

/// `embed: roles` and `embed: structure`'s keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Only the keys are checked here.
struct ModeKeys {
    mode: Option<IgnoredAny>,
}

/// `embed: document`'s keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Only the keys are checked here.
struct IdKeys {
    id: Option<IgnoredAny>,
}

/// `embed: documents`' keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Only the keys are checked here.
struct KindKeys {
    kind: Option<IgnoredAny>,
}

/// The keys of `embed: trainings` and `embed: glossary`: none of their own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoKeys {}
