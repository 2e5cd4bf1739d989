//! One build's writes into an output folder, all or nothing.
//!
//! - **One build at a time.** The folder's `.parbrief.lock` file is locked exclusively for the
//!   whole build (the operating system releases the lock when the process ends, even when it
//!   is killed); a second build into the same folder waits for it.
//! - **Staging.** Every file is first written, in full and synced to disk, to a temporary file
//!   beside its target (synced on a thread of its own, so that rendering goes on while the disk
//!   catches up; the commit waits for every sync), created exclusively under a random name that carries this run's id
//!   (`.an-giang.pdf.<run>.<random>.tmp`): a planted symlink cannot redirect it, and only this
//!   run's files are ever removed, never a user's file that merely looks like one.
//! - **Commit.** Every target is checked again, then each existing target is kept under a
//!   second name (a hard link, `.an-giang.pdf.<run>.old`) before the new file is renamed over
//!   it. If a rename fails midway, the files already replaced are put back from those links
//!   and the new ones removed, so the error's "nothing was written" is true; only what could
//!   not be put back is named. The kept links are removed once every file is in place.
//! - **Journal.** The lock file records the run and, during a commit, its targets. A build
//!   killed while committing is rolled back by the next build into that folder, before it
//!   writes anything (or, when a file cannot be put back, that build stops, names it and
//!   leaves the record for the next); a build killed while staging leaves only temporaries,
//!   which the next build removes by that record.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;

use serde::{Deserialize, Serialize};

use super::WriteError;

/// The lock and journal file in the output folder.
pub const LOCK_FILE: &str = ".parbrief.lock";

/// The journal: which run last wrote into the folder and, while it commits, its targets.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Journal {
    run: String,
    /// The folders this run stages files in.
    folders: Vec<PathBuf>,
    /// Set while committing: each target and whether it existed before.
    committing: Vec<(PathBuf, bool)>,
}

/// A build's exclusive hold on its output folder, and its staged files.
#[derive(Debug)]
pub struct Transaction {
    out: PathBuf,
    lock: File,
    journal: Journal,
    /// Whether this run has written its journal (a journal it could not recover from is not
    /// its own to clear).
    recorded: bool,
    /// Taken by the commit, which waits for it.
    syncer: Option<Syncer>,
}

/// Syncs staged files to disk one after the other on its own thread.
#[derive(Debug)]
struct Syncer {
    files: mpsc::SyncSender<(File, PathBuf)>,
    thread: JoinHandle<Result<(), WriteError>>,
}

/// How many staged files may wait, open, for their sync: a slow disk then holds the workers
/// back instead of letting open files pile up to the process's limit.
const WAITING_FOR_SYNC: usize = 64;

impl Syncer {
    fn start() -> Syncer {
        let (files, received) = mpsc::sync_channel::<(File, PathBuf)>(WAITING_FOR_SYNC);
        let thread = std::thread::spawn(move || {
            let mut first_error = Ok(());
            for (file, target) in received {
                if let (Ok(()), Err(error)) = (&first_error, file.sync_all()) {
                    first_error = Err(WriteError::at(&target)(error));
                }
            }
            first_error
        });
        Syncer { files, thread }
    }

    /// Waits until every file sent has been synced; the first failure, if any.
    fn finish(self) -> Result<(), WriteError> {
        drop(self.files);
        self.thread.join().unwrap_or_else(|_| {
            Err(WriteError {
                path: PathBuf::new(),
                error: std::io::Error::other("the thread syncing the staged files stopped"),
            })
        })
    }
}

/// A file written in full beside its target, waiting for the commit.
#[derive(Debug)]
pub struct Staged {
    temporary: tempfile::TempPath,
    target: PathBuf,
}

/// Why a commit failed, and whether the folder is as it was.
#[derive(Debug, thiserror::Error)]
#[error("{error}{}", not_restored_note(.not_restored))]
pub struct CommitError {
    /// The first failure.
    #[source]
    pub error: WriteError,
    /// Files that had been replaced and could not be put back (normally none).
    pub not_restored: Vec<PathBuf>,
}

fn not_restored_note(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return String::new();
    }
    let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    format!(
        "\nthese files had already been replaced and could not be restored: {}",
        list.join(", ")
    )
}

