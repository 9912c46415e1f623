//! The approval pass: a document's state from its computed fingerprint and
//! the fingerprint its latest revision (or a later review) recorded.

use crate::model::{Approval, Review, Revision, Revisions};
use crate::source::fingerprint::{self, Recorded};

/// The state of a document whose content has fingerprint `fp`.
pub fn state(revisions: &Revisions, reviews: &[Review], fp: &str) -> Approval {
    let latest = revisions.latest();
    match latest.fingerprint.as_deref() {
        None => Approval::Unverified,
        Some(f) => match fingerprint::recorded(f) {
            Recorded::Current(h) if h == fp => Approval::Approved,
            Recorded::Legacy(_) => refreshed(reviews, latest, fp),
            Recorded::Current(_) | Recorded::Invalid => Approval::Changed,
        },
    }
}

/// The state of a document whose latest revision holds an old-algorithm
/// fingerprint: a later review that recorded a current one (`bcpgen review`)
/// is compared instead; without one it stays 旧方式の指紋.
fn refreshed(reviews: &[Review], latest: &Revision, fp: &str) -> Approval {
    let recorded = reviews
        .iter()
        .filter(|r| r.date >= latest.date)
        .filter_map(|r| r.fingerprint.as_deref())
        .next_back();
    match recorded.map(fingerprint::recorded) {
        None => Approval::Legacy,
        Some(Recorded::Current(h)) if h == fp => Approval::Approved,
        Some(_) => Approval::Changed,
    }
}
