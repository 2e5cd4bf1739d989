//! Output safety: atomic files, clear errors for unwritable targets, kills at random moments,
//! and byte-identical rebuilds.

use std::fs;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{files_under, parbrief, path_arg, repo, stderr};

fn is_complete_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
        && lopdf::Document::load_mem(bytes).is_ok_and(|d| !d.get_pages().is_empty())
}

#[test]
fn an_output_folder_that_is_a_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let not_a_folder = dir.path().join("out");
    fs::write(&not_a_folder, b"a file").expect("write");
    let run = parbrief(&["build", "--year", "2020", "--out", path_arg(&not_a_folder)]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains(&format!("error: cannot write {}:", not_a_folder.display())),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
}

#[test]
fn a_read_only_briefing_is_not_replaced_and_nothing_is_written() {
    let out = tempfile::tempdir().expect("temp dir");
    let protected = out.path().join("2020/an-giang.pdf");
    fs::create_dir_all(protected.parent().expect("parent")).expect("mkdir");
    fs::write(&protected, b"kept").expect("write");
    let mut permissions = fs::metadata(&protected).expect("metadata").permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&protected, permissions).expect("chmod");
    let run = parbrief(&["build", "--year", "2020", "--out", path_arg(out.path())]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains(&format!(
            "cannot write {}: the existing file is read-only",
            protected.display()
        )),
        "{err}"
    );
    assert_eq!(fs::read(&protected).expect("read"), b"kept");
    assert_eq!(
        files_under(out.path()).len(),
        1,
        "nothing else may be written"
    );
}

#[test]
fn a_crash_while_writing_leaves_no_partial_pdf() {
    // `ulimit -f` makes the kernel kill the process (SIGXFSZ) in the middle of its first write.
    let out = tempfile::tempdir().expect("temp dir");
    let script = format!(
        "ulimit -f 20; exec '{}' build --year 2020 --out '{}'",
        env!("CARGO_BIN_EXE_parbrief"),
        out.path().display()
    );
    let run = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(repo())
        .output()
        .expect("sh runs");
    assert!(
        !run.status.success(),
        "the file-size limit should have stopped the build"
    );
    let pdfs = crate::support::pdfs_under(out.path());
    assert!(pdfs.is_empty(), "partial PDFs left behind: {pdfs:?}");
}

#[test]
fn killing_a_build_at_random_moments_never_leaves_a_partial_pdf() {
    let out = tempfile::tempdir().expect("temp dir");
    // A fixed sequence of pseudo-random delays, so a failure can be replayed.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..12 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(seed % 400);
        let mut child = Command::new(env!("CARGO_BIN_EXE_parbrief"))
            .args(["build", "--out"])
            .arg(out.path())
            .current_dir(repo())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        for path in crate::support::pdfs_under(out.path()) {
            let bytes = fs::read(&path).expect("read");
            assert!(
                is_complete_pdf(&bytes),
                "round {round} (killed after {delay:?}): {} is partial",
                path.display()
            );
        }
    }
    // A final complete run also clears temporary files that the kills left behind.
    let run = parbrief(&["build", "--out", path_arg(out.path())]);
    assert!(run.status.success());
    let leftovers: Vec<_> = files_under(out.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn source_date_epoch_sets_the_pdf_date_and_rebuilds_are_identical() {
    let build = || {
        let out = tempfile::tempdir().expect("temp dir");
        let run = Command::new(env!("CARGO_BIN_EXE_parbrief"))
            .args(["build", "--year", "2020", "--out"])
            .arg(out.path())
            .current_dir(repo())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .expect("runs");
        assert!(run.status.success());
        crate::support::read_all(out.path())
    };
    let (first, second) = (build(), build());
    assert_eq!(first, second);
    let (_, bytes) = first
        .iter()
        .find(|(name, _)| name == "2020/an-giang.pdf")
        .expect("An Giang");
    let doc = lopdf::Document::load_mem(bytes).expect("parses");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .expect("Info");
    let date = doc
        .get_dictionary(info)
        .expect("dict")
        .get(b"CreationDate")
        .expect("date")
        .as_str()
        .expect("string");
    assert!(
        String::from_utf8_lossy(date).starts_with("D:20231114"),
        "{}",
        String::from_utf8_lossy(date)
    );
}

#[test]
fn parallel_and_serial_builds_are_byte_identical_and_the_manifest_lists_them() {
    let build = |jobs: &str| {
        let out = tempfile::tempdir().expect("temp dir");
        let run = parbrief(&["build", "--jobs", jobs, "--out", path_arg(out.path())]);
        assert!(run.status.success(), "{}", stderr(&run));
        out
    };
    let (serial, parallel) = (build("1"), build("4"));
    assert_eq!(
        crate::support::read_all(serial.path()),
        crate::support::read_all(parallel.path())
    );

    let manifest: Vec<serde_json::Value> =
        serde_json::from_slice(&fs::read(serial.path().join("manifest.json")).expect("manifest"))
            .expect("JSON");
    let pdfs = crate::support::pdfs_under(serial.path()).len();
    assert_eq!(manifest.len(), pdfs);
    let an_giang = manifest
        .iter()
        .find(|e| e["file"] == "2020/an-giang.pdf")
        .expect("An Giang listed");
    let bytes = fs::read(serial.path().join("2020/an-giang.pdf")).expect("pdf");
    use sha2::Digest as _;
    let sha: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(an_giang["sha256"], sha.as_str());
    assert_eq!(an_giang["bytes"], bytes.len());
    assert_eq!(
        (an_giang["year"].as_i64(), an_giang["pages"].as_u64()),
        (Some(2020), Some(4))
    );
}
