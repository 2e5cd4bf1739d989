//! Helpers: run the binary, copy the real data to a scratch folder, read PDFs back; SYNTHETIC
//! tables for the import tests (`tables`).

pub mod tables;

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

/// Every file under `dir`, recursively, but the lock file a build keeps in its output folder.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name() == parbrief::write::LOCK_FILE {
                continue;
            }
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

/// A copy of the real data whose 2025 file gets SYNTHETIC figures for all 34 units (every
/// score invented, said so in the file and in its only new source), so the history of a
/// merged unit can be built before the real 2025 results exist.
pub fn synthetic_2025() -> tempfile::TempDir {
    let dir = data_copy();
    let file = dir.path().join("2025.yaml");
    let real = fs::read_to_string(&file).expect("2025.yaml");
    let mut out = String::from(
        "# SYNTHETIC TEST DATA (tests/it/support.rs): the real 34 units of 2025 with INVENTED figures.\n",
    );
    let (mut par, mut sipas) = (0, 0);
    for line in real.lines() {
        let line = if line.contains("par: { score: null, rank: null, region_rank: null }") {
            par += 1;
            let score = 9_550 - par * 41;
            line.replace(
                "score: null",
                &format!("score: {}.{:02}", score / 100, score % 100),
            )
        } else if line.contains("sipas: { score: null, rank: null, region_rank: null }") {
            sipas += 1;
            let score = 7_050 + sipas * 53;
            line.replace(
                "score: null",
                &format!("score: {}.{:02}", score / 100, score % 100),
            )
        } else if line == "announced: null" {
            "announced: 2026-04-20".to_string()
        } else if line == "announced_sources: []" {
            "announced_sources: [SYN]".to_string()
        } else if line.starts_with("    sources: [") {
            line.replacen("[", "[SYN, ", 1)
        } else if line.starts_with("sources:") {
            "sources:\n  SYN:\n    publisher: \"parbrief tests\"\n    title: \"[SYNTHETIC figures, not real results]\"\n    date: null\n    address: \"tests/it/support.rs\"".to_string()
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    assert_eq!((par, sipas), (34, 34), "every unit gets figures");
    fs::write(&file, out).expect("write 2025.yaml");
    dir
}

/// The data in `dir`, loaded, validated and ranked (`--strict`); panics on any problem.
pub fn prepared_from(dir: &Path) -> parbrief::app::Prepared {
    let prepared = parbrief::app::prepare(&parbrief::app::DataConfig {
        dir: dir.to_path_buf(),
        strict: true,
    })
    .expect("fonts load");
    assert!(!prepared.has_errors(), "{}", prepared.render_report());
    prepared
}

/// The briefing of `id` for `year` in `lang` and `profile`, with the default issuer, dated
/// 28/11/2026: the format-neutral blocks, before layout.
pub fn briefing(
    prepared: &parbrief::app::Prepared,
    year: i32,
    id: &str,
    lang: parbrief::model::Lang,
    profile: parbrief::briefing::Profile,
) -> parbrief::briefing::Briefing {
    let issuer = parbrief::app::issuer_of(None, &prepared.fonts).expect("default issuer");
    let issue = parbrief::briefing::Issue {
        profile,
        issuer: &issuer,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28),
        printed_only: false,
    };
    let wording = parbrief::wording::Wording::builtin(lang).expect("built-in templates");
    parbrief::briefing::build(
        &prepared.dataset,
        &prepared.rankings,
        year,
        id,
        &wording,
        &issue,
    )
    .expect("builds")
}

/// The text of a block's spans, or of a table's cells (joined by " | ").
pub fn block_text(block: &parbrief::briefing::Block) -> String {
    use parbrief::briefing::Block;
    let join = |spans: &[parbrief::briefing::Span]| {
        spans.iter().map(|s| s.text.as_str()).collect::<String>()
    };
    match block {
        Block::Paragraph(spans) | Block::Note(spans) => join(spans),
        Block::Heading(text) => text.clone(),
        Block::Table(t) => std::iter::once(&t.header)
            .chain(&t.rows)
            .map(|r| r.join(" | "))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::AppendixTitle {
            label,
            title,
            reference,
        } => format!("{label} {title} {reference}"),
        _ => String::new(),
    }
}

/// A laid-out page's expected number: none on the first page of the document and on the first
/// page of an appendix that follows it (it starts with "Phụ lục"/"Appendix"), which numbers
/// its own pages.
pub fn expected_page_number(pages: &[parbrief::layout::Page], n: usize) -> Option<String> {
    use parbrief::layout::{Geometry, Item};
    let opens_appendix = |page: &parbrief::layout::Page| {
        let first = page.items.iter().find_map(|i| match i {
            Item::Text { y, text, .. } if *y > Geometry::A4.top => Some(text.trim_end()),
            _ => None,
        });
        matches!(first, Some("Phụ lục" | "Appendix"))
    };
    let start = (0..=n)
        .rev()
        .find(|&k| k == 0 || opens_appendix(&pages[k]))?;
    (n > start).then(|| (n - start + 1).to_string())
}
