//! A table as `import` sees it: one sheet of cells, each named the way a spreadsheet names
//! it ("Sheet1!B17"), read from the bytes of a CSV, XLSX, ODS or XLS file. Nothing here
//! decides what a cell means; `columns` and `rows` do.
//!
//! CSV files are recognised by content, not by name: anything that is not a zip (XLSX, ODS)
//! or an OLE file (XLS) is read as UTF-8 text, with the delimiter that occurs most outside
//! quotes in its first lines — `;` in files saved by a spreadsheet set to Vietnamese, where
//! the comma is the decimal separator. Each CSV cell keeps its place in the text, so messages
//! quote the line. A workbook's number cells keep how the sheet shows them (the decimals of
//! their number format), because the figure a table publishes is the one it shows.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Reader as _, Sheets};
use unicode_normalization::UnicodeNormalization as _;

use super::numbers::Shown;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Loc;

/// A results table has a few hundred rows and a few dozen columns; a sheet with cells far
/// beyond that is not one (and would cost memory out of proportion to read).
pub const MAX_ROWS: u32 = 20_000;
/// See [`MAX_ROWS`].
pub const MAX_COLUMNS: u32 = 500;

/// One cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing.
    Empty,
    /// Text, NFC.
    Text(String),
    /// A spreadsheet number, and how the sheet shows it when its format fixes that.
    Number {
        /// The stored value.
        value: f64,
        /// Decimals and percent of the cell's number format (XLSX only).
        shown: Option<Shown>,
    },
    /// A date, an error value (`#N/A`) or a boolean: never a figure. Its text, for messages.
    Other(String),
}

impl Value {
    /// The cell's text, trimmed; empty for anything but text.
    pub fn text(&self) -> &str {
        match self {
            Value::Text(text) => text.trim(),
            _ => "",
        }
    }

