//! A whole build: every selected province and year rendered in parallel (and each year's
//! national overview), each PDF staged in
//! its target folder as it is finished (memory does not grow with the batch), and committed
//! with the manifest — all put in place, or none — only when every briefing succeeded (see
//! [`crate::write::Transaction`]). A failure anywhere removes the staged files, so earlier
//! outputs are untouched.
//!
//! Byte-identical output does not depend on scheduling: every id in a PDF is derived from its
//! content (see `pdf`), and results are ordered by the plan, not by completion.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::briefing::{self, BuildError, Issue};
use crate::layout;
use crate::model::{Dataset, Lang};
use crate::pdf::Fonts;
use crate::rank::Rankings;
use crate::wording::Wording;
use crate::write::{self, CommitError, Staged, Transaction, WriteError};

/// One document to write.
#[derive(Debug, Clone)]
pub struct Job {
    /// The year of the results.
    pub year: i32,
    /// A province's briefing, or the year's overview.
    pub document: Document,
    /// The language.
    pub lang: Lang,
}

/// What a job writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// The briefing of the province with this id.
    Briefing(String),
    /// The national overview of the year (`tong-hop.pdf`).
    Overview,
}

impl Job {
    /// How messages name the job: "2020 an-giang (vi)", "2020 overview (vi)".
    fn name(&self) -> String {
        let what = match &self.document {
            Document::Briefing(id) => id.as_str(),
            Document::Overview => "overview",
        };
        format!("{} {what} ({})", self.year, self.lang.code())
    }
}

/// The provinces of one year that get no briefing because the dataset has no figure for them.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// The year.
    pub year: i32,
    /// How many provinces of that year were asked for.
    pub asked: usize,
    /// Those with no figure: id and name.
    pub provinces: Vec<(String, String)>,
}

/// One line of `manifest.json`, so CI can diff what changed between builds.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    /// The year.
    pub year: i32,
    /// The province's id; none for the overview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// `overview` for the national overview; left out for a briefing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The language (`vi`, `en`).
    pub lang: Lang,
    /// Path relative to the output folder.
    pub file: String,
    /// Page count.
    pub pages: usize,
    /// Size in bytes.
    pub bytes: usize,
    /// SHA-256 of the file, in hex.
    pub sha256: String,
}

/// Why a build wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// A briefing could not be built.
    #[error("{job}: {source}")]
    Build {
        /// The job, as "2020 an-giang (vi)".
        job: String,
        /// What went wrong.
        #[source]
        source: BuildError,
    },
    /// A rendered briefing does not name its own province or year.
    #[error("{job}: {source}")]
    Render {
        /// The job.
        job: String,
        /// What the check found.
        #[source]
        source: RenderError,
    },
    /// A file could not be written, before anything was replaced.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// Putting the files in place failed.
    #[error(transparent)]
    Commit(#[from] CommitError),
    /// The worker threads could not be started.
    #[error("cannot start {0} worker threads")]
    Threads(usize),
}

impl BatchError {
    /// Whether every file in the output folder is as it was before the build (false only when
    /// a failed commit could not put back a file it had replaced).
    pub fn outputs_untouched(&self) -> bool {
        !matches!(self, BatchError::Commit(e) if !e.not_restored.is_empty())
    }
}

/// What the self-check of a rendered briefing found.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// It does not name its own province or year.
    #[error(
        "the rendered briefing does not state its own {what} `{needle}`; nothing written for it"
    )]
    NotItsOwn {
        /// "province name" or "year".
        what: &'static str,
        /// What is missing.
        needle: String,
    },
    /// It would draw a character the font has no glyph for (an empty box).
    #[error("the rendered briefing would draw {0:?} (U+{code:04X}), which the document font cannot draw; nothing written for it", code = u32::from(*.0))]
    Undrawable(char),
}

