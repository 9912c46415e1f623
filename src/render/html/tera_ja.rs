//! Tera's errors in Japanese, naming the theme's template file and, for a
//! syntax error, its line. Tera gives its errors in English only; the
//! template names and inheritance faults are structured (`ErrorKind`), a
//! syntax error's place only as pest's ` --> line:column` header, and a
//! failed render as `Failed to render 'name'` / `Variable `x` not found`
//! text, so those known shapes are read here. Tera's English itself is
//! never shown: an unknown shape becomes a general Japanese sentence.

use tera::ErrorKind;

/// Why the theme's templates could not be read (parse or inheritance).
pub fn load_error(e: &tera::Error) -> String {
    let chain = chain(e);
    for err in &chain {
        match &err.kind {
            ErrorKind::MissingParent { current, parent } => {
                return format!(
                    "テーマのテンプレート templates/{current} が継承する（extends）templates/{parent} がありません"
                )
            }
            ErrorKind::CircularExtend { tpl, .. } => {
                return format!(
                    "テーマのテンプレート templates/{tpl} の継承（extends）が循環しています"
                )
            }
            _ => {}
        }
    }
    let texts: Vec<String> = chain.iter().map(|e| e.to_string()).collect();
    let name = texts
        .iter()
        .find_map(|t| between(t, "Failed to parse '", "'"))
        .or_else(|| texts.iter().find_map(|t| between(t, "Template `", "`")));
    let line = texts.iter().find_map(|t| pest_line(t));
    let file = name.map_or("テーマのテンプレート".to_string(), |n| {
        format!("テーマのテンプレート templates/{n}")
    });
    match line {
        Some(l) => format!("{file} の {l} 行目の書き方が正しくありません（テンプレートエンジン Tera の構文として読めません）"),
        None => format!("{file} を読み込めません（テンプレートエンジン Tera の構文として読めません）"),
    }
}

/// Why `template` could not be rendered.
pub fn render_error(template: &str, e: &tera::Error) -> String {
    let chain = chain(e);
    let texts: Vec<String> = chain.iter().map(|e| e.to_string()).collect();
    // The innermost "Failed to render 'x'" names the template (a parent or an
    // included one) where rendering stopped.
    let failed_in = texts
        .iter()
        .rev()
        .find_map(|t| between(t, "Failed to render '", "'"))
        .unwrap_or_else(|| template.to_string());
    let why = chain
        .iter()
        .find_map(|err| match &err.kind {
            ErrorKind::TemplateNotFound(n) => Some(format!("テンプレート {n} がありません")),
            ErrorKind::FilterNotFound(n) => Some(format!("フィルター {n} はありません")),
            ErrorKind::TestNotFound(n) => Some(format!("テスト {n} はありません")),
            ErrorKind::FunctionNotFound(n) => Some(format!("関数 {n} はありません")),
            ErrorKind::CallFilter(n) => Some(format!("フィルター {n} が失敗しました")),
            ErrorKind::CallFunction(n) => Some(format!("関数 {n} が失敗しました")),
            _ => None,
        })
        .or_else(|| {
            texts.iter().find_map(|t| {
                between(t, "Variable `", "` not found")
                    .map(|v| format!("変数 {v} はテンプレートに渡されていません"))
            })
        })
        .unwrap_or_else(|| "テンプレートの中で処理が失敗しました".to_string());
    format!("テーマのテンプレート templates/{failed_in} を展開できません（{why}）")
}

/// `e` and every Tera error it was chained from, outermost first.
fn chain(e: &tera::Error) -> Vec<&tera::Error> {
    let mut out = vec![e];
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        match s.downcast_ref::<tera::Error>() {
            Some(t) => out.push(t),
            None => break,
        }
        src = s.source();
    }
    out
}

/// The text between the first `start` and the next `end` after it.
fn between(t: &str, start: &str, end: &str) -> Option<String> {
    let rest = &t[t.find(start)? + start.len()..];
    Some(rest[..rest.find(end)?].to_string())
}

/// The line of pest's ` --> 3:5` location header.
fn pest_line(t: &str) -> Option<usize> {
    let rest = &t[t.find("--> ")? + 4..];
    rest.split(':').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(templates: &[(&str, &str)]) -> String {
        let mut tera = tera::Tera::default();
        load_error(&tera.add_raw_templates(templates.to_vec()).unwrap_err())
    }

    #[test]
    fn a_syntax_error_names_file_and_line() {
        let m = loaded(&[("layout.html", "<p>\n\n{% if %}\n</p>")]);
        assert!(m.contains("templates/layout.html の 3 行目"), "{m}");
        assert!(!m.is_ascii() && !m.contains("expected"), "{m}");
    }

    #[test]
    fn a_missing_parent_is_named() {
        let m = loaded(&[("page.html", "{% extends \"base.html\" %}")]);
        assert!(
            m.contains("templates/page.html") && m.contains("templates/base.html"),
            "{m}"
        );
    }

    #[test]
    fn a_missing_variable_is_named_in_japanese() {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("a.html", "{{ nothing }}").unwrap();
        let e = tera.render("a.html", &tera::Context::new()).unwrap_err();
        let m = render_error("a.html", &e);
        assert_eq!(
            m,
            "テーマのテンプレート templates/a.html を展開できません（変数 nothing はテンプレートに渡されていません）"
        );
    }
}
