//! The application: one entry to the pipeline for the command line, the fuzz target and the
//! tests. `prepare` loads, validates and ranks the data and collects every diagnostic;
//! `build` turns a checked [`BuildConfig`] into briefings on disk; `import` a table of results
//! into a yearly file ([`import`]). Nothing here prints: the caller decides what the person
//! at the keyboard sees.

mod import;

pub use import::{ImportConfig, ImportSummary, import};

use std::path::{Path, PathBuf};

use crate::batch::{self, BatchError, Entry, Skipped};
use crate::briefing::{BuildError, Issue, Profile};
use crate::diagnostics::{Code, Diagnostic, Report, Severity};
use crate::issuer::{self, Issuer};
use crate::load::{self, Loaded, SourceFile};
use crate::model::{Dataset, Lang};
use crate::pdf::Fonts;
use crate::rank::{self, Rankings};
use crate::validate;
use crate::wording::{self, Wording};
use crate::write;

/// Where the data is and how strictly to read it.
#[derive(Debug, Clone)]
pub struct DataConfig {
    /// The folder of yearly files.
    pub dir: PathBuf,
    /// Warnings count as errors.
    pub strict: bool,
}

/// A checked `build` request: every value already valid (the CLI refuses the rest).
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// Only these years; empty means all.
    pub years: Vec<i32>,
    /// Only these provinces; empty means all.
    pub provinces: Vec<String>,
    /// The output folder.
    pub out: PathBuf,
    /// The document form.
    pub profile: Profile,
    /// An issuer file, or `None` for the built-in one.
    pub issuer: Option<PathBuf>,
    /// The languages, at least one, each once.
    pub langs: Vec<Lang>,
    /// A folder of user templates, or `None` for the built-in ones.
    pub templates: Option<PathBuf>,
    /// Worker threads, at least 1.
    pub jobs: usize,
    /// The day the documents are made (their date line); `None` leaves blanks.
    pub date: Option<chrono::NaiveDate>,
    /// The PDFs' creation time (Unix seconds): `SOURCE_DATE_EPOCH`, else the document's day.
    pub timestamp: i64,
    /// Leave out figures read from a listing or deduced, instead of marking them.
    pub printed_only: bool,
    /// Warnings about the documents count as errors.
    pub strict: bool,
    /// Write each year's national overview (`tong-hop.pdf`) too; only a build of whole years
    /// (no `provinces`) does.
    pub overview: bool,
}

/// Vietnam's time zone, Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving.
pub const VIETNAM_OFFSET_SECONDS: i64 = 7 * 3600;

/// The day in Vietnam at Unix time `seconds`.
pub fn day_in_vietnam(seconds: i64) -> Option<chrono::NaiveDate> {
    chrono::DateTime::from_timestamp(seconds + VIETNAM_OFFSET_SECONDS, 0).map(|t| t.date_naive())
}

/// Midnight in Vietnam at the start of `day`, as Unix time.
pub fn midnight_in_vietnam(day: chrono::NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp() - VIETNAM_OFFSET_SECONDS)
}

/// Why a command did not do its work; each says what the user sees and the exit code.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A request that does not fit the data (exit 2).
    #[error("{0}")]
    Usage(String),
    /// Problems in the input files, already rendered (exit 1).
    #[error("{0}")]
    Input(String),
    /// A failure while writing (exit 1).
    #[error(transparent)]
    Output(#[from] BatchError),
    /// The embedded fonts could not be parsed: a broken build of parbrief (exit 1).
    #[error("the embedded font could not be parsed (a broken build of parbrief)")]
    Fonts,
}

/// The checked data, its ranks, the fonts, and every diagnostic found on the way.
pub struct Prepared {
    /// Every year that validated.
    pub dataset: Dataset,
    /// Their ranks.
    pub rankings: Rankings,
    /// The embedded fonts (also what validation checks characters against).
    pub fonts: Fonts,
    /// Every problem found, warnings escalated under `--strict`.
    pub report: Report,
    /// The files read, for quoting them in messages.
    sources: Vec<SourceFile>,
}

