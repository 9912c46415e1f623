//! What the served copy of a page has that the built file lacks: the reload
//! script, a Content-Security-Policy that lets it ask the server, and a
//! link to the document's PDF. The files in memory stay as a build writes them.

/// The reload script, served as `/__bcpgen/reload.js`. It asks the server
/// (long poll) whether the version the page was served at is still current
/// and reloads the page when not. It also removes any service worker, so
/// that no page a theme's worker cached can hide an edit.
pub const RELOAD_JS: &str = r#"(function () {
  var me = document.currentScript;
  var v = me ? me.getAttribute("data-v") : "";
  var sw = navigator.serviceWorker;
  if (sw && sw.getRegistrations) {
    sw.getRegistrations().then(function (rs) {
      rs.forEach(function (r) { r.unregister(); });
    }).catch(function () {});
  }
  try { delete Navigator.prototype.serviceWorker; } catch (e) {}
  function wait() {
    fetch("/__bcpgen/wait?v=" + v, { cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error(); } return r.text(); })
      .then(function (t) { if (t !== v) { location.reload(); } else { wait(); } })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
"#;

/// The element that loads the reload script for a page served at `version`.
pub fn script_tag(version: u64) -> String {
    format!("<script src=\"/__bcpgen/reload.js\" data-v=\"{version}\"></script>\n")
}

/// The served copy of a built page: the CSP loosened to let the script
/// connect, the script in `<head>` (before the theme's own scripts, so a
/// service worker is gone before they could register one), and, on a
/// document's page, a link to its PDF in the top bar.
pub fn served(html: &str, version: u64, document: Option<&str>) -> String {
    let mut out = loosen_csp(html);
    let tag = script_tag(version);
    match find_ci(&out, "</head>") {
        Some(i) => out.insert_str(i, &tag),
        None => out.insert_str(0, &tag),
    }
    if let Some(id) = document {
        let link =
            format!("<a class=\"bcpgen-pdf\" href=\"/__bcpgen/pdf/{id}.pdf\">PDF（印刷用）</a>");
        match find_ci(&out, "</header>") {
            Some(i) => out.insert_str(i, &link),
            None => {
                if let Some(i) = find_ci(&out, "<main") {
                    out.insert_str(i, &link);
                }
            }
        }
    }
    out
}

/// The first place `needle` (ASCII) occurs in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// The page's CSP `<meta>` with `connect-src 'self'` (replacing any
/// connect-src) and `'self'` added to `script-src`, so the reload script
/// may load and ask the server. A page without one is left as it is.
fn loosen_csp(html: &str) -> String {
    let Some(at) = find_ci(html, "http-equiv=\"content-security-policy\"") else {
        return html.to_string();
    };
    let tag_start = html[..at].rfind('<').unwrap_or(at);
    let tag_end = match html[at..].find('>') {
        Some(e) => at + e,
        None => return html.to_string(),
    };
    let tag = &html[tag_start..tag_end];
    let Some(c) = find_ci(tag, "content=\"") else {
        return html.to_string();
    };
    let value_start = tag_start + c + "content=\"".len();
    let Some(len) = html[value_start..tag_end].find('"') else {
        return html.to_string();
    };
    let policy = &html[value_start..value_start + len];
    let mut directives: Vec<String> = policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.to_ascii_lowercase().starts_with("connect-src"))
        .map(|d| {
            let lower = d.to_ascii_lowercase();
            if lower.starts_with("script-src") && !lower.contains("'self'") {
                format!("{d} 'self'")
            } else {
                d.to_string()
            }
        })
        .collect();
    directives.push("connect-src 'self'".into());
    format!(
        "{}{}{}",
        &html[..value_start],
        directives.join("; "),
        &html[value_start + len..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_lets_the_script_connect_and_keeps_the_rest() {
        let page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; connect-src 'none'; script-src 'unsafe-inline'\"></head><body><header class=\"site-bar\"><a href=\"index.html\">x</a></header></body></html>";
        let out = served(page, 7, Some("plan"));
        assert!(out.contains(
            "content=\"default-src 'none'; script-src 'unsafe-inline' 'self'; connect-src 'self'\""
        ));
        assert!(out.contains("<script src=\"/__bcpgen/reload.js\" data-v=\"7\"></script>\n</head>"));
        assert!(out.contains("href=\"/__bcpgen/pdf/plan.pdf\">PDF（印刷用）</a></header>"));
        // Not a document: no PDF link.
        assert!(!served(page, 7, None).contains("bcpgen-pdf"));
    }
}
