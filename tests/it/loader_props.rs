//! Property tests over the loader: whatever the sources hold, loading ends
//! in a site or in diagnostics — never a panic.

use crate::harness::{Site, DATE};

use bcpgen::model::{Date, Edition};
use proptest::prelude::*;

fn load(site: &Site) -> Result<(), bcpgen::diag::Diagnostics> {
    let content = site.content();
    bcpgen::load(&bcpgen::LoadOptions {
        content: &content,
        shown: "content",
        today: Date::parse_iso(DATE).unwrap(),
        edition: Edition::Staff,
    })
    .map(|_| ())
}

/// Fragments that tend to reach deep into the loader.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("embed: table\nrows: [[a, {text: b, rowspan: 0}]]\n".to_string()),
        Just("embed: roles\nmode: normal\n".to_string()),
        Just("embed: diagram\ndiagram: flow\nnodes: [{id: a, kind: start, text: x}]\nedges: [{from: a, to: a}]\n".to_string()),
        Just("embed: diagram\ndiagram: rack\nracks: [{name: r, units: 0, devices: [{name: d, u: 0, height: 0}]}]\n".to_string()),
        Just("embed: diagram\ndiagram: floor\ngrid: {cols: 0, rows: 0}\nareas: [{name: a, x: 9, y: 9, w: 0, h: 0}]\n".to_string()),
        Just("embed: succession\nrole: computer-manager\n".to_string()),
        Just("embed: checklist\ngroups: [{title: t, items: [{text: '[](@plan#x)'}]}]\n".to_string()),
        Just("embed: form\nfields: [{label: l, kind: choice}]\n".to_string()),
        Just("embed: document\nid: plan\n".to_string()),
        "[ -~ぁ-んァ-ン一-龠\\n:{}\\[\\],#@|*-]{0,80}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn markdown_bodies_never_panic(body in "[ -~ぁ-んァ-ン一-龠\\n#@\\[\\]()|*`{}-]{0,300}", frag in fragment()) {
        let s = Site::new();
        s.write("plan/02-random.md", &format!("{body}\n\n```bcp\n{frag}```\n\n{body}\n"));
        let _ = load(&s);
    }

    #[test]
    fn front_matter_never_panics(yaml in "[ -~ぁ-ん\\n:{}\\[\\],-]{0,200}") {
        let s = Site::new();
        s.write("guides/random.md", &format!("---\n{yaml}\n---\n本文\n"));
        let _ = load(&s);
    }

    #[test]
    fn yaml_documents_never_panic(kind in prop_oneof![Just("contacts"), Just("checklist"), Just("procedure"), Just("succession"), Just("assembly-rules"), Just("form"), Just("diagram"), Just("nothing")], data in fragment()) {
        let s = Site::new();
        let data = data.replace("embed: ", "x_embed: ");
        s.write("lists/random.yaml", &format!("id: random\ntitle: 乱数\nkind: list\nrevisions:\n  - {{version: 初版, date: 2026-01-01, approver: computer-manager}}\ntype: {kind}\n{data}\n"));
        let _ = load(&s);
    }

    #[test]
    fn arbitrary_bytes_in_any_source_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200), which in 0usize..4) {
        let s = Site::new();
        let file = ["site.yaml", "organization.yaml", "glossary.yaml", "plan/_index.md"][which];
        s.write_bytes(file, &bytes);
        prop_assert!(load(&s).is_err() || which == 2);
    }
}

// ---- hostile inputs for a fixed time budget, and the corpus of crashes ----

/// A number for a size field: the edges of every limit, zero and `u32::MAX`
/// (which overflowed or exhausted memory before), or anything.
fn size() -> impl Strategy<Value = u64> {
    prop_oneof![
        3 => 1u64..8,
        1 => prop::sample::select(vec![
            0u64, 1, 2, 40, 41, 59, 60, 61, 99, 100, 101, 4294967295
        ]),
        1 => 0u64..300,
        1 => any::<u32>().prop_map(u64::from),
    ]
}

