//! Turning raw input structs into the domain model, collecting *every* problem on the way.
//!
//! "Parse, don't validate": what comes out is a `YearData` (or an `Issuer`) that later stages
//! can trust — scores in 0–100 with at most two decimals, ranks inside 1..N, ids that are safe
//! file names, every region and source reference resolved, every character drawable by the
//! font. One `Checker` holds the checks every input file shares; `year` and `issuer` apply
//! them to their files.

mod figures;
mod issuer;
mod lineage;
mod year;

use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostics::{Code, Diagnostic, Report};
use crate::load::Loaded;
use crate::model::{Loc, Rank, Score, YearData};
use crate::raw::{self, Spanned, loc};

pub use issuer::issuer;

/// Answers whether the embedded font can draw a character.
pub type Coverage<'a> = &'a (dyn Fn(char) -> bool + Sync);

/// Input below this many bytes of text is parsed on every core, a file at a time on each;
/// larger input one file at a time, as a file's parse tree (a place beside every value) is
/// many times its text. The real data, 9 years of at most 40 KB, parses in parallel; the
/// 1 000-unit synthetic data (two years, 0.5 MB) too; the two 10 000-unit years (5 MB) do not.
const PARALLEL_BELOW_BYTES: usize = 1 << 20;

/// Parses and validates every file; a year is returned only when its file had no error.
pub fn validate(loaded: &Loaded, covers: Coverage<'_>) -> (Vec<YearData>, Report) {
    let check = |file: &crate::load::SourceFile| check_year_file(file, covers);
    let total: usize = loaded.files.iter().map(|f| f.text.len()).sum();
    // A rayon pool of a thread per core balances files of different sizes best (measured
    // against a thread per file and a run of files per core). Should the system refuse the
    // threads, the files are checked here one after the other. A panic while checking a
    // file (a bug) is raised again here once the other files are checked.
    let pool = (total < PARALLEL_BELOW_BYTES)
        .then(|| rayon::ThreadPoolBuilder::new().build().ok())
        .flatten();
    let checked: Vec<Checked> = match pool {
        Some(pool) => {
            use rayon::prelude::*;
            pool.install(|| loaded.files.par_iter().map(check).collect())
        }
        None => loaded.files.iter().map(check).collect(),
    };
    let mut report = Report::default();
    let mut years: Vec<YearData> = Vec::new();
    for (file, checked) in loaded.files.iter().zip(checked) {
        report.extend(checked.diagnostics);
        let Some((year, at)) = checked.year else {
            continue;
        };
        if let Some(other) = years.iter().find(|y| y.year == year.year) {
            report.push(
                Diagnostic::error(Code::DuplicateYear, &file.path, Some(at), "year")
                    .message(format!(
                        "year {} is also given by {}",
                        year.year,
                        other.file.display()
                    ))
                    .hint("keep one file per year"),
            );
            continue;
        }
        years.push(year);
    }
    years.sort_by_key(|y| y.year);
    report.extend(lineage::check(&years).diagnostics);
    (years, report)
}

/// What checking one yearly file found: its year (and where the file states it) when it
/// had no error, and every problem.
struct Checked {
    year: Option<(YearData, Loc)>,
    diagnostics: Vec<Diagnostic>,
}

/// Parses and checks one yearly file (its parse tree is dropped on return).
fn check_year_file(file: &crate::load::SourceFile, covers: Coverage<'_>) -> Checked {
    let raw = match raw::parse_year(&file.path, &file.text) {
        Ok(raw) => raw,
        Err(diagnostic) => {
            return Checked {
                year: None,
                diagnostics: vec![*diagnostic],
            };
        }
    };
    let mut checker = Checker::new(&file.path, &file.text, covers);
    let year = checker.year_data(&raw);
    let year = year
        .filter(|_| !checker.report.has_errors())
        .map(|year| (year, loc(&raw.year)));
    Checked {
        year,
        diagnostics: checker.report.diagnostics,
    }
}

