//! Promises about the project itself rather than its output.

use std::process::Command;

use crate::support::repo;

/// "1.89" or "1.85.0" → (1, 89, 0).
fn version(text: &str) -> (u32, u32, u32) {
    let mut parts = text.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

#[test]
fn the_declared_rust_version_covers_every_dependency() {
    // It once said 1.88 while serde-saphyr 2.2 needs 1.89.
    let rustc = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc runs");
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc names its host");
    let run = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host])
        .current_dir(repo())
        .output()
        .expect("cargo metadata runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let ours = packages
        .iter()
        .find(|p| p["name"] == "parbrief")
        .and_then(|p| p["rust_version"].as_str())
        .expect("parbrief declares a rust-version");
    let too_new: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let needs = p["rust_version"].as_str()?;
            (version(needs) > version(ours)).then(|| format!("{} needs {needs}", p["name"]))
        })
        .collect();
    assert!(too_new.is_empty(), "rust-version {ours}, but: {too_new:?}");
}
