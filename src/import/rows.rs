//! The table's data rows, read into figures for the provinces of one year. Each problem is
//! a located error naming its cell, and every row is read even after one fails, so a table
//! is corrected in one pass.
//!
//! A row is data when its province cell has text and one of its figure cells has something
//! other than a mark for "no figure" ("", "-", "–"): footnotes, notes and region headings
//! have no figures, and are passed over. (A table whose header could not be found, read with
//! `--columns`, needs a number in a figure cell instead, so its title and header rows are
//! passed over too.) A row for the whole country or a region ("Cả nước", "Trung bình",
//! "Vùng …") is not a province: it is left out and said so.

use std::collections::HashMap;
use std::path::Path;

use super::columns::Layout;
use super::fields::{Field, Kind};
use super::names::{Match, Names, fold, key};
use super::numbers::{self, Figure, Problem};
use super::table::{Sheet, Value};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::YearData;

/// One figure read from the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Which figure.
    pub field: Field,
    /// The score in hundredths, or the rank.
    pub value: u32,
    /// Its cell ("Sheet1!C17").
    pub cell: String,
}

/// A province's row.
#[derive(Debug, Clone)]
pub struct Record {
    /// The province's index in the year's list.
    pub province: usize,
    /// The figures its row gives.
    pub figures: Vec<Imported>,
}

/// What the data rows gave.
#[derive(Debug, Default)]
pub struct Rows {
    /// The provinces' rows, in table order.
    pub records: Vec<Record>,
    /// Rows for the country or a region, left out: their cell and text.
    pub summaries: Vec<(String, String)>,
    /// One located error per problem.
    pub problems: Vec<Diagnostic>,
    /// The first and last row read as data (0-based).
    pub span: Option<(usize, usize)>,
}

/// Words of a row about the country or a region, not a province.
const SUMMARY_WORDS: &[&str] = &[
    "ca nuoc",
    "toan quoc",
    "trung binh",
    "binh quan",
    "tong",
    "tong cong",
    "average",
    "national",
    "vung",
    "khu vuc",
];

/// Reads every data row of `sheet` against the provinces of `year`.
pub fn read(sheet: &Sheet, path: &Path, layout: &Layout, year: &YearData) -> Rows {
    let names = Names::of(year);
    let mut reader = Reader {
        sheet,
        path,
        year,
        rows: Rows::default(),
        seen: HashMap::new(),
    };
    for row in layout.data_from..sheet.rows.len() {
        reader.row(row, layout, &names);
    }
    reader.rows
}

struct Reader<'a> {
    sheet: &'a Sheet,
    path: &'a Path,
    year: &'a YearData,
    rows: Rows,
    /// Province index → the row that gave it first, and its text.
    seen: HashMap<usize, (usize, String)>,
}

