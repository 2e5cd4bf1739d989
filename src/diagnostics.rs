//! Problems found in the input, collected rather than thrown, and rendered for the person who
//! has to fix the file: code, file:line:column, the field, what is wrong, the source line with
//! the value marked, and what to do.
//!
//! Every kind of problem has a stable kebab-case [`Code`], listed once below with what it
//! means; `tests/fixtures/bad/<code>*/` holds a fixture for each with the exact message.
//! Rendering goes through `annotate-snippets`, the renderer rustc's own messages use.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::model::Loc;

/// Defines [`Code`] from one list of variants, codes and descriptions, so that a code has
/// exactly one spelling and the list of all codes cannot fall out of date.
macro_rules! codes {
    ($($variant:ident = $code:literal: $what:literal,)*) => {
        /// Every kind of problem parbrief reports about its input.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $what] $variant,)*
        }

        impl Code {
            /// Every code, in the order of this list.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable kebab-case code printed in messages, e.g. `unknown-region`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// What the code means, in one line.
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => $what,)*
                }
            }
        }
    };
}

codes! {
    DataDirUnreadable = "data-dir-unreadable": "the data folder cannot be read",
    NoDataFiles = "no-data-files": "the data folder holds no yearly file",
    FileUnreadable = "file-unreadable": "an input file cannot be read",
    FileTooLarge = "file-too-large": "an input file is larger than any real one",
    NotUtf8 = "not-utf8": "an input file is not UTF-8 text",
    EmptyFile = "empty-file": "an input file is empty",
    YamlSyntax = "yaml-syntax": "the YAML cannot be parsed",
    YamlTooComplex = "yaml-too-complex": "the YAML uses more aliases or nesting than data needs",
    UnknownField = "unknown-field": "a key the format does not have",
    MissingField = "missing-field": "a required key is missing",
    WrongType = "wrong-type": "a value of the wrong type",
    DuplicateKey = "duplicate-key": "a key appears twice in one mapping",
    BadYear = "bad-year": "the year is not a plausible index year",
    YearFileMismatch = "year-file-mismatch": "the year differs from the file name",
    DuplicateYear = "duplicate-year": "two files give the same year",
    BadDate = "bad-date": "a date that is not YYYY-MM-DD",
    BadId = "bad-id": "an id that cannot be a file name",
    UnknownLanguage = "unknown-language": "a source's language that the briefings cannot name",
    EmptyText = "empty-text": "a text that is empty",
    NameTooLong = "name-too-long": "a name too long to set in a document's header and tables",
    GlyphMissing = "glyph-missing": "a character the document font cannot draw",
    DuplicateRegion = "duplicate-region": "a region defined twice",
    EmptyRegion = "empty-region": "a region without provinces",
    UnknownRegion = "unknown-region": "a province in an undefined region",
    DuplicateProvince = "duplicate-province": "a province id used twice in a year",
    DuplicateProvinceName = "duplicate-province-name": "a province name used twice in a year",
    NoProvinces = "no-provinces": "a year without provinces",
    UnknownSource = "unknown-source": "a source id the file does not define",
    ScoreNotFinite = "score-not-finite": "a score that is NaN or infinite",
    ScoreOutOfRange = "score-out-of-range": "a score outside 0–100",
    ScoreTooPrecise = "score-too-precise": "a score with more than two decimals",
    RankOutOfRange = "rank-out-of-range": "a rank outside 1..N",
    CountOutOfRange = "count-out-of-range": "a count of provinces outside 0..N",
    NoDirections = "no-directions": "a directions section without items",
    RankMismatch = "rank-mismatch": "a published rank that disagrees with the scores' rank",
    RankOrder = "rank-order": "published ranks that contradict the known scores or ranks",
    ChangeMismatch = "change-mismatch": "a published change that disagrees with the two years' figures",
    BadConflict = "bad-conflict": "conflicting values given for a figure that is known, or fewer than two",
    BadRounded = "bad-rounded": "a rounded score given for a score that is known, or not a whole number from 0 to 100",
    LineageUnknown = "lineage-unknown": "a predecessor that is not a province of the year before",
    LineageUnmapped = "lineage-unmapped": "a province of the year before that joins no new unit",
    LineageDuplicate = "lineage-duplicate": "a province of the year before that joins two new units",
    LineageMissing = "lineage-missing": "a new unit with no predecessor",
    DatedBeforeSource = "dated-before-source": "a document dated before a source it cites was published",
    IssuerInvalid = "issuer-invalid": "the issuer file does not describe an issuer",
    TemplateUnreadable = "template-unreadable": "a template file cannot be read",
    TemplateInvalid = "template-invalid": "a template that does not compile or render",
    TableUnreadable = "table-unreadable": "a table to import that cannot be read (format, sheet, size)",
    ColumnMissing = "column-missing": "a table to import without a column it needs",
    ColumnAmbiguous = "column-ambiguous": "a table's column whose figure its header does not settle",
    ProvinceUnknown = "province-unknown": "a name in a table that is no province of the year",
    ProvinceAmbiguous = "province-ambiguous": "a name in a table that several provinces of the year share",
    ImportConflict = "import-conflict": "a table's figure that differs from the one in the data file",
    ImportUneditable = "import-uneditable": "a value an import cannot change in place (an alias, no `null`)",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a problem is: errors stop the run, warnings inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Informs; becomes an error under `--strict`.
    Warning,
    /// Stops the run before anything is written.
    Error,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// The file it is in.
    pub file: PathBuf,
    /// Where in the file; `None` when the problem concerns the whole file.
    pub at: Option<Loc>,
    /// Dotted path of the offending field, e.g. `provinces[an-giang].par.score`.
    pub field: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Diagnostic {
    /// An error of kind `code` in `file`.
    pub fn error(code: Code, file: &Path, at: Option<Loc>, field: impl Into<String>) -> Self {
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

    /// A warning of kind `code` in `file`.
    pub fn warning(code: Code, file: &Path, at: Option<Loc>, field: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, file, at, field)
        }
    }

    /// Sets what is wrong.
    #[must_use]
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Sets what to do.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }

    /// Renders like a compiler message; `source` is the file's text, when it could be read.
    pub fn render(&self, source: Option<&str>) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = self.file.display().to_string();
        let title = level.primary_title(&self.message).id(self.code.as_str());
        let excerpt = self.at.zip(source).and_then(|(at, text)| excerpt(text, at));
        let field = (!self.field.is_empty()).then(|| format!("`{}`", self.field));
        let mut group = match (excerpt, self.at) {
            (Some(excerpt), _) => Group::with_title(title).element(
                Snippet::source(excerpt.text)
                    .line_start(excerpt.line)
                    .path(path)
                    .annotation(
                        AnnotationKind::Primary
                            .span(excerpt.span)
                            .label(field.map(|f| format!("field {f}"))),
                    ),
            ),
            (None, at) => {
                let mut origin = Origin::path(path);
                if let Some(at) = at.filter(|at| at.line > 0) {
                    origin = origin
                        .line(usize::try_from(at.line).unwrap_or(usize::MAX))
                        .char_column(usize::try_from(at.column.max(1)).unwrap_or(1));
                }
                let group = Group::with_title(title).element(origin);
                match field {
                    Some(field) => group.element(Level::NOTE.with_name("field").message(field)),
                    None => group,
                }
            }
        };
        if !self.hint.is_empty() {
            group = group.element(Level::HELP.with_name("hint").message(&self.hint));
        }
        Renderer::plain().render(&[group])
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(None))
    }
}

