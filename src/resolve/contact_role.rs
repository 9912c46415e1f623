//! `role_id:` of a contacts entry (SPEC §8): resolved against
//! organization.yaml, with a suggestion when it names no role. Kept apart
//! from the other structured types so it can move with the resolve pass.

use super::blocks::R;
use crate::model::RoleRef;
use crate::source::fingerprint::Deps;
use crate::source::yaml::Yaml;

/// How alike an id must be (Jaro–Winkler) to be offered as the one meant.
const SUGGEST_AT: f64 = 0.8;

impl R<'_> {
    /// The role a contacts entry reaches, or an error naming the file, line,
    /// field and value, with the role the user most likely meant.
    pub(super) fn contact_role(&mut self, yaml: &Yaml, id: &str, at: &str) -> Option<RoleRef> {
        if let Some(r) = self.ctx.role(id, &mut self.st.deps) {
            return Some(r);
        }
        let msg = match self.suggest_role(id) {
            Some(s) => format!(
                "organization.yaml にない役割の id です。「{}」（{}）のことではありませんか",
                s.id(),
                s.name()
            ),
            None => format!(
                "organization.yaml にない役割の id です（使える id: {}）",
                self.ctx.role_ids().join(", ")
            ),
        };
        self.st.diags.push(
            crate::diag::Diagnostic::error(&yaml.file, msg)
                .at(yaml.lines.line(at))
                .field(at)
                .value(id),
        );
        None
    }

    /// The role whose id is closest to `written`, or whose name is written
    /// instead of its id (`電算機管理者` for `computer-manager`).
    fn suggest_role(&self, written: &str) -> Option<RoleRef> {
        // Names are only read for the message, never printed on a page: a
        // scratch record keeps them out of the document's fingerprint.
        let mut scratch = Deps::default();
        let roles: Vec<RoleRef> = self
            .ctx
            .role_ids()
            .into_iter()
            .filter_map(|id| self.ctx.role(id, &mut scratch))
            .collect();
        let written_t = written.trim();
        if let Some(r) = roles.iter().find(|r| r.name() == written_t) {
            return Some(r.clone());
        }
        let lower = written_t.to_lowercase();
        roles
            .into_iter()
            .map(|r| (strsim::jaro_winkler(&lower, r.id()), r))
            .filter(|(score, _)| *score >= SUGGEST_AT)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, r)| r)
    }
}
