//! The page served in place of every page while the sources have errors.

use crate::diag::Diagnostics;
use crate::escape::push_esc;

/// The diagnostics as a page that reloads itself once they are fixed.
pub fn page(diags: &Diagnostics, version: u64) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'\">\n\
         <title>ソースにエラーがあります｜bcpgen serve</title>\n\
         <style>body{font-family:sans-serif;margin:1rem;line-height:1.6}li{margin:.5rem 0;white-space:pre-wrap;overflow-wrap:anywhere}</style>\n",
    );
    out.push_str(&super::inject::script_tag(version));
    out.push_str("</head>\n<body>\n<h1>ソースにエラーがあります</h1>\n");
    out.push_str(&format!(
        "<p>エラー {} 件。直して保存すると、このページは自動で元の表示に戻ります。</p>\n<ul class=\"bcpgen-diagnostics\">\n",
        diags.errors().count()
    ));
    for d in &diags.0 {
        out.push_str("<li>");
        push_esc(&mut out, &d.to_string());
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</body>\n</html>\n");
    out
}
