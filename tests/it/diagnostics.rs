//! One fixture per kind of bad input (`tests/fixtures/bad/<case>/2030.yaml`, synthetic), each
//! with a snapshot of the exact message parbrief prints (`expected.txt` beside it). Every case
//! must exit 1 under `build --strict`, print no panic, and write nothing.
//!
//! After an intended change of wording: `UPDATE_SNAPSHOTS=1 cargo test diagnostics`, then
//! review the diff of the `expected.txt` files.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{files_under, repo};

fn run_build(data: &Path) -> (Option<i32>, String, usize) {
    let out = tempfile::tempdir().expect("temp dir");
    let run = Command::new(env!("CARGO_BIN_EXE_parbrief"))
        .args(["build", "--strict", "--data", ".", "--out"])
        .arg(out.path())
        .current_dir(data)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("parbrief runs");
    let written = files_under(out.path()).len();
    (
        run.status.code(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
        written,
    )
}

fn check_snapshot(case: &Path, stderr: &str) -> Result<(), String> {
    let snapshot = case.join("expected.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::write(&snapshot, stderr).expect("write snapshot");
        return Ok(());
    }
    let expected = fs::read_to_string(&snapshot).map_err(|_| {
        format!(
            "{}: no expected.txt (run with UPDATE_SNAPSHOTS=1)",
            case.display()
        )
    })?;
    if expected == stderr {
        Ok(())
    } else {
        Err(format!(
            "{}: message changed\n--- expected\n{expected}\n--- got\n{stderr}",
            case.display()
        ))
    }
}

#[test]
fn every_bad_input_is_reported_exactly_exits_1_and_writes_nothing() {
    let root = repo().join("tests/fixtures/bad");
    let mut cases: Vec<_> = fs::read_dir(&root)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 30,
        "expected the full set of fixtures, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let (code, stderr, written) = run_build(case);
        let name = case.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        if code != Some(1) {
            failures.push(format!("{name}: exit {code:?}, expected 1"));
        }
        if written != 0 {
            failures.push(format!("{name}: wrote {written} file(s)"));
        }
        if stderr.contains("panicked") {
            failures.push(format!("{name}: panicked:\n{stderr}"));
        }
        if !stderr.contains("./2030.yaml") {
            failures.push(format!(
                "{name}: the message does not name the file:\n{stderr}"
            ));
        }
        // The fixture's directory name is the diagnostic code it must produce.
        let code_name = name.split_once('-').map_or(name, |_| name);
        if !stderr.contains(&format!("[{code_name}]")) && !known_alias(name, &stderr) {
            failures.push(format!("{name}: no `[{code_name}]` diagnostic:\n{stderr}"));
        }
        if let Err(e) = check_snapshot(case, &stderr) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Fixtures named after the input rather than the code they produce.
fn known_alias(case: &str, stderr: &str) -> bool {
    let code = match case {
        "yaml-bad-indent" | "missing-figure-key" => "missing-field",
        "wrong-type-rank" | "not-a-mapping" | "score-nan-quoted" => "wrong-type",
        "score-negative" => "score-out-of-range",
        "score-nan" | "score-inf" => "score-not-finite",
        "rank-zero" | "region-rank-out-of-range" => "rank-out-of-range",
        "bad-id-uppercase" => "bad-id",
        "yaml-alias-bomb" => "yaml-too-complex",
        "yaml-billion-laughs" | "yaml-deep-nesting" => "wrong-type",
        _ => return false,
    };
    stderr.contains(&format!("[{code}]"))
}

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let data = tempfile::tempdir().expect("temp dir");
    let filler = "# padding\n".repeat(450_000);
    fs::write(data.path().join("2030.yaml"), filler).expect("write");
    let (code, stderr, written) = run_build(data.path());
    assert_eq!((code, written), (Some(1), 0));
    assert!(stderr.contains("error[file-too-large]: the file is 4500000 bytes; a dataset may be at most 4194304 bytes"), "{stderr}");
}

#[test]
fn an_ill_formed_file_does_not_touch_earlier_outputs() {
    let out = tempfile::tempdir().expect("temp dir");
    let earlier = out.path().join("2020/an-giang.pdf");
    fs::create_dir_all(earlier.parent().expect("parent")).expect("mkdir");
    fs::write(&earlier, b"an earlier briefing").expect("write");
    let data = repo().join("tests/fixtures/bad/unknown-region");
    let run = Command::new(env!("CARGO_BIN_EXE_parbrief"))
        .args(["build", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("parbrief runs");
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        fs::read(&earlier).expect("still there"),
        b"an earlier briefing"
    );
    assert_eq!(files_under(out.path()).len(), 1);
}
