//! YAML with line numbers. serde_yaml reads the values but forgets where
//! they were; a second pass over yaml-rust2's marked events records the line
//! of every field path, so later checks can name file, line and field.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_yaml::Value;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diag::Diagnostic;

/// A parsed YAML text: its value, where each path was written, and the file.
#[derive(Clone, Debug)]
pub struct Yaml {
    /// The parsed value.
    pub value: Value,
    /// Where each path was written, for messages.
    pub lines: LineIndex,
    /// The file's name as messages show it.
    pub file: String,
}

/// Field path (`revisions[1].date`) → 1-based line in the file.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    lines: HashMap<String, usize>,
    /// Added to every line (front matter and `bcp` blocks start mid-file).
    offset: usize,
}

impl LineIndex {
    /// The line of `path`, or of its nearest parent that has one.
    pub fn line(&self, path: &str) -> Option<usize> {
        let mut p = path;
        loop {
            if let Some(l) = self.lines.get(p) {
                return Some(l + self.offset);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        expect_key: bool,
        /// Keys written so far, with their lines, to find a key written twice.
        keys: HashMap<String, usize>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

struct Recorder {
    stack: Vec<Frame>,
    lines: HashMap<String, usize>,
    /// Keys written twice in one mapping: (path, line of the second, line of the first).
    duplicates: Vec<(String, usize, usize)>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Recorder {
    /// The path of the value that starts now, advancing the parent's state.
    fn value_path(&mut self, line: usize) -> String {
        match self.stack.last_mut() {
            None => String::new(),
            Some(Frame::Map {
                path,
                key,
                expect_key,
                ..
            }) => {
                *expect_key = true;
                join(path, key.as_deref().unwrap_or(""))
            }
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                self.lines.entry(p.clone()).or_insert(line);
                p
            }
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let line = mark.line();
        match ev {
            Event::Scalar(text, ..) => {
                if let Some(Frame::Map {
                    path,
                    key,
                    expect_key,
                    keys,
                }) = self.stack.last_mut()
                {
                    if *expect_key {
                        let p = join(path, &text);
                        if let Some(&first) = keys.get(&text) {
                            self.duplicates.push((p.clone(), line, first));
                        } else {
                            keys.insert(text.clone(), line);
                        }
                        self.lines.entry(p).or_insert(line);
                        *key = Some(text);
                        *expect_key = false;
                        return;
                    }
                }
                let p = self.value_path(line);
                self.lines.entry(p).or_insert(line);
            }
            Event::Alias(_) => {
                self.value_path(line);
            }
            Event::MappingStart(..) => {
                let path = self.value_path(line);
                self.lines.entry(path.clone()).or_insert(line);
                self.stack.push(Frame::Map {
                    path,
                    key: None,
                    expect_key: true,
                    keys: HashMap::new(),
                });
            }
            Event::SequenceStart(..) => {
                let path = self.value_path(line);
                self.lines.entry(path.clone()).or_insert(line);
                self.stack.push(Frame::Seq { path, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// Parses `text` (which starts at line `first_line` of `file`).
pub fn parse(text: &str, file: &str, first_line: usize) -> Result<Yaml, Diagnostic> {
    let mut rec = Recorder {
        stack: Vec::new(),
        lines: HashMap::new(),
        duplicates: Vec::new(),
    };
    // The marked pass may fail where serde_yaml fails too; the lines it
    // recorded up to there still place serde_yaml's error.
    let _ = Parser::new_from_str(text).load(&mut rec, false);
    let lines = LineIndex {
        lines: rec.lines,
        offset: first_line - 1,
    };
    // serde_yaml names a key written twice at the line of its mapping; the
    // marked pass knows the line of the second key itself.
    if let Some((path, line, first)) = rec.duplicates.first() {
        let key = path.rsplit('.').next().unwrap_or(path);
        return Err(Diagnostic::error(
            file,
            format!(
                "項目 {key} が同じ場所に2回書かれています（1回目は {} 行目）",
                first + first_line - 1
            ),
        )
        .at(Some(line + first_line - 1))
        .field(path.clone()));
    }
    let value: Value = serde_yaml::from_str(text).map_err(|e| {
        let message = e.to_string();
        // serde_yaml starts a message about a value with its path (`a.b: …`).
        let path = message
            .split_once(": ")
            .map(|(p, _)| p)
            .filter(|p| !p.contains(' '));
        let line = e
            .location()
            .map(|l| l.line() + first_line - 1)
            .or_else(|| path.and_then(|p| lines.line(p)));
        let mut d = Diagnostic::error(file, super::yaml_ja::syntax_message(&message)).at(line);
        if let Some(p) = path {
            d = d.field(p);
        }
        d
    })?;
    Ok(Yaml {
        value,
        lines,
        file: file.to_string(),
    })
}

/// Deserializes a typed value out of `value` (a part of `yaml` found at `base`),
/// naming the field that failed.
pub fn typed<T: DeserializeOwned>(yaml: &Yaml, value: &Value, base: &str) -> Result<T, Diagnostic> {
    serde_path_to_error::deserialize(value.clone()).map_err(|e| {
        let inner = e.path().to_string();
        let path = match (base.is_empty(), inner == ".") {
            (_, true) => base.to_string(),
            (true, false) => inner,
            (false, false) if inner.starts_with('[') => format!("{base}{inner}"),
            (false, false) => format!("{base}.{inner}"),
        };
        let mut d = Diagnostic::error(
            &yaml.file,
            super::yaml_ja::serde_message(&e.inner().to_string()),
        )
        .at(yaml.lines.line(&path));
        if !path.is_empty() {
            d = d.field(path);
        }
        d
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_lines_of_nested_paths() {
        let text = "id: plan\nrevisions:\n  - version: 初版\n    date: 2011-03-31\n  - version: 第2版\n    date: 2022-09-07\n";
        let y = parse(text, "f.md", 2).unwrap();
        assert_eq!(y.lines.line("id"), Some(2));
        assert_eq!(y.lines.line("revisions[1].date"), Some(7));
        assert_eq!(y.lines.line("revisions[1]"), Some(6));
        assert_eq!(y.lines.line("revisions[1].missing"), Some(6));
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let e = parse("a: 1\nb: [1, 2\nc: 3\n", "f.yaml", 1).unwrap_err();
        assert!(e.line.is_some());
        assert!(e.message.contains("YAMLの構文"));
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct R {
        version: String,
        date: String,
    }

    #[test]
    fn typed_errors_name_field_and_line() {
        let y = parse(
            "revisions:\n  - version: 初版\n    dat: 2011-03-31\n",
            "f.yaml",
            1,
        )
        .unwrap();
        let v = &y.value["revisions"];
        let e = typed::<Vec<R>>(&y, v, "revisions").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("revisions[0].dat"));
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("知らない項目 dat"), "{}", e.message);
    }
}
