//! Content fingerprints (SPEC §7): SHA-256 of what a document says, with its
//! approval history left out so that approving does not change it.
//!
//! A document's fingerprint covers its own metadata (minus `revisions` and
//! `reviews`), its text, and what its text draws from elsewhere: the
//! organisation (role tables, structure charts, succession), the training
//! table, the glossary, and the fingerprints of documents it embeds. So a
//! changed holder in organization.yaml shows as an unapproved change in every
//! document that prints that holder — which is what an approver must re-read.

use sha2::{Digest, Sha256};

pub fn hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Canonical JSON of a YAML value: keys sorted, so reordering fields is no change.
pub fn canonical(v: &serde_yaml::Value) -> String {
    let json: serde_json::Value = serde_json::to_value(v).unwrap_or(serde_json::Value::Null);
    serde_json::to_string(&sorted(json)).unwrap_or_default()
}

fn sorted(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => {
            let b: std::collections::BTreeMap<String, serde_json::Value> =
                m.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            serde_json::Value::Object(b.into_iter().collect())
        }
        serde_json::Value::Array(a) => {
            serde_json::Value::Array(a.into_iter().map(sorted).collect())
        }
        other => other,
    }
}

/// Metadata and data of a document minus its approval history.
pub fn without_history(v: &serde_yaml::Value) -> serde_yaml::Value {
    let mut v = v.clone();
    if let Some(m) = v.as_mapping_mut() {
        m.remove("revisions");
        m.remove("reviews");
    }
    v
}

/// Builds a fingerprint from labelled parts.
#[derive(Default)]
pub struct Fingerprint(Sha256);

impl Fingerprint {
    pub fn part(&mut self, label: &str, content: &str) {
        self.0.update(label.as_bytes());
        self.0.update([0]);
        self.0.update((content.len() as u64).to_le_bytes());
        self.0.update(content.as_bytes());
    }
    pub fn finish(self) -> String {
        self.0
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}
