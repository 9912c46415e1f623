//! Diagnostics: every problem found in the sources, in Japanese, naming file,
//! line and field and quoting the value as written.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the user typed it (`content/plan/_index.md`), or empty for site-wide problems.
    pub file: String,
    pub line: Option<usize>,
    /// Dotted path of the field (`revisions[1].date`), when there is one.
    pub field: Option<String>,
    /// The offending value as written.
    pub value: Option<String>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            field: None,
            value: None,
            message: message.into(),
        }
    }
    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }
    pub fn at(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

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
        let label = match self.severity {
            Severity::Error => "エラー",
            Severity::Warning => "警告",
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
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
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
