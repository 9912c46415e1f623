//! A document's revision records, never empty by construction: the loader
//! refuses a document without one, and the type keeps that promise, so
//! `latest()` needs no `expect`.

use super::document::Revision;

/// Oldest first, in date order, at least one.
#[derive(Clone, Debug, PartialEq)]
pub struct Revisions {
    /// Every record before the latest, oldest first.
    earlier: Vec<Revision>,
    latest: Revision,
}

impl Revisions {
    /// The records in order, or `None` when there are none.
    pub fn new(mut all: Vec<Revision>) -> Option<Revisions> {
        let latest = all.pop()?;
        Some(Revisions {
            earlier: all,
            latest,
        })
    }

    /// One record.
    pub fn one(r: Revision) -> Revisions {
        Revisions {
            earlier: vec![],
            latest: r,
        }
    }

    /// The newest record (the version every page prints).
    pub fn latest(&self) -> &Revision {
        &self.latest
    }

    /// The newest record, to edit (tests and fixtures).
    pub fn latest_mut(&mut self) -> &mut Revision {
        &mut self.latest
    }

    /// Every record, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Revision> {
        self.earlier.iter().chain([&self.latest])
    }

    /// How many records there are (at least one).
    pub fn len(&self) -> usize {
        self.earlier.len() + 1
    }

    /// Always false: kept so `len` reads as clippy expects.
    pub fn is_empty(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn rev(v: &str) -> Revision {
        Revision {
            version: v.into(),
            date: Date::parse_iso("2020-01-01").unwrap(),
            approver: crate::model::RoleRef::new("a", "管理者"),
            summary: String::new(),
            fingerprint: None,
        }
    }

    #[test]
    fn none_is_refused_and_order_is_kept() {
        assert!(Revisions::new(vec![]).is_none());
        let r = Revisions::new(vec![rev("初版"), rev("第2版")]).unwrap();
        assert_eq!(r.latest().version, "第2版");
        let vs: Vec<&str> = r.iter().map(|r| r.version.as_str()).collect();
        assert_eq!(vs, ["初版", "第2版"]);
        assert_eq!(r.len(), 2);
    }
}
