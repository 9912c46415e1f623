//! The approved texts in the repository's history, read with the `git`
//! command. A handful of calls (`rev-parse`, `log`, `show`, `ls-tree`, one
//! `cat-file --batch`) is all compare needs; gix would add ~150 crates of
//! compile time to a 2-core CI for them. Every output is read up to a cap,
//! and every failure becomes a Japanese message.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::diag::Diagnostic;

/// The most one git call may print (a listing or one file).
const CAP: u64 = 256 * 1024 * 1024;

/// The repository holding a content folder.
pub struct Git {
    /// The content folder: every call runs there, so paths are relative to it.
    dir: PathBuf,
    /// The content folder relative to the work tree's top (`content/`).
    pub prefix: String,
}

fn spawn_error(e: &std::io::Error) -> Diagnostic {
    if e.kind() == std::io::ErrorKind::NotFound {
        Diagnostic::failure("git コマンドが見つかりません（改定前の本文を履歴から取り出すのに使います）。git を入れるか、--from-content DIR で改定前のコンテンツのフォルダを指定してください")
    } else {
        Diagnostic::failure(format!(
            "git コマンドを実行できません（{}）",
            crate::diag::io_reason(e)
        ))
    }
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("git");
    c.args(args)
        .current_dir(dir)
        // Reading only: never wait for a lock, never ask for anything.
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null());
    c
}

/// Runs git; its stdout (up to [`CAP`]) on success, else its first line of
/// complaint.
fn run(dir: &Path, args: &[&str]) -> Result<Result<Vec<u8>, String>, Diagnostic> {
    let mut child = command(dir, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| spawn_error(&e))?;
    let mut err = child.stderr.take().expect("piped");
    // stderr is drained beside stdout so a chatty git cannot block on it.
    let errs = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.by_ref().take(64 * 1024).read_to_end(&mut s);
        s
    });
    let mut out = Vec::new();
    let read = child
        .stdout
        .take()
        .expect("piped")
        .take(CAP + 1)
        .read_to_end(&mut out);
    if out.len() as u64 > CAP {
        let _ = child.kill();
    }
    let status = child.wait().map_err(|e| spawn_error(&e))?;
    let stderr = errs.join().unwrap_or_default();
    if out.len() as u64 > CAP {
        return Err(Diagnostic::failure(format!(
            "git {} の出力が {} MB を超えたため読むのをやめました",
            args.join(" "),
            CAP / 1024 / 1024
        )));
    }
    read.map_err(|e| spawn_error(&e))?;
    if status.success() {
        Ok(Ok(out))
    } else {
        let why = String::from_utf8_lossy(&stderr);
        Ok(Err(why.lines().next().unwrap_or("").trim().to_string()))
    }
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).into_owned()
}

impl Git {
    /// The repository around `content`, or why there is none.
    pub fn open(content: &Path) -> Result<Git, Diagnostic> {
        match run(content, &["rev-parse", "--show-prefix"])? {
            Ok(prefix) => Ok(Git {
                dir: content.to_path_buf(),
                prefix: text(prefix).trim().to_string(),
            }),
            Err(_) => Err(Diagnostic::failure(format!(
                "コンテンツのフォルダ {} は git のリポジトリの中にないため、承認された版の本文を履歴から取り出せません。--from-content DIR で改定前のコンテンツのフォルダを指定してください",
                content.display()
            ))),
        }
    }

    /// Whether the clone is shallow (older commits are missing).
    pub fn shallow(&self) -> bool {
        matches!(run(&self.dir, &["rev-parse", "--is-shallow-repository"]), Ok(Ok(o)) if String::from_utf8_lossy(&o).trim() == "true")
    }

    /// The full id of a commit named by `rev`, if it names one.
    pub fn commit(&self, rev: &str) -> Result<Option<String>, Diagnostic> {
        // A name starting with `-` would be read as an option.
        if rev.starts_with('-') || rev.is_empty() {
            return Ok(None);
        }
        let spec = format!("{rev}^{{commit}}");
        Ok(
            run(&self.dir, &["rev-parse", "--verify", "--quiet", &spec])?
                .ok()
                .map(|o| text(o).trim().to_string()),
        )
    }