impl Prepared {
    /// Whether anything blocks writing.
    pub fn has_errors(&self) -> bool {
        self.report.has_errors()
    }

    /// How many warnings there are.
    pub fn warnings(&self) -> usize {
        self.report.count(Severity::Warning)
    }

    /// The text of a file that was read, as parsed (NFC).
    pub fn text_of(&self, path: &Path) -> Option<&str> {
        self.sources
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.text.as_str())
    }

    /// Every diagnostic, rendered against its file, each followed by a blank line.
    pub fn render_report(&self) -> String {
        render_all(&self.report.diagnostics, &self.sources)
    }

    /// The one-line verdict after the diagnostics of a run that has errors.
    pub fn verdict(&self) -> String {
        format!(
            "{} error(s), {} warning(s): nothing was written. Fix the files above and run again.",
            self.report.count(Severity::Error),
            self.report.count(Severity::Warning)
        )
    }
}

/// Renders diagnostics against the text of the files they point into.
fn render_all(diagnostics: &[Diagnostic], sources: &[SourceFile]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let text = sources
                .iter()
                .find(|f| f.path == d.file)
                .map(|f| f.text.as_str());
            d.render(text) + "\n\n"
        })
        .collect()
}

/// Loads, validates and ranks the data folder.
pub fn prepare(data: &DataConfig) -> Result<Prepared, Failure> {
    let fonts = Fonts::load().ok_or(Failure::Fonts)?;
    Ok(prepare_loaded(
        load::load_dir(&data.dir),
        data.strict,
        fonts,
    ))
}

/// [`prepare`], running `beside` (given the faces) on a second thread meanwhile: work that
/// needs no data, such as compiling a build's templates ([`wordings`]), then adds no time.
/// Should the system refuse the thread, `beside` runs after the data, on this one.
pub fn prepare_beside<T: Send>(
    data: &DataConfig,
    beside: impl Fn(&Fonts) -> T + Sync,
) -> Result<(Prepared, T), Failure> {
    let fonts = Fonts::load().ok_or(Failure::Fonts)?;
    Ok(std::thread::scope(|s| {
        let side = std::thread::Builder::new()
            .spawn_scoped(s, || beside(&fonts))
            .ok();
        let prepared = prepare_loaded(load::load_dir(&data.dir), data.strict, fonts.clone());
        let done = match side {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => beside(&fonts),
        };
        (prepared, done)
    }))
}

/// Validates and ranks what was loaded (the fuzz target feeds bytes straight in).
pub fn prepare_loaded(loaded: Loaded, strict: bool, fonts: Fonts) -> Prepared {
    let (years, validation) = validate::validate(&loaded, &|c| fonts.covers(c));
    let dataset = Dataset { years };
    let (rankings, disagreements) = rank::rank(&dataset);
    let mut report = loaded.report;
    report.extend(validation.diagnostics);
    report.extend(disagreements);
    if strict {
        report.escalate_warnings();
    }
    Prepared {
        dataset,
        rankings,
        fonts,
        report,
        sources: loaded.files,
    }
}

/// The years a command works on: all of them, or the ones asked for, each once and sorted.
pub fn select_years(dataset: &Dataset, asked: &[i32]) -> Result<Vec<i32>, Failure> {
    let available: Vec<i32> = dataset.years.iter().map(|y| y.year).collect();
    if asked.is_empty() {
        return Ok(available);
    }
    if let Some(year) = asked.iter().find(|y| !available.contains(y)) {
        let list: Vec<String> = available.iter().map(ToString::to_string).collect();
        return Err(Failure::Usage(format!(
            "there is no dataset for {year} (available: {})",
            list.join(", ")
        )));
    }
    let mut selected = asked.to_vec();
    selected.sort_unstable();
    selected.dedup();
    Ok(selected)
}

/// What a build wrote and what it skipped.
#[derive(Debug)]
pub struct Built {
    /// The briefings and overviews written, in plan order.
    pub entries: Vec<Entry>,
    /// Province-years without a briefing, and why.
    pub skipped: Vec<Skipped>,
    /// Warnings about the documents themselves (a date before a cited source), rendered.
    pub warnings: String,
}

