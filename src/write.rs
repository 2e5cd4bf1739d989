//! Putting finished files on disk, the only stage besides `load` that touches the file system.
//!
//! Each file is written to a temporary file created exclusively in its target folder (never
//! through a guessable name, so a planted symlink cannot redirect it) and renamed over the
//! target: a crash or a kill at any moment leaves the old file or the new one, never half of
//! one. Output paths are built only from validated ids (`[a-z0-9-]+`) and years.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::model::Lang;

/// Where the briefing of `province_id` for `year` goes under `out`: `<year>/<id>.pdf` in
/// Vietnamese (the default language), `<year>/<lang>/<id>.pdf` in any other.
pub fn briefing_path(out: &Path, year: i32, province_id: &str, lang: Lang) -> PathBuf {
    let folder = out.join(year.to_string());
    let folder = match lang {
        Lang::Vi => folder,
        other => folder.join(other.code()),
    };
    folder.join(format!("{province_id}.pdf"))
}

/// A failed write, naming the path.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {error}", path.display())]
pub struct WriteError {
    /// The file or folder that could not be written.
    pub path: PathBuf,
    /// What the system said.
    #[source]
    pub error: std::io::Error,
}

impl WriteError {
    fn at(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
        move |error| WriteError {
            path: path.to_path_buf(),
            error,
        }
    }
}

/// Every distinct folder of `targets`, each once (a bilingual batch interleaves two folders
/// per year, so removing only adjacent duplicates is not enough).
fn target_folders(targets: &[PathBuf]) -> BTreeSet<&Path> {
    targets.iter().filter_map(|t| t.parent()).collect()
}

/// Checks the targets before anything is written: their folders can be created, and no
/// existing target is read-only (a read-only briefing is someone's wish not to replace it).
/// Temporary files left by an interrupted earlier run are removed.
pub fn prepare_targets(targets: &[PathBuf]) -> Result<(), WriteError> {
    for folder in target_folders(targets) {
        fs::create_dir_all(folder).map_err(WriteError::at(folder))?;
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

/// Our temporary files are `.<name>.pdf.<random>.tmp`; a kill can leave one behind.
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
    temporary: tempfile::TempPath,
    target: PathBuf,
}

impl Staged {
    /// Renames the file into place (atomic on one file system).
    pub fn commit(self) -> Result<(), WriteError> {
        let target = self.target;
        self.temporary
            .persist(&target)
            .map(|_| ())
            .map_err(|e| WriteError::at(&target)(e.error))
    }

    /// Removes the staged file: the target stays as it was.
    pub fn discard(self) {
        drop(self.temporary);
    }
}

/// Creates `.<name>.<random>.tmp` beside `path`, exclusively, and writes `bytes` to it.
fn temporary_beside(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let mut file = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(WriteError::at(path))?;
    file.write_all(bytes).map_err(WriteError::at(path))?;
    Ok(file)
}

/// Writes `bytes` beside `path` under a temporary name, to be committed with the batch.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, WriteError> {
    Ok(Staged {
        temporary: temporary_beside(path, bytes)?.into_temp_path(),
        target: path.to_path_buf(),
    })
}

/// Writes `bytes` to `path` atomically and durably, creating its folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(WriteError::at(path))?;
    let file = temporary_beside(path, bytes)?;
    file.as_file().sync_all().map_err(WriteError::at(path))?;
    file.persist(path)
        .map(|_| ())
        .map_err(|e| WriteError::at(path)(e.error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_year_folder_and_id() {
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
    fn interleaved_targets_give_each_folder_once() {
        // `--lang vi --lang en` plans a/vi, a/en, b/vi, b/en: folders alternate.
        let targets: Vec<PathBuf> = ["a", "b", "c"]
            .iter()
            .flat_map(|id| {
                [Lang::Vi, Lang::En].map(|lang| briefing_path(Path::new("out"), 2020, id, lang))
            })
            .collect();
        let folders: Vec<&Path> = target_folders(&targets).into_iter().collect();
        assert_eq!(
            folders,
            vec![Path::new("out/2020"), Path::new("out/2020/en")]
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
