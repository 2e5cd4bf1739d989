//! Which column holds what: found from the table's headers, or given with `--columns`.
//!
//! Offices' tables open with title rows, then one to three header rows whose upper cells are
//! merged over the columns they head ("Chỉ số CCHC" over "Điểm" and "Xếp hạng"), sometimes a
//! row numbering the columns ("(1) (2) (3)"), then the data. The header starts at the first
//! row with a cell that names the provinces' column ("Tỉnh, thành phố", "Địa phương", "Đơn
//! vị"); it ends where the province column holds a name. A merged cell reads as a value in its
//! first column and blanks in the others, so a blank upper header cell above a column that has
//! a header of its own belongs to the cell on its left. Each column's label — its header cells
//! top to bottom — is then read without diacritics or case, by words: an index (CCHC, PAR,
//! SIPAS, hài lòng), a kind (điểm, chỉ số, % → the score; xếp hạng → the rank; with vùng →
//! the regional rank). A label that names no index takes it from `--index`, or from the title
//! rows or the sheet's name when they name exactly one, or else from the other headers when
//! they all name the same one. Changes on last year ("Tăng/giảm"), maximum points ("Điểm tối
//! đa") and notes are never figures.

use std::path::Path;

use super::fields::{Choice, Field, Kind, Mapping};
use super::names::fold;
use super::table::{Sheet, column_name};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Index;

/// Where the data is and what each column holds.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The header's first and last row, when one was found.
    pub header: Option<(usize, usize)>,
    /// The first row that can hold data.
    pub data_from: usize,
    /// The column of province names.
    pub name: usize,
    /// The figures' columns, in the order of a data file.
    pub fields: Vec<(Field, usize)>,
    /// Each column's label, for messages.
    pub labels: Vec<String>,
}

impl Layout {
    /// "B province, C PAR Index score, D PAR Index rank".
    pub fn describe(&self) -> String {
        std::iter::once(format!("{} province", column_name(self.name)))
            .chain(
                self.fields
                    .iter()
                    .map(|(f, c)| format!("{} {}", column_name(*c), f.describe())),
            )
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What a column's label says it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Figure(Option<Index>, Kind),
    Other,
}

/// Rows searched for the header.
const SEARCH_ROWS: usize = 30;
/// At most this many header rows (merged parents, their children, a numbering row).
const MAX_HEADER_ROWS: usize = 5;
/// A header cell is a few words ("Tỉnh, thành phố trực thuộc Trung ương"), never a title.
const MAX_NAME_HEADER: usize = 48;

/// Finds the layout of `sheet`, and every problem with its columns. The layout is there
/// whenever the provinces' column is known, even with problems, so that the rows can still be
/// checked and every problem reported in one run.
pub fn find(
    sheet: &Sheet,
    path: &Path,
    choice: Choice,
    given: Option<&Mapping>,
) -> (Option<Layout>, Vec<Diagnostic>) {
    let header = header(sheet);
    let labels = header.map_or_else(Vec::new, |(first, last, name)| {
        labels(sheet, first, last, name)
    });
    let data_from = header.map_or(0, |(_, last, _)| last + 1);
    if let Some(given) = given {
        let layout = Layout {
            header: header.map(|(first, last, _)| (first, last)),
            data_from,
            name: given.name,
            fields: given.fields.clone(),
            labels,
        };
        return (Some(layout), Vec::new());
    }
    let Some((first, last, name)) = header else {
        let searched = SEARCH_ROWS.min(sheet.rows.len().max(1));
        let problem = missing(
            sheet,
            path,
            None,
            format!(
                "{}: no header names the column of provinces in the first {searched} rows",
                sheet.row_range(0, searched - 1)
            ),
        );
        return (None, vec![problem]);
    };
    let context = context_index(sheet, first).or_else(|| sole_index(&labels));
    let found = Found {
        sheet,
        path,
        first,
        last,
        labels,
        choice,
        context,
    };
    let (fields, problems) = found.fields();
    let layout = Layout {
        header: Some((first, last)),
        data_from,
        name,
        fields,
        labels: found.labels,
    };
    (Some(layout), problems)
}

/// The header's first and last rows and the provinces' column.
fn header(sheet: &Sheet) -> Option<(usize, usize, usize)> {
    // A title such as "UBND TỈNH AN GIANG" names a province too: a header cell is short,
    // and the header has a figure's cell in its first rows.
    let figure_near = |r: usize| {
        (r..(r + MAX_HEADER_ROWS).min(sheet.rows.len())).any(|r| {
            (0..sheet.rows[r].len())
                .any(|c| matches!(classify(sheet.get(r, c).text()), Role::Figure(..)))
        })
    };
    let (first, name) = (0..sheet.rows.len().min(SEARCH_ROWS)).find_map(|r| {
        (0..sheet.rows[r].len())
            .find(|&c| {
                let text = sheet.get(r, c).text();
                text.chars().count() <= MAX_NAME_HEADER && classify(text) == Role::Name
            })
            .filter(|_| figure_near(r))
            .map(|c| (r, c))
    })?;
    let mut last = first;
    // Sub-header and numbering rows leave the province column blank or numbered.
    while last + 1 < sheet.rows.len() && last + 1 - first < MAX_HEADER_ROWS {
        let below = sheet.get(last + 1, name);
        if !below.is_blank() && !numbering(below.text()) {
            break;
        }
        last += 1;
    }
    Some((first, last, name))
}

/// "(2)", "2", "B": a cell of a row that numbers the columns.
fn numbering(text: &str) -> bool {
    let inner = text.trim().trim_start_matches('(').trim_end_matches(')');
    !inner.is_empty()
        && inner.len() <= 3
        && (inner.bytes().all(|b| b.is_ascii_digit())
            || (inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_uppercase())))
}