/// Checks one file, remembering which file every diagnostic belongs to.
struct Checker<'a> {
    path: &'a Path,
    /// The file's text, to find the exact place of a character inside a value.
    source: &'a str,
    report: Report,
    covers: Coverage<'a>,
}

impl<'a> Checker<'a> {
    fn new(path: &'a Path, source: &'a str, covers: Coverage<'a>) -> Self {
        Checker {
            path,
            source,
            report: Report::default(),
            covers,
        }
    }

    fn error(
        &mut self,
        code: Code,
        at: Loc,
        field: impl Into<String>,
        message: String,
        hint: &str,
    ) {
        self.report.push(
            Diagnostic::error(code, self.path, Some(at), field)
                .message(message)
                .hint(hint),
        );
    }

    /// A text value on one line: runs of whitespace become one space (a YAML block scalar, a
    /// stray tab or an ideographic space must not split or blank a name); empty text and
    /// characters the font cannot draw are errors.
    fn text(&mut self, raw: &Spanned<String>, field: &str) -> String {
        let value = one_line(&raw.value);
        self.check_text(raw, &value, field);
        value
    }

    /// A name: a one-line text of at most [`MAX_NAME_CHARS`] characters. The longest real
    /// one ("Thành phố Hồ Chí Minh") has 21; the header, the tables and the charts are set
    /// for names, not paragraphs.
    fn name(&mut self, raw: &Spanned<String>, field: &str) -> String {
        let value = self.text(raw, field);
        let count = value.chars().count();
        if count > MAX_NAME_CHARS {
            self.error(
                Code::NameTooLong,
                loc(raw),
                field,
                format!(
                    "the name has {count} characters; a name may have at most {MAX_NAME_CHARS}"
                ),
                "write the unit's official name; notes belong under `notes`",
            );
        }
        value
    }

    /// A text value whose line breaks are meant (an agency's name over two lines): each line
    /// is collapsed like [`Checker::text`], empty lines dropped.
    fn text_lines(&mut self, raw: &Spanned<String>, field: &str) -> String {
        let value = raw
            .value
            .lines()
            .map(one_line)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        self.check_text(raw, &value, field);
        value
    }

    fn check_text(&mut self, raw: &Spanned<String>, value: &str, field: &str) {
        if value.is_empty() {
            self.error(
                Code::EmptyText,
                loc(raw),
                field,
                "the text is empty".into(),
                "write the text, or remove the entry",
            );
        }
        if let Some(c) = value.chars().find(|&c| c != '\n' && !(self.covers)(c)) {
            let at = self.place_of(loc(raw), c);
            self.error(
                Code::GlyphMissing,
                at,
                field,
                format!(
                    "the font cannot draw {c:?} (U+{:04X}{})",
                    u32::from(c),
                    if crate::pdf::is_invisible(c) || c.is_whitespace() || c.is_control() {
                        ", an invisible character"
                    } else {
                        ""
                    }
                ),
                "replace the character with one the document font (Liberation Serif) has, e.g. a Latin or Vietnamese letter or a plain space",
            );
        }
    }

    /// The place of character `c` inside the value at `at`: searched in the file's text, so
    /// quotes, escapes and block scalars do not shift it. Falls back to the value's start.
    fn place_of(&self, at: Loc, c: char) -> Loc {
        let Some(offset) = at.offset else {
            return at;
        };
        let end = (offset + at.len).min(self.source.len());
        let Some(found) = self.source.get(offset..end).and_then(|v| v.find(c)) else {
            return at;
        };
        let offset = offset + found;
        let before = &self.source[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Loc {
            line: before.matches('\n').count() as u64 + 1,
            column: before[line_start..].chars().count() as u64 + 1,
            offset: Some(offset),
            len: c.len_utf8(),
        }
    }

    fn date(&mut self, raw: &Spanned<String>, field: &str) -> Option<NaiveDate> {
        match NaiveDate::parse_from_str(&raw.value, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                self.error(
                    Code::BadDate,
                    loc(raw),
                    field,
                    format!("`{}` is not a date", raw.value),
                    "write the date as YYYY-MM-DD, e.g. 2021-06-24",
                );
                None
            }
        }
    }