/// Lays out and renders one briefing, then checks that what was drawn names its own province
/// and year, and that the font can draw all of it, before anyone writes it: a guard against the "every report got the last
/// province's content" failure batch generators have had. Returns the PDF and its page count.
pub fn render(
    b: &briefing::Briefing,
    fonts: &Fonts,
    timestamp: i64,
) -> Result<(Vec<u8>, usize), RenderError> {
    let (pages, structure) = layout::layout_tagged(b, fonts, layout::Geometry::A4);
    let drawn = layout::drawn_text(&pages);
    let year = b.year.to_string();
    // The overview is about no single province: the year is what it must state.
    let about = [
        ("province name", b.province_name.as_str()),
        ("year", year.as_str()),
    ];
    for (what, needle) in about.into_iter().filter(|(_, n)| !n.is_empty()) {
        if !drawn.contains(needle) || !b.metadata.title.contains(needle) {
            return Err(RenderError::NotItsOwn {
                what,
                needle: needle.to_string(),
            });
        }
    }
    // Everything drawn was checked where it came from (data, issuer file, templates); this
    // catches what a filter or the layout itself might add.
    if let Some(c) = drawn.chars().find(|&c| !fonts.covers(c)) {
        return Err(RenderError::Undrawable(c));
    }
    let bytes = crate::pdf::render(
        &pages,
        &structure,
        &b.metadata,
        fonts,
        &layout::Geometry::A4,
        timestamp,
    );
    Ok((bytes, pages.len()))
}

/// What stays the same for every briefing of the run.
pub struct Context<'a> {
    /// The checked data.
    pub dataset: &'a Dataset,
    /// Its ranks.
    pub rankings: &'a Rankings,
    /// The embedded fonts.
    pub fonts: &'a Fonts,
    /// One template environment per language of the run.
    pub wordings: &'a [Wording],
    /// The overview's template per language (empty when no overview is written).
    pub overview_wordings: &'a [Wording],
    /// The issue (profile, issuer, date) of a year's briefings.
    pub issue: &'a (dyn Fn(i32) -> Issue<'a> + Sync),
    /// The PDF timestamp of a year's briefings.
    pub timestamp: &'a (dyn Fn(i32) -> i64 + Sync),
}

/// Splits the selection into documents to write and provinces to skip: each province's
/// briefings, then, with `overview`, the year's overview in each language — for a year where
/// some province gets a briefing (a year without any figure has nothing to sum up).
pub fn plan(
    dataset: &Dataset,
    years: &[i32],
    provinces: &[String],
    langs: &[Lang],
    overview: bool,
) -> (Vec<Job>, Vec<Skipped>) {
    let mut jobs = Vec::new();
    let mut skipped = Vec::new();
    for data in years.iter().filter_map(|&y| dataset.year(y)) {
        let mut year = Skipped {
            year: data.year,
            asked: 0,
            provinces: Vec::new(),
        };
        for p in data
            .provinces
            .iter()
            .filter(|p| provinces.is_empty() || provinces.contains(&p.id))
        {
            year.asked += 1;
            if p.has_any_figure() {
                for &lang in langs {
                    jobs.push(Job {
                        year: data.year,
                        document: Document::Briefing(p.id.clone()),
                        lang,
                    });
                }
            } else {
                year.provinces.push((p.id.clone(), p.name.clone()));
            }
        }
        if overview
            && data
                .provinces
                .iter()
                .any(crate::model::Province::has_any_figure)
        {
            for &lang in langs {
                jobs.push(Job {
                    year: data.year,
                    document: Document::Overview,
                    lang,
                });
            }
        }
        if !year.provinces.is_empty() {
            skipped.push(year);
        }
    }
    (jobs, skipped)
}

/// How one job ended.
enum Outcome {
    Done(Staged, Entry),
    /// Not rendered, because another job had already failed.
    Skipped,
    Failed(BatchError),
}

/// Renders and writes every job on `threads` threads; `tick` is called after each briefing,
/// `waiting` when another build holds the output folder. `Err` carries the first failure (in
/// plan order); nothing has then been written.
pub fn run(
    ctx: &Context<'_>,
    jobs: &[Job],
    out: &Path,
    threads: usize,
    tick: &(dyn Fn() + Sync),
    waiting: &dyn Fn(),
) -> Result<Vec<Entry>, BatchError> {
    let targets: Vec<PathBuf> = jobs
        .iter()
        .map(|j| match &j.document {
            Document::Briefing(id) => write::briefing_path(out, j.year, id, j.lang),
            Document::Overview => write::overview_path(out, j.year, j.lang),
        })
        .collect();
    let mut transaction = Transaction::begin(out, waiting)?;
    // The manifest is a target like the briefings: checked before anything is rendered.
    let mut checked = targets.clone();
    checked.push(out.join("manifest.json"));
    transaction.prepare(&checked)?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|_| BatchError::Threads(threads))?;
    let failed = AtomicBool::new(false);
    let tx = &transaction;
    let outcomes: Vec<Outcome> = pool.install(|| {
        jobs.par_iter()
            .zip(&targets)
            // One job per split: with rayon's default, a thread may be left alone with a
            // sequential run of a quarter of the batch while the others have nothing to take.
            .with_max_len(1)
            .map(|(job, target)| {
                // Once one briefing failed, the others need not be rendered.
                if failed.load(Ordering::Relaxed) {
                    return Outcome::Skipped;
                }
                let outcome = match render_one(ctx, job, target, out, tx) {
                    Ok((staged, entry)) => Outcome::Done(staged, entry),
                    Err(e) => {
                        failed.store(true, Ordering::Relaxed);
                        Outcome::Failed(e)
                    }
                };
                tick();
                outcome
            })
            .collect()
    });
    commit(outcomes, out, transaction)
}