    /// One `git log` of the whole content folder: the commits that changed
    /// each file, oldest first (empty before the first commit). Read once
    /// per run, so status and a build look up every document without a
    /// call per document.
    pub fn log(&self) -> Result<Log, Diagnostic> {
        let out = run(
            &self.dir,
            &[
                "log",
                "--reverse",
                "--relative",
                "--no-renames",
                "--name-only",
                "--format=%x00%H",
                "--",
                ".",
            ],
        )?
        .unwrap_or_default();
        let mut by_file: HashMap<String, Vec<String>> = HashMap::new();
        for entry in text(out).split('\0').filter(|e| !e.trim().is_empty()) {
            let mut lines = entry.lines();
            let Some(commit) = lines.next() else { continue };
            for file in lines.filter(|l| !l.is_empty()) {
                by_file
                    .entry(file.to_string())
                    .or_default()
                    .push(commit.to_string());
            }
        }
        Ok(Log { by_file })
    }

    /// The text of `path` (relative to the content folder) at `commit`;
    /// None when the file is not there.
    pub fn show(&self, commit: &str, path: &str) -> Result<Option<String>, Diagnostic> {
        let spec = format!("{commit}:./{path}");
        Ok(run(&self.dir, &["show", &spec])?.ok().map(text))
    }

    /// The date of a commit (author date, YYYY-MM-DD).
    pub fn date(&self, commit: &str) -> Option<crate::model::Date> {
        let out = run(&self.dir, &["show", "-s", "--format=%as", commit])
            .ok()?
            .ok()?;
        crate::model::Date::parse_iso(text(out).trim())
    }

    /// Writes the content folder as it was at `commit` into `dest`. Only
    /// files are written: a symlink or submodule in the history is left out
    /// (the loader refuses links that leave the folder anyway).
    pub fn materialize(&self, commit: &str, dest: &Path) -> Result<(), Diagnostic> {
        let listing = match run(&self.dir, &["ls-tree", "-r", "-z", commit, "--", "."])? {
            Ok(l) => l,
            Err(why) => {
                return Err(Diagnostic::failure(format!(
                    "git ls-tree {commit} に失敗しました（{why}）"
                )))
            }
        };
        let mut files: Vec<(String, String)> = Vec::new();
        for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
            let entry = String::from_utf8_lossy(entry);
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let mut f = meta.split(' ');
            let (mode, kind, id) = (f.next(), f.next(), f.next());
            if kind == Some("blob") && mode != Some("120000") {
                if let Some(id) = id {
                    files.push((id.to_string(), path.to_string()));
                }
            }
        }
        let mut child = command(&self.dir, &["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| spawn_error(&e))?;
        let mut input = child.stdin.take().expect("piped");
        let ids: String = files.iter().map(|(id, _)| format!("{id}\n")).collect();
        // Written beside the reading: a large batch would fill both pipes.
        let writer = std::thread::spawn(move || {
            let _ = input.write_all(ids.as_bytes());
        });
        let mut out = BufReader::new(child.stdout.take().expect("piped"));
        let result = (|| -> Result<(), Diagnostic> {
            for (_, path) in &files {
                let mut header = String::new();
                out.read_line(&mut header).map_err(|e| spawn_error(&e))?;
                let size: u64 = header
                    .split(' ')
                    .nth(2)
                    .and_then(|s| s.trim().parse().ok())
                    .ok_or_else(|| {
                        Diagnostic::failure(format!("git cat-file が {path} を返しませんでした"))
                    })?;
                if size > CAP {
                    return Err(Diagnostic::failure(format!(
                        "履歴の {path} が {} MB を超えるため取り出せません",
                        CAP / 1024 / 1024
                    )));
                }
                // Paths come from git's own tree, relative and without `..`;
                // checked anyway, so nothing is written outside `dest`.
                let rel = Path::new(path);
                if rel
                    .components()
                    .any(|c| !matches!(c, std::path::Component::Normal(_)))
                {
                    return Err(Diagnostic::failure(format!(
                        "履歴のファイル名 {path} を扱えません"
                    )));
                }
                let target = dest.join(rel);
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| write_error(&target, &e))?;
                }
                let mut file =
                    std::fs::File::create(&target).map_err(|e| write_error(&target, &e))?;
                let copied = std::io::copy(&mut out.by_ref().take(size), &mut file)
                    .map_err(|e| write_error(&target, &e))?;
                if copied != size {
                    return Err(Diagnostic::failure(format!(
                        "git cat-file の {path} が途中で切れました"
                    )));
                }
                let mut newline = [0u8; 1];
                out.read_exact(&mut newline).map_err(|e| spawn_error(&e))?;
            }
            Ok(())
        })();
        let _ = writer.join();
        let _ = child.kill();
        let _ = child.wait();
        result
    }
}