fn escalated(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for d in &mut diagnostics {
        d.severity = Severity::Error;
    }
    diagnostics
}

/// A document is dated the day it is made, so it cannot cite a source published later: one
/// warning per year, at the newest source's date.
fn dated_before_sources(
    dataset: &Dataset,
    years: &[i32],
    date: chrono::NaiveDate,
) -> Vec<Diagnostic> {
    years
        .iter()
        .filter_map(|&y| dataset.year(y))
        .filter_map(|data| {
            let (id, source) = data
                .sources
                .iter()
                .filter(|(_, s)| s.date.is_some_and(|d| d > date))
                .max_by_key(|(_, s)| s.date)?;
            let published = source.date?;
            Some(
                Diagnostic::warning(
                    Code::DatedBeforeSource,
                    &data.file,
                    Some(source.date_at),
                    format!("sources.{id}.date"),
                )
                .message(format!(
                    "the {} briefings are dated {date}, before source `{id}` was published ({published})",
                    data.year
                ))
                .hint("date the briefings the day they are made (the default), or pass a later --date"),
            )
        })
        .collect()
}

/// Reports a build's progress to whoever watches.
pub trait Progress: Sync {
    /// The build will render `jobs` briefings.
    fn start(&self, jobs: usize);
    /// One more briefing is done.
    fn tick(&self);
    /// Another build is writing into the output folder: this one waits for it.
    fn waiting(&self, out: &Path);
}

/// The compiled templates of a build (see [`wordings`]).
pub struct Wordings {
    briefing: Vec<Wording>,
    /// Empty unless the build writes the overview.
    overview: Vec<Wording>,
    /// Their texts, for quoting them in messages.
    texts: Vec<SourceFile>,
}

/// The templates `config` asks for, compiled: each language's briefing template, and its
/// overview template when the build writes the overview. Needs only the faces (every
/// character a template writes must be drawable), so it can run beside [`prepare`].
pub fn wordings(config: &BuildConfig, fonts: &Fonts) -> Result<Wordings, Failure> {
    let (briefing, mut texts) = compiled(config, fonts, Kind::Briefing)?;
    let (overview, overview_texts) = if writes_overview(config) {
        compiled(config, fonts, Kind::Overview)?
    } else {
        (Vec::new(), Vec::new())
    };
    texts.extend(overview_texts);
    Ok(Wordings {
        briefing,
        overview,
        texts,
    })
}

/// The overview is written only by a build of whole years.
fn writes_overview(config: &BuildConfig) -> bool {
    config.overview && config.provinces.is_empty()
}

/// Writes the briefings `config` asks for, in the wordings compiled for it ([`wordings`]'s
/// outcome: its errors are reported after those of the years and provinces asked for).
pub fn build(
    config: &BuildConfig,
    prepared: &Prepared,
    wordings: Result<Wordings, Failure>,
    progress: &dyn Progress,
) -> Result<Built, Failure> {
    let years = select_years(&prepared.dataset, &config.years)?;
    check_provinces(&prepared.dataset, &years, &config.provinces)?;
    let wordings = wordings?;
    let issuer = issuer_of(config.issuer.as_deref(), &prepared.fonts)?;
    let timestamp = |_: i32| config.timestamp;
    let issue = |_: i32| Issue {
        profile: config.profile,
        issuer: &issuer,
        date: config.date,
        printed_only: config.printed_only,
    };
    let ctx = batch::Context {
        dataset: &prepared.dataset,
        rankings: &prepared.rankings,
        fonts: &prepared.fonts,
        wordings: &wordings.briefing,
        overview_wordings: &wordings.overview,
        issue: &issue,
        timestamp: &timestamp,
    };
    let (jobs, skipped) = batch::plan(
        &prepared.dataset,
        &years,
        &config.provinces,
        &config.langs,
        writes_overview(config),
    );
    let warnings = config
        .date
        .map(|date| dated_before_sources(&prepared.dataset, &years, date))
        .unwrap_or_default();
    if config.strict && !warnings.is_empty() {
        return Err(input_failure(&escalated(warnings), &prepared.sources));
    }
    progress.start(jobs.len());
    let waiting = || progress.waiting(&config.out);
    let entries = batch::run(
        &ctx,
        &jobs,
        &config.out,
        config.jobs,
        &|| progress.tick(),
        &waiting,
    )
    .map_err(|e| template_failure(e, &wordings.texts))?;
    Ok(Built {
        entries,
        skipped,
        warnings: render_all(&warnings, &prepared.sources),
    })
}