/// A line nested `depth` times with one of Markdown's containers.
fn deep_line() -> impl Strategy<Value = String> {
    let open = prop::sample::select(vec![">", "*", "_", "**", "~~", "[", "- ", "1. "]);
    // Mostly below the limit, so that sites load and their rendering runs too.
    let depth = prop_oneof![6 => 0usize..30, 1 => 0usize..6000];
    (open, depth).prop_map(|(o, depth)| match o {
        "*" | "_" | "**" | "~~" => format!("{}x{}", o.repeat(depth), o.repeat(depth)),
        "[" => format!("{}x{}", "[".repeat(depth), "](@plan)".repeat(depth)),
        "- " | "1. " => (0..depth.min(400))
            .map(|i| format!("{}{o}a", "   ".repeat(i)))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => format!("{} x", o.repeat(depth)),
    })
}

/// `bcp` tables nested in table cells, `depth` levels down.
fn nested_tables(depth: usize) -> String {
    let mut lines = vec!["x".to_string()];
    for _ in 0..depth {
        let mut outer: Vec<String> = ["```bcp", "embed: table", "rows:", "  - - |"]
            .iter()
            .map(|l| l.to_string())
            .collect();
        outer.extend(lines.iter().map(|l| format!("      {l}")));
        outer.push("```".into());
        lines = outer;
    }
    lines.join("\n")
}

/// A diagram or form's data with hostile sizes.
fn sized_data() -> impl Strategy<Value = (&'static str, String)> {
    prop_oneof![
        (size(), size(), size(), prop_oneof![0usize..8, 0usize..80]).prop_map(|(units, u, h, n)| ("diagram", format!(
            "type: diagram\ndiagram: rack\nracks:\n  - name: r\n    units: {units}\n    devices:\n{}",
            (0..n).map(|i| format!("      - {{name: d{i}, u: {}, height: {h}, kind: server}}\n", u.wrapping_add(i as u64 * h.max(1)) % 4294967296)).collect::<String>()
        ))),
        (size(), size(), size(), size()).prop_map(|(c, r, x, w)| ("diagram", format!(
            "type: diagram\ndiagram: floor\ngrid: {{cols: {c}, rows: {r}}}\nareas:\n  - {{name: a, x: {x}, y: 0, w: {w}, h: 1}}\nitems:\n  - {{name: i, x: {x}, y: 0, kind: server}}\n"
        ))),
        (1usize..260, 0usize..1000, any::<u64>(), any::<bool>()).prop_map(|(n, extra, seed, relation)| {
            // A chain from the start through every node keeps a flow valid,
            // so its layout runs; the extra edges go anywhere.
            let mut y = format!("type: diagram\ndiagram: {}\nnodes:\n", if relation { "relation" } else { "flow" });
            for i in 0..n {
                let kind = if i == 0 { "start" } else if i + 1 == n { "end" } else { "step" };
                let group = if relation { format!(", group: g{}", i % 7) } else { String::new() };
                y += &format!("  - {{id: n{i}, kind: {kind}, text: 手順{i}{group}}}\n");
            }
            y += "edges:\n";
            for i in 1..n {
                y += &format!("  - {{from: n{}, to: n{i}}}\n", i - 1);
            }
            let mut s = seed;
            for _ in 0..extra {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let (a, b) = ((s >> 33) as usize % n, (s >> 13) as usize % n);
                y += &format!("  - {{from: n{a}, to: n{b}}}\n");
            }
            ("diagram", y)
        }),
        size().prop_map(|lines| ("form", format!(
            "type: form\nfields:\n  - {{label: l, kind: lines, lines: {lines}}}\n"
        ))),
    ]
}

/// Loads a site and, when it loads, renders its HTML (diagram layouts
/// included) into memory: bad input must end in diagnostics, not a panic,
/// a stack overflow, an allocation that never ends or a hang.
fn load_and_render(site: &Site) -> bool {
    static THEME: std::sync::OnceLock<bcpgen::theme::Theme> = std::sync::OnceLock::new();
    let content = site.content();
    let Ok(loaded) = bcpgen::load(&bcpgen::LoadOptions {
        content: &content,
        shown: "content",
        today: Date::parse_iso(DATE).unwrap(),
        edition: Edition::Staff,
    }) else {
        return false;
    };
    let theme = THEME.get_or_init(bcpgen::theme::Theme::built_in);
    let formats = bcpgen::Formats {
        html: true,
        pdf: false,
    };
    let sink = bcpgen::render::Collect::default();
    let _ = bcpgen::render_site(&loaded.site, theme, formats, &content, &sink);
    true
}