    /// Whether the cell holds nothing, or only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// The sheet that was read.
#[derive(Debug)]
pub struct Sheet {
    /// The sheet's name; `None` for a CSV file.
    pub name: Option<String>,
    /// Cells by 0-based row and column, as in the sheet (row 0 is the sheet's row 1).
    pub rows: Vec<Vec<Value>>,
    /// For a CSV file, its text and each cell's place in it (to quote the line).
    pub csv: Option<CsvText>,
    /// Every sheet of the workbook, to say which one was read.
    pub sheets: Vec<String>,
}

/// A CSV file's text and where each cell is in it.
#[derive(Debug)]
pub struct CsvText {
    /// The NFC text, without a byte-order mark.
    pub text: String,
    /// Byte offset and length of each cell, by row and column.
    pub spans: Vec<Vec<(usize, usize)>>,
}

static EMPTY: Value = Value::Empty;

impl Sheet {
    /// The cell at `row`, `col`; empty outside the table.
    pub fn get(&self, row: usize, col: usize) -> &Value {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// How many columns the widest row has.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// "Sheet1!B17", or "B17" in a CSV file.
    pub fn cell(&self, row: usize, col: usize) -> String {
        let cell = format!("{}{}", column_name(col), row + 1);
        match &self.name {
            Some(sheet) => format!("{}!{cell}", quoted_sheet(sheet)),
            None => cell,
        }
    }

    /// "Sheet1!3:4" as a spreadsheet names rows, or "rows 3–4" ("row 3") in a CSV file.
    pub fn row_range(&self, first: usize, last: usize) -> String {
        match &self.name {
            Some(sheet) => format!("{}!{}:{}", quoted_sheet(sheet), first + 1, last + 1),
            None if first == last => format!("row {}", first + 1),
            None => format!("rows {}–{}", first + 1, last + 1),
        }
    }

    /// Where the cell is in a CSV file's text, for quoting its line; `None` in a workbook.
    pub fn loc(&self, row: usize, col: usize) -> Option<Loc> {
        let csv = self.csv.as_ref()?;
        let &(offset, len) = csv.spans.get(row)?.get(col).or_else(|| {
            // A cell beyond the row's last delimiter: point at the end of the row.
            csv.spans.get(row)?.last()
        })?;
        let before = &csv.text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Some(Loc {
            line: before.matches('\n').count() as u64 + 1,
            column: before[line_start..].chars().count() as u64 + 1,
            offset: Some(offset),
            len,
        })
    }
}

/// A sheet name as a formula writes it: quoted when it has anything but letters and digits.
fn quoted_sheet(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// A, B, …, Z, AA, AB, …
pub fn column_name(col: usize) -> String {
    let mut name = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        name.push(b'A' + u8::try_from(rem).unwrap_or(0));
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The column of a letter name ("B" → 1), for `--columns`.
pub fn column_index(name: &str) -> Option<usize> {
    if name.is_empty() || name.len() > 3 || !name.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut n = 0usize;
    for b in name.to_ascii_uppercase().bytes() {
        n = n * 26 + usize::from(b - b'A' + 1);
    }
    Some(n - 1)
}

/// Reads the table in `bytes` (from `path`): `sheet` of a workbook (its first by default),
/// or a CSV file.
pub fn read(path: &Path, bytes: &[u8], sheet: Option<&str>) -> Result<Sheet, Box<Diagnostic>> {
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if is_zip || is_ole {
        return workbook(path, bytes, sheet);
    }
    if let Some(name) = sheet {
        return Err(unreadable(
            path,
            format!("--sheet {name:?} was given, but a CSV file has no sheets"),
            "leave out --sheet for a CSV file",
        ));
    }
    let text = crate::load::decode(path, bytes).map_err(|d| {
        if d.code == Code::NotUtf8 {
            Box::new((*d).hint(
                "save the table as \"CSV UTF-8\" (Excel: File → Save As → CSV UTF-8; LibreOffice: Character set Unicode (UTF-8)), or import the .xlsx itself",
            ))
        } else {
            d
        }
    })?;
    csv(path, text)
}

fn unreadable(path: &Path, message: String, hint: &str) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(Code::TableUnreadable, path, None, "")
            .message(message)
            .hint(hint),
    )
}

fn csv(path: &Path, text: String) -> Result<Sheet, Box<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    let delimiter = delimiter(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let (mut rows, mut spans) = (Vec::new(), Vec::new());
    for record in reader.records() {
        let record = record.map_err(|e| {
            unreadable(
                path,
                format!("the CSV file cannot be read: {e}"),
                "check the quotes on the line it names, or import the spreadsheet itself",
            )
        })?;
        let start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0);
        if record.len() > MAX_COLUMNS as usize || rows.len() >= MAX_ROWS as usize {
            return Err(too_large(path));
        }
        rows.push(
            record
                .iter()
                .map(|field| Value::Text(field.to_string()))
                .collect(),
        );
        spans.push(field_spans(&text, start, delimiter, record.len()));
    }
    Ok(Sheet {
        name: None,
        rows,
        csv: Some(CsvText { text, spans }),
        sheets: Vec::new(),
    })
}

/// The delimiter that occurs most often outside quotes in the first lines: `,`, `;` or tab.
fn delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.lines().take(40).flat_map(|l| l.chars().chain(['\n'])) {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Byte offset and length of each field of the record starting at `start`: the text inside
/// the quotes of a quoted field, the whole of an unquoted one.
fn field_spans(text: &str, start: usize, delimiter: u8, count: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::with_capacity(count);
    // After a CRLF, the csv crate places a record at the `\n`.
    let mut at = start;
    while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
        at += 1;
    }
    while spans.len() < count {
        let (from, to, next) = if bytes.get(at) == Some(&b'"') {
            let mut end = at + 1;
            while end < bytes.len() {
                if bytes[end] == b'"' {
                    if bytes.get(end + 1) == Some(&b'"') {
                        end += 2;
                        continue;
                    }
                    break;
                }
                end += 1;
            }
            let mut next = end + 1;
            while next < bytes.len() && !matches!(bytes[next], b'\n' | b'\r') {
                if bytes[next] == delimiter {
                    break;
                }
                next += 1;
            }
            (at + 1, end.min(bytes.len()), next)
        } else {
            let mut end = at;
            while end < bytes.len()
                && bytes[end] != delimiter
                && !matches!(bytes[end], b'\n' | b'\r')
            {
                end += 1;
            }
            (at, end, end)
        };
        spans.push((from, to.saturating_sub(from)));
        at = next + 1;
    }
    spans
}

fn too_large(path: &Path) -> Box<Diagnostic> {
    unreadable(
        path,
        format!(
            "the sheet has cells beyond row {MAX_ROWS} or column {}: it is not a table of results",
            column_name(MAX_COLUMNS as usize - 1)
        ),
        "copy the table of results to a sheet of its own (or a CSV file) and import that",
    )
}

fn workbook(path: &Path, bytes: &[u8], sheet: Option<&str>) -> Result<Sheet, Box<Diagnostic>> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        unreadable(
            path,
            format!("the file is not a workbook that can be read ({e})"),
            "save it again as .xlsx, .ods or CSV UTF-8",
        )
    })?;
    let sheets = book.sheet_names();
    let name = match sheet {
        Some(wanted) => sheets
            .iter()
            .find(|s| s.trim() == wanted.trim())
            .cloned()
            .ok_or_else(|| {
                unreadable(
                    path,
                    format!("the workbook has no sheet named {wanted:?}"),
                    &format!("its sheets: {}", quoted_list(&sheets)),
                )
            })?,
        None => sheets.first().cloned().ok_or_else(|| {
            unreadable(path, "the workbook has no sheet".into(), "check the file")
        })?,
    };
    let failed = |e: &dyn std::fmt::Display| {
        unreadable(
            path,
            format!("sheet {name:?} cannot be read ({e})"),
            "save the workbook again as .xlsx, .ods or CSV UTF-8",
        )
    };
    let rows = match &mut book {
        Sheets::Xlsx(xlsx) => xlsx_cells(xlsx, &name).map_err(|e| match e {
            Limit::Error(e) => failed(&e),
            Limit::TooLarge => too_large(path),
        })?,
        // ODS and XLS come as one block of cells.
        other => dense(&other.worksheet_range(&name).map_err(|e| failed(&e))?)
            .ok_or_else(|| too_large(path))?,
    };
    Ok(Sheet {
        name: Some(name),
        rows,
        csv: None,
        sheets,
    })
}

fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

enum Limit {
    Error(calamine::XlsxError),
    TooLarge,
}

/// An XLSX sheet's cells, read one by one with their number formats, so that a stray cell at
/// XFD1048576 costs nothing (a dense block of the sheet would be billions of cells).
fn xlsx_cells<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Result<Vec<Vec<Value>>, Limit> {
    let mut reader = book.worksheet_cells_reader(name).map_err(Limit::Error)?;
    let mut rows: Vec<Vec<Value>> = Vec::new();
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(Limit::Error)? {
        let (row, col) = cell.get_position();
        let shown = reader
            .styles()
            .get(style)
            .and_then(|s| s.number_format.as_ref())
            .and_then(|f| Shown::from_format(&f.format_code));
        let value = value_ref(cell.get_value(), shown);
        if value.is_blank() {
            continue;
        }
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(Limit::TooLarge);
        }
        place(&mut rows, row as usize, col as usize, value);
    }
    Ok(rows)
}

fn place(rows: &mut Vec<Vec<Value>>, row: usize, col: usize, value: Value) {
    if rows.len() <= row {
        rows.resize(row + 1, Vec::new());
    }
    let cells = &mut rows[row];
    if cells.len() <= col {
        cells.resize(col + 1, Value::Empty);
    }
    cells[col] = value;
}

