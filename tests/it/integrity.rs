//! What a build changes in its output folder: all of it or nothing, one build at a time, never
//! anything outside the folder, and a message that tells the truth.

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use sha2::Digest as _;

use crate::support::{files_under, parbrief, path_arg, read_all, repo, stderr};

/// Files of ours that must never outlive a build: staged temporaries and kept old copies.
fn leftovers(out: &Path) -> Vec<String> {
    files_under(out)
        .into_iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".old"))
        .collect()
}

/// Every manifest entry is a file on disk with that SHA-256, and every PDF on disk is listed.
fn assert_manifest_matches(out: &Path) {
    let manifest: Vec<serde_json::Value> =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("JSON");
    let listed: Vec<&str> = manifest
        .iter()
        .map(|e| e["file"].as_str().expect("file"))
        .collect();
    for entry in &manifest {
        let file = entry["file"].as_str().expect("file");
        let bytes = fs::read(out.join(file)).unwrap_or_else(|_| panic!("{file} is missing"));
        let sha: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(entry["sha256"], sha.as_str(), "{file} does not match");
    }
    for pdf in crate::support::pdfs_under(out) {
        let name = pdf
            .strip_prefix(out)
            .expect("under out")
            .to_string_lossy()
            .replace('\\', "/");
        assert!(
            listed.contains(&name.as_str()),
            "{name} is not in the manifest"
        );
    }
}

fn build_2020(out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "--year", "2020", "--out", path_arg(out)];
    args.extend(extra);
    parbrief(&args)
}

#[test]
fn a_target_that_cannot_be_replaced_leaves_every_earlier_output_as_it_was() {
    for blocked in ["2020/an-giang.pdf", "manifest.json"] {
        let out = tempfile::tempdir().expect("temp dir");
        assert!(build_2020(out.path(), &[]).status.success());
        let path = out.path().join(blocked);
        fs::remove_file(&path).expect("remove");
        fs::create_dir(&path).expect("a folder in its place");
        let before = read_all(out.path());

        let run = build_2020(out.path(), &["--profile", "bao-cao"]);
        assert_eq!(run.status.code(), Some(1), "{blocked}");
        assert_eq!(
            stderr(&run),
            format!(
                "error: cannot write {}: a folder has this name; move it away to write the file\nnothing was written; earlier outputs are untouched.\n",
                path.display()
            )
        );
        assert_eq!(read_all(out.path()), before, "{blocked}: something changed");
        assert!(
            leftovers(out.path()).is_empty(),
            "{:?}",
            leftovers(out.path())
        );
    }
}

#[test]
fn concurrent_builds_into_one_folder_end_consistent() {
    for round in 0..4 {
        let out = tempfile::tempdir().expect("temp dir");
        let spawn = |extra: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_parbrief"))
                .args(["build", "--year", "2020", "--year", "2021", "--out"])
                .arg(out.path())
                .args(extra)
                .current_dir(repo())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let first = spawn(&[]);
        let second = spawn(&["--profile", "bao-cao", "--lang", "vi", "--lang", "en"]);
        for child in [first, second] {
            let run = child.wait_with_output().expect("waits");
            assert!(run.status.success(), "round {round}: {}", stderr(&run));
        }
        assert_manifest_matches(out.path());
        assert!(
            leftovers(out.path()).is_empty(),
            "round {round}: {:?}",
            leftovers(out.path())
        );
    }
}