/// Fails, saying what to ask for instead, when one of `ids` is in none of `years`.
pub fn check_provinces(dataset: &Dataset, years: &[i32], ids: &[String]) -> Result<(), Failure> {
    for id in ids {
        let selected = years.iter().filter_map(|&y| dataset.year(y));
        if !selected.into_iter().any(|y| y.province_index(id).is_some()) {
            return Err(Failure::Usage(unknown_province(dataset, id)));
        }
    }
    Ok(())
}

/// Why `id` is not in the selected years, and what to ask for instead: the unit a merger
/// made of it, or the years it exists in.
fn unknown_province(dataset: &Dataset, id: &str) -> String {
    let present: Vec<i32> = dataset
        .years
        .iter()
        .filter(|y| y.province_index(id).is_some())
        .map(|y| y.year)
        .collect();
    let (Some(first), Some(last)) = (present.first(), present.last()) else {
        return format!(
            "no province with id `{id}` in the data (ids look like `an-giang`; see `parbrief list`)"
        );
    };
    let span = if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    };
    let successor = dataset.years.iter().find_map(|y| {
        let unit = y
            .provinces
            .iter()
            .find(|u| u.predecessors.iter().any(|p| p == id))?;
        Some(format!(
            "; from {} it is part of `{}` ({})",
            y.year, unit.id, unit.name
        ))
    });
    format!(
        "no province with id `{id}` in the selected years: `{id}` is in the data for {span}{}",
        successor.unwrap_or_default()
    )
}

/// A template that failed while rendering a briefing is an input problem, shown with the
/// template's own line; any other failure is an output failure.
fn template_failure(error: BatchError, templates: &[SourceFile]) -> Failure {
    match error {
        BatchError::Build {
            job,
            source: BuildError::Template(d),
        } => {
            let d = Diagnostic {
                message: format!("{} (in the briefing {job})", d.message),
                ..*d
            };
            input_failure(&[d], templates)
        }
        other => Failure::Output(other),
    }
}

/// Which of a language's two templates.
#[derive(Clone, Copy)]
enum Kind {
    /// `briefing.j2`.
    Briefing,
    /// `overview.j2`.
    Overview,
}

/// One compiled template of `kind` per language — the built-in ones, or the user's from
/// `--templates` — and their texts, for quoting them in messages.
fn compiled(
    config: &BuildConfig,
    fonts: &Fonts,
    kind: Kind,
) -> Result<(Vec<Wording>, Vec<SourceFile>), Failure> {
    let mut out = Vec::new();
    let mut texts = Vec::new();
    for &lang in &config.langs {
        let (path, builtin) = match kind {
            Kind::Briefing => (
                wording::template_path(lang),
                wording::default_template(lang),
            ),
            Kind::Overview => (
                wording::overview_template_path(lang),
                wording::default_overview_template(lang),
            ),
        };
        // A folder made before the overview existed has no overview.j2: the overview then
        // keeps the built-in wording (README, "Wording and templates").
        let own = config.templates.as_ref().filter(|dir| {
            matches!(kind, Kind::Briefing) || std::fs::symlink_metadata(dir.join(&path)).is_ok()
        });
        let (name, source) = match own {
            None => (format!("templates/{path}"), builtin.to_string()),
            Some(dir) => {
                let file =
                    load::read_template(&dir.join(&path)).map_err(|d| input_failure(&[*d], &[]))?;
                (file.path.display().to_string(), file.text)
            }
        };
        let file = SourceFile {
            path: PathBuf::from(&name),
            text: source.clone(),
        };
        if let Some(d) = wording::undrawable(&name, &source, &|c| fonts.covers(c)) {
            return Err(input_failure(&[d], std::slice::from_ref(&file)));
        }
        let wording = Wording::new(lang, name, source)
            .map_err(|d| input_failure(&[*d], std::slice::from_ref(&file)))?;
        out.push(wording);
        texts.push(file);
    }
    Ok((out, texts))
}