/// Each column's label: its header cells, top to bottom, numbering rows left out; a blank
/// upper cell over a column with a header of its own takes the merged cell on its left.
fn labels(sheet: &Sheet, first: usize, last: usize, name: usize) -> Vec<String> {
    let width = sheet.width();
    let rows: Vec<usize> = (first..=last)
        .filter(|&r| {
            (0..width).any(|c| {
                let cell = sheet.get(r, c);
                !cell.is_blank() && !numbering(cell.text())
            })
        })
        .collect();
    let Some(&bottom) = rows.last() else {
        return vec![String::new(); width];
    };
    let mut labels = vec![Vec::<String>::new(); width];
    for &r in &rows {
        let mut carried = String::new();
        for (c, label) in labels.iter_mut().enumerate() {
            let text = sheet.get(r, c).text().to_string();
            if !text.is_empty() {
                carried = if c > name {
                    text.clone()
                } else {
                    String::new()
                };
                label.push(text);
            } else if r != bottom && !sheet.get(bottom, c).is_blank() && !carried.is_empty() {
                label.push(carried.clone());
            }
        }
    }
    labels.into_iter().map(|parts| parts.join(" ")).collect()
}

/// The index the title rows above the header, or the sheet's name, name — when exactly one.
fn context_index(sheet: &Sheet, header: usize) -> Option<Index> {
    let mut text: Vec<String> = (0..header)
        .flat_map(|r| (0..sheet.rows[r].len()).map(move |c| (r, c)))
        .map(|(r, c)| sheet.get(r, c).text().to_string())
        .collect();
    text.extend(sheet.name.clone());
    let words = words(&text.join(" "));
    match (names_par(&words), names_sipas(&words)) {
        (true, false) => Some(Index::Par),
        (false, true) => Some(Index::Sipas),
        _ => None,
    }
}

