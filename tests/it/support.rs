//! Helpers: run the binary, copy the real data to a scratch folder, read PDFs back.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn real_data() -> PathBuf {
    repo().join("data")
}

/// The real data, loaded, validated and ranked through the application's own entry.
pub fn prepared() -> parbrief::app::Prepared {
    let prepared = parbrief::app::prepare(&parbrief::app::DataConfig {
        dir: real_data(),
        strict: true,
    })
    .expect("fonts load");
    assert!(!prepared.has_errors(), "{}", prepared.render_report());
    prepared
}

/// Runs `parbrief` with `args` in the repository folder.
pub fn parbrief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parbrief"))
        .args(args)
        .current_dir(repo())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the parbrief binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn path_arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// A scratch copy of the real data folder, to edit into bad input.
pub fn data_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in fs::read_dir(real_data()).expect("data folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            fs::copy(&path, dir.path().join(path.file_name().expect("file name"))).expect("copy");
        }
    }
    dir
}

/// Replaces the first occurrence of `from` in `file`, returning the 1-based line it was on.
pub fn edit(file: &Path, from: &str, to: &str) -> usize {
    let text = fs::read_to_string(file).expect("read data file");
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not in {}", file.display()));
    let line = text[..at].matches('\n').count() + 1;
    fs::write(file, text.replacen(from, to, 1)).expect("write data file");
    line
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(files_under(&path));
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every file under `dir` with its path relative to `dir` and its bytes, for comparing builds.
pub fn read_all(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let name = p
                .strip_prefix(dir)
                .expect("under dir")
                .display()
                .to_string();
            (name, fs::read(&p).expect("read"))
        })
        .collect()
}

/// The PDFs under `dir`.
pub fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect()
}

/// The text of a PDF, as a reader would copy it, with whitespace runs folded to one space.
pub fn pdf_text(path: &Path) -> String {
    let bytes = fs::read(path).expect("read PDF");
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("PDF text extracts");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds An Giang 2020 with `extra` arguments into a fresh folder; panics if the build fails.
pub fn build_an_giang_2020(extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let mut args = vec![
        "build",
        "--year",
        "2020",
        "--province",
        "an-giang",
        "--out",
        path_arg(out.path()),
    ];
    args.extend(extra);
    let run = parbrief(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    out
}
