//! Putting finished PDFs on disk, the only stage besides `load` that touches the file system.
//!
//! Each file is written to a temporary file in its target folder, flushed, and renamed over the
//! target: a crash or a kill at any moment leaves the old file or the new one, never half of
//! one. Output paths are built only from validated ids (`[a-z0-9-]+`) and years.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Where the briefing of `province_id` for `year` goes under `out`: `<year>/<id>.pdf` in
/// Vietnamese (the default language), `<year>/<lang>/<id>.pdf` in any other.
pub fn briefing_path(
    out: &Path,
    year: i32,
    province_id: &str,
    lang: crate::wording::Lang,
) -> PathBuf {
    let folder = out.join(year.to_string());
    let folder = match lang {
        crate::wording::Lang::Vi => folder,
        other => folder.join(other.code()),
    };
    folder.join(format!("{province_id}.pdf"))
}

/// A failed write, naming the path.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}: {}", self.path.display(), self.error)
    }
}

/// Checks the targets before anything is written: their folders can be created, and no
/// existing target is read-only (a read-only briefing is someone's wish not to replace it).
/// Temporary files left by an interrupted earlier run are removed.
pub fn prepare_targets(targets: &[PathBuf]) -> Result<(), WriteError> {
    let mut folders: Vec<&Path> = targets.iter().filter_map(|t| t.parent()).collect();
    folders.dedup();
    for folder in folders {
        fs::create_dir_all(folder).map_err(|error| WriteError {
            path: folder.to_path_buf(),
            error,
        })?;
        remove_stale_temporaries(folder);
    }
    for target in targets {
        if fs::metadata(target).is_ok_and(|m| m.permissions().readonly()) {
            let error = std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the existing file is read-only; make it writable or remove it to replace it",
            );
            return Err(WriteError {
                path: target.clone(),
                error,
            });
        }
    }
    Ok(())
}

/// Our temporary files are `.<name>.pdf.<pid>.tmp`; a kill can leave one behind.
fn remove_stale_temporaries(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".tmp") && name.contains(".pdf.") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A finished file written under a temporary name beside its target, waiting for the batch.
#[derive(Debug)]
pub struct Staged {
    temporary: PathBuf,
    target: PathBuf,
}

impl Staged {
    /// Renames the file into place (atomic on one file system).
    pub fn commit(self) -> Result<(), WriteError> {
        fs::rename(&self.temporary, &self.target).map_err(|error| WriteError {
            path: self.target.clone(),
            error,
        })
    }

    /// Removes the staged file: the target stays as it was.
    pub fn discard(self) {
        let _ = fs::remove_file(&self.temporary);
    }
}

/// Writes `bytes` beside `path` under a temporary name (`.<name>.<pid>.<n>.tmp`).
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, WriteError> {
    let fail = |error| WriteError {
        path: path.to_path_buf(),
        error,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("briefing.pdf");
    let temporary = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = fs::File::create(&temporary).and_then(|mut file| file.write_all(bytes));
    if let Err(error) = result {
        let _ = fs::remove_file(&temporary);
        return Err(fail(error));
    }
    Ok(Staged {
        temporary,
        target: path.to_path_buf(),
    })
}

/// Writes `bytes` to `path` atomically, creating its folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let fail = |error| WriteError {
        path: path.to_path_buf(),
        error,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(fail)?;
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("briefing.pdf");
    let temporary = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result.map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_year_folder_and_id() {
        use crate::wording::Lang;
        assert_eq!(
            briefing_path(Path::new("out"), 2020, "an-giang", Lang::Vi),
            PathBuf::from("out/2020/an-giang.pdf")
        );
        assert_eq!(
            briefing_path(Path::new("out"), 2020, "an-giang", Lang::En),
            PathBuf::from("out/2020/en/an-giang.pdf")
        );
    }

    #[test]
    fn writing_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("2020").join("x.pdf");
        write_atomically(&path, b"old").expect("first write");
        write_atomically(&path, b"new").expect("second write");
        assert_eq!(fs::read(&path).expect("read back"), b"new");
        let names: Vec<_> = fs::read_dir(path.parent().expect("parent"))
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.pdf")]);
    }
}
