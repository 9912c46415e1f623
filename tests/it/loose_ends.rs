//! Loose ends of issues 10 and 11: the last messages that showed a
//! library's English (Tera, libyaml's nesting limit) or drove the terminal.

use crate::harness::{copy_dir, Site, SITE};

/// A copy of the default theme in the site's folder, `templates/{name}`
/// changed by `change`.
fn theme_with(site: &Site, name: &str, change: impl Fn(&str) -> String) {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let to = site.dir.path().join("theme");
    copy_dir(&from, &to);
    let p = to.join("templates").join(name);
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, change(&text)).unwrap();
}

/// Tera's and libyaml's English stays out of what the user reads.
fn assert_no_english(stderr: &str) {
    for word in [
        "Failed",
        "expected",
        "-->",
        "Variable",
        "recursion",
        "limit",
    ] {
        assert!(
            !stderr.contains(word),
            "English {word:?} in the message:\n{stderr}"
        );
    }
}

#[test]
fn a_theme_template_with_a_syntax_error_is_named_with_its_line() {
    let s = Site::new();
    // Line 3 of layout.html gets a tag Tera cannot parse.
    theme_with(&s, "layout.html", |t| {
        let mut lines: Vec<&str> = t.lines().collect();
        lines.insert(2, "{% if %}");
        lines.join("\n")
    });
    let o = s.build(&["--theme", "theme"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("テーマのテンプレート templates/layout.html の 3 行目"),
        "{}",
        o.stderr
    );
    assert_no_english(&o.stderr);
}

#[test]
fn a_theme_template_that_fails_to_render_is_named_in_japanese() {
    let s = Site::new();
    theme_with(&s, "single.html", |t| {
        format!("{{{{ no_such_value }}}}\n{t}")
    });
    let o = s.build(&["--theme", "theme"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains(
            "テーマのテンプレート templates/single.html を展開できません（変数 no_such_value はテンプレートに渡されていません）"
        ),
        "{}",
        o.stderr
    );
    assert_no_english(&o.stderr);
}

#[test]
fn yaml_nested_a_thousand_levels_is_named_with_file_and_line() {
    let s = Site::new();
    let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
    s.write("site.yaml", &format!("{}extra: {deep}\n", SITE));
    let line = SITE.lines().count() + 1;
    for o in [s.check(&[]), s.build(&[])] {
        assert_eq!(o.code, 1, "{}", o.stderr);
        assert!(
            o.stderr.contains(&format!(
                "site.yaml:{line}: YAMLの構文が正しくありません（入れ子が深すぎます）"
            )),
            "{}",
            o.stderr
        );
        assert_no_english(&o.stderr);
    }
}

#[test]
fn the_out_folder_is_printed_with_control_characters_escaped() {
    let s = Site::new();
    let o = s.run(&[
        "build",
        "--content",
        "content",
        "--out",
        "out\u{1b}[31mred",
        "--date",
        "2026-11-26",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!o.stderr.contains('\u{1b}'), "{:?}", o.stderr);
    assert!(o.stderr.contains("out\\u{1b}[31mred"), "{}", o.stderr);
}

#[test]
fn every_name_the_renderers_write_is_refused_as_a_document_id() {
    for id in bcpgen::render::names::RESERVED_IDS {
        let s = Site::new();
        s.write(
            "manuals/x.md",
            &format!(
                "---\nid: {id}\ntitle: 手順\nkind: manual\nrevisions:\n  - version: 初版\n    date: 2026-04-01\n    approver: computer-manager\n    summary: 新規作成\n---\n\n本文。\n"
            ),
        );
        let o = s.check(&[]);
        assert_eq!(o.code, 1, "{id}: {}", o.stderr);
        assert!(
            o.stderr.contains("manuals/x.md:2: id 「")
                && o.stderr
                    .contains("この id は bcpgen が使う名前と重なります"),
            "{id}: {}",
            o.stderr
        );
    }
}
