//! SYNTHETIC tables in the Ministry's layout for the import tests: the stored CSV fixture read
//! back as plain rows, and the same table written as an XLSX with merged header cells and
//! number formats (scores with more precision than they show, SIPAS as percentages), the way
//! a spreadsheet holds them.

use std::fs;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};

use super::repo;

/// The stored CSV: the 63 provinces of 2024, invented figures.
pub fn ministry_csv() -> PathBuf {
    repo().join("tests/fixtures/import/ket-qua-2024-synthetic.csv")
}

/// The same table as an ODS file, converted by LibreOffice.
pub fn ministry_ods() -> PathBuf {
    repo().join("tests/fixtures/import/ket-qua-2024-synthetic.ods")
}

/// The CSV's rows, split on `;`.
pub fn csv_rows() -> Vec<Vec<String>> {
    fs::read_to_string(ministry_csv())
        .expect("the fixture")
        .lines()
        .map(|l| l.split(';').map(str::to_string).collect())
        .collect()
}

/// One province's row of the table, as the test reads it: its number, name as written,
/// and the figures (scores in hundredths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub number: usize,
    pub name: String,
    pub par: (u32, u32),
    pub sipas: (u32, u32),
}

/// The data rows: those whose first cell is a row number.
pub fn table_rows() -> Vec<TableRow> {
    let hundredths = |s: &str| {
        let s = s.trim_end_matches('%');
        let (whole, frac) = s.split_once(',').expect("a decimal comma");
        whole.parse::<u32>().expect("digits") * 100 + frac.parse::<u32>().expect("digits")
    };
    csv_rows()
        .into_iter()
        .filter_map(|r| {
            let number = r.first()?.parse().ok()?;
            Some(TableRow {
                number,
                name: r[1].clone(),
                par: (hundredths(&r[2]), r[3].parse().expect("rank")),
                sipas: (hundredths(&r[4]), r[5].parse().expect("rank")),
            })
        })
        .collect()
}

/// Writes the table as an XLSX at `path`: titles and footnotes merged across the table, a
/// two-row header with merged cells, the numbering row, numbers as numbers. `as_shown`: PAR
/// scores with hidden extra precision shown with two decimals, SIPAS scores as percentages,
/// as a sheet that computes them holds them; otherwise every number exactly as printed (what
/// the ODS fixture was made from: calamine gives no ODS number formats).
pub fn write_ministry_xlsx(path: &Path, as_shown: bool) {
    let rows = csv_rows();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Phụ lục 1").expect("name");
    let plain = Format::new();
    let header_at = rows
        .iter()
        .position(|r| r[0] == "STT")
        .expect("a header row");
    for (r, cells) in rows.iter().enumerate() {
        let row = u32::try_from(r).expect("small");
        let text_only = cells[1..].iter().all(String::is_empty) && !cells[0].is_empty();
        if text_only {
            // Titles and footnotes: one cell merged across the table.
            sheet
                .merge_range(row, 0, row, 5, &cells[0], &plain)
                .expect("merge");
            continue;
        }
        if r == header_at {
            sheet
                .merge_range(row, 0, row + 1, 0, "STT", &plain)
                .expect("merge");
            sheet
                .merge_range(row, 1, row + 1, 1, &cells[1], &plain)
                .expect("merge");
            sheet
                .merge_range(row, 2, row, 3, &cells[2], &plain)
                .expect("merge");
            sheet
                .merge_range(row, 4, row, 5, &cells[4], &plain)
                .expect("merge");
            continue;
        }
        if r == header_at + 1 {
            for c in 2..6 {
                sheet
                    .write_string(row, c, &cells[usize::from(c)])
                    .expect("write");
            }
            continue;
        }
        write_data_row(sheet, row, cells, as_shown);
    }
    book.save(path).expect("save the XLSX");
}

fn write_data_row(sheet: &mut rust_xlsxwriter::Worksheet, row: u32, cells: &[String], shown: bool) {
    let two = &Format::new().set_num_format("0.00");
    let percent = &Format::new().set_num_format("0.00%");
    for (c, cell) in (0u16..).zip(cells) {
        if cell.is_empty() {
            continue;
        }
        let number = cell.trim_end_matches('%').replace(',', ".");
        match (c, number.parse::<f64>()) {
            // A score: stored with more precision than the sheet shows.
            (2, Ok(v)) if shown => {
                sheet
                    .write_number_with_format(row, c, v + 0.000_000_4, two)
                    .expect("write");
            }
            (4, Ok(v)) if shown => {
                sheet
                    .write_number_with_format(row, c, v / 100.0, percent)
                    .expect("write");
            }
            (2 | 4, Ok(v)) => {
                sheet
                    .write_number_with_format(row, c, v, two)
                    .expect("write");
            }
            (0 | 3 | 5, Ok(v)) => {
                sheet.write_number(row, c, v).expect("write");
            }
            _ => {
                sheet.write_string(row, c, cell).expect("write");
            }
        }
    }
}

/// Writes a table with one of each problem: a misspelt province ('Quảng Ngải'), a province
/// named by a district ('Tĩnh Gia'), a repeated one (An Giang in Hà Giang's row), a score of
/// "8467", a rank of 0 — and no SIPAS columns, which `--index both` requires.
pub fn write_problem_xlsx(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Sheet1").expect("name");
    let plain = Format::new();
    sheet
        .merge_range(
            0,
            0,
            0,
            3,
            "KẾT QUẢ CHỈ SỐ CCHC NĂM 2024 (SYNTHETIC)",
            &plain,
        )
        .expect("merge");
    sheet.merge_range(1, 0, 2, 0, "STT", &plain).expect("merge");
    sheet
        .merge_range(1, 1, 2, 1, "Tỉnh, thành phố", &plain)
        .expect("merge");
    sheet
        .merge_range(1, 2, 1, 3, "Chỉ số CCHC", &plain)
        .expect("merge");
    sheet.write_string(2, 2, "Điểm").expect("write");
    sheet.write_string(2, 3, "Xếp hạng").expect("write");
    for (i, row) in table_rows().iter().enumerate() {
        let r = 3 + u32::try_from(i).expect("small");
        let name = match row.number {
            2 => "An Giang",
            26 => "Tĩnh Gia",
            34 => "Quảng Ngải",
            _ => &row.name,
        };
        sheet
            .write_number(r, 0, f64::from(u32::try_from(row.number).expect("small")))
            .expect("write");
        sheet.write_string(r, 1, name).expect("write");
        if row.number == 10 {
            sheet.write_string(r, 2, "8467").expect("write");
        } else {
            sheet
                .write_number(r, 2, f64::from(row.par.0) / 100.0)
                .expect("write");
        }
        let rank = if row.number == 12 { 0 } else { row.par.1 };
        sheet.write_number(r, 3, f64::from(rank)).expect("write");
    }
    book.save(path).expect("save the XLSX");
}