#[test]
fn links_planted_at_the_names_a_build_uses_never_carry_a_write_outside() {
    let outside = tempfile::tempdir().expect("temp dir");
    let victim = outside.path().join("victim");
    fs::write(&victim, b"not yours").expect("write");
    let outside_names = || -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(outside.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let plant = |out: &Path, name: &str, to: &Path| {
        let link = out.join(name);
        fs::create_dir_all(link.parent().expect("parent")).expect("mkdir");
        std::os::unix::fs::symlink(to, &link).expect("symlink");
    };

    // Refused: the lock file and a target folder.
    for (name, to, message) in [
        (
            ".parbrief.lock",
            victim.clone(),
            "not a regular file; parbrief keeps its lock here",
        ),
        (
            "2020",
            outside.path().to_path_buf(),
            "this folder is a symbolic link",
        ),
    ] {
        let out = tempfile::tempdir().expect("temp dir");
        plant(out.path(), name, &to);
        let run = build_2020(out.path(), &[]);
        assert_eq!(run.status.code(), Some(1), "{name}");
        assert!(stderr(&run).contains(message), "{name}: {}", stderr(&run));
        assert_eq!(fs::read(&victim).expect("victim"), b"not yours");
        assert_eq!(outside_names(), ["victim"]);
    }
    // Replaced, not followed: a briefing and the manifest.
    let out = tempfile::tempdir().expect("temp dir");
    plant(out.path(), "2020/an-giang.pdf", &victim);
    plant(out.path(), "manifest.json", &victim);
    let run = build_2020(out.path(), &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(fs::read(&victim).expect("victim"), b"not yours");
    assert_eq!(outside_names(), ["victim"]);
    assert!(
        !fs::symlink_metadata(out.path().join("2020/an-giang.pdf"))
            .expect("written")
            .file_type()
            .is_symlink()
    );
    assert_manifest_matches(out.path());
}

#[test]
fn a_closed_or_full_stderr_ends_with_the_exit_code_not_a_panic() {
    let bad = repo().join("tests/fixtures/bad/unknown-region");
    let mut child = Command::new(env!("CARGO_BIN_EXE_parbrief"))
        .args(["validate", "--data"])
        .arg(&bad)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stderr.take());
    assert_eq!(child.wait().expect("waits").code(), Some(1));

    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let run = Command::new(env!("CARGO_BIN_EXE_parbrief"))
        .args(["validate", "--data"])
        .arg(&bad)
        .stderr(full)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));

    // `list | head -1`: a closed stdout after one line is a normal end.
    let mut child = Command::new(env!("CARGO_BIN_EXE_parbrief"))
        .args(["list"])
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let run = child.wait_with_output().expect("waits");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let _ = std::io::stderr().flush();
}

