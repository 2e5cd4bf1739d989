//! A whole build: every selected province and year rendered in parallel, each PDF staged in
//! its target folder as it is finished (memory does not grow with the batch), and committed —
//! renamed into place, then the manifest written — only when every briefing succeeded. A
//! failure anywhere removes the staged files, so earlier outputs are untouched.
//!
//! Byte-identical output does not depend on scheduling: every id in a PDF is derived from its
//! content (see `pdf`), and results are ordered by the plan, not by completion.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::briefing::{self, Issue};
use crate::model::Dataset;
use crate::pdf::Fonts;
use crate::rank::Rankings;
use crate::wording::{Lang, Wording};
use crate::write::{self, Staged};

/// One briefing to write.
#[derive(Debug, Clone)]
pub struct Job {
    pub year: i32,
    pub province_id: String,
    pub lang: Lang,
}

/// A province-year with no briefing, and why.
#[derive(Debug, Clone)]
pub struct Skip {
    pub year: i32,
    pub province_id: String,
    pub name: String,
    pub reason: String,
}

/// One line of `manifest.json`, so CI can diff what changed between builds.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Entry {
    pub year: i32,
    pub province: String,
    pub lang: Lang,
    /// Path relative to the output folder.
    pub file: String,
    pub pages: usize,
    pub bytes: usize,
    pub sha256: String,
}

/// What stays the same for every briefing of the run.
pub struct Context<'a> {
    pub dataset: &'a Dataset,
    pub rankings: &'a Rankings,
    pub fonts: &'a Fonts,
    /// One template environment per language of the run.
    pub wordings: &'a [Wording],
    /// The issue (profile, issuer, date) of a year's briefings.
    pub issue: &'a (dyn Fn(i32) -> Issue<'a> + Sync),
    /// The PDF timestamp of a year's briefings.
    pub timestamp: &'a (dyn Fn(i32) -> i64 + Sync),
}

/// Splits the selection into briefings to write and provinces to skip.
pub fn plan(
    dataset: &Dataset,
    years: &[i32],
    provinces: &[String],
    langs: &[Lang],
) -> (Vec<Job>, Vec<Skip>) {
    let mut jobs = Vec::new();
    let mut skips = Vec::new();
    for data in years.iter().filter_map(|&y| dataset.year(y)) {
        for p in data
            .provinces
            .iter()
            .filter(|p| provinces.is_empty() || provinces.contains(&p.id))
        {
            if p.has_any_figure() {
                for &lang in langs {
                    jobs.push(Job {
                        year: data.year,
                        province_id: p.id.clone(),
                        lang,
                    });
                }
            } else {
                skips.push(Skip {
                    year: data.year,
                    province_id: p.id.clone(),
                    name: p.name.clone(),
                    reason: format!("no PAR Index or SIPAS figure published for {}", data.year),
                });
            }
        }
    }
    (jobs, skips)
}

/// Renders and writes every job on `threads` threads; `tick` is called after each briefing.
/// `Err` carries the first failure (in plan order); nothing has then been written.
pub fn run(
    ctx: &Context<'_>,
    jobs: &[Job],
    out: &Path,
    threads: usize,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<Entry>, String> {
    let targets: Vec<PathBuf> = jobs
        .iter()
        .map(|j| write::briefing_path(out, j.year, &j.province_id, j.lang))
        .collect();
    write::prepare_targets(&targets).map_err(|e| e.to_string())?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    let failed = AtomicBool::new(false);
    let results: Vec<Result<(Staged, Entry), String>> = pool.install(|| {
        jobs.par_iter()
            .zip(&targets)
            .map(|(job, target)| {
                // Once one briefing failed, the others need not be rendered.
                if failed.load(Ordering::Relaxed) {
                    return Err(String::new());
                }
                let result = render_one(ctx, job, target, out);
                if result.is_err() {
                    failed.store(true, Ordering::Relaxed);
                }
                tick();
                result
            })
            .collect()
    });

    if let Some(error) = results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .find(|e| !e.is_empty())
    {
        let error = error.clone();
        for staged in results.into_iter().filter_map(Result::ok).map(|(s, _)| s) {
            staged.discard();
        }
        return Err(error);
    }
    let mut entries = Vec::with_capacity(results.len());
    for (staged, entry) in results.into_iter().flatten() {
        staged.commit().map_err(|e| e.to_string())?;
        entries.push(entry);
    }
    let manifest = serde_json::to_vec_pretty(&entries).map_err(|e| e.to_string())?;
    write::write_atomically(&out.join("manifest.json"), &manifest).map_err(|e| e.to_string())?;
    Ok(entries)
}

fn render_one(
    ctx: &Context<'_>,
    job: &Job,
    target: &Path,
    out: &Path,
) -> Result<(Staged, Entry), String> {
    let name = format!("{} {} ({})", job.year, job.province_id, job.lang.code());
    let issue = (ctx.issue)(job.year);
    let wording = ctx
        .wordings
        .iter()
        .find(|w| w.lang() == job.lang)
        .ok_or_else(|| format!("{name}: no template loaded"))?;
    let b = briefing::build(
        ctx.dataset,
        ctx.rankings,
        job.year,
        &job.province_id,
        wording,
        &issue,
    )
    .map_err(|e| format!("{name}: {e}"))?;
    let (bytes, pages) = crate::render(&b, ctx.fonts, (ctx.timestamp)(job.year))
        .map_err(|e| format!("{name}: {e}"))?;
    let entry = Entry {
        year: job.year,
        province: job.province_id.clone(),
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
    let staged = write::stage(target, &bytes).map_err(|e| e.to_string())?;
    Ok((staged, entry))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