impl Reader<'_> {
    fn row(&mut self, row: usize, layout: &Layout, names: &Names) {
        let written = self.sheet.get(row, layout.name).text().to_string();
        if written.is_empty() {
            return;
        }
        let read: Vec<(Field, usize, Result<Figure, Problem>)> = layout
            .fields
            .iter()
            .map(|&(field, col)| (field, col, figure(field, self.sheet.get(row, col))))
            .collect();
        let something = |r: &Result<Figure, Problem>| !matches!(r, Ok(Figure::Blank));
        let number = |r: &Result<Figure, Problem>| {
            matches!(r, Ok(Figure::Score(_) | Figure::Rank(_)))
                || matches!(r, Err(p) if !matches!(p, Problem::NotANumber(_)))
        };
        let is_data = if layout.header.is_some() {
            read.iter().any(|(_, _, r)| something(r))
        } else {
            read.iter().any(|(_, _, r)| number(r))
        };
        if !is_data {
            return;
        }
        let summaries = self.rows.summaries.len();
        let province = self.province(row, layout.name, &written, names);
        // The rows of provinces, a misspelt one included; not the country's or a region's.
        if self.rows.summaries.len() == summaries {
            self.rows.span = Some(self.rows.span.map_or((row, row), |(a, _)| (a, row)));
        }
        let Some(province) = province else {
            return;
        };
        let mut figures = Vec::new();
        for (field, col, result) in read {
            match result {
                Ok(Figure::Blank) => {}
                Ok(Figure::Score(value) | Figure::Rank(value)) => {
                    if let Some(problem) = self.beyond(province, field, value, row, col) {
                        self.rows.problems.push(problem);
                    } else {
                        figures.push(Imported {
                            field,
                            value,
                            cell: self.sheet.cell(row, col),
                        });
                    }
                }
                Err(problem) => self.rows.problems.push(self.bad_cell(row, col, &problem)),
            }
        }
        self.rows.records.push(Record { province, figures });
    }

    /// The province `written` names, or `None` after reporting why there is none.
    fn province(&mut self, row: usize, col: usize, written: &str, names: &Names) -> Option<usize> {
        let cell = self.sheet.cell(row, col);
        let year = self.year.year;
        let named = |i: &usize| {
            let p = &self.year.provinces[*i];
            format!("'{}' ({})", p.name, p.id)
        };
        let (code, message, hint) = match names.find(written) {
            Match::One(i) => {
                if let Some((first, as_written)) = self.seen.get(&i) {
                    let message = format!(
                        "{cell}: {} appears twice (first at {} as '{as_written}')",
                        named(&i),
                        self.sheet.cell(*first, col)
                    );
                    self.push(
                        Code::DuplicateProvince,
                        row,
                        col,
                        message,
                        "each province has one row: correct the name or remove one of the rows",
                    );
                    return None;
                }
                self.seen.insert(i, (row, written.to_string()));
                return Some(i);
            }
            Match::Ambiguous(many) => (
                Code::ProvinceAmbiguous,
                format!(
                    "{cell}: '{written}' could be any of {} in {year}",
                    many.iter().map(named).collect::<Vec<_>>().join(", ")
                ),
                "write the province's full name as its data file does".to_string(),
            ),
            Match::None(_) if summary(written) => {
                self.rows.summaries.push((cell, written.to_string()));
                return None;
            }
            Match::None(near) => {
                let suggestion = match near.as_slice() {
                    [] => String::new(),
                    [one] => format!("; did you mean {}?", named(one)),
                    many => format!(
                        "; did you mean one of {}?",
                        many.iter().map(named).collect::<Vec<_>>().join(", ")
                    ),
                };
                (
                    Code::ProvinceUnknown,
                    format!("{cell}: '{written}' is not a province of {year}{suggestion}"),
                    format!(
                        "names are matched exactly, ignoring only case, spacing, punctuation, where a tone mark sits and a leading \"Tỉnh\", \"Thành phố\" or \"TP.\"; `parbrief list --year {year}` shows the names (a suggestion is never used by itself)"
                    ),
                )
            }
        };
        self.push(code, row, col, message, &hint);
        None
    }

    /// A rank beyond the number of provinces (or of the region's provinces).
    fn beyond(
        &self,
        province: usize,
        field: Field,
        value: u32,
        row: usize,
        col: usize,
    ) -> Option<Diagnostic> {
        let p = &self.year.provinces[province];
        let (limit, of) = match field.kind {
            Kind::Score => return None,
            Kind::Rank => (
                self.year.province_count(),
                format!(
                    "the {} provinces of {}",
                    self.year.province_count(),
                    self.year.year
                ),
            ),
            Kind::RegionRank => {
                let size = self.year.region_size(p.region);
                (
                    size,
                    format!(
                        "the {size} provinces of {}",
                        self.year.regions[p.region].name
                    ),
                )
            }
        };
        (value > limit).then(|| {
            self.diagnostic(
                Code::RankOutOfRange,
                row,
                col,
                format!("{}: {} {value} is more than {of}", self.sheet.cell(row, col), field.describe()),
                "a rank counts from 1 (the best) to the number of provinces ranked: check the cell and the column",
            )
        })
    }

    fn bad_cell(&self, row: usize, col: usize, problem: &Problem) -> Diagnostic {
        let cell = self.sheet.cell(row, col);
        let n = self.year.province_count();
        let (code, message, hint) = match problem {
            Problem::NotANumber(text) => (
                Code::WrongType,
                format!("{cell}: '{text}' is not a number"),
                "write a score as 84,67 or 84.67 and a rank as a whole number; leave the cell empty (or \"-\") where there is no figure".to_string(),
            ),
            Problem::ScoreOutOfRange(text) => (
                Code::ScoreOutOfRange,
                format!("{cell}: the score {text} is outside 0–100"),
                "a score is in points out of 100, such as 84,67: was its decimal separator lost?".to_string(),
            ),
            Problem::TooPrecise(text) => (
                Code::ScoreTooPrecise,
                format!("{cell}: the score {text} has more than two decimals"),
                "scores are published with two decimals: round the cell (=ROUND(C5;2)); an XLSX cell is read as its number format shows it (0.00), while ODS and XLS numbers are read as stored (a CSV saved from the sheet keeps what it shows)".to_string(),
            ),
            Problem::BadRank(text) => (
                Code::RankOutOfRange,
                format!("{cell}: the rank {text} is not a whole number from 1 to {n}"),
                "a rank counts from 1 (the best) to the number of provinces ranked".to_string(),
            ),
        };
        self.diagnostic(code, row, col, message, &hint)
    }

    fn push(&mut self, code: Code, row: usize, col: usize, message: String, hint: &str) {
        let d = self.diagnostic(code, row, col, message, hint);
        self.rows.problems.push(d);
    }

    fn diagnostic(
        &self,
        code: Code,
        row: usize,
        col: usize,
        message: String,
        hint: &str,
    ) -> Diagnostic {
        Diagnostic::error(code, self.path, self.sheet.loc(row, col), "")
            .message(message)
            .hint(hint)
    }
}

/// A figure cell, read as its field's kind.
fn figure(field: Field, value: &Value) -> Result<Figure, Problem> {
    match (field.kind, value) {
        (_, Value::Other(text)) => Err(Problem::NotANumber(text.clone())),
        (Kind::Score, _) => numbers::score(value),
        (Kind::Rank | Kind::RegionRank, _) => numbers::rank(value),
    }
}

/// Whether a name that matches no province names the country or a region.
fn summary(written: &str) -> bool {
    let words = format!(" {} ", fold(&key(written)));
    SUMMARY_WORDS
        .iter()
        .any(|w| words.contains(&format!(" {w} ")))
}
