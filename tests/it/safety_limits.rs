//! Issue 10 items 6–8: no source can overflow the stack, exhaust memory or
//! hang the layout. Every size that drives a recursion, an allocation or
//! the layout time is bounded when the sources are loaded (`src/limits.rs`),
//! so `check` and `build` both refuse it, naming the file, line, field and
//! limit. Each command runs under a memory cap and a watchdog (`capped`).

use crate::harness::Site;

/// Both commands exit 1 (not a signal, not the watchdog) with every `needles` in stderr.
fn refused_by_both(s: &Site, needles: &[&str]) {
    for (name, r) in [("check", s.check_capped()), ("build", s.build_capped(&[]))] {
        assert!(!r.timed_out, "{name} hung");
        assert_eq!(r.code, Some(1), "{name}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
        for n in needles {
            assert!(r.stderr.contains(n), "{name}: no {n:?} in {}", r.stderr);
        }
    }
    assert!(!s.out().exists(), "a refused build wrote out/");
}

/// A diagram document (`diagrams/<id>.yaml`) holding `data` after its metadata.
fn diagram(s: &Site, id: &str, data: &str) {
    s.write(
        &format!("diagrams/{id}.yaml"),
        &format!(
            "id: {id}\ntitle: 図{id}\nkind: diagram\nrevisions:\n  - {{version: 初版, date: 2026-04-01, approver: computer-manager, summary: 新規}}\ntype: diagram\n{data}"
        ),
    );
}

/// `plan/02-deep.md` whose line 3 is `line`.
fn deep_chapter(s: &Site, line: &str) {
    s.write("plan/02-deep.md", &format!("# 深い {{#deep}}\n\n{line}\n"));
}

#[test]
fn five_thousand_deep_emphasis_is_an_error_with_its_line() {
    let s = Site::new();
    deep_chapter(&s, &format!("{}x{}", "*".repeat(5000), "*".repeat(5000)));
    refused_by_both(&s, &["plan/02-deep.md:3:", "深すぎます", "32 段まで"]);
}

#[test]
fn three_thousand_block_quotes_are_an_error_with_their_line() {
    let s = Site::new();
    deep_chapter(&s, &format!("{} 引用", ">".repeat(3000)));
    refused_by_both(&s, &["plan/02-deep.md:3:", "深すぎます"]);
}

#[test]
fn deep_emphasis_in_a_table_cell_is_an_error_with_its_line() {
    let s = Site::new();
    let cell = format!("{}x{}", "_".repeat(8000), "_".repeat(8000));
    deep_chapter(&s, &format!("| 見出し |\n|---|\n| {cell} |"));
    refused_by_both(&s, &["plan/02-deep.md:5:", "深すぎます"]);
}

#[test]
fn tables_nested_in_table_cells_count_towards_the_depth() {
    // A `bcp` table whose cell holds a `bcp` table, 60 levels down.
    let mut lines = vec!["x".to_string()];
    for _ in 0..60 {
        let mut outer: Vec<String> = ["```bcp", "embed: table", "rows:", "  - - |"]
            .iter()
            .map(|l| l.to_string())
            .collect();
        outer.extend(lines.iter().map(|l| format!("      {l}")));
        outer.push("```".into());
        lines = outer;
    }
    let s = Site::new();
    deep_chapter(&s, &lines.join("\n"));
    refused_by_both(&s, &["plan/02-deep.md:", "深すぎます"]);
}

#[test]
fn nesting_below_the_limit_still_builds() {
    let s = Site::new();
    let stars = "*".repeat(20);
    deep_chapter(
        &s,
        &format!("{} 引用\n\n{stars}強調{stars}", ">".repeat(20)),
    );
    let r = s.build_capped(&[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let plan = std::fs::read_to_string(s.out().join("html/plan.html")).unwrap();
    assert!(plan.contains("強調") && plan.contains("引用"));
}

#[test]
fn a_4294967295_unit_rack_is_refused_by_check_and_build_under_a_memory_cap() {
    for units in ["4294967295", "1000000", "61"] {
        let s = Site::new();
        diagram(
            &s,
            "rack",
            &format!("diagram: rack\nracks:\n  - name: ラック1\n    units: {units}\n    devices:\n      - {{name: 機器, u: 1, height: 1, kind: server}}\n"),
        );
        refused_by_both(
            &s,
            &[
                "diagrams/rack.yaml:10: racks[0].units",
                &format!("「{units}」"),
                "60 U まで",
            ],
        );
    }
}

#[test]
fn a_device_past_the_top_through_integer_overflow_is_refused() {
    let s = Site::new();
    diagram(
        &s,
        "rack",
        "diagram: rack\nracks:\n  - name: ラック1\n    units: 42\n    devices:\n      - {name: 機器, u: 4294967295, height: 2, kind: server}\n",
    );
    refused_by_both(
        &s,
        &[
            "diagrams/rack.yaml:12: racks[0].devices[0].u",
            "最上段U42を超えています",
        ],
    );
}

#[test]
fn a_huge_floor_grid_is_refused_naming_field_and_limit() {
    let s = Site::new();
    diagram(
        &s,
        "floor",
        "diagram: floor\ngrid: {cols: 4294967295, rows: 4294967295}\nareas:\n  - {name: 区画, x: 4294967295, y: 0, w: 2, h: 1}\n",
    );
    refused_by_both(
        &s,
        &[
            "diagrams/floor.yaml:8: grid.cols",
            "diagrams/floor.yaml:8: grid.rows",
            "100 まで",
            "diagrams/floor.yaml:10: areas[0]",
        ],
    );
}

/// A flow of `n` nodes: a chain from start to end plus short forward
/// branches, `edges` edges in all (the shape of a long procedure).
fn flow(n: usize, edges: usize) -> String {
    let mut y = String::from("diagram: flow\nnodes:\n");
    for i in 0..n {
        let kind = if i == 0 {
            "start"
        } else if i == n - 1 {
            "end"
        } else {
            "step"
        };
        y += &format!("  - {{id: n{i}, kind: {kind}, text: 手順{i}の確認と報告}}\n");
    }
    y += "edges:\n";
    let mut count = 0;
    'all: for skip in 1.. {
        for a in 0..n - 1 {
            let b = a + skip;
            if b < n {
                y += &format!("  - {{from: n{a}, to: n{b}}}\n");
                count += 1;
                if count == edges {
                    break 'all;
                }
            }
        }
    }
    y
}

#[test]
fn the_largest_flow_allowed_is_laid_out_and_a_larger_one_refused() {
    // 100 nodes and 399 edges did not finish in 90 s before; the watchdog
    // (60 s) fails this test if the layout hangs again.
    let s = Site::new();
    diagram(&s, "big-flow", &flow(200, 800));
    let r = s.build_capped(&["--format", "html"]);
    assert!(!r.timed_out, "the layout of 200 nodes hung");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let html = std::fs::read_to_string(s.out().join("html/big-flow.html")).unwrap();
    assert!(html.contains("手順199の確認と報告"));

    let s = Site::new();
    diagram(&s, "big-flow", &flow(201, 300));
    refused_by_both(&s, &["diagrams/big-flow.yaml:8: nodes", "200 個まで"]);
    let s = Site::new();
    diagram(&s, "big-flow", &flow(150, 801));
    refused_by_both(&s, &["big-flow.yaml", "edges", "800 本まで"]);
}

#[test]
fn form_lines_and_table_spans_name_their_limit() {
    let s = Site::new();
    s.write(
        "forms/big-form.yaml",
        "id: big-form\ntitle: 様式\nkind: form\nrevisions:\n  - {version: 初版, date: 2026-04-01, approver: computer-manager, summary: 新規}\ntype: form\nfields:\n  - {label: 記入, kind: lines, lines: 4294967295}\n",
    );
    refused_by_both(&s, &["forms/big-form.yaml:8: fields[0].lines", "40 行まで"]);

    let s = Site::new();
    deep_chapter(
        &s,
        "```bcp\nembed: table\nrows:\n  - [{text: a, colspan: 4294967295}]\n```",
    );
    refused_by_both(&s, &["plan/02-deep.md:", "colspan", "100 以下"]);
}
