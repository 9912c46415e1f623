//! The structured types of SPEC §4, named once: a YAML document's `type:`,
//! a `bcp` block's `embed:` for data and the name the HTML class prints all
//! come from [`DataType`]; the keys each type reads, and the refusal of any
//! other key, come from its serde shape in [`DataYaml`].

use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use super::raw::{
    AssemblyRuleYaml, CheckGroupYaml, ContactYaml, FormFieldYaml, FormSectionYaml, StepYaml,
    SuccessionYaml,
};
use super::yaml::{typed, Yaml};
use super::yaml_ja::ALLOWED_KEYS;
use crate::diag::Diagnostic;

/// One structured type (SPEC §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataType {
    /// Contact list (`entries`).
    Contacts,
    /// Check groups (`groups`).
    Checklist,
    /// Numbered steps (`steps`).
    Procedure,
    /// Succession chain of a role (`chain`, `role`).
    Succession,
    /// Who assembles when (`rules`).
    AssemblyRules,
    /// A paper form to fill in (`fields`, `sections`).
    Form,
    /// A drawn diagram (`diagram` and the keys of its kind).
    Diagram,
}

impl DataType {
    /// Every type, in the order messages list them.
    pub const ALL: [DataType; 7] = [
        DataType::Contacts,
        DataType::Checklist,
        DataType::Procedure,
        DataType::Succession,
        DataType::AssemblyRules,
        DataType::Form,
        DataType::Diagram,
    ];

    /// SPEC's name (`assembly-rules`), the one place it is written.
    pub fn name(self) -> &'static str {
        match self {
            DataType::Contacts => "contacts",
            DataType::Checklist => "checklist",
            DataType::Procedure => "procedure",
            DataType::Succession => "succession",
            DataType::AssemblyRules => "assembly-rules",
            DataType::Form => "form",
            DataType::Diagram => "diagram",
        }
    }

    /// The type SPEC names `name`, if any.
    pub fn parse(name: &str) -> Option<DataType> {
        DataType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Every name, for messages listing what may be written.
    pub fn names() -> Vec<&'static str> {
        DataType::ALL.iter().map(|t| t.name()).collect()
    }
}

/// The data of one structured type as written (SPEC §4): one variant per
/// [`DataType`], each a serde shape with `deny_unknown_fields`, so a typo in
/// a key is refused by one mechanism, naming the file, line and field.
pub enum DataYaml {
    /// `type: contacts`.
    Contacts(ContactsYaml),
    /// `type: checklist`.
    Checklist(ChecklistYaml),
    /// `type: procedure`.
    Procedure(ProcedureYaml),
    /// `type: succession`.
    Succession(SuccessionDataYaml),
    /// `type: assembly-rules`.
    AssemblyRules(AssemblyRulesYaml),
    /// `type: form`.
    Form(FormYaml),
    /// `type: diagram`: only its keys are checked here; the drawing code
    /// reads each diagram kind's own fields.
    Diagram(DiagramKeysYaml),
}

impl DataYaml {
    /// Reads the data of type `ty` from `map` (a YAML document or a `bcp`
    /// block in `yaml`), leaving out the keys in `around`: the document's
    /// metadata or the block's `embed:` and `caption:`.
    ///
    /// This dispatches on the already-checked [`DataType`] instead of
    /// deserializing a `#[serde(tag = "type")]` enum: serde buffers an
    /// internally tagged enum's content before it picks the variant, which
    /// loses the field path (`entries[2].phones`) every message names.
    pub fn read(
        ty: DataType,
        yaml: &Yaml,
        map: &Mapping,
        around: &[&str],
    ) -> Result<DataYaml, Diagnostic> {
        Ok(match ty {
            DataType::Contacts => DataYaml::Contacts(read_shape(yaml, map, around)?),
            DataType::Checklist => DataYaml::Checklist(read_shape(yaml, map, around)?),
            DataType::Procedure => DataYaml::Procedure(read_shape(yaml, map, around)?),
            DataType::Succession => DataYaml::Succession(read_shape(yaml, map, around)?),
            DataType::AssemblyRules => DataYaml::AssemblyRules(read_shape(yaml, map, around)?),
            DataType::Form => DataYaml::Form(read_shape(yaml, map, around)?),
            DataType::Diagram => DataYaml::Diagram(read_shape(yaml, map, around)?),
        })
    }

