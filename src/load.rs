//! Reading the yearly dataset files: the only stage besides `write` that touches the file
//! system. It turns `data/<year>.yaml` into raw serde structs that mirror the YAML exactly
//! (with source locations), leaving every judgement about the values to `validate`.
//!
//! Every file's text is normalised to NFC before parsing: decomposed Vietnamese (as typed by
//! Unikey's composite mode or pasted from macOS) would otherwise draw its marks in the wrong
//! place, because the PDF writer maps one character to one glyph.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;
use unicode_normalization::UnicodeNormalization;

use crate::diagnostics::{Diagnostic, Report};
use crate::model::Loc;

/// Files larger than this are refused before parsing: a yearly dataset is ~40 KB, so anything
/// this big is a mistake (or an attack), not data.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A data file as read from disk, kept for quoting source lines in diagnostics.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The NFC-normalised text.
    pub text: String,
}

/// The result of loading a data folder: what parsed, what was read, and what went wrong.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    /// Parsed files, each with the index of its `SourceFile`.
    pub parsed: Vec<(usize, RawYear)>,
    pub report: Report,
}

impl Loaded {
    /// Decodes and parses one file's bytes. Public so the fuzzer can feed bytes directly.
    pub fn add(&mut self, path: &Path, bytes: &[u8]) {
        match decode(path, bytes) {
            Ok(text) => {
                let parsed = parse(path, &text);
                self.files.push(SourceFile {
                    path: path.to_path_buf(),
                    text,
                });
                match parsed {
                    Ok(raw) => self.parsed.push((self.files.len() - 1, raw)),
                    Err(diagnostic) => self.report.push(*diagnostic),
                }
            }
            Err(diagnostic) => self.report.push(*diagnostic),
        }
    }

    /// The text of `path`, for rendering a diagnostic about it.
    pub fn text_of(&self, path: &Path) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.text.as_str())
    }
}

