//! What `build --out` will and will not replace (issue 10 items 1 and 2),
//! and `approve` writing through a symlinked source (item 3).

use std::path::{Path, PathBuf};

use crate::harness::{run_in, snapshot, Output, Site, DATE, SITE};

/// Every entry under `dir` (files, folders, links) with the bytes of files
/// and the targets of links, so a refused build can be shown to change
/// nothing at all.
fn tree(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut v: Vec<(PathBuf, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .map(|e| {
            let what = if e.path_is_symlink() {
                format!("-> {}", std::fs::read_link(e.path()).unwrap().display())
            } else if e.file_type().is_file() {
                format!("{:?}", std::fs::read(e.path()).unwrap())
            } else {
                "dir".into()
            };
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), what)
        })
        .collect();
    v.sort();
    v
}

fn build_into(site: &Site, out: &str) -> Output {
    site.run(&[
        "build",
        "--content",
        "content",
        "--out",
        out,
        "--date",
        DATE,
        "--format",
        "html",
    ])
}

/// Exit 2 with a Japanese usage message naming `--out` as written and `why`.
fn assert_refused(o: &Output, out: &str, why: &str) {
    assert_eq!(o.code, 2, "--out {out}: {}", o.stderr);
    assert!(
        o.stderr.contains("使い方の誤り") && o.stderr.contains(&format!("--out「{out}」")),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains(why), "{why:?} not in {}", o.stderr);
}

#[test]
fn out_at_or_inside_the_content_folder_is_refused_and_nothing_in_it_changes() {
    let s = Site::new();
    // A folder that does not exist yet, reached through a symlink into content/.
    std::os::unix::fs::symlink("content", s.dir.path().join("link")).unwrap();
    let before = tree(&s.content());
    for out in [
        "content",
        "./content/",
        "content/plan",
        "content/new-folder",
        "out/../content",
        "link/out",
    ] {
        let o = build_into(&s, out);
        assert_refused(&o, out, "コンテンツのフォルダ（content）");
        assert_eq!(tree(&s.content()), before, "--out {out} changed content/");
    }
    assert!(!s.out().exists());
}

#[test]
fn out_around_the_content_theme_working_folder_or_git_root_is_refused() {
    let s = Site::new();
    s.write("../theme/templates/page.html", "{{ body }}");
    std::fs::create_dir(s.dir.path().join("work")).unwrap();
    let before = tree(s.dir.path());
    // `.` and `..` hold the content folder: that is the first thing named.
    for out in [".", ".."] {
        let o = build_into(&s, out);
        assert_refused(&o, out, "コンテンツのフォルダ（content）を含むフォルダです");
    }
    let o = s.run(&[
        "build",
        "--theme",
        "theme",
        "--out",
        "theme/out",
        "--date",
        DATE,
    ]);
    assert_refused(&o, "theme/out", "テーマのフォルダ（theme）の中です");

    // Run from work/ with the content elsewhere: only the cwd and git rules apply.
    let content = s.content();
    let content = content.to_str().unwrap();
    let work = s.dir.path().join("work");
    let o = run_in(&work, &["build", "--content", content, "--out", "."]);
    assert_refused(&o, ".", "作業中のフォルダ");
    std::fs::create_dir(work.join(".git")).unwrap();
    std::fs::create_dir(work.join("sub")).unwrap();
    let o = run_in(
        &work.join("sub"),
        &["build", "--content", content, "--out", ".."],
    );
    assert_refused(&o, "..", "git の作業ツリー");
    std::fs::remove_dir(work.join("sub")).unwrap();
    std::fs::remove_dir(work.join(".git")).unwrap();
    assert_eq!(tree(s.dir.path()), before);
}

#[test]
fn a_folder_of_someone_elses_files_is_refused_and_kept() {
    let s = Site::new();
    let dir = s.dir.path();
    let cases = [
        ("mine", None, "manifest.json がありません"),
        (
            "faked",
            Some("{\"note\": \"my own manifest\"}"),
            "bcpgen の出力の一覧ではありません",
        ),
        (
            "other-tool",
            Some("{\"generator\": \"zola\", \"files\": []}"),
            "generator が「zola」です",
        ),
        (
            "added-to",
            Some("{\"generator\": \"bcpgen 0.1.0\", \"files\": []}"),
            "notes.txt は bcpgen が出力したファイルではありません",
        ),
    ];
    for (name, manifest, why) in cases {
        std::fs::create_dir(dir.join(name)).unwrap();
        std::fs::write(dir.join(name).join("notes.txt"), "大事なメモ").unwrap();
        if let Some(m) = manifest {
            std::fs::write(dir.join(name).join("manifest.json"), m).unwrap();
        }
        let before = tree(&dir.join(name));
        let o = build_into(&s, name);
        assert_refused(&o, name, why);
        assert_eq!(tree(&dir.join(name)), before, "{name} changed");
    }
}