impl Transaction {
    /// Takes the output folder (creating it), waiting for another build that holds it
    /// (`on_wait` is called first, to say so), and rolls back what a killed build left.
    pub fn begin(out: &Path, on_wait: &dyn Fn()) -> Result<Transaction, WriteError> {
        fs::create_dir_all(out).map_err(WriteError::at(out))?;
        let path = out.join(LOCK_FILE);
        let lock = open_lock_file(&path)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                on_wait();
                lock.lock().map_err(WriteError::at(&path))?;
            }
            Err(TryLockError::Error(e)) => return Err(WriteError::at(&path)(e)),
        }
        let mut transaction = Transaction {
            out: out.to_path_buf(),
            lock,
            journal: Journal::default(),
            recorded: false,
            syncer: Some(Syncer::start()),
        };
        let recovered = transaction.recover()?;
        transaction.journal.run = run_id();
        // Nothing is staged before `prepare`, which records this run and its folders (synced).
        // A journal just recovered is replaced now, so that it is never rolled back twice.
        if recovered {
            transaction.save_journal()?;
        }
        Ok(transaction)
    }

    /// Creates the targets' folders and checks every target can be replaced, before anything
    /// is rendered.
    pub fn prepare(&mut self, targets: &[PathBuf]) -> Result<(), WriteError> {
        let mut folders: Vec<PathBuf> = targets
            .iter()
            .filter_map(|t| t.parent().map(Path::to_path_buf))
            .collect();
        folders.sort();
        folders.dedup();
        for folder in &folders {
            super::refuse_links_below(&self.out, &folder.join("file"))?;
            fs::create_dir_all(folder).map_err(WriteError::at(folder))?;
        }
        self.journal.folders = folders;
        self.save_journal()?;
        targets.iter().try_for_each(|t| check_target(t))
    }

    /// Writes `bytes` in full to a fresh temporary beside `target`, to be synced before the
    /// commit. Safe to call from several threads.
    pub fn stage(&self, target: &Path, bytes: &[u8]) -> Result<Staged, WriteError> {
        let name = file_name(target);
        let mut file = super::create_staged(target, &format!(".{name}.{}.", self.journal.run))
            .map_err(WriteError::at(target))?;
        file.write_all(bytes).map_err(WriteError::at(target))?;
        let (file, temporary) = file.into_parts();
        // Synced before the rename, so a power cut cannot leave a renamed but empty file.
        if let Some(syncer) = &self.syncer {
            // A send fails only if the thread has gone, which `finish` reports.
            let _ = syncer.files.send((file, target.to_path_buf()));
        }
        Ok(Staged {
            temporary,
            target: target.to_path_buf(),
        })
    }

    /// Puts every staged file in place, or none of them.
    pub fn commit(mut self, files: Vec<Staged>) -> Result<(), CommitError> {
        self.commit_with(files, &|from, to| fs::rename(from, to))
    }

    /// [`Transaction::commit`] with the rename to use, so tests can make one fail.
    fn commit_with(
        &mut self,
        files: Vec<Staged>,
        rename: &dyn Fn(&Path, &Path) -> std::io::Result<()>,
    ) -> Result<(), CommitError> {
        let clean = |error| CommitError {
            error,
            not_restored: Vec::new(),
        };
        if let Some(syncer) = self.syncer.take() {
            syncer.finish().map_err(clean)?;
        }
        for file in &files {
            check_target(&file.target).map_err(clean)?;
        }
        self.journal.committing = files
            .iter()
            .map(|f| (f.target.clone(), f.target.exists()))
            .collect();
        self.save_journal().map_err(clean)?;

        let mut done: Vec<Replaced> = Vec::with_capacity(files.len());
        for file in files {
            match self.replace(file, rename) {
                Ok(replaced) => done.push(replaced),
                Err(error) => {
                    let not_restored = roll_back(done);
                    if not_restored.is_empty() {
                        self.journal.committing.clear();
                        let _ = self.save_journal();
                    }
                    return Err(CommitError {
                        error,
                        not_restored,
                    });
                }
            }
        }
        for folder in with_parents_up_to(&self.out, &self.journal.folders) {
            sync_folder(&folder);
        }
        // Every new file is in place and on disk: the commit is done, and recorded so before
        // the kept copies are removed. In the other order, a power cut while they were being
        // removed left a journal still committing with some copies gone, and the next build
        // would have put back only the old files whose copies were left.
        self.journal.committing.clear();
        self.save_journal().map_err(clean)?;
        for replaced in done {
            if let Some(kept) = replaced.kept {
                let _ = fs::remove_file(kept);
            }
        }
        // A copy whose removal is lost with the power is removed by the next build (`recover`).
        Ok(())
    }

    /// Keeps the old target (if any) under a second name, then renames the staged file over it.
    fn replace(
        &self,
        file: Staged,
        rename: &dyn Fn(&Path, &Path) -> std::io::Result<()>,
    ) -> Result<Replaced, WriteError> {
        let target = file.target.clone();
        let kept = if target.exists() {
            let kept = self.kept_name(&target);
            fs::hard_link(&target, &kept).map_err(WriteError::at(&target))?;
            Some(kept)
        } else {
            None
        };
        let temporary = file
            .temporary
            .keep()
            .map_err(|e| WriteError::at(&target)(e.error));
        let result = temporary.and_then(|temporary| {
            rename(&temporary, &target).map_err(|e| {
                let _ = fs::remove_file(&temporary);
                WriteError::at(&target)(e)
            })
        });
        match result {
            Ok(()) => Ok(Replaced { target, kept }),
            Err(e) => {
                if let Some(kept) = kept {
                    let _ = fs::remove_file(kept);
                }
                Err(e)
            }
        }
    }

    fn kept_name(&self, target: &Path) -> PathBuf {
        let name = file_name(target);
        target.with_file_name(format!(".{name}.{}.old", self.journal.run))
    }

    /// Undoes what the journal says a killed build left: a commit half done is rolled back,
    /// and that run's temporaries are removed. Whether there was such a journal.
    fn recover(&mut self) -> Result<bool, WriteError> {
        let mut text = String::new();
        let _ = self.lock.read_to_string(&mut text);
        let Ok(journal) = serde_json::from_str::<Journal>(&text) else {
            return Ok(false);
        };
        if journal.run.is_empty() || !journal.run.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(false);
        }
        self.journal.run.clone_from(&journal.run);
        let done: Vec<Replaced> = journal
            .committing
            .iter()
            .filter_map(|(target, existed)| {
                let kept = self.kept_name(target);
                if kept.exists() {
                    Some(Replaced {
                        target: target.clone(),
                        kept: Some(kept),
                    })
                } else if !existed && target.exists() {
                    Some(Replaced {
                        target: target.clone(),
                        kept: None,
                    })
                } else {
                    None
                }
            })
            .collect();
        if let Some(target) = roll_back(done).into_iter().next() {
            // The journal stays as it is, so that the next build tries again.
            return Err(WriteError {
                error: std::io::Error::other(format!(
                    "a build killed while putting its files in place left this file replaced, \
                     and it could not be put back as it was (its earlier version, if it had \
                     one, is kept beside it as {}); remove what stands in the way, such as a \
                     folder of that name, and run again",
                    file_name(&self.kept_name(&target))
                )),
                path: target,
            });
        }
        // Its temporaries, and the copies a commit kept that were not removed when it ended.
        let ours = |name: &str| {
            name.starts_with('.')
                && (name.ends_with(".tmp") || name.ends_with(".old"))
                && name.contains(&format!(".{}.", journal.run))
        };
        for folder in &journal.folders {
            let Ok(entries) = fs::read_dir(folder) else {
                continue;
            };
            for entry in entries.flatten() {
                if ours(&entry.file_name().to_string_lossy()) {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        // On disk before the journal that records them is replaced (`begin`).
        for folder in with_parents_up_to(&self.out, &journal.folders) {
            sync_folder(&folder);
        }
        Ok(true)
    }

    /// Writes the journal and syncs it.
    fn save_journal(&mut self) -> Result<(), WriteError> {
        self.recorded = true;
        self.write_journal(true)
    }

    fn write_journal(&mut self, sync: bool) -> Result<(), WriteError> {
        let path = self.out.join(LOCK_FILE);
        let text = if self.journal.run.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&self.journal).unwrap_or_default()
        };
        let write = |lock: &mut File| -> std::io::Result<()> {
            lock.set_len(0)?;
            lock.rewind()?;
            lock.write_all(text.as_bytes())?;
            if sync { lock.sync_all() } else { Ok(()) }
        };
        write(&mut self.lock).map_err(WriteError::at(&path))
    }
}