/// Stages the manifest and puts every file in place, or, when any job failed, discards them
/// all and returns the first failure in plan order.
fn commit(
    outcomes: Vec<Outcome>,
    out: &Path,
    transaction: Transaction,
) -> Result<Vec<Entry>, BatchError> {
    let mut staged = Vec::with_capacity(outcomes.len() + 1);
    let mut entries = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Outcome::Done(file, entry) => {
                staged.push(file);
                entries.push(entry);
            }
            // Dropping the staged files removes them.
            Outcome::Failed(error) => return Err(error),
            Outcome::Skipped => {}
        }
    }
    let manifest_path = out.join("manifest.json");
    let manifest = manifest(&manifest_path, out, &entries);
    let bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    staged.push(transaction.stage(&manifest_path, &bytes)?);
    transaction.commit(staged)?;
    Ok(entries)
}

/// The manifest after this build: its entries, and those of the previous manifest whose files
/// this build did not write and that are still on disk unchanged — so it always describes
/// every briefing in the folder, whichever builds wrote them.
fn manifest(path: &Path, out: &Path, entries: &[Entry]) -> Vec<Entry> {
    let previous: Vec<Entry> = std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let mut all: Vec<Entry> = previous
        .into_iter()
        .filter(|old| entries.iter().all(|e| e.file != old.file))
        .filter(|old| {
            // Only a plain relative name from our own manifest, never a path out of `out`.
            let relative = Path::new(&old.file);
            relative.is_relative()
                && relative
                    .components()
                    .all(|c| matches!(c, std::path::Component::Normal(_)))
                && std::fs::read(out.join(relative))
                    .is_ok_and(|bytes| hex(&Sha256::digest(&bytes)) == old.sha256)
        })
        .chain(entries.iter().cloned())
        .collect();
    all.sort_by(|a, b| a.file.cmp(&b.file));
    all
}

fn render_one(
    ctx: &Context<'_>,
    job: &Job,
    target: &Path,
    out: &Path,
    transaction: &Transaction,
) -> Result<(Staged, Entry), BatchError> {
    let b = build_one(ctx, job).map_err(|source| BatchError::Build {
        job: job.name(),
        source,
    })?;
    let (bytes, pages) =
        render(&b, ctx.fonts, (ctx.timestamp)(job.year)).map_err(|source| BatchError::Render {
            job: job.name(),
            source,
        })?;
    let (province, document) = match &job.document {
        Document::Briefing(id) => (Some(id.clone()), None),
        Document::Overview => (None, Some("overview".to_string())),
    };
    let entry = Entry {
        year: job.year,
        province,
        document,
        lang: job.lang,
        file: target
            .strip_prefix(out)
            .unwrap_or(target)
            .to_string_lossy()
            .replace('\\', "/"),
        pages,
        bytes: bytes.len(),
        sha256: hex(&Sha256::digest(&bytes)),
    };
    let staged = transaction.stage(target, &bytes)?;
    Ok((staged, entry))
}

/// The content of one job: a province's briefing or the year's overview.
fn build_one(ctx: &Context<'_>, job: &Job) -> Result<briefing::Briefing, BuildError> {
    let issue = (ctx.issue)(job.year);
    let wordings = match job.document {
        Document::Briefing(_) => ctx.wordings,
        Document::Overview => ctx.overview_wordings,
    };
    let Some(wording) = wordings.iter().find(|w| w.lang() == job.lang) else {
        return Err(BuildError::Missing("no template loaded".into()));
    };
    match &job.document {
        Document::Briefing(id) => {
            briefing::build(ctx.dataset, ctx.rankings, job.year, id, wording, &issue)
        }
        Document::Overview => {
            briefing::overview::build(ctx.dataset, ctx.rankings, job.year, wording, &issue)
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
