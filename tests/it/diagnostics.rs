//! One fixture per diagnostic code (`tests/fixtures/bad/<code>` or `<code>.<variant>`,
//! synthetic), each with a snapshot of the exact message parbrief prints (`expected.txt`).
//! Every case must exit 1, print no panic, point at a file, and write nothing; and every code
//! parbrief can print must have at least one fixture.
//!
//! A fixture runs `build --strict --data .` in a copy of its folder, unless it has an `args`
//! file (one argument a line; `{valid}` is the valid fixture folder). A `generate` file lists
//! `NAME BYTES` files to create first (an oversized input, without committing megabytes).
//! An `import` fixture (its `args` start with `import`) writes into its own folder, so
//! "writes nothing" means that every file of the folder is as it was.
//!
//! After an intended change of wording: `UPDATE_SNAPSHOTS=1 cargo test diagnostics`, then
//! review the diff of the `expected.txt` files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use parbrief::diagnostics::Code;

use crate::support::{files_under, read_all, repo};

fn fixtures() -> Vec<PathBuf> {
    let mut cases: Vec<_> = fs::read_dir(repo().join("tests/fixtures/bad"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    cases
}

/// The code a fixture must produce: its folder name up to the first dot.
fn code_of(case: &Path) -> String {
    let name = case.file_name().and_then(|n| n.to_str()).unwrap_or("?");
    name.split('.').next().unwrap_or(name).to_string()
}

/// Copies a fixture folder (symlinks as symlinks) so that generated files stay out of the repo.
fn copy_fixture(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).expect("fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("type");
        if kind.is_symlink() {
            std::os::unix::fs::symlink(fs::read_link(entry.path()).expect("link"), &target)
                .expect("symlink");
        } else if kind.is_dir() {
            fs::create_dir(&target).expect("mkdir");
            copy_fixture(&entry.path(), &target);
        } else if entry.file_name() != "expected.txt" {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn generate_files(dir: &Path) {
    let Ok(list) = fs::read_to_string(dir.join("generate")) else {
        return;
    };
    for line in list.lines().filter(|l| !l.trim().is_empty()) {
        let (name, bytes) = line.split_once(' ').expect("NAME BYTES");
        let bytes: usize = bytes.trim().parse().expect("a size");
        let line = "# padding\n";
        fs::write(dir.join(name), line.repeat(bytes / line.len())).expect("generate");
    }
}

fn run_fixture(case: &Path) -> (Option<i32>, String, usize) {
    let work = tempfile::tempdir().expect("temp dir");
    copy_fixture(case, work.path());
    generate_files(work.path());
    let valid = repo().join("tests/fixtures/valid");
    let args: Vec<String> = match fs::read_to_string(case.join("args")) {
        Ok(text) => text
            .lines()
            .map(|a| a.replace("{valid}", valid.to_str().expect("UTF-8 path")))
            .collect(),
        Err(_) => ["build", "--strict", "--data", "."]
            .map(String::from)
            .to_vec(),
    };
    let out = tempfile::tempdir().expect("temp dir");
    let imports = args.first().is_some_and(|a| a == "import");
    let before = if imports {
        read_all(work.path())
    } else {
        Vec::new()
    };
    let mut command = Command::new(env!("CARGO_BIN_EXE_parbrief"));
    command.args(&args);
    if !imports {
        command.arg("--out").arg(out.path());
    }
    let run = command
        .current_dir(work.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("parbrief runs");
    let stderr =
        String::from_utf8_lossy(&run.stderr).replace(valid.to_str().unwrap_or("?"), "{valid}");
    let written = if imports {
        let after = read_all(work.path());
        after.iter().filter(|f| !before.contains(f)).count()
            + before.iter().filter(|f| !after.contains(f)).count()
    } else {
        files_under(out.path()).len()
    };
    (run.status.code(), stderr, written)
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
    let mut failures = Vec::new();
    for case in fixtures() {
        let (code, stderr, written) = run_fixture(&case);
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
        if !stderr.contains("--> ") {
            failures.push(format!("{name}: the message names no file:\n{stderr}"));
        }
        if !stderr.contains(&format!("[{}]", code_of(&case))) {
            failures.push(format!(
                "{name}: no `[{}]` diagnostic:\n{stderr}",
                code_of(&case)
            ));
        }
        // Debug formatting (`Aliases { aliases: 50001 }`, `Some(…)`) outside the quoted lines.
        let words = stderr.lines().filter(|l| {
            !l.trim_start()
                .split(" |")
                .next()
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
        });
        if words
            .clone()
            .any(|l| l.contains(" { ") || l.contains("Some("))
        {
            failures.push(format!("{name}: Rust debug text in the message:\n{stderr}"));
        }
        if let Err(e) = check_snapshot(&case, &stderr) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_diagnostic_code_has_a_fixture() {
    let covered: Vec<String> = fixtures().iter().map(|c| code_of(c)).collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !covered.iter().any(|f| f == c))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
    let unknown: Vec<&String> = covered
        .iter()
        .filter(|f| !Code::ALL.iter().any(|c| c.as_str() == f.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "fixtures named after no code: {unknown:?}"
    );
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
