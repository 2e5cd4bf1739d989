//! The command line: clap's arguments, turned into checked configurations (`app::BuildConfig`)
//! before anything runs, and what each command prints.
//!
//! Exit codes: 0 success, 1 data, table, template or output errors (and then nothing is
//! written), 2 usage errors (clap's own, unknown years or provinces, a malformed
//! `SOURCE_DATE_EPOCH`).

use std::io::Write as _;
use std::process::ExitCode;

mod args;
mod import;
mod output;

pub use args::Cli;
use args::{
    BuildArgs, Command, DataArgs, FormatArg, LangArg, ListArgs, ProfileArg, TemplatesAction,
};

use crate::app::{self, BuildConfig, DataConfig, Failure, Prepared};
use crate::briefing::Profile;
use crate::list::{self, Format};
use crate::model::Lang;
use crate::pdf::Fonts;
use chrono::NaiveDate;

impl DataArgs {
    fn config(&self) -> DataConfig {
        DataConfig {
            dir: self.dir.clone(),
            strict: self.strict,
        }
    }
}

/// Runs a parsed command line and returns the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Build(args) => build(&args),
        Command::Import(args) => import::run(&args),
        Command::Validate { data } => validate(&data),
        Command::Templates {
            action: TemplatesAction::Init { dir },
        } => app::templates_init(&dir).map(|()| {
            format!(
                "Copied the templates to {0}/vi/briefing.j2, {0}/vi/overview.j2, {0}/en/briefing.j2 and {0}/en/overview.j2.\nEdit them, then run: parbrief build --templates {0}\n",
                dir.display()
            )
        }),
        Command::Generate {
            provinces,
            regions,
            seed,
            year,
            out,
        } => app::generate(provinces as usize, regions as usize, seed, year, &out).map(|()| {
            format!(
                "Wrote a SYNTHETIC dataset ({provinces} provinces, {regions} regions, seed {seed}) to {}.\n",
                out.display()
            )
        }),
        Command::List(args) => list(&args),
    };
    match result {
        Ok(text) => {
            output::print_out(&text);
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let code = match failure {
                Failure::Usage(_) => 2,
                _ => 1,
            };
            output::print_err(&failure);
            ExitCode::from(code)
        }
    }
}

/// Loads, validates and ranks; prints every diagnostic; stops on errors.
fn prepare(data: &DataArgs) -> Result<Prepared, Failure> {
    reported(app::prepare(&data.config())?)
}

/// [`prepare`], with `beside` run meanwhile (see [`app::prepare_beside`]).
fn prepare_beside<T: Send>(
    data: &DataArgs,
    beside: impl Fn(&Fonts) -> T + Sync,
) -> Result<(Prepared, T), Failure> {
    let (prepared, done) = app::prepare_beside(&data.config(), beside)?;
    Ok((reported(prepared)?, done))
}

/// Prints what checking the data found; an error if it found errors.
fn reported(prepared: Prepared) -> Result<Prepared, Failure> {
    let report = prepared.render_report();
    if prepared.has_errors() {
        return Err(Failure::Input(report + &prepared.verdict()));
    }
    let _ = std::io::stderr().lock().write_all(report.as_bytes());
    Ok(prepared)
}

fn validate(data: &DataArgs) -> Result<String, Failure> {
    let prepared = prepare(data)?;
    let provinces: usize = prepared
        .dataset
        .years
        .iter()
        .map(|y| y.provinces.len())
        .sum();
    Ok(format!(
        "{} year(s), {provinces} province entries: no errors, {} warning(s).\n",
        prepared.dataset.years.len(),
        prepared.warnings()
    ))
}