/// Hostile sources generated for `BCPGEN_FUZZ_SECONDS` (default 20; CI
/// budget, the cases run on the test's own thread), from `BCPGEN_FUZZ_SEED`
/// or a fresh seed that is printed first: a case that aborts the process
/// (stack overflow, out of memory) is replayed by running again with it.
/// Every crash found is kept in `tests/fixtures/loader-corpus/`.
#[test]
fn hostile_sources_for_a_fixed_budget() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
    let budget: u64 = std::env::var("BCPGEN_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("BCPGEN_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    eprintln!("hostile_sources_for_a_fixed_budget: BCPGEN_FUZZ_SEED={seed}, {budget} s");
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        ProptestConfig::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    );
    let strategy = (
        prop::collection::vec(deep_line(), 1..4),
        prop_oneof![3 => 0usize..30, 1 => 0usize..50],
        sized_data(),
        (size(), size()),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(budget);
    let (mut cases, mut rendered) = (0, 0);
    while std::time::Instant::now() < deadline {
        let (lines, tables, (kind, data), (rowspan, colspan)) =
            strategy.new_tree(&mut runner).expect("a case").current();
        let s = Site::new();
        s.write(
            "plan/02-hostile.md",
            &format!(
                "# 章 {{#hostile}}\n\n{}\n\n{}\n\n```bcp\nembed: table\nrows:\n  - [{{text: a, rowspan: {rowspan}, colspan: {colspan}}}, b]\n  - [c]\n```\n",
                lines.join("\n\n"),
                nested_tables(tables)
            ),
        );
        s.write(
            "diagrams/hostile.yaml",
            &format!("id: hostile\ntitle: 図\nkind: {kind}\nrevisions:\n  - {{version: 初版, date: 2026-04-01, approver: computer-manager, summary: 新規}}\n{data}"),
        );
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load_and_render(&s)));
        rendered += usize::from(run.as_ref().is_ok_and(|r| *r));
        if run.is_err() {
            let keep = std::env::temp_dir().join(format!("bcpgen-fuzz-{seed}-{cases}"));
            let _ = std::fs::rename(s.content(), &keep);
            panic!(
                "case {cases} of BCPGEN_FUZZ_SEED={seed} panicked; its content is in {}",
                keep.display()
            );
        }
        cases += 1;
    }
    eprintln!("hostile_sources_for_a_fixed_budget: {cases} cases, {rendered} loaded and rendered");
    assert!(cases > 0);
}

/// Every input the fuzzing ever crashed on, run through the real binary
/// (`build --format html`, capped memory, watchdog): it must end with exit
/// 0, or exit 1 naming the file and a line, never a signal or a hang. A
/// `.md` file becomes a plan chapter, a `.yaml` file a document of its own.
#[test]
fn every_crash_found_stays_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/loader-corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus is in {}", dir.display());
    for file in files {
        let s = Site::new();
        let bytes = std::fs::read(&file).unwrap();
        let at = match file.extension().and_then(|e| e.to_str()) {
            Some("md") => "plan/02-corpus.md",
            Some("yaml") => "diagrams/corpus.yaml",
            other => panic!(
                "{}: a corpus file is .md or .yaml, not {other:?}",
                file.display()
            ),
        };
        s.write_bytes(at, &bytes);
        let r = s.build_capped(&["--format", "html"]);
        let name = file.display();
        assert!(!r.timed_out, "{name}: hung");
        assert!(
            matches!(r.code, Some(0 | 1)),
            "{name}: exit {:?}\n{}",
            r.code,
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
        if r.code == Some(1) {
            let shown = format!("content/{at}:");
            let line = r
                .stderr
                .split(&shown)
                .nth(1)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
            assert!(
                line,
                "{name}: the error does not name {shown}LINE\n{}",
                r.stderr
            );
        }
    }
}
