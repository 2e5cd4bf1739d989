//! `list --format xlsx`: the rows of `--format csv` as a workbook, read back with calamine;
//! byte-identical with the same `SOURCE_DATE_EPOCH`; never written to a terminal.
//! (`tests/xlsx-libreoffice.sh` also opens it in LibreOffice, where that is installed.)

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use calamine::{Data, Reader as _};

use crate::support::{parbrief, path_arg, repo, stderr, stdout};

fn list_with_epoch(epoch: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parbrief"))
        .arg("list")
        .args(args)
        .current_dir(repo())
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("parbrief runs")
}

/// Every row of the workbook's sheet, each cell as the CSV writes it.
fn workbook_rows(path: &Path) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto(path).expect("a workbook");
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).expect("the sheet");
    range
        .rows()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, cell)| match cell {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    // The year, in the first column, is a whole number; scores have two decimals.
                    Data::Float(v) if c == 0 && r > 0 => format!("{v}"),
                    Data::Float(v) => format!("{v:.2}"),
                    Data::Int(v) => v.to_string(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

fn csv_rows(text: &[u8]) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text);
    reader
        .records()
        .map(|r| r.expect("CSV").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_workbook_has_the_rows_and_columns_of_the_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("ket-qua.xlsx");
    let run = list_with_epoch(
        "1767225600",
        &["--format", "xlsx", "--out", path_arg(&file)],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        stdout(&run),
        format!("Wrote 475 row(s) to {}.\n", file.display())
    );
    let csv = parbrief(&["list", "--format", "csv"]);
    assert!(csv.status.success());
    let expected = csv_rows(&csv.stdout);
    let got = workbook_rows(&file);
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(&expected) {
        // calamine ends a row at its last cell; the CSV keeps empty trailing fields.
        let mut g = g.clone();
        g.resize(e.len(), String::new());
        assert_eq!(&g, e);
    }
}

#[test]
fn the_same_data_and_epoch_give_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b, c) = (
        dir.path().join("a.xlsx"),
        dir.path().join("b.xlsx"),
        dir.path().join("c.xlsx"),
    );
    for (file, epoch) in [(&a, "1767225600"), (&b, "1767225600"), (&c, "1767312000")] {
        let run = list_with_epoch(
            epoch,
            &[
                "--year",
                "2020",
                "--format",
                "xlsx",
                "--out",
                path_arg(file),
            ],
        );
        assert!(run.status.success(), "{}", stderr(&run));
    }
    let read = |p: &Path| fs::read(p).expect("written");
    assert_eq!(read(&a), read(&b));
    assert_ne!(read(&a), read(&c), "the creation time is SOURCE_DATE_EPOCH");
}

#[test]
fn a_workbook_is_never_printed() {
    let run = parbrief(&["list", "--format", "xlsx"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stdout(&run).is_empty());
    assert_eq!(
        stderr(&run),
        "error: --format xlsx writes a workbook, not text: name the file with --out FILE (e.g. --out ket-qua.xlsx)\n"
    );
}

#[test]
fn text_formats_can_be_written_to_a_file_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("2020.csv");
    let run = parbrief(&[
        "list",
        "--year",
        "2020",
        "--format",
        "csv",
        "--out",
        path_arg(&file),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let printed = parbrief(&["list", "--year", "2020", "--format", "csv"]);
    assert_eq!(fs::read(&file).expect("written"), printed.stdout);
}
