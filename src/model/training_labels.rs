//! The wording of a training's schedule, one for every view: the terminal
//! status table (`bcpgen status`) and the HTML status page print these, so
//! the two never say the same fact differently.

use super::{Date, Site, Training};

impl Training {
    /// How often it runs: the site's own wording (`timing`) when given,
    /// else 「{n}か月ごと」.
    pub fn frequency_label(&self) -> String {
        self.timing
            .clone()
            .unwrap_or_else(|| format!("{}か月ごと", self.frequency_months))
    }

    /// The day it last ran, in the site's date style, or 「実施記録なし」.
    pub fn last_label(&self, site: &Site) -> String {
        self.last()
            .map(|r| site.format_date(r.date))
            .unwrap_or_else(|| "実施記録なし".into())
    }

    /// The day the next run is due, or 「直ちに」 when it never ran.
    pub fn next_label(&self, site: &Site) -> String {
        self.next_due()
            .map(|d: Date| site.format_date(d))
            .unwrap_or_else(|| "直ちに".into())
    }
}
