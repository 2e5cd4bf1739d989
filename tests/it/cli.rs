//! The command line: exit codes, summaries, listing.

use crate::support::{files_under, parbrief, path_arg, stderr, stdout};

#[test]
fn build_says_which_provinces_it_skipped_and_why() {
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&[
        "build",
        "--year",
        "2020",
        "--province",
        "ha-giang",
        "--province",
        "an-giang",
        "--out",
        path_arg(out.path()),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = stdout(&run);
    assert_eq!(
        text,
        format!(
            "Wrote 1 briefing(s) and manifest.json to {}.\nNo briefing where the dataset has no PAR Index or SIPAS figure:\n  2020: 1 of 2 provinces: ha-giang (Hà Giang)\n",
            out.path().display()
        )
    );
    assert_eq!(
        files_under(out.path()).len(),
        2,
        "the briefing and the manifest"
    );
}

#[test]
fn a_province_with_only_a_published_rank_gets_a_briefing() {
    let out = tempfile::tempdir().expect("temp dir");
    let run = parbrief(&["build", "--year", "2020", "--out", path_arg(out.path())]);
    assert!(run.status.success(), "{}", stderr(&run));
    // Every file but the manifest and the year's overview is a briefing.
    let written = files_under(out.path()).len() - 2;
    assert!(
        stdout(&run).starts_with(&format!(
            "Wrote {written} briefing(s), 1 national overview(s) (tong-hop.pdf) and manifest.json"
        )),
        "{}",
        stdout(&run)
    );
    assert!(out.path().join("2020/tong-hop.pdf").exists());
    assert!(out.path().join("2020/bac-giang.pdf").exists());
}

#[test]
fn usage_errors_exit_with_2() {
    let run = parbrief(&["build", "--colour"]);
    assert_eq!(run.status.code(), Some(2));
    let run = parbrief(&[
        "build",
        "--year",
        "1999",
        "--out",
        "/nonexistent-parbrief-test",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains(
            "there is no dataset for 1999 (available: 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025)"
        ),
        "{}",
        stderr(&run)
    );
    let run = parbrief(&[
        "build",
        "--province",
        "atlantis",
        "--out",
        "/nonexistent-parbrief-test",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("no province with id `atlantis`"));
}

#[test]
fn list_prints_scores_and_ranks_as_csv() {
    let run = parbrief(&["list", "--year", "2020", "--format", "csv"]);
    assert!(run.status.success());
    let text = stdout(&run);
    assert!(text.starts_with(
        "year,id,name,region,par,par_rank,par_region_rank,sipas,sipas_rank,sipas_region_rank,predecessors\n"
    ));
    assert!(text.contains("\n2020,an-giang,An Giang,Đồng bằng sông Cửu Long,84.67,26/63*,4/13*,83.25,45/63*,10/13*,\n"), "{text}");
    assert_eq!(
        text.lines().count(),
        64,
        "a header and the 63 provinces of 2020"
    );
}

#[test]
fn list_as_json_keeps_missing_values_null() {
    let run = parbrief(&["list", "--year", "2020", "--format", "json"]);
    assert!(run.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&run.stdout).expect("JSON");
    let ha_giang = rows
        .iter()
        .find(|r| r["id"] == "ha-giang")
        .expect("Hà Giang is listed");
    assert!(ha_giang["par_score"].is_null() && ha_giang["par_rank"].is_null());
}

#[test]
fn validate_accepts_the_real_data() {
    let run = parbrief(&["validate", "--strict"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("8 year(s), 475 province entries: no errors"));
}

#[test]
fn help_teaches_the_commands() {
    let run = parbrief(&["--help"]);
    let text = stdout(&run);
    for word in ["build", "validate", "list", "Examples:", "data/README.md"] {
        assert!(text.contains(word), "--help lacks {word:?}");
    }
}