    fn id(&mut self, raw: &Spanned<String>, field: &str) -> String {
        let id = &raw.value;
        let valid = !id.is_empty()
            && id.len() <= 64
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-');
        if !valid {
            self.error(
                Code::BadId,
                loc(raw),
                field,
                format!("`{id}` is not a valid id"),
                "ids are lower-case ASCII letters, digits and hyphens (they become file names), e.g. `an-giang`",
            );
        }
        id.clone()
    }

    /// A number written in quotes ("88.50") is text in YAML: the YAML library would read it
    /// as a number anyway, so it is refused here, where the source text is at hand.
    fn quoted_number<T>(&mut self, raw: &Spanned<Option<T>>, field: &str) -> bool {
        let at = loc(raw);
        let quoted = raw.value.is_some()
            && at
                .offset
                .and_then(|o| self.source.get(o..))
                .is_some_and(|rest| rest.starts_with(['"', '\'']));
        if quoted {
            self.error(
                Code::WrongType,
                at,
                field,
                "a number in quotes is text".into(),
                "write numbers without quotes, e.g. 84.67 or 26",
            );
        }
        quoted
    }

    fn score(&mut self, raw: &Spanned<Option<f64>>, field: &str) -> Option<Score> {
        if self.quoted_number(raw, field) {
            return None;
        }
        let value = raw.value?;
        let hint = "a score is a number from 0 to 100 with at most two decimals, e.g. 84.67; write `null` if it was not published";
        if !value.is_finite() {
            self.error(
                Code::ScoreNotFinite,
                loc(raw),
                field,
                format!("{value} is not a number"),
                hint,
            );
            return None;
        }
        if !(0.0..=100.0).contains(&value) {
            self.error(
                Code::ScoreOutOfRange,
                loc(raw),
                field,
                format!("{value} is outside 0–100"),
                hint,
            );
            return None;
        }
        let hundredths = (value * 100.0).round();
        if (hundredths - value * 100.0).abs() > 1e-6 {
            self.error(
                Code::ScoreTooPrecise,
                loc(raw),
                field,
                format!("{value} has more than two decimals"),
                hint,
            );
            return None;
        }
        // In range 0..=10_000 after the checks above, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Score::from_hundredths(hundredths as u32)
    }

    fn rank(
        &mut self,
        raw: &Spanned<Option<i64>>,
        field: &str,
        of: usize,
        what: &str,
    ) -> Option<Rank> {
        if self.quoted_number(raw, field) {
            return None;
        }
        let value = raw.value?;
        match Rank::try_from(value) {
            Ok(rank) if rank >= 1 && (rank as usize) <= of => Some(rank),
            _ => {
                self.error(
                    Code::RankOutOfRange,
                    loc(raw),
                    field,
                    format!("rank {value} is outside 1..{of} (there are {of} {what})"),
                    "a rank counts from 1 (best); write `null` if it was not published",
                );
                None
            }
        }
    }

    fn source_refs(
        &mut self,
        refs: &[Spanned<String>],
        known: &[&str],
        field: &str,
    ) -> Vec<String> {
        for r in refs.iter().filter(|r| !known.contains(&r.value.as_str())) {
            self.error(
                Code::UnknownSource,
                loc(r),
                field,
                format!("source `{}` is not defined in this file's `sources`", r.value),
                &format!(
                    "add `{}:` with its title and address under `sources`, or correct the id (defined: {})",
                    r.value,
                    known.join(", ")
                ),
            );
        }
        refs.iter().map(|r| r.value.clone()).collect()
    }
}

/// The most characters a name may have (see `Checker::name`).
pub const MAX_NAME_CHARS: usize = 80;

/// `text` with every run of whitespace — spaces of any width, tabs, line and paragraph
/// separators — made one plain space, and trimmed, so that names differing only in their
/// spaces are the same name. Invisible characters (zero-width spaces and the like) are left
/// for the font check to refuse.
pub(crate) fn one_line(text: &str) -> String {
    text.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