/// The issuer: the built-in default, or the checked file of `--issuer` (whose missing
/// English texts come from the default).
pub fn issuer_of(path: Option<&Path>, fonts: &Fonts) -> Result<Issuer, Failure> {
    let default = SourceFile {
        path: PathBuf::from(issuer::DEFAULT_PATH),
        text: issuer::DEFAULT.to_string(),
    };
    let default = checked_issuer(&default, fonts, None)?;
    match path {
        None => Ok(default),
        Some(path) => {
            let file = load::read_issuer(path).map_err(|d| input_failure(&[*d], &[]))?;
            checked_issuer(&file, fonts, Some(&default.en))
        }
    }
}

/// The issuer from the text of an issuer file named `path` (what `--issuer` reads, without
/// the reading): the entry the fuzz target uses.
pub fn issuer_from_text(path: &Path, text: &str, fonts: &Fonts) -> Result<Issuer, Failure> {
    let default = issuer_of(None, fonts)?;
    let file = SourceFile {
        path: path.to_path_buf(),
        text: text.to_string(),
    };
    checked_issuer(&file, fonts, Some(&default.en))
}

fn checked_issuer(
    file: &SourceFile,
    fonts: &Fonts,
    default_en: Option<&issuer::IssuerTexts>,
) -> Result<Issuer, Failure> {
    let sources = std::slice::from_ref(file);
    let raw = crate::raw::parse_issuer(&file.path, &file.text)
        .map_err(|d| input_failure(&[*d], sources))?;
    validate::issuer(
        &raw,
        &file.path,
        &file.text,
        &|c| fonts.covers(c),
        default_en,
    )
    .map_err(|report| input_failure(&report.diagnostics, sources))
}

fn input_failure(diagnostics: &[Diagnostic], sources: &[SourceFile]) -> Failure {
    Failure::Input(render_all(diagnostics, sources) + "nothing was written.")
}

/// Copies the built-in templates (each language's briefing and overview) into `dir` for
/// editing; never overwrites.
pub fn templates_init(dir: &Path) -> Result<(), Failure> {
    let files: Vec<(String, &str)> = Lang::ALL
        .into_iter()
        .flat_map(|lang| {
            [
                (
                    wording::template_path(lang),
                    wording::default_template(lang),
                ),
                (
                    wording::overview_template_path(lang),
                    wording::default_overview_template(lang),
                ),
            ]
        })
        .collect();
    for (name, _) in &files {
        let path = dir.join(name);
        write::refuse_links_below(dir, &path).map_err(|e| Failure::Input(format!("error: {e}")))?;
        if std::fs::symlink_metadata(&path).is_ok() {
            return Err(Failure::Input(format!(
                "error: {} exists already; nothing was changed (choose a new folder, or delete it first)",
                path.display()
            )));
        }
    }
    for (name, text) in &files {
        write::write_atomically(&dir.join(name), text.as_bytes())
            .map_err(|e| Failure::Input(format!("error: {e}")))?;
    }
    Ok(())
}

/// Writes a SYNTHETIC dataset into `out`.
pub fn generate(
    provinces: usize,
    regions: usize,
    seed: u64,
    year: i32,
    out: &Path,
) -> Result<(), Failure> {
    let files = crate::synthetic::generate(provinces, regions, seed, year);
    for (y, _) in &files {
        let path = out.join(format!("{y}.yaml"));
        if !crate::synthetic::replaceable(&path) {
            return Err(Failure::Input(format!(
                "error: {} exists and is not a SYNTHETIC file written by `parbrief generate`; nothing was changed (choose another --out; generate never replaces real data)",
                path.display()
            )));
        }
    }
    for (y, text) in files {
        write::write_atomically(&out.join(format!("{y}.yaml")), text.as_bytes())
            .map_err(|e| Failure::Input(format!("error: {e}")))?;
    }
    Ok(())
}
