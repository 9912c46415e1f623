//! Property tests over the loader: whatever the sources hold, loading ends
//! in a site or in diagnostics — never a panic.

mod common;

use bcpgen::model::{Date, Edition};
use proptest::prelude::*;

fn load(site: &common::Site) -> Result<(), bcpgen::diag::Diagnostics> {
    let content = site.content();
    bcpgen::load(&bcpgen::LoadOptions {
        content: &content,
        shown: "content",
        today: Date::parse_iso("2026-11-26").unwrap(),
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
        let s = common::Site::new();
        s.write("plan/02-random.md", &format!("{body}\n\n```bcp\n{frag}```\n\n{body}\n"));
        let _ = load(&s);
    }

    #[test]
    fn front_matter_never_panics(yaml in "[ -~ぁ-ん\\n:{}\\[\\],-]{0,200}") {
        let s = common::Site::new();
        s.write("guides/random.md", &format!("---\n{yaml}\n---\n本文\n"));
        let _ = load(&s);
    }

    #[test]
    fn yaml_documents_never_panic(kind in prop_oneof![Just("contacts"), Just("checklist"), Just("procedure"), Just("succession"), Just("assembly-rules"), Just("form"), Just("diagram"), Just("nothing")], data in fragment()) {
        let s = common::Site::new();
        let data = data.replace("embed: ", "x_embed: ");
        s.write("lists/random.yaml", &format!("id: random\ntitle: 乱数\nkind: list\nrevisions:\n  - {{version: 初版, date: 2026-01-01, approver: computer-manager}}\ntype: {kind}\n{data}\n"));
        let _ = load(&s);
    }

    #[test]
    fn arbitrary_bytes_in_any_source_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200), which in 0usize..4) {
        let s = common::Site::new();
        let file = ["site.yaml", "organization.yaml", "glossary.yaml", "plan/_index.md"][which];
        s.write_bytes(file, &bytes);
        prop_assert!(load(&s).is_err() || which == 2);
    }
}