/// Runs `parbrief` with `args` from the repository, after the shell command `setup` (a
/// limit, a umask).
fn parbrief_after(setup: &str, args: &[&str]) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!(r#"{setup} && exec "$0" "$@""#))
        .arg(env!("CARGO_BIN_EXE_parbrief"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("sh runs")
}

/// Runs `parbrief` with `args` under a 2 GB address-space limit (the issue's bound), with
/// the time it took.
fn parbrief_within_2_gb(args: &[&str]) -> (std::process::Output, std::time::Duration) {
    let start = std::time::Instant::now();
    let output = parbrief_after("ulimit -v 2097152", args);
    (output, start.elapsed())
}

#[test]
fn an_endless_issuer_file_or_a_huge_template_is_refused_at_once() {
    let out = tempfile::tempdir().expect("temp dir");
    let common = [
        "build",
        "--year",
        "2020",
        "--province",
        "an-giang",
        "--quiet",
    ];
    let mut args = common.to_vec();
    args.extend(["--out", path_arg(out.path()), "--issuer", "/dev/zero"]);
    let (run, took) = parbrief_within_2_gb(&args);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(
        stderr(&run),
        "error[file-unreadable]: this is not a regular file (a folder, device or pipe)\n\
         --> /dev/zero\n \
         = hint: name a regular file\n\nnothing was written.\n"
    );
    assert!(took.as_secs() < 10, "took {took:?}");

    // A 1 GB template (sparse: it takes no disk) is refused unread.
    let templates = tempfile::tempdir().expect("temp dir");
    let init = parbrief(&["templates", "init", path_arg(templates.path())]);
    assert!(init.status.success(), "{}", stderr(&init));
    let huge = templates.path().join("vi/briefing.j2");
    fs::OpenOptions::new()
        .write(true)
        .open(&huge)
        .and_then(|f| f.set_len(1 << 30))
        .expect("grow the template");
    let mut args = common.to_vec();
    args.extend(["--out", path_arg(out.path())]);
    args.extend(["--templates", path_arg(templates.path())]);
    let (run, took) = parbrief_within_2_gb(&args);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(
        stderr(&run),
        format!(
            "error[file-too-large]: the file is 1073741824 bytes; an input file may be at most \
             4194304 bytes\n--> {}\n = hint: a yearly dataset, a template or an issuer file is a \
             few dozen kilobytes: check that this is the right file\n\nnothing was written.\n",
            huge.display()
        )
    );
    assert!(took.as_secs() < 10, "took {took:?}");
    assert!(files_under(out.path()).is_empty(), "nothing written");
}

#[test]
fn a_build_waits_while_another_holds_the_folder_and_writes_nothing_until_then() {
    let out = tempfile::tempdir().expect("temp dir");
    // This test holds the folder's lock as another build would.
    let lock = fs::File::create(out.path().join(".parbrief.lock")).expect("lock file");
    lock.lock().expect("lock");
    let mut child = Command::new(env!("CARGO_BIN_EXE_parbrief"))
        .args([
            "build",
            "--year",
            "2020",
            "--province",
            "an-giang",
            "--quiet",
        ])
        .args(["--out", path_arg(out.path())])
        .current_dir(repo())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stderr_pipe = child.stderr.take().expect("stderr");
    let mut said = Vec::new();
    let mut byte = [0_u8; 1];
    while !said.ends_with("to finish…\n".as_bytes()) {
        let n = std::io::Read::read(&mut stderr_pipe, &mut byte).expect("reads stderr");
        assert_eq!(
            n,
            1,
            "the build ended without waiting: {}",
            String::from_utf8_lossy(&said)
        );
        said.push(byte[0]);
    }
    assert_eq!(
        String::from_utf8_lossy(&said),
        format!(
            "Waiting for another parbrief build writing into {} to finish…\n",
            out.path().display()
        )
    );
    // While it waits, it has written nothing (the lock file is ours).
    std::thread::sleep(std::time::Duration::from_millis(300));
    let written: Vec<_> = files_under(out.path());
    assert!(written.is_empty(), "written while waiting: {written:?}");
    assert_eq!(child.try_wait().expect("polls"), None, "still waiting");

    lock.unlock().expect("unlock");
    let status = child.wait().expect("waits");
    assert!(status.success());
    assert!(out.path().join("2020/an-giang.pdf").is_file());
    assert_manifest_matches(out.path());
}

/// What a build and `list --out` write gets the permissions any new file gets (0666 less the
/// umask: 0644 here), not a temporary file's owner-only 0600: colleagues and web servers must
/// be able to read the briefings. A file replaced keeps its own: a PDF or an imported data
/// file kept private stays private.
#[cfg(unix)]
#[test]
fn written_files_get_the_umask_s_permissions_and_replaced_ones_keep_theirs() {
    use std::os::unix::fs::PermissionsExt as _;
    let out = tempfile::tempdir().expect("temp dir");
    let pdf = out.path().join("2020/an-giang.pdf");
    let list = out.path().join("ket-qua.csv");
    let build = ["build", "--year", "2020", "--province", "an-giang", "--out"];
    let build: Vec<&str> = build
        .iter()
        .copied()
        .chain([path_arg(out.path())])
        .collect();
    let list_args = ["list", "--year", "2020", "--format", "csv", "--out"];
    let list_args: Vec<&str> = list_args.iter().copied().chain([path_arg(&list)]).collect();
    let mode = |p: &Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    for args in [&build, &list_args] {
        let output = parbrief_after("umask 022", args);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    for file in [&pdf, &out.path().join("manifest.json"), &list] {
        assert_eq!(format!("{:o}", mode(file)), "644", "{}", file.display());
    }

    for file in [&pdf, &list] {
        fs::set_permissions(file, fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    for args in [&build, &list_args] {
        let output = parbrief_after("umask 022", args);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    for file in [&pdf, &list] {
        assert_eq!(format!("{:o}", mode(file)), "600", "{}", file.display());
    }
}