fn write_error(p: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::io(p, "書き込めません", e)
}

/// What [`Git::log`] read: each content-relative file's commits, oldest first.
pub struct Log {
    by_file: HashMap<String, Vec<String>>,
}

impl Log {
    /// The commits that changed `path`, oldest first.
    pub fn commits_of(&self, path: &str) -> &[String] {
        self.by_file.get(path).map_or(&[], Vec::as_slice)
    }
}

/// The labels and recorded fingerprints of a metadata text's revisions.
pub fn revisions_in(path: &str, text: &str) -> Recorded {
    let yaml = if path.ends_with(".md") {
        crate::source::frontmatter::split(text).yaml.unwrap_or("")
    } else {
        text
    };
    let Ok(v) = serde_yaml::from_str::<serde_yaml::Value>(yaml) else {
        return vec![];
    };
    v.get("revisions")
        .and_then(|r| r.as_sequence())
        .map(|seq| {
            seq.iter()
                .filter_map(|r| {
                    let version = r.get("version")?.as_str()?.trim().to_string();
                    let fp = r
                        .get("fingerprint")
                        .and_then(|f| f.as_str())
                        .map(str::to_string);
                    Some((version, fp))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A metadata file's revisions: each label and the fingerprint it records.
pub type Recorded = Vec<(String, Option<String>)>;

/// Where the approved text of a revision is in the history.
pub enum Approved {
    /// The commit where the revision entry first appears (its text is the
    /// approved one), and the fingerprint the entry records.
    At {
        /// The full commit id.
        commit: String,
        /// The entry's `fingerprint`, if any.
        recorded: Option<String>,
    },
    /// No commit records the revision (`shallow`: the clone lacks older commits).
    Absent {
        /// Whether the repository is a shallow clone.
        shallow: bool,
    },
    /// The revision first appears together with `later` ones in `commit`:
    /// its own text was never committed.
    Together {
        /// The commit recording them all.
        commit: String,
        /// The later labels recorded with it.
        later: Vec<String>,
    },
}

/// Looks up approved texts: the repository, its log read once, and each
/// metadata file's revisions at each commit read at most once.
pub struct Finder {
    /// The repository.
    pub git: Git,
    log: Log,
    /// Whether the clone is shallow: its oldest commit may not be where a
    /// revision was first recorded.
    shallow: bool,
    /// (commit, file) → the revisions the file records there.
    revisions: RefCell<HashMap<(String, String), Recorded>>,
}

impl Finder {
    /// The repository around `content` and its log.
    pub fn open(content: &Path) -> Result<Finder, Diagnostic> {
        let git = Git::open(content)?;
        let log = git.log()?;
        let shallow = git.shallow();
        Ok(Finder {
            git,
            log,
            shallow,
            revisions: RefCell::default(),
        })
    }

    fn revisions_at(&self, commit: &str, rel: &str) -> Result<Recorded, Diagnostic> {
        let key = (commit.to_string(), rel.to_string());
        if let Some(r) = self.revisions.borrow().get(&key) {
            return Ok(r.clone());
        }
        let revs = self
            .git
            .show(commit, rel)?
            .map(|t| revisions_in(rel, &t))
            .unwrap_or_default();
        self.revisions.borrow_mut().insert(key, revs.clone());
        Ok(revs)
    }

    /// Where the approved text of revision `label` of the document whose
    /// metadata is `rel` (content-relative) is.
    pub fn approved(&self, rel: &str, label: &str) -> Result<Approved, Diagnostic> {
        let commits = self.log.commits_of(rel);
        for (i, c) in commits.iter().enumerate() {
            let revs = self.revisions_at(c, rel)?;
            let Some(pos) = revs.iter().position(|(l, _)| l == label) else {
                continue;
            };
            // In a shallow clone the oldest commit holds everything recorded
            // before it: where the revision was first recorded is cut off.
            if i == 0 && self.shallow {
                return Ok(Approved::Absent { shallow: true });
            }
            if pos + 1 < revs.len() {
                return Ok(Approved::Together {
                    commit: c.clone(),
                    later: revs[pos + 1..].iter().map(|(l, _)| l.clone()).collect(),
                });
            }
            return Ok(Approved::At {
                commit: c.clone(),
                recorded: revs[pos].1.clone(),
            });
        }
        Ok(Approved::Absent {
            shallow: self.shallow,
        })
    }
}
