//! Putting finished files on disk, the only stage besides `load` that touches the file system.
//!
//! A build's briefings and manifest go through a [`Transaction`]: one build at a time per
//! output folder, every file staged in full, then all put in place or none. A single file
//! (`templates init`, `generate`) is written by [`write_atomically`]. Either way a file is
//! first written to a temporary file created exclusively in its target folder (never through
//! a guessable name, so a planted symlink cannot redirect it), synced, and renamed over the
//! target: a crash or a kill at any moment leaves the old file or the new one, never half of
//! one. Output paths are built only from validated ids (`[a-z0-9-]+`) and years.

mod transaction;

pub use transaction::{CommitError, LOCK_FILE, Staged, Transaction};

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

/// Where the national overview of `year` in `lang` goes: beside the year's briefings in that
/// language, `OUT/2020/tong-hop.pdf`, `OUT/2020/en/tong-hop.pdf`.
pub fn overview_path(out: &Path, year: i32, lang: Lang) -> PathBuf {
    briefing_path(out, year, crate::model::OVERVIEW_ID, lang)
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
    pub(crate) fn at(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
        move |error| WriteError {
            path: path.to_path_buf(),
            error,
        }
    }
}

/// Refuses a path whose folders below `base` include a symbolic link: a link planted at a
/// folder name (`out/2020 -> /etc`) would otherwise carry the writes outside `base`. The file
/// itself may be a link: renaming over it replaces the link, never what it points to.
pub fn refuse_links_below(base: &Path, path: &Path) -> Result<(), WriteError> {
    let Ok(relative) = path.strip_prefix(base) else {
        return Ok(());
    };
    let mut folder = base.to_path_buf();
    let components: Vec<_> = relative.components().collect();
    for component in components.iter().take(components.len().saturating_sub(1)) {
        folder.push(component);
        if fs::symlink_metadata(&folder).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(WriteError {
                path: folder,
                error: std::io::Error::other(format!(
                    "this folder is a symbolic link; parbrief writes only inside {}: replace the link by a folder",
                    base.display()
                )),
            });
        }
    }
    Ok(())
}

/// Creates `<prefix><random>.tmp` beside `target`, exclusively (a planted link cannot
/// redirect it), for a file that will be renamed over `target`: with the permissions of the
/// file it replaces (an imported data file kept private stays so), or, for a new file, those
/// any new file gets (0666 less the umask) — not tempfile's owner-only 0600, which would leave
/// the briefings unreadable to colleagues and web servers.
pub(crate) fn create_staged(
    target: &Path,
    prefix: &str,
) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let file = builder.tempfile_in(dir)?;
    if let Ok(existing) = fs::symlink_metadata(target)
        && existing.is_file()
    {
        file.as_file().set_permissions(existing.permissions())?;
    }
    Ok(file)
}

/// Creates `.<name>.<random>.tmp` beside `path` and writes `bytes` to it.
fn temporary_beside(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let mut file = create_staged(path, &format!(".{name}.")).map_err(WriteError::at(path))?;
    file.write_all(bytes).map_err(WriteError::at(path))?;
    Ok(file)
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
