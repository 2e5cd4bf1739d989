//! `parbrief import`: SYNTHETIC tables in the Ministry's layout (titles, merged headers,
//! decimal commas, footnotes) into a fresh folder and into an existing year; one located
//! error per problem; disagreements reported and nothing changed without `--overwrite`;
//! `--dry-run` writes nothing. The per-code messages are snapshots in
//! `tests/fixtures/bad/*.import*` (see `diagnostics.rs`).

use std::fs;
use std::path::Path;

use crate::support::tables::{self, TableRow};
use crate::support::{
    data_copy, parbrief, path_arg, pdfs_under, read_all, real_data, stderr, stdout,
};

const TITLE: &str = "[SYNTHETIC test table in the Ministry's layout, not real results]";

/// `import TABLE --year 2024 --into DIR` with a source and an announcement date, plus `extra`.
fn import(table: &Path, into: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["--announced", "2025-04-06"];
    args.extend(extra);
    import_year(table, into, "2024", &args)
}

/// `import TABLE --year YEAR --into DIR` with a source, plus `extra`.
fn import_year(table: &Path, into: &Path, year: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "import",
        path_arg(table),
        "--year",
        year,
        "--into",
        path_arg(into),
        "--source-title",
        TITLE,
        "--source-address",
        "tests/fixtures/import",
    ];
    args.extend(extra);
    parbrief(&args)
}

