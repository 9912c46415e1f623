//! `bcpgen init DIR` makes a site that builds at once from inside DIR, and
//! `bcpgen new KIND ID` adds documents from templates.

use crate::harness::{run_in, DATE};

fn init_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let o = run_in(tmp.path(), &["init", "mysite", "--date", DATE]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let dir = tmp.path().join("mysite");
    (tmp, dir)
}

fn manifest(dir: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("out/manifest.json")).unwrap()).unwrap()
}

#[test]
fn an_init_site_builds_and_checks_from_inside_its_folder() {
    let (_tmp, dir) = init_site();
    for f in [
        "README.md",
        "content/site.yaml",
        "content/organization.yaml",
        "content/glossary.yaml",
        "content/trainings.yaml",
        "content/plan/_index.md",
        "themes/default/templates",
    ] {
        assert!(dir.join(f).exists(), "{f}");
    }
    let site = std::fs::read_to_string(dir.join("content/site.yaml")).unwrap();
    assert!(site.contains("〇〇市（要記入）"), "{site}");

    let o = run_in(&dir, &["check", "--date", DATE]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!o.stderr.contains("エラー"), "{}", o.stderr);

    let o = run_in(&dir, &["build", "--date", DATE]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let m = manifest(&dir);
    let docs = m["documents"].as_array().unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    for id in [
        "plan",
        "earthquake",
        "flood",
        "security",
        "disaster-accident",
        "attack-terror",
        "pandemic",
        "vendor-contacts",
        "damage-checklist",
        "command-succession",
        "work-plan-form",
        "work-notes",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    for d in docs {
        assert_eq!(
            d["approved"], true,
            "a fresh skeleton is the approved template: {d}"
        );
        assert_eq!(d["approved_on"], DATE);
        let want = if d["kind"] == "plan" {
            "it-director"
        } else {
            "computer-manager"
        };
        assert_eq!(d["approver"], want, "{d}");
    }
    assert!(dir.join("out/pdf/binder.pdf").is_file());
    assert!(dir.join("out/html/plan.html").is_file());
    let plan = std::fs::read_to_string(dir.join("out/html/plan.html")).unwrap();
    assert!(
        plan.contains("要記入") && plan.contains("サンプル"),
        "templates are marked"
    );

    // Without the copied theme the binary's own theme is used.
    std::fs::remove_dir_all(dir.join("themes")).unwrap();
    let o = run_in(&dir, &["build", "--format", "html", "--date", DATE]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(dir.join("out/html/style.css").is_file());

    // Every skeleton document is a template to fill in.
    let status = run_in(&dir, &["status", "--date", DATE]);
    assert_eq!(status.code, 0);
    assert!(
        status.stdout.contains("サンプル（未承認） 21"),
        "{}",
        status.stdout
    );
}

#[test]
fn editing_the_skeleton_shows_as_unapproved_until_approved() {
    let (_tmp, dir) = init_site();
    let path = dir.join("content/manuals/earthquake.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("sample: true\n", "");
    std::fs::write(&path, text).unwrap();
    assert_eq!(
        run_in(&dir, &["build", "--format", "html", "--date", DATE]).code,
        0
    );
    let m = manifest(&dir);
    let eq = m["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "earthquake")
        .unwrap()
        .clone();
    assert_eq!(eq["approved"], false);
    let o = run_in(
        &dir,
        &[
            "approve",
            "earthquake",
            "--approver",
            "computer-manager",
            "--version",
            "第1.1版",
            "--summary",
            "記入",
            "--date",
            DATE,
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("busy")).unwrap();
    std::fs::write(tmp.path().join("busy/keep.txt"), "x").unwrap();
    let o = run_in(tmp.path(), &["init", "busy", "--date", DATE]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("空のフォルダではありません"),
        "{}",
        o.stderr
    );
    assert_eq!(
        std::fs::read_dir(tmp.path().join("busy")).unwrap().count(),
        1,
        "nothing written"
    );

    // An empty folder is fine.
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    assert_eq!(
        run_in(tmp.path(), &["init", "empty", "--date", DATE]).code,
        0
    );
}

#[test]
fn the_skeleton_names_no_real_municipality() {
    let (_tmp, dir) = init_site();
    for e in walkdir::WalkDir::new(dir.join("content")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let t = std::fs::read_to_string(e.path()).unwrap();
            assert!(!t.contains("葛飾"), "{}", e.path().display());
        }
    }
}

#[test]
fn new_adds_a_document_of_each_kind_that_builds() {
    let (_tmp, dir) = init_site();
    let new = |args: &[&str]| {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--date", DATE]);
        run_in(&dir, &all)
    };
    let o = new(&["manual", "volcano"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("--incident"), "{}", o.stderr);
    let o = new(&["manual", "quake2", "--incident", "meteor"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("事象「meteor」は site.yaml にありません"),
        "{}",
        o.stderr
    );

    assert_eq!(
        new(&["manual", "quake2", "--incident", "earthquake"]).code,
        0
    );
    for (kind, id) in [
        ("list", "spare-parts"),
        ("procedure", "ups-restart"),
        ("diagram", "escalation-flow"),
        ("form", "incident-report"),
        ("guide", "night-duty"),
    ] {
        let o = new(&[kind, id, "--title", &format!("{id}: 題名")]);
        assert_eq!(o.code, 0, "{kind}: {}", o.stderr);
    }
    let o = new(&["guide", "night-duty"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("id「night-duty」はすでにあります"),
        "{}",
        o.stderr
    );
    let o = new(&["plan", "plan2"]);
    assert_eq!(o.code, 1, "one plan per site");

    let o = run_in(&dir, &["build", "--format", "html", "--date", DATE]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let m = manifest(&dir);
    let docs = m["documents"].as_array().unwrap();
    let quake2 = docs
        .iter()
        .find(|d| d["id"] == "quake2")
        .expect("quake2 built");
    assert_eq!(quake2["incident"], "earthquake");
    assert_eq!(quake2["approved"], true);
    let form = docs
        .iter()
        .find(|d| d["id"] == "incident-report")
        .expect("form built");
    assert_eq!(
        form["title"], "incident-report: 題名",
        "a title with `: ` is quoted in YAML"
    );
    assert_eq!(form["approver"], "computer-manager");
    assert!(dir.join("content/forms/incident-report.yaml").is_file());
    assert!(dir.join("out/html/escalation-flow.html").is_file());
}