fn dense(range: &calamine::Range<Data>) -> Option<Vec<Vec<Value>>> {
    let Some((top, left)) = range.start() else {
        return Some(Vec::new());
    };
    let mut rows = Vec::new();
    for (r, cells) in (top..).zip(range.rows()) {
        for (c, data) in (left..).zip(cells) {
            let value = value_of(data);
            if value.is_blank() {
                continue;
            }
            if r >= MAX_ROWS || c >= MAX_COLUMNS {
                return None;
            }
            place(&mut rows, r as usize, c as usize, value);
        }
    }
    Some(rows)
}

fn value_of(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.nfc().collect()),
        Data::Float(f) => number(*f, None),
        #[allow(clippy::cast_precision_loss)]
        Data::Int(i) => number(*i as f64, None),
        Data::Bool(b) => Value::Other(b.to_string().to_uppercase()),
        Data::DateTime(d) => Value::Other(format!("a date ({})", d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Other(format!("a date ({s})")),
        Data::Error(e) => Value::Other(e.to_string()),
    }
}

fn value_ref(data: &DataRef<'_>, shown: Option<Shown>) -> Value {
    match data {
        DataRef::Empty => Value::Empty,
        DataRef::String(s) => Value::Text(s.nfc().collect()),
        DataRef::SharedString(s) => Value::Text(s.nfc().collect()),
        DataRef::Float(f) => number(*f, shown),
        #[allow(clippy::cast_precision_loss)]
        DataRef::Int(i) => number(*i as f64, shown),
        DataRef::Bool(b) => Value::Other(b.to_string().to_uppercase()),
        DataRef::DateTime(d) => Value::Other(format!("a date ({})", d.as_f64())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Other(format!("a date ({s})")),
        DataRef::Error(e) => Value::Other(e.to_string()),
    }
}

fn number(value: f64, shown: Option<Shown>) -> Value {
    Value::Number { value, shown }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_like_a_spreadsheet() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        for col in [0, 1, 25, 26, 700, 702] {
            assert_eq!(column_index(&column_name(col)), Some(col));
        }
        assert_eq!(column_index("b"), Some(1));
        assert_eq!(column_index("B2"), None);
    }

    #[test]
    fn a_semicolon_file_with_decimal_commas_is_split_on_semicolons() {
        let text = "STT;Tỉnh;Điểm\n1;An Giang;84,67\n2;\"Bắc; Giang\";85,1\n";
        let sheet = csv(Path::new("t.csv"), text.into()).expect("reads");
        assert_eq!(sheet.get(1, 2), &Value::Text("84,67".into()));
        assert_eq!(sheet.get(2, 1), &Value::Text("Bắc; Giang".into()));
        let at = sheet.loc(2, 1).expect("a place in the text");
        assert_eq!((at.line, at.column, at.len), (3, 4, "Bắc; Giang".len()));
        assert_eq!(sheet.cell(2, 1), "B3");
    }

    #[test]
    fn a_comma_file_keeps_quoted_decimal_commas() {
        let text = "\u{feff}STT,Tỉnh,Điểm\r\n1,An Giang,\"84,67\"\r\n";
        let sheet = csv(Path::new("t.csv"), text.into()).expect("reads");
        assert_eq!(sheet.get(1, 2), &Value::Text("84,67".into()));
        assert_eq!(sheet.get(0, 0), &Value::Text("STT".into()));
        let at = sheet.loc(1, 2).expect("a place");
        assert_eq!((at.line, at.column), (2, 13));
    }

    #[test]
    fn sheet_names_are_quoted_when_a_formula_would_quote_them() {
        let sheet = |name: &str| Sheet {
            name: Some(name.into()),
            rows: Vec::new(),
            csv: None,
            sheets: Vec::new(),
        };
        assert_eq!(sheet("Sheet1").cell(16, 1), "Sheet1!B17");
        assert_eq!(sheet("CCHC 2024").cell(0, 0), "'CCHC 2024'!A1");
    }
}
