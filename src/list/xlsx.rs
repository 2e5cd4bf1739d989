//! `list --format xlsx`: the rows of `--format csv` as an Excel workbook, so the figures go back
//! into the spreadsheets offices work in. One sheet, the same header and columns in the same
//! order; years and scores are numbers (scores shown with two decimals, so a spreadsheet can
//! sort and average them), everything else is text exactly as the CSV has it — a rank keeps
//! its "26/63*" form because its mark says where it came from.
//!
//! The bytes depend only on the rows and the creation time the caller passes
//! (`SOURCE_DATE_EPOCH`, as for the PDFs): `rust_xlsxwriter` stamps every part of the zip
//! with the same fixed date, and the creation time is the one value it would otherwise take
//! from the clock.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::{COLUMNS, HEADER, Row, cells};

/// The sheet's name, as a spreadsheet shows it on its tab.
const SHEET: &str = "parbrief list";

/// Widths of the columns, in characters: enough for "Đồng bằng sông Cửu Long" and the ids.
const WIDTHS: [f64; COLUMNS] = [
    6.0, 22.0, 20.0, 34.0, 7.0, 10.0, 15.0, 7.0, 10.0, 17.0, 28.0,
];

/// The workbook of `rows`, created at `created` (Unix seconds).
pub fn workbook(rows: &[Row], created: i64) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_timestamp(created)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("parbrief list")
            .set_creation_datetime(&created),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    let bold = Format::new().set_bold();
    let two_decimals = Format::new().set_num_format("0.00");
    for (col, (name, width)) in (0u16..).zip(HEADER.iter().zip(WIDTHS)) {
        sheet.write_string_with_format(0, col, *name, &bold)?;
        sheet.set_column_width(col, width)?;
    }
    for (line, row) in (1u32..).zip(rows) {
        let texts = cells(row);
        sheet.write_number(line, 0, f64::from(row.year))?;
        for (col, text) in (0u16..).zip(&texts) {
            match col {
                0 => {}
                // The two score columns: a number, or an empty cell where the CSV is empty.
                4 | 7 => {
                    let score = if col == 4 {
                        row.par_score
                    } else {
                        row.sipas_score
                    };
                    if let Some(score) = score {
                        sheet.write_number_with_format(line, col, score, &two_decimals)?;
                    }
                }
                _ if text.is_empty() => {}
                _ => {
                    sheet.write_string(line, col, text)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> Row {
        Row {
            year: 2030,
            id: "tinh-a".into(),
            name: "Tỉnh A".into(),
            region: "Miền Bắc".into(),
            par_score: Some(84.67),
            par_rank: Some("1/2*".into()),
            par_region_rank: None,
            sipas_score: None,
            sipas_rank: None,
            sipas_region_rank: None,
            predecessors: vec![],
        }
    }

    #[test]
    fn the_same_rows_and_time_give_the_same_bytes() {
        let a = workbook(&[row()], 1_800_000_000).expect("workbook");
        let b = workbook(&[row()], 1_800_000_000).expect("workbook");
        assert_eq!(a, b);
        let c = workbook(&[row()], 1_800_000_001).expect("workbook");
        assert_ne!(a, c, "the creation time is in the file");
    }
}