impl Drop for Transaction {
    /// A build that ends leaves no record (its staged files remove themselves, and the lock
    /// is released with the file), unless it was killed while committing. The record is not
    /// synced: if it is lost, the next build only looks for what this run left (`recover`).
    fn drop(&mut self) {
        if self.recorded && self.journal.committing.is_empty() {
            self.journal = Journal::default();
            let _ = self.write_journal(false);
        }
    }
}

/// Opens the lock file, refusing a symbolic link planted at its name (its journal would be
/// written wherever the link points): an existing lock file must be a regular file, and a new
/// one is created exclusively (which never follows a link).
fn open_lock_file(path: &Path) -> Result<File, WriteError> {
    let refuse = || WriteError {
        path: path.to_path_buf(),
        error: std::io::Error::other(
            "not a regular file; parbrief keeps its lock here: remove it and run again",
        ),
    };
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    match fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => Err(refuse()),
        Ok(_) => options.open(path).map_err(WriteError::at(path)),
        Err(_) => options
            .create_new(true)
            .open(path)
            .map_err(WriteError::at(path)),
    }
}

/// A target put in place, and where its old content is kept until the commit ends.
struct Replaced {
    target: PathBuf,
    kept: Option<PathBuf>,
}

/// Puts back what `done` replaced, last first; returns the targets that could not be.
fn roll_back(done: Vec<Replaced>) -> Vec<PathBuf> {
    let mut failed = Vec::new();
    for replaced in done.into_iter().rev() {
        let restored = match &replaced.kept {
            Some(kept) => fs::rename(kept, &replaced.target),
            None => fs::remove_file(&replaced.target),
        };
        if restored.is_err() {
            failed.push(replaced.target);
        }
    }
    failed
}

