//! The audit page (`audit.html`): the guidance audit's blocks (see
//! `crate::audit::report::blocks`) in the page frame, linked from the
//! status page. Only a site with coverage.yaml gets one.

use super::blocks::{blocks_html, Ctx};
use super::links::Linker;
use super::pages::{PageOut, Pages};
use crate::audit::report;
use crate::escape::push_esc;

impl Pages<'_> {
    /// The audit page, or None when the site declares no coverage (or the
    /// edition carries no audit).
    pub fn audit(&self, link: Linker) -> Option<PageOut> {
        let audit = self.site.audit.as_ref().filter(|a| a.declared)?;
        let ctx = Ctx {
            site: self.site,
            link,
            fonts: self.fonts,
            calls: self.calls,
            tables: Default::default(),
        };
        let mut html =
            String::from("<article class=\"doc audit\">\n<header class=\"doc-head\"><h1>");
        push_esc(&mut html, report::TITLE);
        html.push_str("</h1>\n<p class=\"doc-meta\"><span>");
        push_esc(&mut html, &self.site.format_date(self.site.build_date));
        html.push_str(" 時点</span> <span>");
        push_esc(&mut html, self.site.edition.label());
        html.push_str("</span></p></header>\n");
        html.push_str(&blocks_html(&ctx, &report::blocks(audit)));
        html.push_str("</article>\n");
        Some(PageOut {
            title: report::TITLE.into(),
            html,
        })
    }
}