/// `list --format csv` of 2024 in `data`, as rows of cells.
fn listed(data: &Path) -> Vec<Vec<String>> {
    let run = parbrief(&[
        "list",
        "--data",
        path_arg(data),
        "--year",
        "2024",
        "--format",
        "csv",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let mut reader = csv::Reader::from_reader(run.stdout.as_slice());
    reader
        .records()
        .map(|r| r.expect("CSV").iter().map(str::to_string).collect())
        .collect()
}

/// The table's figures are the dataset's, cell for cell, and every rank is computed from
/// the complete scores (unmarked) and equals the table's.
fn assert_matches_table(data: &Path) {
    let table = tables::table_rows();
    let listed = listed(data);
    assert_eq!(table.len(), 63);
    assert_eq!(listed.len(), 63);
    let score = |h: u32| format!("{}.{:02}", h / 100, h % 100);
    for (
        TableRow {
            number,
            name,
            par,
            sipas,
        },
        row,
    ) in table.iter().zip(&listed)
    {
        let what = format!("row {number} ({name}) against {row:?}");
        assert_eq!(row[4], score(par.0), "{what}");
        assert_eq!(row[5], format!("{}/63", par.1), "{what}");
        assert_eq!(row[7], score(sipas.0), "{what}");
        assert_eq!(row[8], format!("{}/63", sipas.1), "{what}");
    }
}

/// Validates `data` strictly and builds its 63 briefings of 2024.
fn assert_builds_63_briefings(data: &Path) {
    let run = parbrief(&["validate", "--strict", "--data", path_arg(data)]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--data",
        path_arg(data),
        "--year",
        "2024",
        "--out",
        path_arg(out.path()),
        "--date",
        "2026-01-10",
        "--quiet",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let pdfs = pdfs_under(out.path());
    let overview = out.path().join("2024").join("tong-hop.pdf");
    assert!(pdfs.contains(&overview), "the national overview: {pdfs:#?}");
    assert_eq!(pdfs.len(), 63 + 1, "63 briefings and the overview");
}

#[test]
fn a_ministry_csv_of_63_provinces_fills_a_fresh_folder_that_builds_63_briefings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let from = real_data().join("2024.yaml");
    let run = import(
        &tables::ministry_csv(),
        &data,
        &["--provinces-from", path_arg(&from)],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let out = stdout(&run);
    assert!(
        out.starts_with("Read the table: 63 province(s) in rows 8–70; columns B province, C PAR Index score, D PAR Index rank, E SIPAS score, F SIPAS rank.\nNot imported: B71 'Trung bình cả nước' (a row for the country or a region).\n"),
        "{out}"
    );
    assert!(
        out.contains(" value(s) changes, 0 already the same:\n"),
        "{out}"
    );
    assert!(out.contains(" par.score    null → 89.62  (C8)\n"), "{out}");
    assert!(
        out.ends_with(&format!("Wrote {}.\n", data.join("2024.yaml").display())),
        "{out}"
    );
    let file = fs::read_to_string(data.join("2024.yaml")).expect("written");
    assert!(
        file.starts_with(
            "# PAR Index (Chỉ số CCHC) and SIPAS results for 2024, written by `parbrief import`"
        ),
        "{file}"
    );
    assert!(file.contains("SYNTHETIC"));
    assert_matches_table(&data);
    assert_builds_63_briefings(&data);
}

#[test]
fn a_ministry_xlsx_with_merged_headers_gives_the_same_figures_and_63_briefings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let xlsx = dir.path().join("phu-luc.xlsx");
    tables::write_ministry_xlsx(&xlsx, true);
    // To remake the ODS fixture: PARBRIEF_KEEP_XLSX=DIR, then convert DIR/phu-luc.xlsx with
    // `soffice --headless --convert-to ods` (tests/fixtures/import/README.md).
    if let Some(keep) = std::env::var_os("PARBRIEF_KEEP_XLSX") {
        tables::write_ministry_xlsx(&Path::new(&keep).join("phu-luc.xlsx"), false);
    }
    let data = dir.path().join("data");
    let from = real_data().join("2024.yaml");
    let run = import(&xlsx, &data, &["--provinces-from", path_arg(&from)]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run)
            .starts_with("Read sheet \"Phụ lục 1\" of the table: 63 province(s) in rows 8–70;"),
        "{}",
        stdout(&run)
    );
    assert!(stdout(&run).contains("Not imported: 'Phụ lục 1'!B71 'Trung bình cả nước'"));
    assert_matches_table(&data);
    assert_builds_63_briefings(&data);
}

#[test]
fn an_ods_table_gives_the_same_figures() {
    let ods = tables::ministry_ods();
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let from = real_data().join("2024.yaml");
    let run = import(&ods, &data, &["--provinces-from", path_arg(&from)]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_matches_table(&data);
}

/// A table for 2024 in a copy of the real data: Hà Nội's PAR score is empty there (filled),
/// its PAR rank is 3 (the table says 4), its SIPAS figures agree; Hải Phòng's PAR figures
/// agree, its SIPAS score is empty (filled) and its SIPAS rank is 1 (the table says 2).
fn existing_year_table(dir: &Path) -> std::path::PathBuf {
    let table = dir.join("bang.csv");
    fs::write(
        &table,
        "STT,\"Tỉnh, thành phố\",Chỉ số CCHC (%),Xếp hạng CCHC,Chỉ số SIPAS (%),Xếp hạng SIPAS\n1,Hà Nội,\"92,75\",4,\"86,50\",11\n2,TP. Hải Phòng,\"96,17\",1,\"91,00\",2\n",
    )
    .expect("write the table");
    table
}

#[test]
fn an_existing_year_reports_each_disagreement_and_changes_nothing_without_overwrite() {
    let data = data_copy();
    let scratch = tempfile::tempdir().expect("temp dir");
    let table = existing_year_table(scratch.path());
    let before = read_all(data.path());
    let run = import(&table, data.path(), &[]);
    assert_eq!(run.status.code(), Some(1), "{}", stdout(&run));
    let file = data.path().join("2024.yaml");
    let err = stderr(&run);
    let expected = format!(
        "error[import-conflict]: C2 gives 92.75, but the file has no score: its source prints 92.57, which the change it prints contradicts
  --> {0}:66:117
   |
66 | ...rank: 0, sources: [Y01] }}, conflicting: {{ score: [92.57] }} }}
   |                                            ^ field `provinces[ha-noi].par.conflicting.score`
   |
   = hint: check the table against those sources; nothing was changed. To use the table's value and drop the disputed ones, run again with --overwrite

