//! Reading input files: the only stage besides `write` that touches the file system. It reads
//! the yearly datasets, the issuer file and user templates — each through a bounded reader
//! that refuses oversized and non-regular files — and keeps their text for `validate`, which
//! parses them (through `raw`) in parallel when they are small and one at a time when they
//! are not, so that no two large parse trees are ever held at once: with spans on every
//! value, a year's tree is many times its text.
//!
//! Every file's text is normalised to NFC before parsing: decomposed Vietnamese (as typed by
//! Unikey's composite mode or pasted from macOS) would otherwise draw its marks in the wrong
//! place, because the PDF writer maps one character to one glyph.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::diagnostics::{Code, Diagnostic, Report};
use crate::model::Loc;

/// Files larger than this are refused before parsing: a yearly dataset is ~40 KB, so anything
/// this big is a mistake (or an attack), not data.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// An input file as read from disk, kept for quoting source lines in diagnostics.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// The NFC-normalised text.
    pub text: String,
}

/// The result of loading a data folder: what was read, and what went wrong reading it.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every file that could be read and decoded, in name order.
    pub files: Vec<SourceFile>,
    /// Problems met while reading and decoding.
    pub report: Report,
}

impl Loaded {
    /// Decodes one file's bytes. Public so the fuzzer can feed bytes directly.
    pub fn add(&mut self, path: &Path, bytes: &[u8]) {
        match decode(path, bytes) {
            Ok(text) => self.files.push(SourceFile {
                path: path.to_path_buf(),
                text,
            }),
            Err(diagnostic) => self.report.push(*diagnostic),
        }
    }
}

/// A table `import` reads: an office workbook with its styles (and perhaps a logo) is larger
/// than a dataset, but a table of results is still far below this.
pub const MAX_TABLE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads every `*.yaml` file in `dir` (sorted by name) and parses the ones that can be.
pub fn load_dir(dir: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let paths = match yaml_files(dir) {
        Ok(paths) => paths,
        Err(message) => {
            loaded.report.push(
                Diagnostic::error(Code::DataDirUnreadable, dir, None, "")
                    .message(message)
                    .hint("pass the folder that holds the yearly files with --data DIR"),
            );
            return loaded;
        }
    };
    if paths.is_empty() {
        loaded.report.push(
            Diagnostic::error(Code::NoDataFiles, dir, None, "")
                .message("the data folder holds no `<year>.yaml` file")
                .hint("add a yearly file such as data/2020.yaml (format: data/README.md) or pass --data DIR"),
        );
    }
    for path in paths {
        match read_bounded(&path, MAX_FILE_BYTES) {
            Ok(bytes) => loaded.add(&path, &bytes),
            Err(diagnostic) => loaded.report.push(*diagnostic),
        }
    }
    loaded
}

/// The data folder an import writes into, with the text the import would give `path` in
/// place of the file's own (or in addition, for a new year). A folder that does not exist yet
/// or holds no yearly file is not a problem here: the import is about to write its first.
pub fn load_dir_replacing(dir: &Path, replaced: Option<(&Path, &str)>) -> Loaded {
    let mut loaded = Loaded::default();
    let mut paths = if dir.exists() {
        match yaml_files(dir) {
            Ok(paths) => paths,
            Err(_) => return load_dir(dir),
        }
    } else {
        Vec::new()
    };
    if let Some((path, _)) = replaced
        && !paths.iter().any(|p| p == path)
    {
        paths.push(path.to_path_buf());
        paths.sort();
    }
    for path in paths {
        match replaced {
            Some((target, text)) if target == path => loaded.add(&path, text.as_bytes()),
            _ => match read_bounded(&path, MAX_FILE_BYTES) {
                Ok(bytes) => loaded.add(&path, &bytes),
                Err(diagnostic) => loaded.report.push(*diagnostic),
            },
        }
    }
    loaded
}

/// One yearly file on its own (`import --provinces-from FILE`).
pub fn load_file(path: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    match read_bounded(path, MAX_FILE_BYTES) {
        Ok(bytes) => loaded.add(path, &bytes),
        Err(diagnostic) => loaded.report.push(*diagnostic),
    }
    loaded
}

