//! A character the PDF fonts lack, named where the sources write it.
//!
//! The PDF renderer only knows the document whose pages draw the character;
//! a name from organization.yaml or glossary.yaml is drawn by many documents,
//! none of which holds it. So the sources are read again (on this failure
//! path only) and every line that writes the character is named, once.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::render::pdf::missing_message;

/// At most this many places are named per character; the rest are counted.
const MAX_PLACES: usize = 10;

/// One diagnostic per place each character of `missing` is written in the
/// sources under `content`; a character written nowhere literally (an
/// entity, text bcpgen adds) keeps the renderer's own diagnostics, the
/// documents that show it.
pub fn locate(content: &Path, missing: BTreeMap<char, Vec<Diagnostic>>) -> Diagnostics {
    let shown = content.display().to_string();
    let files = crate::source::files::read_content(content, &shown).unwrap_or_default();
    let texts: Vec<&crate::source::files::TextFile> = [
        &files.site,
        &files.organization,
        &files.glossary,
        &files.trainings,
    ]
    .into_iter()
    .flatten()
    .chain(files.documents.iter().flat_map(|d| d.texts()))
    .collect();
    let mut out = Diagnostics::default();
    for (c, fallback) in missing {
        let mut places = Vec::new();
        for f in &texts {
            let yaml = f.rel.ends_with(".yaml") || f.rel.ends_with(".yml");
            for (i, line) in f.text.lines().enumerate() {
                // A YAML comment is never printed.
                if yaml && line.trim_start().starts_with('#') {
                    continue;
                }
                if line.contains(c) {
                    places.push((f.display.clone(), i + 1));
                }
            }
        }
        if places.is_empty() {
            let mut seen = std::collections::HashSet::new();
            out.0
                .extend(fallback.into_iter().filter(|d| seen.insert(d.file.clone())));
            continue;
        }
        let more = places.len().saturating_sub(MAX_PLACES);
        for (k, (file, line)) in places.into_iter().take(MAX_PLACES).enumerate() {
            let mut m = missing_message(c);
            if k + 1 == MAX_PLACES && more > 0 {
                m.push_str(&format!("。この文字はほかに {more} 箇所に書かれています"));
            }
            out.push(Diagnostic::error(file, m).at(Some(line)));
        }
    }
    out
}