error[import-conflict]: D2 gives 4, but the file has 3
  --> {0}:66:31
   |
66 |     par: {{ score: null, rank: 3, region_rank: null, change: {{ points: 1.32, rank: 0, sources: [Y01] }}, conflicting: {{ score: [92.57]...
   |                               ^ field `provinces[ha-noi].par.rank`
   |
   = hint: check both against their sources; nothing was changed. To replace the file's values with the table's, run again with --overwrite

error[import-conflict]: E3 gives 91.0, but the file has no score: its sources disagree (90.59 and 91.10)
   --> {0}:221:68
    |
221 |     sipas: {{ score: null, rank: 1, region_rank: null, conflicting: {{ score: [90.59, 91.10] }} }}
    |                                                                    ^ field `provinces[hai-phong].sipas.conflicting.score`
    |
    = hint: check the table against those sources; nothing was changed. To use the table's value and drop the disputed ones, run again with --overwrite

error[import-conflict]: F3 gives 2, but the file has 1
   --> {0}:221:33
    |
221 |     sipas: {{ score: null, rank: 1, region_rank: null, conflicting: {{ score: [90.59, 91.10] }} }}
    |                                 ^ field `provinces[hai-phong].sipas.rank`
    |
    = hint: check both against their sources; nothing was changed. To replace the file's values with the table's, run again with --overwrite

4 value(s) in {0} differ from the table: nothing was written (--overwrite replaces them with the table's).
",
        file.display()
    );
    assert_eq!(err, expected);
    assert_eq!(read_all(data.path()), before, "nothing changed");

    let run = import(&table, data.path(), &["--overwrite"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = stdout(&run);
    for line in [
        ":66    ha-noi     par.score    null → 92.75  (C2)",
        ":66    ha-noi     par.rank     3 → 4  (D2)",
        ":221   hai-phong  sipas.score  null → 91.0  (E3)",
        ":221   hai-phong  sipas.rank   1 → 2  (F3)",
    ] {
        assert!(out.contains(line), "{line:?} not in\n{out}");
    }
    assert!(
        out.contains("4 value(s) changes, 5 already the same:"),
        "{out}"
    );
    // Only the two provinces' lines changed, and the source was added: every comment and
    // every other line is as it was.
    let old = fs::read_to_string(real_data().join("2024.yaml")).expect("real");
    let new = fs::read_to_string(&file).expect("written");
    let removed: Vec<&str> = old
        .lines()
        .filter(|l| !new.lines().any(|n| n == *l))
        .collect();
    assert_eq!(removed.len(), 4, "{removed:#?}");
    assert!(new.contains(
        "    par: { score: 92.75, rank: 4, region_rank: null, change: { points: 1.32, rank: 0, sources: [Y01] } }\n"
    ));
    assert!(new.contains("    sources: [S41, Y01, IMP-2024]\n"));
    // The table settles the dispute the file recorded: its disputed values go with it.
    assert!(new.contains("    sipas: { score: 91.0, rank: 2, region_rank: null }\n"));
    assert!(new.contains("\n  IMP-2024:\n    publisher: \"Bộ Nội vụ\"\n    publisher_en: \"Ministry of Home Affairs\"\n"));
    let comments = |t: &str| {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
    };
    assert_eq!(comments(&old), comments(&new));
}

#[test]
fn dry_run_lists_the_changes_and_writes_nothing() {
    let data = data_copy();
    let scratch = tempfile::tempdir().expect("temp dir");
    let table = scratch.path().join("kien-giang.csv");
    fs::write(&table, "Tỉnh;Chỉ số CCHC\nKiên Giang;84,5\n").expect("write");
    let before = read_all(data.path());
    let run = import(&table, data.path(), &["--dry-run"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let file = data.path().join("2024.yaml");
    assert_eq!(
        stdout(&run),
        format!(
            "Read the table: 1 province(s) in row 2; columns A province, B PAR Index score.
{0}: 1 value(s) would change, 1 already the same:
  {0}:507   kien-giang  par.score  null → 84.5  (B2)
The source is added to the file and cited by 1 province(s).
Validated with the other 7 year(s) of the folder: no errors, 0 warning(s).
--dry-run: nothing was written.
",
            file.display()
        )
    );
    assert_eq!(read_all(data.path()), before);
}

#[test]
fn every_problem_in_a_table_is_reported_with_its_cell_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let xlsx = dir.path().join("bang.xlsx");
    tables::write_problem_xlsx(&xlsx);
    let data = data_copy();
    let before = read_all(data.path());
    let run = import(&xlsx, data.path(), &["--index", "both"]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run).replace(path_arg(&xlsx), "bang.xlsx");
    let snapshot = crate::support::repo().join("tests/fixtures/import/every-problem.expected.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::write(&snapshot, &err).expect("write the snapshot");
    }
    assert_eq!(err, fs::read_to_string(&snapshot).expect("snapshot"));
    assert_eq!(read_all(data.path()), before);
}

#[test]
fn columns_given_by_letter_read_a_table_without_recognisable_headers() {
    let data = data_copy();
    let scratch = tempfile::tempdir().expect("temp dir");
    let table = scratch.path().join("khong-tieu-de.csv");
    // No header names the provinces' column: without --columns this is `column-missing`.
    fs::write(&table, "Mã;Địa danh;A;B\n89;Kiên Giang;84,5;44\n").expect("write");
    let run = import(&table, data.path(), &["--dry-run"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("error[column-missing]"),
        "{}",
        stderr(&run)
    );
    let run = import(
        &table,
        data.path(),
        &["--dry-run", "--columns", "name=B,par=C,par-rank=D"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let out = stdout(&run);
    assert!(
        out.contains("kien-giang  par.score  null → 84.5  (C2)"),
        "{out}"
    );
    assert!(
        out.contains("kien-giang  par.rank   null → 44  (D2)"),
        "{out}"
    );
}

#[test]
fn a_new_year_takes_the_provinces_of_the_latest_earlier_year() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    fs::create_dir(&data).expect("mkdir");
    fs::copy(real_data().join("2023.yaml"), data.join("2023.yaml")).expect("copy");
    let run = import(&tables::ministry_csv(), &data, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains(&format!(
            "New file {}, with the regions and provinces of {}.",
            data.join("2024.yaml").display(),
            data.join("2023.yaml").display()
        )),
        "{}",
        stdout(&run)
    );
    assert_matches_table(&data);
}

#[test]
fn a_table_score_replaces_the_rounding_it_agrees_with_and_is_a_conflict_otherwise() {
    // 2020.yaml leaves Đà Nẵng's SIPAS score null with `rounded_score: 83` ("47/63 or 83%").
    let data = data_copy();
    let scratch = tempfile::tempdir().expect("temp dir");
    let table = scratch.path().join("bang.csv");
    let run_with = |score: &str, extra: &[&str]| {
        fs::write(&table, format!("Tỉnh;Chỉ số SIPAS\nĐà Nẵng;{score}\n")).expect("write");
        import_year(&table, data.path(), "2020", extra)
    };
    let before = read_all(data.path());
    let run = run_with("85,10", &[]);
    assert_eq!(run.status.code(), Some(1), "{}", stdout(&run));
    let err = stderr(&run);
    assert!(
        err.contains("error[import-conflict]: B2 gives 85.1, but the file's sources print the score rounded to 83"),
        "{err}"
    );
    assert!(
        err.contains("field `provinces[da-nang].sipas.rounded_score`"),
        "{err}"
    );
    assert_eq!(read_all(data.path()), before, "nothing changed");

    let run = run_with("83,24", &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let written = fs::read_to_string(data.path().join("2020.yaml")).expect("written");
    assert!(
        written.contains("    sipas: { score: 83.24, rank: 47, region_rank: null }\n"),
        "{written}"
    );
}
