//! Diagnostics: the one error type of bcpgen. Every problem — in the
//! sources, on the command line, in rendering or writing — is a
//! [`Diagnostic`] in Japanese, naming file, line and field and quoting the
//! value as written where there is one; a run collects them in
//! [`Diagnostics`] so the user sees all of them at once.

use std::fmt;
use std::path::Path;

/// How bad a problem is: a warning lets the run go on (unless `--strict`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; the run still succeeds.
    Warning,
    /// The run fails.
    Error,
}

/// What a problem is about, which decides the exit code and how the
/// problem is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kind {
    /// Invalid sources, or a step of the run that failed (reading,
    /// rendering, writing): exit 1.
    #[default]
    Invalid,
    /// The command line asks for something impossible (a flag's value, a
    /// missing folder, a refused `--out`): exit 2, shown as 「使い方の誤り」.
    Usage,
    /// A character the PDF fonts lack: [`crate::render_site`] replaces the
    /// renderer's diagnostics by the places the sources write it (exit 1).
    MissingGlyph(char),
}

/// One problem, in Japanese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether the run fails because of it.
    pub severity: Severity,
    /// Path as the user typed it (`content/plan/_index.md`), or empty for site-wide problems.
    pub file: String,
    /// The 1-based line in `file`, when known.
    pub line: Option<usize>,
    /// Dotted path of the field (`revisions[1].date`), when there is one.
    pub field: Option<String>,
    /// The offending value as written.
    pub value: Option<String>,
    /// What is wrong, in Japanese.
    pub message: String,
    /// What the problem is about (decides the exit code).
    pub kind: Kind,
}

impl Diagnostic {
    /// An error found in `file` (empty for a problem that belongs to no file).
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            field: None,
            value: None,
            message: message.into(),
            kind: Kind::Invalid,
        }
    }
    /// An error at `line` of `file`, naming the field and quoting the value
    /// as written when there is one.
    pub fn error_at(
        file: impl Into<String>,
        line: usize,
        message: impl Into<String>,
        field: Option<&str>,
        value: Option<&str>,
    ) -> Diagnostic {
        Diagnostic {
            line: Some(line),
            field: field.map(str::to_string),
            value: value.map(str::to_string),
            ..Diagnostic::error(file, message)
        }
    }
    /// A warning found in `file`.
    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }
    /// An error of the run that belongs to no one file; its message names
    /// what failed (「テーマにフォント … がありません」).
    pub fn failure(message: impl Into<String>) -> Diagnostic {
        Diagnostic::error("", message)
    }
    /// A mistake on the command line (exit 2).
    pub fn usage(message: impl Into<String>) -> Diagnostic {
        Diagnostic::failure(message).kind(Kind::Usage)
    }
    /// A file operation on `path` that failed: 「{path} を{doing}（{why}）」,
    /// `doing` being the verb's potential negative (「読めません」「書き込めません」)
    /// and `why` the reason in Japanese ([`io_reason`]).
    pub fn io(path: &Path, doing: &str, e: &std::io::Error) -> Diagnostic {
        Diagnostic::failure(format!("{} を{doing}（{}）", path.display(), io_reason(e)))
    }
    /// The same problem, at `line` of its file.
    pub fn at(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }
    /// The same problem, naming the field it is about.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
    /// The same problem, quoting the value as written.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }
    /// The same problem, of another [`Kind`].
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }
    /// The same problem, as a mistake on the command line (exit 2).
    pub fn as_usage(self) -> Self {
        self.kind(Kind::Usage)
    }
    /// The same problem, placed in `file` unless it already names one.
    pub fn or_in(mut self, file: impl Into<String>) -> Self {
        if self.file.is_empty() {
            self.file = file.into();
        }
        self
    }
    /// Whether the run fails because of it.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    /// The exit code of a run that stops on this problem: 2 for a usage
    /// mistake, else 1.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            Kind::Usage => 2,
            Kind::Invalid | Kind::MissingGlyph(_) => 1,
        }
    }
}

impl std::error::Error for Diagnostic {}

impl fmt::Display for Diagnostic {
    /// `エラー: content/plan/_index.md:12: revisions[1].date 「2022-02-30」: 実在しない日付です。`
    /// Control characters the sources hold are shown escaped
    /// ([`crate::escape::terminal`]): a message must not drive the terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_plain(&mut s)?;
        f.write_str(&crate::escape::terminal(&s))
    }
}

impl Diagnostic {
    fn write_plain(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let label = match (self.severity, self.kind) {
            (Severity::Warning, _) => "警告",
            (Severity::Error, Kind::Usage) => "使い方の誤り",
            (Severity::Error, _) => "エラー",
        };
        write!(f, "{label}: ")?;
        if !self.file.is_empty() {
            write!(f, "{}", self.file)?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": ")?;
        }
        match (&self.field, &self.value) {
            (Some(field), Some(value)) => write!(f, "{field} 「{value}」")?,
            (Some(field), None) => write!(f, "{field}")?,
            (None, Some(value)) => write!(f, "「{value}」")?,
            (None, None) => {}
        }
        if self.field.is_some() || self.value.is_some() {
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Problems collected across a whole run, so the user sees all of them at once.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    /// Whether any of them fails the run.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    /// The errors, in the order found.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }
    /// The warnings, in the order found.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }
    /// Adds every problem of `other`, after these.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    /// The exit code of a run that stops on these: 2 when any is a usage
    /// mistake, else 1.
    pub fn exit_code(&self) -> u8 {
        self.0.iter().map(Diagnostic::exit_code).max().unwrap_or(1)
    }
    /// `Err(self)` when any of them is an error, else `Ok(())`.
    pub fn into_result(self) -> Result<(), Diagnostics> {
        if self.has_errors() {
            Err(self)
        } else {
            Ok(())
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Self {
        Diagnostics(v)
    }
}

impl fmt::Display for Diagnostics {
    /// One diagnostic a line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Why a file operation failed, in Japanese (the OS's own text is English).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let why = match e.kind() {
        K::NotFound => "見つかりません",
        K::PermissionDenied => "アクセスする権限がありません",
        K::AlreadyExists => "同じ名前のものがすでにあります",
        K::NotADirectory => "フォルダではありません",
        K::IsADirectory => "ファイルではなくフォルダです",
        K::DirectoryNotEmpty => "フォルダが空ではありません",
        K::ReadOnlyFilesystem => "読み取り専用の場所です",
        K::StorageFull | K::QuotaExceeded => "ディスクの空きがありません",
        K::InvalidFilename => "ファイル名が長すぎるか、使えない文字を含みます",
        K::FileTooLarge => "ファイルが大きすぎます",
        K::InvalidData => "UTF-8 のテキストではありません",
        K::Interrupted => "中断されました",
        K::CrossesDevices => "別のファイルシステムへは移せません",
        K::TooManyLinks => "リンクが多すぎます",
        _ => "",
    };
    match (why, e.raw_os_error()) {
        ("", Some(n)) => format!("OS のエラー {n}"),
        ("", None) => "入出力のエラー".to_string(),
        (w, _) => w.to_string(),
    }
}