// ---- Raw structs: the YAML's shape, nothing more. Field docs live in data/README.md. ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawYear {
    pub year: Spanned<i64>,
    pub announced: Spanned<String>,
    pub announced_sources: Vec<Spanned<String>>,
    pub regions: Vec<RawRegion>,
    pub national: RawNational,
    pub directions: Option<Spanned<RawDirections>>,
    pub provinces: Vec<RawProvince>,
    pub sources: BTreeMap<String, RawSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub name_en: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNational {
    pub par: RawAggregate,
    pub sipas: RawAggregate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAggregate {
    pub average: Spanned<Option<f64>>,
    pub previous_average: Spanned<Option<f64>>,
    #[serde(default)]
    pub above_average: Option<Spanned<Option<i64>>>,
    pub sources: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDirections {
    pub sources: Vec<Spanned<String>>,
    pub items: Vec<RawDirection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDirection {
    pub title: Spanned<String>,
    pub summary: Spanned<String>,
    pub title_en: Spanned<String>,
    pub summary_en: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProvince {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    /// Official name with its kind, e.g. "Tỉnh An Giang", "Thành phố Hà Nội"; defaults to `name`.
    #[serde(default)]
    pub full_name: Option<Spanned<String>>,
    pub region: Spanned<String>,
    pub par: Spanned<RawFigures>,
    pub sipas: Spanned<RawFigures>,
    pub sources: Vec<Spanned<String>>,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// `{ score, rank, region_rank }`: all three keys are required, `null` when not published,
/// so a forgotten figure is visible in the file rather than silently absent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFigures {
    pub score: Spanned<Option<f64>>,
    pub rank: Spanned<Option<i64>>,
    pub region_rank: Spanned<Option<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: Spanned<String>,
    pub address: Spanned<String>,
}

/// Where a spanned value sits in its file.
pub fn loc<T>(spanned: &Spanned<T>) -> Loc {
    Loc {
        line: spanned.referenced.line(),
        column: spanned.referenced.column(),
    }
}

/// Reads the issuer configuration (`None`: the built-in default) and checks that the font
/// can draw every character of it.
pub fn load_issuer(
    path: Option<&Path>,
    covers: &dyn Fn(char) -> bool,
) -> Result<crate::issuer::Issuer, Box<Diagnostic>> {
    let issuer = match path {
        None => crate::issuer::Issuer::default_config(),
        Some(path) => {
            let bytes = read_bytes(path)?;
            let text = decode(path, &bytes)?;
            crate::issuer::Issuer::parse(path, &text)?
        }
    };
    if let Some(c) = issuer.texts().flat_map(str::chars).find(|&c| !covers(c)) {
        let file = path.unwrap_or(Path::new("config/issuer.yaml"));
        return Err(Diagnostic::error("glyph-missing", file, None, "")
            .message(format!(
                "the font cannot draw {c:?} (U+{:04X})",
                u32::from(c)
            ))
            .hint("replace the character with a Latin or Vietnamese letter")
            .into());
    }
    Ok(issuer)
}

/// The template of `lang`: the shipped one, or `<dir>/<lang>/briefing.j2` from `--templates`.
/// Returns its name for error messages and its text.
pub fn read_template(
    dir: Option<&Path>,
    lang: crate::wording::Lang,
) -> Result<(String, String), Box<Diagnostic>> {
    let Some(dir) = dir else {
        return Ok((
            format!("templates/{}", lang.template_path()),
            lang.default_template().to_string(),
        ));
    };
    let path = dir.join(lang.template_path());
    let bytes = fs::read(&path).map_err(|e| {
        Diagnostic::error("template-unreadable", &path, None, "")
            .message(format!("cannot read the template: {e}"))
            .hint("create the folder with `parbrief templates init DIR`, then edit it")
    })?;
    let text = decode(&path, &bytes)?;
    Ok((path.display().to_string(), text))
}

/// Reads every `*.yaml` file in `dir` (sorted by name) and parses the ones that can be.
pub fn load_dir(dir: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let paths = match yaml_files(dir) {
        Ok(paths) => paths,
        Err(message) => {
            loaded.report.push(
                Diagnostic::error("data-dir-unreadable", dir, None, "")
                    .message(message)
                    .hint("pass the folder that holds the yearly files with --data DIR"),
            );
            return loaded;
        }
    };
    if paths.is_empty() {
        loaded.report.push(
            Diagnostic::error("no-data-files", dir, None, "")
                .message("the data folder holds no `<year>.yaml` file")
                .hint("add a yearly file such as data/2020.yaml (format: data/README.md) or pass --data DIR"),
        );
    }
    for path in paths {
        match read_bytes(&path) {
            Ok(bytes) => loaded.add(&path, &bytes),
            Err(diagnostic) => loaded.report.push(*diagnostic),
        }
    }
    loaded
}

fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read the data folder: {e}"))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|ext| ext == "yaml" || ext == "yml")
        })
        .collect();
    paths.sort();
    Ok(paths)
}

/// Reads a file, refusing oversized ones before reading them.
fn read_bytes(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    let size = fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| unreadable(path, &e))?;
    if size > MAX_FILE_BYTES {
        return Err(too_large(path, size).into());
    }
    Ok(fs::read(path).map_err(|e| unreadable(path, &e))?)
}

fn too_large(path: &Path, size: u64) -> Diagnostic {
    Diagnostic::error("file-too-large", path, None, "")
        .message(format!(
            "the file is {size} bytes; a dataset may be at most {MAX_FILE_BYTES} bytes"
        ))
        .hint("a yearly dataset is a few dozen kilobytes: check that this is the right file")
}

/// Decodes UTF-8 and normalises to NFC, refusing empty and oversized input.
fn decode(path: &Path, bytes: &[u8]) -> Result<String, Box<Diagnostic>> {
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(too_large(path, size).into());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = position_of_byte(bytes, e.valid_up_to());
        let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
        Diagnostic::error("not-utf8", path, Some(at), "")
            .message(format!(
                "the file is not valid UTF-8 text (byte 0x{byte:02X} cannot start a character here)"
            ))
            .hint("save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)")
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error("empty-file", path, None, "")
            .message("the file is empty")
            .hint("fill it in (format: data/README.md) or delete it")
            .into());
    }
    Ok(text.nfc().collect())
}