/// A target can be replaced: its folder is a folder, and it is not a folder or a read-only
/// file (a read-only briefing is someone's wish not to have it replaced).
fn check_target(target: &Path) -> Result<(), WriteError> {
    let refuse = |why: &str| WriteError {
        path: target.to_path_buf(),
        error: std::io::Error::other(why.to_string()),
    };
    let folder = target.parent().unwrap_or(Path::new("."));
    if !fs::metadata(folder).is_ok_and(|m| m.is_dir()) {
        return Err(refuse("its folder is missing or is not a folder"));
    }
    match fs::symlink_metadata(target) {
        Ok(m) if m.is_dir() => Err(refuse(
            "a folder has this name; move it away to write the file",
        )),
        Ok(m) if m.is_file() && m.permissions().readonly() => Err(refuse(
            "the existing file is read-only; make it writable or remove it to replace it",
        )),
        _ => Ok(()),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_string())
}

/// `folders` and every folder between each of them and `out`, `out` included: the folders
/// whose entries a build may have made or changed (`prepare` makes the missing ones; an
/// English-only build makes `OUT/2020/en` and so changes `OUT/2020` too).
fn with_parents_up_to(out: &Path, folders: &[PathBuf]) -> std::collections::BTreeSet<PathBuf> {
    let mut all: std::collections::BTreeSet<PathBuf> = folders
        .iter()
        .flat_map(|folder| folder.ancestors().take_while(|a| a.starts_with(out)))
        .map(Path::to_path_buf)
        .collect();
    all.insert(out.to_path_buf());
    all
}

/// Makes the renames in `folder` durable; where a system cannot sync a folder, the files
/// themselves are already synced.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