#[test]
fn a_file_at_out_is_refused_and_left_where_it_is() {
    let s = Site::new();
    std::fs::write(s.out(), "a file named out").unwrap();
    let before = tree(s.dir.path());
    let o = build_into(&s, "out");
    assert_refused(&o, "out", "ファイルです");
    assert_eq!(tree(s.dir.path()), before, "nothing renamed away or added");
}

#[test]
fn an_empty_folder_and_earlier_output_are_replaced_also_inside_a_git_work_tree() {
    let s = Site::new();
    std::fs::create_dir(s.dir.path().join(".git")).unwrap();
    std::fs::create_dir(s.out()).unwrap();
    for round in 0..2 {
        let o = build_into(&s, "out");
        assert_eq!(o.code, 0, "round {round}: {}", o.stderr);
        assert!(s.out().join("html/index.html").is_file());
    }
    let o = s.run(&["build", "--date", DATE, "--format", "html"]);
    assert_eq!(o.code, 0, "the default out/: {}", o.stderr);
}

#[test]
fn a_symlinked_out_keeps_its_link_and_its_target_holds_the_build() {
    let s = Site::new();
    let dir = s.dir.path();
    std::fs::create_dir(dir.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink("elsewhere/real", s.out()).unwrap();
    for round in 0..2 {
        let o = build_into(&s, "out");
        assert_eq!(o.code, 0, "round {round}: {}", o.stderr);
        let link = std::fs::symlink_metadata(s.out()).unwrap();
        assert!(
            link.file_type().is_symlink(),
            "round {round}: out is still a link"
        );
        assert_eq!(
            std::fs::read_link(s.out()).unwrap(),
            Path::new("elsewhere/real")
        );
        let real = dir.join("elsewhere/real");
        assert!(real.join("manifest.json").is_file());
        assert!(real.join("html/index.html").is_file());
        // The staging folder was beside the target and is gone.
        let names: Vec<String> = std::fs::read_dir(dir.join("elsewhere"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["real"]);
        assert!(!snapshot(dir)
            .iter()
            .any(|(p, _)| p.to_string_lossy().starts_with(".out.")));
    }
}

#[test]
fn an_interrupted_swap_is_put_back_by_the_next_run_and_the_message_is_true() {
    let s = Site::new();
    let dir = s.dir.path();
    let o = build_into(&s, "out");
    assert_eq!(o.code, 0, "{}", o.stderr);
    let good = snapshot(&s.out());

    // A build killed between moving out/ aside and putting the new folder in
    // its place; 99999999 is beyond any pid the kernel hands out.
    let old = dir.join(".out.old-99999999");
    std::fs::rename(s.out(), &old).unwrap();
    s.write("site.yaml", "title: [壊れた\n");
    let o = build_into(&s, "out");
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains(".out.old-99999999 を out に戻しました"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("out は以前のままです"), "{}", o.stderr);
    assert_eq!(snapshot(&s.out()), good, "the last good output is back");
    assert!(!old.exists());

    // The same state, then a good build: restored, then replaced, nothing left over.
    std::fs::rename(s.out(), &old).unwrap();
    s.write("site.yaml", SITE);
    let o = build_into(&s, "out");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(s.out().join("manifest.json").is_file());
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.starts_with(".out.")), "{names:?}");

    // With no out/ before, a failed build says so rather than 以前のまま.
    std::fs::remove_dir_all(s.out()).unwrap();
    s.write("site.yaml", "title: [壊れた\n");
    let o = build_into(&s, "out");
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("out は作っていません"), "{}", o.stderr);
    assert!(!o.stderr.contains("以前のまま"), "{}", o.stderr);
}

#[test]
fn approve_through_a_symlinked_source_keeps_the_link_and_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let s = Site::new();
    // The real file sits in a hidden folder of content/, which the loader skips.
    let link = s.content().join("plan/_index.md");
    let real = s.content().join(".sources/plan-index.md");
    std::fs::create_dir(real.parent().unwrap()).unwrap();
    std::fs::rename(&link, &real).unwrap();
    std::os::unix::fs::symlink("../.sources/plan-index.md", &link).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();

    let o = s.approve("plan", "it-director", "第3版", "体制の更新");
    assert_eq!(o.code, 0, "{}", o.stderr);
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the source is still a link");
    assert!(std::fs::read_to_string(&real).unwrap().contains("第3版"));
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640);

    let o = s.run(&[
        "review",
        "plan",
        "--reviewer",
        "it-director",
        "--result",
        "変更の必要なし",
        "--content",
        "content",
        "--date",
        "2026-11-27",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains("変更の必要なし"));
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640);
}