fn unreadable(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error("file-unreadable", path, None, "")
        .message(format!("cannot read the file: {error}"))
        .hint("check that the file exists and that you may read it")
}

/// Line and column (1-based, in characters) of byte `offset` in possibly invalid UTF-8.
fn position_of_byte(bytes: &[u8], offset: usize) -> Loc {
    let before = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Loc {
        line: line as u64,
        column: column as u64,
    }
}

/// Parses one file; YAML syntax, type and shape errors come back as one located diagnostic.
/// Enough YAML nodes for a commune-level dataset (~25 nodes per unit, 10 000 units and more);
/// the file-size limit bounds it anyway. Depth and alias limits keep the parser's defaults.
const MAX_NODES: usize = 2_000_000;

fn parse(path: &Path, text: &str) -> Result<RawYear, Box<Diagnostic>> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_NODES;
    let options = serde_saphyr::options! { with_snippet: false, budget: Some(budget) };
    serde_saphyr::from_str_with_options::<RawYear>(text, options).map_err(|error| {
        let at = error
            .location()
            .map(|l| Loc {
                line: l.line(),
                column: l.column(),
            })
            .filter(|l| l.line > 0);
        let message = user_wording(&without_position(&first_line(&error.to_string())));
        let (code, hint) = classify_parse_error(&message);
        let field = match field_named_in(&message) {
            Some(field) => field,
            None => at.and_then(|at| key_at(text, at)).unwrap_or_default(),
        };
        Diagnostic::error(code, path, at, field)
            .message(message)
            .hint(hint)
            .into()
    })
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

/// serde-saphyr appends " at line L, column C"; the diagnostic shows the place itself.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(", column ") => message[..at].to_string(),
        _ => message.to_string(),
    }
}

/// Rephrases parser messages that speak to programmers ("set DuplicateKeyPolicy …").
fn user_wording(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return format!("the key `{key}` appears twice in this mapping");
    }
    message.to_string()
}

/// The field a serde message names (`unknown field `scroe``), if any.
fn field_named_in(message: &str) -> Option<String> {
    let named = ["unknown field", "missing field", "the key"]
        .iter()
        .any(|p| message.starts_with(p));
    named
        .then(|| message.split('`').nth(1).map(str::to_string))
        .flatten()
}

/// The YAML key whose value sits at `at` (`score` in `par: { score: "x" }`), from the text.
fn key_at(text: &str, at: Loc) -> Option<String> {
    let line = text
        .lines()
        .nth(usize::try_from(at.line).ok()?.checked_sub(1)?)?;
    let before: String = line
        .chars()
        .take(usize::try_from(at.column).ok()?.saturating_sub(1))
        .collect();
    let colon = before.trim_end().strip_suffix(':')?;
    let key: String = colon
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!key.is_empty()).then_some(key)
}

fn classify_parse_error(message: &str) -> (&'static str, &'static str) {
    let wrong_type = [
        "invalid type",
        "invalid value",
        "invalid i64",
        "invalid floating point",
        "expected string",
        "expected mapping",
        "expected sequence",
        "invalid boolean",
    ];
    if message.starts_with("unknown field") {
        (
            "unknown-field",
            "check the spelling against data/README.md; the expected fields are listed in the message",
        )
    } else if message.starts_with("missing field") {
        (
            "missing-field",
            "add the field; write `null` when the value was not published (never 0)",
        )
    } else if wrong_type.iter().any(|w| message.contains(w)) {
        (
            "wrong-type",
            "give a value of the type data/README.md describes: numbers unquoted (84.67), ranks whole numbers, text in quotes, `null` when unknown",
        )
    } else if message.contains("appears twice in this mapping") {
        (
            "duplicate-key",
            "a key may appear once in a mapping: delete or rename the second one",
        )
    } else if ["budget", "alias", "anchor", "depth", "nesting", "recursion"]
        .iter()
        .any(|w| message.contains(w))
    {
        (
            "yaml-too-complex",
            "the file uses more aliases or nesting than a dataset needs; write the values out plainly",
        )
    } else {
        (
            "yaml-syntax",
            "fix the YAML at the marked spot (indentation, a missing colon or quote)",
        )
    }
}