/// A fresh id for this run: the process id and the clock, hashed (no two runs into one
/// folder can share it, as they hold the lock one after the other).
fn run_id() -> String {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    hasher.write_u128(now);
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_rename_failing_midway_puts_every_replaced_file_back() {
        let out = tempfile::tempdir().expect("temp dir");
        let targets: Vec<PathBuf> = ["a.pdf", "b.pdf", "c.pdf", "d.pdf"]
            .iter()
            .map(|n| out.path().join(n))
            .collect();
        for t in &targets[..3] {
            fs::write(t, format!("old {}", file_name(t))).expect("old file");
        }
        let mut tx = Transaction::begin(out.path(), &|| {}).expect("begin");
        tx.prepare(&targets).expect("prepare");
        let staged: Vec<Staged> = targets
            .iter()
            .map(|t| tx.stage(t, b"new").expect("stage"))
            .collect();
        let calls = std::cell::Cell::new(0);
        let third_fails = |from: &Path, to: &Path| {
            calls.set(calls.get() + 1);
            if calls.get() == 3 {
                Err(std::io::Error::other("disk gone"))
            } else {
                fs::rename(from, to)
            }
        };
        let error = tx.commit_with(staged, &third_fails).expect_err("fails");
        assert!(error.not_restored.is_empty(), "{error}");
        drop(tx);
        for t in &targets[..3] {
            assert_eq!(
                fs::read_to_string(t).expect("still there"),
                format!("old {}", file_name(t))
            );
        }
        assert!(!targets[3].exists(), "a file that was new is gone again");
        assert_eq!(names(out.path()), [LOCK_FILE, "a.pdf", "b.pdf", "c.pdf"]);
        assert_eq!(
            fs::read_to_string(out.path().join(LOCK_FILE)).expect("journal"),
            ""
        );
    }

    #[test]
    fn a_build_killed_while_committing_is_rolled_back_by_the_next() {
        let out = tempfile::tempdir().expect("temp dir");
        let (a, b) = (out.path().join("a.pdf"), out.path().join("b.pdf"));
        fs::write(&a, "old a").expect("old file");
        // What a kill after the first of two renames leaves: a replaced and kept, b new.
        let run = "00000000000000ab";
        fs::write(out.path().join(format!(".a.pdf.{run}.old")), "old a").expect("kept");
        fs::write(&a, "new a").expect("new a");
        fs::write(&b, "new b").expect("new b");
        fs::write(out.path().join(format!(".c.pdf.{run}.x1.tmp")), "staged").expect("temp");
        fs::write(out.path().join(".mine.pdf.other.tmp"), "a user's file").expect("user");
        let journal = Journal {
            run: run.into(),
            folders: vec![out.path().to_path_buf()],
            committing: vec![(a.clone(), true), (b.clone(), false)],
        };
        fs::write(
            out.path().join(LOCK_FILE),
            serde_json::to_string(&journal).expect("json"),
        )
        .expect("journal");

        let tx = Transaction::begin(out.path(), &|| {}).expect("begin");
        // Replaced at once (and synced): a journal left in place would be rolled back again
        // by a later build, removing a b.pdf made since.
        let replaced = fs::read_to_string(out.path().join(LOCK_FILE)).expect("journal");
        assert!(!replaced.contains(run), "{replaced}");
        assert!(replaced.contains(&tx.journal.run), "{replaced}");
        drop(tx);
        assert_eq!(fs::read_to_string(&a).expect("a"), "old a");
        assert!(!b.exists());
        assert_eq!(
            names(out.path()),
            [".mine.pdf.other.tmp", LOCK_FILE, "a.pdf"],
            "the user's look-alike file stays"
        );
    }

    #[test]
    fn a_rollback_that_cannot_put_a_file_back_is_an_error_and_keeps_the_journal() {
        let out = tempfile::tempdir().expect("temp dir");
        let a = out.path().join("a.pdf");
        let run = "00000000000000ab";
        fs::write(out.path().join(format!(".a.pdf.{run}.old")), "old a").expect("kept");
        // Something now stands where the old file must go back: a folder that is not empty.
        fs::create_dir_all(a.join("inside")).expect("folder");
        let journal = serde_json::to_string(&Journal {
            run: run.into(),
            folders: vec![out.path().to_path_buf()],
            committing: vec![(a.clone(), true)],
        })
        .expect("json");
        fs::write(out.path().join(LOCK_FILE), &journal).expect("journal");

        let error = Transaction::begin(out.path(), &|| {}).expect_err("cannot roll back");
        assert_eq!(error.path, a);
        assert!(
            error.to_string().contains(&format!(".a.pdf.{run}.old")),
            "{error}"
        );
        let kept = fs::read_to_string(out.path().join(LOCK_FILE)).expect("journal");
        assert_eq!(kept, journal, "the next build tries again");
    }

    #[test]
    fn the_journal_is_first_written_when_the_targets_are_prepared() {
        let out = tempfile::tempdir().expect("temp dir");
        let journal = || fs::read_to_string(out.path().join(LOCK_FILE)).expect("journal");
        let mut tx = Transaction::begin(out.path(), &|| {}).expect("begin");
        assert_eq!(
            journal(),
            "",
            "nothing is staged yet, so nothing is recorded"
        );
        tx.prepare(&[out.path().join("2020").join("a.pdf")])
            .expect("prepare");
        let written = journal();
        assert!(written.contains(&tx.journal.run), "{written}");
        assert!(written.contains("2020"), "{written}");
    }

    #[test]
    fn the_folders_synced_are_the_targets_and_those_between_them_and_the_output() {
        let out = Path::new("/o");
        let folders = [out.join("2020").join("en"), out.to_path_buf()];
        let synced: Vec<PathBuf> = with_parents_up_to(out, &folders).into_iter().collect();
        assert_eq!(
            synced,
            [
                out.to_path_buf(),
                out.join("2020"),
                out.join("2020").join("en")
            ]
        );
        let relative = with_parents_up_to(Path::new("out"), &[PathBuf::from("out/2020")]);
        assert_eq!(
            relative.into_iter().collect::<Vec<_>>(),
            [PathBuf::from("out"), PathBuf::from("out/2020")]
        );
    }

    #[test]
    fn a_build_killed_after_its_commit_keeps_its_files_and_the_next_removes_its_copies() {
        let out = tempfile::tempdir().expect("temp dir");
        let a = out.path().join("a.pdf");
        // What a kill while removing the kept copies leaves: the commit recorded as done, the
        // new file in place, one old copy not yet removed.
        let run = "00000000000000cd";
        fs::write(&a, "new a").expect("new a");
        fs::write(out.path().join(format!(".a.pdf.{run}.old")), "old a").expect("kept");
        let journal = Journal {
            run: run.into(),
            folders: vec![out.path().to_path_buf()],
            committing: Vec::new(),
        };
        fs::write(
            out.path().join(LOCK_FILE),
            serde_json::to_string(&journal).expect("json"),
        )
        .expect("journal");

        drop(Transaction::begin(out.path(), &|| {}).expect("begin"));
        assert_eq!(fs::read_to_string(&a).expect("a"), "new a");
        assert_eq!(names(out.path()), [LOCK_FILE, "a.pdf"]);
    }

    #[test]
    fn more_files_than_may_wait_for_their_sync_are_all_committed() {
        let out = tempfile::tempdir().expect("temp dir");
        let targets: Vec<PathBuf> = (0..WAITING_FOR_SYNC * 3)
            .map(|i| out.path().join(format!("{i}.pdf")))
            .collect();
        let mut tx = Transaction::begin(out.path(), &|| {}).expect("begin");
        tx.prepare(&targets).expect("prepare");
        let staged = targets
            .iter()
            .map(|t| tx.stage(t, b"pdf").expect("stage"))
            .collect();
        tx.commit(staged).expect("commit");
        assert!(
            targets
                .iter()
                .all(|t| fs::read(t).expect("written") == b"pdf")
        );
    }

    #[test]
    fn a_second_build_waits_for_the_first() {
        let out = tempfile::tempdir().expect("temp dir");
        let first = Transaction::begin(out.path(), &|| {}).expect("begin");
        let waited = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| {
            let second = s.spawn(|| {
                Transaction::begin(out.path(), &|| {
                    waited.store(true, std::sync::atomic::Ordering::SeqCst);
                })
                .map(drop)
            });
            std::thread::sleep(std::time::Duration::from_millis(100));
            drop(first);
            second.join().expect("joins").expect("second begins");
        });
        assert!(waited.load(std::sync::atomic::Ordering::SeqCst));
    }
}
