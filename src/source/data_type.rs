//! The structured types of SPEC §4, named once: a YAML document's `type:`,
//! a `bcp` block's `embed:` for data, the keys each reads and the name the
//! HTML class prints all come from [`DataType`].

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

    /// The keys the type reads besides `type:`/`embed:`/`caption:` (any
    /// other key is a typo, reported with the list).
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            DataType::Contacts => &["entries"],
            DataType::Checklist => &["groups"],
            DataType::Procedure => &["steps"],
            DataType::Succession => &["chain", "role"],
            DataType::AssemblyRules => &["rules"],
            DataType::Form => &["fields", "sections"],
            DataType::Diagram => &[
                "diagram", "mode", "nodes", "edges", "racks", "grid", "areas", "items",
            ],
        }
    }

    /// Every name, for messages listing what may be written.
    pub fn names() -> Vec<&'static str> {
        DataType::ALL.iter().map(|t| t.name()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back() {
        for t in DataType::ALL {
            assert_eq!(DataType::parse(t.name()), Some(t));
        }
        assert_eq!(DataType::parse("table"), None);
    }
}