/// The lines of a file that a diagnostic shows, with the marked span relative to them.
struct Excerpt<'a> {
    text: &'a str,
    line: usize,
    span: std::ops::Range<usize>,
}

/// At most this many bytes of a line are shown either side of the mark: minified YAML or an
/// absurdly nested file has lines of megabytes.
const CONTEXT_BYTES: usize = 240;

/// Cuts the lines holding `at` out of `text`, so rendering does not scan a 4 MiB file for each
/// message. Uses the byte span when the parser gave one, else the line and column.
fn excerpt(text: &str, at: Loc) -> Option<Excerpt<'_>> {
    let start = match at.offset {
        Some(offset) => offset,
        None => offset_of(text, at.line, at.column)?,
    };
    let start = floor_char_boundary(text, start.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let window_start =
        floor_char_boundary(text, line_start.max(start.saturating_sub(CONTEXT_BYTES)));
    let window_end = floor_char_boundary(text, line_end.min(start + CONTEXT_BYTES).max(start));
    // A value that runs over several lines is marked on its first line.
    let end = floor_char_boundary(text, (start + at.len.max(1)).min(window_end).max(start));
    let line = text[..line_start].matches('\n').count() + 1;
    Some(Excerpt {
        text: &text[window_start..window_end],
        line,
        span: start - window_start..end.max(start) - window_start,
    })
}

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: u64, column: u64) -> Option<usize> {
    let index = usize::try_from(line).ok()?.checked_sub(1)?;
    let line_start = if index == 0 {
        0
    } else {
        text.match_indices('\n').nth(index - 1)?.0 + 1
    };
    let line_text = text[line_start..].split('\n').next().unwrap_or("");
    let column = usize::try_from(column.max(1) - 1).ok()?;
    let within = line_text
        .char_indices()
        .nth(column)
        .map_or(line_text.len(), |(i, _)| i);
    Some(line_start + within)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Everything a run found, in input order; errors block writing, warnings only inform.
#[derive(Debug, Default)]
pub struct Report {
    /// The problems, in the order they were found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Adds several problems.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    /// Whether anything blocks writing.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// How many problems of `severity` there are.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// `--strict` turns every warning into an error.
    pub fn escalate_warnings(&mut self) {
        for d in &mut self.diagnostics {
            d.severity = Severity::Error;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(at: Option<Loc>) -> Diagnostic {
        Diagnostic::error(
            Code::UnknownRegion,
            Path::new("data/2020.yaml"),
            at,
            "provinces[x].region",
        )
        .message("region `dbscl` is not defined in `regions`")
        .hint("use one of: north, south")
    }

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert!(
                code.as_str()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{code}"
            );
            assert!(!code.description().is_empty());
        }
    }

    #[test]
    fn a_located_problem_quotes_its_line_and_marks_the_value() {
        let text = "year: 2020\nprovinces:\n  - region: dbscl\n";
        let offset = text.find("dbscl").expect("in text");
        let at = Loc {
            line: 3,
            column: 13,
            offset: Some(offset),
            len: 5,
        };
        let out = diagnostic(Some(at)).render(Some(text));
        assert!(
            out.starts_with("error[unknown-region]: region `dbscl` is not defined"),
            "{out}"
        );
        assert!(out.contains("data/2020.yaml:3:13"), "{out}");
        assert!(out.contains("3 |   - region: dbscl"), "{out}");
        assert!(out.contains("^^^^^ field `provinces[x].region`"), "{out}");
        assert!(out.contains("= hint: use one of: north, south"), "{out}");
    }

    #[test]
    fn a_line_and_column_without_a_span_is_found_in_the_text() {
        let text = "a: 1\nb: x\n";
        let out = diagnostic(Some(Loc::at(2, 4))).render(Some(text));
        assert!(out.contains("2 | b: x"), "{out}");
        assert!(out.contains("data/2020.yaml:2:4"), "{out}");
    }

    #[test]
    fn a_whole_file_problem_names_the_file() {
        let out = diagnostic(None).render(None);
        assert!(out.contains("-> data/2020.yaml"), "{out}");
        assert!(out.contains("= field: `provinces[x].region`"), "{out}");
    }

    #[test]
    fn a_huge_line_is_cropped_around_the_mark() {
        let text = format!("{}X{}", "a".repeat(10_000), "b".repeat(10_000));
        let at = Loc {
            line: 1,
            column: 10_001,
            offset: Some(10_000),
            len: 1,
        };
        let out = diagnostic(Some(at)).render(Some(&text));
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(out.contains('X'));
    }
}
