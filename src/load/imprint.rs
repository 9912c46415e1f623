//! What a document prints from site.yaml's organisation block, copied into
//! the model here so the renderers print only facts the fingerprint covers.

use crate::model::{Imprint, Kind, OrgInfo};
use crate::source::fingerprint::{Dep, Deps, SiteField};

/// What a document's cover (every document's PDF) and publication block
/// (the plan's HTML page and PDF) print from site.yaml, each field recorded.
pub fn imprint(o: &OrgInfo, kind: Kind, deps: &mut Deps) -> Imprint {
    let mut field = |f: SiteField, v: &str| {
        deps.record(Dep::Site(f), v);
        v.to_string()
    };
    Imprint {
        org: field(SiteField::OrgName, &o.name),
        department: field(SiteField::Department, &o.department),
        address: field(SiteField::Address, &o.address),
        phone: field(SiteField::Phone, &o.phone),
        editor: match (&o.editor, kind) {
            (Some(e), Kind::Plan) => Some(field(SiteField::Editor, e)),
            _ => None,
        },
    }
}