    /// The type this data is of.
    pub fn data_type(&self) -> DataType {
        match self {
            DataYaml::Contacts(_) => DataType::Contacts,
            DataYaml::Checklist(_) => DataType::Checklist,
            DataYaml::Procedure(_) => DataType::Procedure,
            DataYaml::Succession(_) => DataType::Succession,
            DataYaml::AssemblyRules(_) => DataType::AssemblyRules,
            DataYaml::Form(_) => DataType::Form,
            DataYaml::Diagram(_) => DataType::Diagram,
        }
    }
}

/// Reads the serde shape `T` (with `deny_unknown_fields`) from `map`,
/// leaving out the keys in `around` (a document's metadata, a `bcp` block's
/// `embed:` and `caption:`): the one check of which keys a block may hold.
pub fn read_shape<T: DeserializeOwned>(
    yaml: &Yaml,
    map: &Mapping,
    around: &[&str],
) -> Result<T, Diagnostic> {
    let own: Mapping = map
        .iter()
        .filter(|(k, _)| !around.contains(&k.as_str().unwrap_or_default()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    typed(yaml, &Value::Mapping(own), "").map_err(|mut d| {
        // The shape knows only its own keys; the ones around it are
        // allowed too, and a list without them would mislead.
        let top = d.field.as_deref().is_some_and(|f| !f.contains(['.', '[']));
        if top && d.message.starts_with("知らない項目") {
            let with = format!("{ALLOWED_KEYS}{}, ", around.join(", "));
            d.message = d.message.replacen(ALLOWED_KEYS, &with, 1);
        }
        d
    })
}

/// `contacts`: the contact list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactsYaml {
    /// The contacts, in order.
    pub entries: Vec<ContactYaml>,
}

/// `checklist`: groups of check items.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistYaml {
    /// The groups, in order.
    pub groups: Vec<CheckGroupYaml>,
}

/// `procedure`: numbered steps.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureYaml {
    /// The steps, in order.
    pub steps: Vec<StepYaml>,
}

/// `succession`: a role's chain drawn from organization.yaml (`role`), or
/// one written out (`chain`); `role` wins when both are given.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuccessionDataYaml {
    /// The role whose deputies form the chain.
    #[serde(default)]
    pub role: Option<String>,
    /// The chain as written.
    #[serde(default)]
    pub chain: Option<Vec<SuccessionYaml>>,
}

/// `assembly-rules`: who assembles when.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssemblyRulesYaml {
    /// The rules, in order.
    pub rules: Vec<AssemblyRuleYaml>,
}

/// `form`: fields, or sections of fields (`sections` wins when both are given).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormYaml {
    /// The fields of a form without sections.
    #[serde(default)]
    pub fields: Option<Vec<FormFieldYaml>>,
    /// The sections, each with its fields.
    #[serde(default)]
    pub sections: Option<Vec<FormSectionYaml>>,
}

/// `diagram`: the keys a diagram may use; which of them each diagram kind
/// needs, and their shapes, are checked where it is drawn.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Read for the keys alone: the values are read from the map.
pub struct DiagramKeysYaml {
    diagram: Option<IgnoredAny>,
    mode: Option<IgnoredAny>,
    nodes: Option<IgnoredAny>,
    edges: Option<IgnoredAny>,
    racks: Option<IgnoredAny>,
    grid: Option<IgnoredAny>,
    areas: Option<IgnoredAny>,
    items: Option<IgnoredAny>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_reads_its_own_shape_and_refuses_a_stray_key() {
        for t in DataType::ALL {
            let y = super::super::yaml::parse(
                &format!("type: {}\nid: x\nstray: 1\n", t.name()),
                "f.yaml",
                1,
            )
            .unwrap();
            let map = y.value.as_mapping().unwrap();
            let e = DataYaml::read(t, &y, map, &["type", "id"])
                .err()
                .expect("a stray key is refused");
            assert_eq!(
                (e.field.as_deref(), e.line),
                (Some("stray"), Some(3)),
                "{t:?}"
            );
            assert!(
                e.message
                    .contains("知らない項目 stray です（使える項目: type, id, "),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn every_name_parses_back() {
        for t in DataType::ALL {
            assert_eq!(DataType::parse(t.name()), Some(t));
        }
        assert_eq!(DataType::parse("table"), None);
    }
}