/// The bytes of a table to import (CSV, XLSX, ODS or XLS), bounded like every input.
pub fn read_table(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    read_bounded(path, MAX_TABLE_BYTES)
}

/// Reads and decodes the issuer file at `path`.
pub fn read_issuer(path: &Path) -> Result<SourceFile, Box<Diagnostic>> {
    let bytes = read_bounded(path, MAX_FILE_BYTES)?;
    Ok(SourceFile {
        path: path.to_path_buf(),
        text: decode(path, &bytes)?,
    })
}

/// Reads and decodes a template file of a user's templates folder.
pub fn read_template(path: &Path) -> Result<SourceFile, Box<Diagnostic>> {
    let bytes = read_bounded(path, MAX_FILE_BYTES).map_err(|d| match d.code {
        Code::FileUnreadable => Box::new(Diagnostic {
            code: Code::TemplateUnreadable,
            message: d.message.replace("the file", "the template"),
            hint: "create the folder with `parbrief templates init DIR`, then edit it".into(),
            ..*d
        }),
        _ => d,
    })?;
    Ok(SourceFile {
        path: path.to_path_buf(),
        text: decode(path, &bytes)?,
    })
}

/// Every entry of `dir` named `*.yaml` or `*.yml` (in any case). Entries that are not regular
/// files — a dangling symlink, a folder — are kept, so that reading them reports the problem
/// instead of silently leaving a year out.
fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read the data folder: {e}"))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| {
                    ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml")
                })
        })
        .collect();
    paths.sort();
    Ok(paths)
}

/// Reads a regular file through a bounded reader. A device or a pipe is refused (`/dev/zero`
/// reports size 0 and never ends), a file whose size is over `limit` is refused unread, and
/// at most one byte more than the limit is ever read, in case the file grows meanwhile.
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, Box<Diagnostic>> {
    let metadata = fs::metadata(path).map_err(|e| unreadable(path, &e))?;
    if !metadata.is_file() {
        return Err(Box::new(
            Diagnostic::error(Code::FileUnreadable, path, None, "")
                .message("this is not a regular file (a folder, device or pipe)")
                .hint("name a regular file"),
        ));
    }
    if metadata.len() > limit {
        return Err(too_large(path, metadata.len(), limit).into());
    }
    let file = fs::File::open(path).map_err(|e| unreadable(path, &e))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, bytes.len() as u64, limit).into());
    }
    Ok(bytes)
}

fn too_large(path: &Path, size: u64, limit: u64) -> Diagnostic {
    Diagnostic::error(Code::FileTooLarge, path, None, "")
        .message(format!(
            "the file is {size} bytes; an input file may be at most {limit} bytes"
        ))
        .hint("a yearly dataset, a template or an issuer file is a few dozen kilobytes: check that this is the right file")
}

/// Decodes UTF-8 and normalises to NFC, refusing empty and oversized input (also used for
/// the CSV tables `import` reads).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Box<Diagnostic>> {
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(too_large(path, size, MAX_FILE_BYTES).into());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = position_of_byte(bytes, e.valid_up_to());
        let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
        Diagnostic::error(Code::NotUtf8, path, Some(at), "")
            .message(format!(
                "the file is not valid UTF-8 text (byte 0x{byte:02X} cannot start a character here)"
            ))
            .hint("save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)")
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Code::EmptyFile, path, None, "")
            .message("the file is empty")
            .hint("fill it in or delete it (a yearly dataset: data/README.md; a template: `parbrief templates init`; the issuer file: config/issuer.yaml)")
            .into());
    }
    // Most files are NFC already: the quick check (one table lookup a character) spares
    // rebuilding the text a character at a time, 6 % of a one-briefing build.
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Ok(text.to_string());
    }
    Ok(text.nfc().collect())
}

fn unreadable(path: &Path, error: &std::io::Error) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(Code::FileUnreadable, path, None, "")
            .message(format!("cannot read the file: {error}"))
            .hint("check that the file exists and that you may read it"),
    )
}

/// Line and column (1-based, in characters) of byte `offset` in possibly invalid UTF-8.
fn position_of_byte(bytes: &[u8], offset: usize) -> Loc {
    let before = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Loc::at(line as u64, column as u64)
}
