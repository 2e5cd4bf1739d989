//! Problems found in the input, collected rather than thrown, and rendered for the person who
//! has to fix the file: code, file:line:column, the field, what is wrong, the source line with
//! the spot marked, and what to do.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::model::Loc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable kebab-case identifier, e.g. `unknown-region`.
    pub code: &'static str,
    pub file: PathBuf,
    /// `None` when the problem concerns the whole file (unreadable, empty, …).
    pub at: Option<Loc>,
    /// Dotted path of the offending field, e.g. `provinces[an-giang].par.score`.
    pub field: String,
    pub message: String,
    pub hint: String,
}

impl Diagnostic {
    pub fn error(
        code: &'static str,
        file: &Path,
        at: Option<Loc>,
        field: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.to_path_buf(),
            at,
            field: field.into(),
            message: String::new(),
            hint: String::new(),
        }
    }

    pub fn warning(
        code: &'static str,
        file: &Path,
        at: Option<Loc>,
        field: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, file, at, field)
        }
    }

    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }

    /// `--strict`: a warning becomes an error, so a run that had any stops before writing.
    pub fn escalated(mut self) -> Self {
        self.severity = Severity::Error;
        self
    }

    /// Renders like a compiler message; `source` is the file's text, when it could be read.
    pub fn render(&self, source: Option<&str>) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = write!(out, "{label}[{}]: {}", self.code, self.message);
        let _ = write!(out, "\n  --> {}", self.file.display());
        if let Some(at) = self.at {
            let _ = write!(out, ":{}:{}", at.line, at.column);
        }
        if !self.field.is_empty() {
            let _ = write!(out, "  (field `{}`)", self.field);
        }
        if let (Some(at), Some(text)) = (self.at, source) {
            out.push_str(&source_excerpt(text, at));
        }
        if !self.hint.is_empty() {
            let _ = write!(out, "\n   = hint: {}", self.hint);
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(None))
    }
}

/// The source line at `at`, numbered, with a caret under the column. Long lines (minified
/// YAML, absurd nesting) are cropped to a window around the column.
fn source_excerpt(text: &str, at: Loc) -> String {
    const CONTEXT: usize = 60;
    let Some(line) = usize::try_from(at.line)
        .ok()
        .and_then(|n| text.lines().nth(n.checked_sub(1)?))
    else {
        return String::new();
    };
    let number = at.line.to_string();
    let pad = " ".repeat(number.len());
    let chars: Vec<char> = line.chars().collect();
    let caret = usize::try_from(at.column.saturating_sub(1))
        .unwrap_or(0)
        .min(chars.len());
    let first = caret.saturating_sub(CONTEXT);
    let last = (caret + CONTEXT).min(chars.len());
    let mut shown: String = chars[first..last].iter().collect();
    let mut indent: String = chars[first..caret]
        .iter()
        .map(|&c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    if first > 0 {
        shown.insert(0, '…');
        indent.insert(0, ' ');
    }
    if last < chars.len() {
        shown.push('…');
    }
    format!("\n{pad} |\n{number} | {shown}\n{pad} | {indent}^")
}

/// Everything a run found, in input order; errors block writing, warnings only inform.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// `--strict` turns every warning into an error.
    pub fn escalate_warnings(&mut self) {
        for d in &mut self.diagnostics {
            if d.severity == Severity::Warning {
                *d = d.clone().escalated();
            }
        }
    }
}
