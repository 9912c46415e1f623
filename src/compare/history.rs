//! The approved texts in the repository's history, read with the `git`
//! command. A handful of calls (`rev-parse`, `log`, `show`, `ls-tree`, one
//! `cat-file --batch`) is all compare needs; gix would add ~150 crates of
//! compile time to a 2-core CI for them. Every output is read up to a cap,
//! and every failure becomes a Japanese message.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The most one git call may print (a listing or one file).
const CAP: u64 = 256 * 1024 * 1024;

/// The repository holding a content folder.
pub struct Git {
    /// The content folder: every call runs there, so paths are relative to it.
    dir: PathBuf,
    /// The content folder relative to the work tree's top (`content/`).
    pub prefix: String,
}

fn spawn_error(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "git コマンドが見つかりません（改定前の本文を履歴から取り出すのに使います）。git を入れるか、--from-content DIR で改定前のコンテンツのフォルダを指定してください".to_string()
    } else {
        format!(
            "git コマンドを実行できません（{}）",
            crate::diag::io_reason(e)
        )
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
fn run(dir: &Path, args: &[&str]) -> Result<Result<Vec<u8>, String>, String> {
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
        return Err(format!(
            "git {} の出力が {} MB を超えたため読むのをやめました",
            args.join(" "),
            CAP / 1024 / 1024
        ));
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
    pub fn open(content: &Path) -> Result<Git, String> {
        match run(content, &["rev-parse", "--show-prefix"])? {
            Ok(prefix) => Ok(Git {
                dir: content.to_path_buf(),
                prefix: text(prefix).trim().to_string(),
            }),
            Err(_) => Err(format!(
                "コンテンツのフォルダ {} は git のリポジトリの中にないため、承認された版の本文を履歴から取り出せません。--from-content DIR で改定前のコンテンツのフォルダを指定してください",
                content.display()
            )),
        }
    }

    /// Whether the clone is shallow (older commits are missing).
    pub fn shallow(&self) -> bool {
        matches!(run(&self.dir, &["rev-parse", "--is-shallow-repository"]), Ok(Ok(o)) if String::from_utf8_lossy(&o).trim() == "true")
    }

    /// The full id of a commit named by `rev`, if it names one.
    pub fn commit(&self, rev: &str) -> Result<Option<String>, String> {
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

    /// The commits that changed `path` (relative to the content folder),
    /// oldest first. Empty before the first commit.
    pub fn commits_of(&self, path: &str) -> Result<Vec<String>, String> {
        let out =
            run(&self.dir, &["log", "--format=%H", "--reverse", "--", path])?.unwrap_or_default();
        Ok(text(out).lines().map(str::to_string).collect())
    }

    /// The text of `path` (relative to the content folder) at `commit`;
    /// None when the file is not there.
    pub fn show(&self, commit: &str, path: &str) -> Result<Option<String>, String> {
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
    pub fn materialize(&self, commit: &str, dest: &Path) -> Result<(), String> {
        let listing = match run(&self.dir, &["ls-tree", "-r", "-z", commit, "--", "."])? {
            Ok(l) => l,
            Err(why) => return Err(format!("git ls-tree {commit} に失敗しました（{why}）")),
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
        let result = (|| -> Result<(), String> {
            for (_, path) in &files {
                let mut header = String::new();
                out.read_line(&mut header).map_err(|e| spawn_error(&e))?;
                let size: u64 = header
                    .split(' ')
                    .nth(2)
                    .and_then(|s| s.trim().parse().ok())
                    .ok_or_else(|| format!("git cat-file が {path} を返しませんでした"))?;
                if size > CAP {
                    return Err(format!(
                        "履歴の {path} が {} MB を超えるため取り出せません",
                        CAP / 1024 / 1024
                    ));
                }
                // Paths come from git's own tree, relative and without `..`;
                // checked anyway, so nothing is written outside `dest`.
                let rel = Path::new(path);
                if rel
                    .components()
                    .any(|c| !matches!(c, std::path::Component::Normal(_)))
                {
                    return Err(format!("履歴のファイル名 {path} を扱えません"));
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
                    return Err(format!("git cat-file の {path} が途中で切れました"));
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

fn write_error(p: &Path, e: &std::io::Error) -> String {
    format!(
        "一時フォルダの {} に書き込めません（{}）",
        p.display(),
        crate::diag::io_reason(e)
    )
}