/// The index the figures' headers name, when they all name the same one: in "Chỉ số CCHC |
/// Xếp hạng" the rank is the PAR Index's.
fn sole_index(labels: &[String]) -> Option<Index> {
    let mut named = labels.iter().filter_map(|l| match classify(l) {
        Role::Figure(index, _) => index,
        _ => None,
    });
    let first = named.next()?;
    named.all(|i| i == first).then_some(first)
}

/// A label without diacritics or case, as " word word " (spaces around, for whole words).
fn words(label: &str) -> String {
    let folded = fold(&label.to_lowercase()).replace('%', " pct ");
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    format!(
        " {} ",
        spaced.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

fn has(words: &str, phrase: &str) -> bool {
    words.contains(&format!(" {phrase} "))
}

fn names_par(words: &str) -> bool {
    ["cchc", "par", "cai cach hanh chinh"]
        .iter()
        .any(|p| has(words, p))
}

fn names_sipas(words: &str) -> bool {
    ["sipas", "hai long"].iter().any(|p| has(words, p))
}

/// What a label says its column holds.
fn classify(label: &str) -> Role {
    let w = words(label);
    let any = |phrases: &[&str]| phrases.iter().any(|p| has(&w, p));
    if w.trim().is_empty()
        || any(&[
            "tang",
            "giam",
            "so voi",
            "thay doi",
            "chenh lech",
            "change",
            "toi da",
            "ghi chu",
            "note",
            "nam truoc",
            "previous",
            "max",
        ])
    {
        return Role::Other;
    }
    let index = match (names_par(&w), names_sipas(&w)) {
        (true, false) => Some(Index::Par),
        (false, true) => Some(Index::Sipas),
        (true, true) => return Role::Other,
        (false, false) => None,
    };
    let rank = any(&[
        "xep hang",
        "thu hang",
        "hang",
        "rank",
        "vi tri",
        "thu tu xep",
    ]);
    let regional = any(&["vung", "khu vuc", "region", "regional"]);
    let score = any(&[
        "diem", "chi so", "pct", "ket qua", "score", "index", "gia tri",
    ]);
    if rank {
        let kind = if regional {
            Kind::RegionRank
        } else {
            Kind::Rank
        };
        return Role::Figure(index, kind);
    }
    if score || index.is_some() {
        return Role::Figure(index, Kind::Score);
    }
    if any(&[
        "tinh",
        "thanh pho",
        "tinh tp",
        "dia phuong",
        "don vi",
        "province",
        "ten",
    ]) {
        return Role::Name;
    }
    Role::Other
}

/// The header as found, to resolve the figures' columns.
struct Found<'a> {
    sheet: &'a Sheet,
    path: &'a Path,
    first: usize,
    last: usize,
    labels: Vec<String>,
    choice: Choice,
    context: Option<Index>,
}

impl Found<'_> {
    /// The figures' columns the choice asks for, and the problems with them; each field
    /// once (the first of several candidates, which is also reported).
    fn fields(&self) -> (Vec<(Field, usize)>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut fields: Vec<(Field, usize)> = Vec::new();
        let assumed = match self.choice {
            Choice::Par => Some(Index::Par),
            Choice::Sipas => Some(Index::Sipas),
            Choice::Any | Choice::Both => self.context,
        };
        for (col, label) in self.labels.iter().enumerate() {
            let Role::Figure(index, kind) = classify(label) else {
                continue;
            };
            let Some(index) = index.or(assumed) else {
                problems.push(self.unnamed_index(col, label));
                continue;
            };
            if self.wanted(index) {
                fields.push((Field { index, kind }, col));
            }
        }
        problems.extend(self.duplicates(&fields));
        // A column of unknown index is already reported; "no column" would say it twice.
        if problems.is_empty() {
            problems.extend(self.absent(&fields));
        }
        fields.sort();
        fields.dedup_by_key(|(f, _)| *f);
        (fields, problems)
    }

    fn wanted(&self, index: Index) -> bool {
        match self.choice {
            Choice::Any | Choice::Both => true,
            Choice::Par => index == Index::Par,
            Choice::Sipas => index == Index::Sipas,
        }
    }

    fn unnamed_index(&self, col: usize, label: &str) -> Diagnostic {
        let at = self.header_cell(col);
        missing_or_ambiguous(
            Code::ColumnAmbiguous,
            self.sheet,
            self.path,
            Some((at, col)),
            format!(
                "{}: the column {label:?} does not say whether it holds the PAR Index or SIPAS",
                self.sheet.cell(at, col)
            ),
            "pass --index par or --index sipas, or name the columns with --columns (see `parbrief import --help`)",
        )
    }

    /// The row of the column's lowest header cell that has text.
    fn header_cell(&self, col: usize) -> usize {
        (self.first..=self.last)
            .rev()
            .find(|&r| !self.sheet.get(r, col).is_blank())
            .unwrap_or(self.first)
    }

    fn duplicates(&self, fields: &[(Field, usize)]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for field in Field::ALL {
            let cols: Vec<usize> = fields
                .iter()
                .filter(|(f, _)| *f == field)
                .map(|(_, c)| *c)
                .collect();
            if let [first, second, ..] = cols[..] {
                let named: Vec<String> = cols
                    .iter()
                    .map(|&c| format!("{} {:?}", column_name(c), self.labels[c]))
                    .collect();
                out.push(missing_or_ambiguous(
                    Code::ColumnAmbiguous,
                    self.sheet,
                    self.path,
                    Some((self.header_cell(second), second)),
                    format!(
                        "{}: more than one column looks like the {}: {}",
                        self.sheet.cell(self.header_cell(second), second),
                        field.describe(),
                        named.join(", ")
                    ),
                    &format!(
                        "name the columns with --columns, e.g. --columns name=B,{}={}",
                        field.option_name(),
                        column_name(first)
                    ),
                ));
            }
        }
        out
    }

    /// Columns the choice requires and the table lacks.
    fn absent(&self, fields: &[(Field, usize)]) -> Vec<Diagnostic> {
        let required: &[Index] = match self.choice {
            Choice::Any if fields.is_empty() => &[],
            Choice::Any => return Vec::new(),
            Choice::Par => &[Index::Par],
            Choice::Sipas => &[Index::Sipas],
            Choice::Both => &Index::ALL,
        };
        let columns: Vec<String> = self
            .labels
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.is_empty())
            .map(|(c, l)| format!("{} {l:?}", column_name(c)))
            .collect();
        let lacking: Vec<String> = if required.is_empty() {
            vec!["any score or rank".into()]
        } else {
            required
                .iter()
                .filter(|i| !fields.iter().any(|(f, _)| f.index == **i))
                .map(|i| format!("a {i} score or rank"))
                .collect()
        };
        lacking
            .into_iter()
            .map(|what| {
                missing(
                    self.sheet,
                    self.path,
                    Some(self.first),
                    format!(
                        "{}: no column of {what}; the header's columns are {}",
                        self.sheet.row_range(self.first, self.last),
                        columns.join(", ")
                    ),
                )
            })
            .collect()
    }
}

fn missing(sheet: &Sheet, path: &Path, row: Option<usize>, message: String) -> Diagnostic {
    missing_or_ambiguous(
        Code::ColumnMissing,
        sheet,
        path,
        row.map(|r| (r, 0)),
        message,
        "check that this is the table of results (--sheet NAME picks another sheet), or name the columns with --columns name=B,par=C,par-rank=D,… (see `parbrief import --help`)",
    )
}

fn missing_or_ambiguous(
    code: Code,
    sheet: &Sheet,
    path: &Path,
    cell: Option<(usize, usize)>,
    message: String,
    hint: &str,
) -> Diagnostic {
    let at = cell.and_then(|(r, c)| sheet.loc(r, c));
    Diagnostic::error(code, path, at, "")
        .message(message)
        .hint(hint)
}

#[cfg(test)]
mod tests;