fn list(args: &ListArgs) -> Result<String, Failure> {
    let format = match args.format {
        FormatArg::Table => Some(Format::Table),
        FormatArg::Csv => Some(Format::Csv),
        FormatArg::Json => Some(Format::Json),
        FormatArg::Xlsx => None,
    };
    if format.is_none() && args.out.is_none() {
        return Err(Failure::Usage(
            "--format xlsx writes a workbook, not text: name the file with --out FILE (e.g. --out ket-qua.xlsx)".into(),
        ));
    }
    // The workbook's creation time, checked before any work (a malformed SOURCE_DATE_EPOCH
    // is a usage error).
    let (_, created) = dates(None)?;
    let prepared = prepare(&args.data)?;
    let years = app::select_years(&prepared.dataset, &args.years)?;
    app::check_provinces(&prepared.dataset, &years, &args.provinces)?;
    let rows = list::rows(
        &prepared.dataset,
        &prepared.rankings,
        &years,
        &args.provinces,
    );
    let Some(out) = args.out.as_deref() else {
        // Text for the terminal: a workbook without --out was refused above.
        return Ok(list::render(&rows, format.unwrap_or(Format::Table)));
    };
    let bytes = match format {
        Some(format) => list::render(&rows, format).into_bytes(),
        None => list::workbook(&rows, created)
            .map_err(|e| Failure::Input(format!("error: cannot make the workbook: {e}")))?,
    };
    crate::write::write_atomically(out, &bytes)
        .map_err(|e| Failure::Input(format!("error: {e}")))?;
    Ok(format!(
        "Wrote {} row(s) to {}.\n",
        rows.len(),
        out.display()
    ))
}

/// Turns the arguments into a checked configuration.
fn build_config(args: &BuildArgs) -> Result<BuildConfig, Failure> {
    let mut langs: Vec<Lang> = Vec::new();
    for lang in &args.langs {
        let lang = match lang {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        };
        if !langs.contains(&lang) {
            langs.push(lang);
        }
    }
    if langs.is_empty() {
        langs.push(Lang::Vi);
    }
    let (date, timestamp) = dates(args.date.as_deref())?;
    Ok(BuildConfig {
        years: args.years.clone(),
        provinces: args.provinces.clone(),
        out: args.out.clone(),
        profile: match args.profile {
            ProfileArg::PhuLuc => Profile::PhuLuc,
            ProfileArg::BaoCao => Profile::BaoCao,
        },
        issuer: args.issuer.clone(),
        langs,
        templates: args.templates.clone(),
        jobs: args.jobs.map_or_else(
            || std::thread::available_parallelism().map_or(1, usize::from),
            |n| n as usize,
        ),
        date,
        timestamp,
        printed_only: args.printed_only,
        strict: args.data.strict,
        overview: !args.no_overview,
    })
}

/// The documents' date and the PDFs' creation time. `--date` sets the date; otherwise it is
/// today in Vietnam, or `SOURCE_DATE_EPOCH`'s day there when set. The creation time is
/// `SOURCE_DATE_EPOCH` when set, else midnight in Vietnam at the start of the date: a rebuild
/// on the same day gives the same bytes.
fn dates(arg: Option<&str>) -> Result<(Option<NaiveDate>, i64), Failure> {
    let epoch = source_date_epoch()?;
    let now = epoch.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
    });
    let today = app::day_in_vietnam(now);
    let date = match arg {
        None => today,
        Some("blank") => None,
        Some(text) => Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            Failure::Usage(format!(
                "--date takes a date as YYYY-MM-DD (e.g. 2026-11-28) or `blank`, not {text:?}"
            ))
        })?),
    };
    let midnight = date.or(today).map_or(now, app::midnight_in_vietnam);
    Ok((date, epoch.unwrap_or(midnight)))
}

/// `SOURCE_DATE_EPOCH` (reproducible-builds.org): seconds since 1970. A malformed value is an
/// error, as the specification asks, rather than silently ignored; an empty one is unset.
fn source_date_epoch() -> Result<Option<i64>, Failure> {
    let value = std::env::var("SOURCE_DATE_EPOCH").unwrap_or_default();
    if value.trim().is_empty() {
        return Ok(None);
    }
    value
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|&s| (0..=253_402_300_799).contains(&s))
        .map(Some)
        .ok_or_else(|| {
            Failure::Usage(format!(
                "SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 (at most the year 9999), not {value:?}"
            ))
        })
}

fn build(args: &BuildArgs) -> Result<String, Failure> {
    let config = build_config(args)?;
    // The templates compile while the data is read and checked; data errors come first.
    let (prepared, wordings) = prepare_beside(&args.data, |fonts| app::wordings(&config, fonts))?;
    let progress = output::Bar::new(args.quiet);
    let built = app::build(&config, &prepared, wordings, &progress);
    progress.bar.finish_and_clear();
    Ok(output::summary(
        &built?,
        &config.out,
        args.quiet,
        prepared.warnings(),
    ))
}
