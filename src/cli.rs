//! The command line: clap arguments, the three commands, and what they print.
//!
//! Exit codes: 0 success, 1 data or output errors (and then no briefing is written), 2 usage
//! errors (clap's own, and unknown years or provinces).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::batch;
use crate::briefing;
use crate::diagnostics::{Report, Severity};
use crate::load::{self, Loaded};
use crate::model::{Dataset, Index};
use crate::pdf::Fonts;
use crate::rank::{self, Provenance, Rankings, Standing};
use crate::validate;
use crate::wording::{Lang, Wording};

#[derive(Debug, Parser)]
#[command(
    name = "parbrief",
    version,
    about = "Vietnamese PDF briefings on each province's PAR Index and SIPAS results",
    long_about = "Reads yearly datasets of the PAR Index (Chỉ số cải cách hành chính) and SIPAS \
(Chỉ số hài lòng về sự phục vụ hành chính) from data/<year>.yaml and writes one PDF briefing per \
province and year: score, national and regional rank, change on the previous year, the national \
context and the year's recommended directions.",
    after_help = "Examples:\n  parbrief build                          every year and province in data/ → out/\n  parbrief build --year 2020 --province an-giang\n  parbrief validate --strict              check the data, write nothing\n  parbrief list --year 2020 --format csv  scores and ranks as CSV\n  parbrief build --lang vi --lang en      Vietnamese and English briefings\n  parbrief templates init my-templates    copy the wording out for editing\n\nThe data format is described in data/README.md."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write one PDF briefing per province and year: OUT/<year>/<province-id>.pdf
    Build(BuildArgs),
    /// Check every data file and report all problems; writes nothing
    Validate {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Work with the wording templates
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// Write a SYNTHETIC dataset (invented figures, marked as such) for benchmarks and tests
    Generate {
        /// How many provinces
        #[arg(long, default_value_t = 63)]
        provinces: usize,
        /// How many regions
        #[arg(long, default_value_t = 6)]
        regions: usize,
        /// Random seed: the same seed gives the same files
        #[arg(long, default_value_t = 2020)]
        seed: u64,
        /// The later of the two years written
        #[arg(long, default_value_t = 2030)]
        year: i32,
        /// Folder to write <year>.yaml into (never the real data/ folder)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Print each province's scores and ranks
    List {
        #[command(flatten)]
        data: DataArgs,
        /// Only these years (repeatable); default: all
        #[arg(long = "year", value_name = "YEAR")]
        years: Vec<i32>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Copy the built-in templates into DIR for editing (DIR/vi/briefing.j2, DIR/en/briefing.j2);
    /// then build with `--templates DIR`
    Init {
        /// The folder to create
        dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Only these years (repeatable); default: every year in the data folder
    #[arg(long = "year", value_name = "YEAR")]
    years: Vec<i32>,
    /// Only these provinces, by id such as an-giang (repeatable); default: all
    #[arg(long = "province", value_name = "ID")]
    provinces: Vec<String>,
    /// Folder to write the briefings into
    #[arg(long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Document form: tham-khao (reference material: no number, recipients or signature) or
    /// bao-cao (the full Decree 30 report form, with blanks for the number, date and signature)
    #[arg(long, value_enum, default_value_t = ProfileArg::ThamKhao)]
    profile: ProfileArg,
    /// Who issues the briefings (agency, code, place, signer, recipients); default: the
    /// built-in copy of config/issuer.yaml
    #[arg(long, value_name = "FILE")]
    issuer: Option<PathBuf>,
    /// Language of the briefings, repeatable (`--lang vi --lang en` writes both); English
    /// ones go to OUT/<year>/en/<province-id>.pdf
    #[arg(long = "lang", value_enum, value_name = "LANG")]
    langs: Vec<Lang>,
    /// Use the templates in DIR (<lang>/briefing.j2) instead of the built-in ones; start one
    /// with `parbrief templates init DIR`
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Render on N threads (default: one per core); the output is identical for any N
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Print no progress bar and no list of skipped provinces
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// Tài liệu tham khảo: the same typography, without number, recipients or signature
    ThamKhao,
    /// Báo cáo: the full official form, with placeholders where nothing was issued yet
    BaoCao,
}

#[derive(Debug, clap::Args)]
pub struct DataArgs {
    /// Folder holding the yearly datasets (<year>.yaml)
    #[arg(long = "data", value_name = "DIR", default_value = "data")]
    pub dir: PathBuf,
    /// Treat warnings (such as published ranks that disagree with the scores) as errors
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

const DATA_ERROR: u8 = 1;
const USAGE_ERROR: u8 = 2;

/// Runs a parsed command line and returns the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Validate { data } => validate_only(&data),
        Command::Templates {
            action: TemplatesAction::Init { dir },
        } => templates_init(&dir),
        Command::Generate {
            provinces,
            regions,
            seed,
            year,
            out,
        } => generate(provinces, regions, seed, year, &out),
        Command::List {
            data,
            years,
            format,
        } => list(&data, &years, format),
    }
}

/// Everything the commands share: the checked data, its ranks and the fonts.
struct Prepared {
    dataset: Dataset,
    rankings: Rankings,
    fonts: Fonts,
    warnings: usize,
}

/// Loads, validates and ranks; prints every diagnostic. `Err` carries the exit code.
fn prepare(args: &DataArgs) -> Result<Prepared, ExitCode> {
    let Some(fonts) = Fonts::load() else {
        eprintln!("error: the embedded font could not be parsed (a broken build of parbrief)");
        return Err(ExitCode::from(DATA_ERROR));
    };
    let loaded = load::load_dir(&args.dir);
    let (years, validation) = validate::validate(&loaded, &|c| fonts.covers(c));
    let dataset = Dataset { years };
    let (rankings, disagreements) = rank::rank(&dataset);
    let mut report = Report::default();
    report.extend(loaded.report.diagnostics.iter().cloned());
    report.extend(validation.diagnostics);
    report.extend(disagreements);
    if args.strict {
        report.escalate_warnings();
    }
    print_report(&report, &loaded);
    if report.has_errors() {
        eprintln!(
            "{} error(s), {} warning(s): nothing was written. Fix the files above and run again.",
            report.count(Severity::Error),
            report.count(Severity::Warning)
        );
        return Err(ExitCode::from(DATA_ERROR));
    }
    Ok(Prepared {
        dataset,
        rankings,
        fonts,
        warnings: report.count(Severity::Warning),
    })
}

fn print_report(report: &Report, loaded: &Loaded) {
    let mut stderr = std::io::stderr().lock();
    for d in &report.diagnostics {
        let _ = writeln!(stderr, "{}\n", d.render(loaded.text_of(&d.file)));
    }
}

fn validate_only(args: &DataArgs) -> ExitCode {
    match prepare(args) {
        Ok(prepared) => {
            let provinces: usize = prepared
                .dataset
                .years
                .iter()
                .map(|y| y.provinces.len())
                .sum();
            print_out(&format!(
                "{} year(s), {provinces} province entries: no errors, {} warning(s).\n",
                prepared.dataset.years.len(),
                prepared.warnings
            ));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn templates_init(dir: &std::path::Path) -> ExitCode {
    for lang in [Lang::Vi, Lang::En] {
        let path = dir.join(lang.template_path());
        if path.exists() {
            eprintln!(
                "error: {} exists already; nothing was changed (choose a new folder, or delete it first)",
                path.display()
            );
            return ExitCode::from(DATA_ERROR);
        }
    }
    for lang in [Lang::Vi, Lang::En] {
        let path = dir.join(lang.template_path());
        if let Err(e) = crate::write::write_atomically(&path, lang.default_template().as_bytes()) {
            eprintln!("error: {e}");
            return ExitCode::from(DATA_ERROR);
        }
    }
    print_out(&format!(
        "Copied the templates to {0}/vi/briefing.j2 and {0}/en/briefing.j2.\nEdit them, then run: parbrief build --templates {0}\n",
        dir.display()
    ));
    ExitCode::SUCCESS
}

fn generate(
    provinces: usize,
    regions: usize,
    seed: u64,
    year: i32,
    out: &std::path::Path,
) -> ExitCode {
    if provinces == 0 || regions == 0 {
        return usage_error("--provinces and --regions must be at least 1");
    }
    for (y, text) in crate::synthetic::generate(provinces, regions, seed, year) {
        if let Err(e) =
            crate::write::write_atomically(&out.join(format!("{y}.yaml")), text.as_bytes())
        {
            eprintln!("error: {e}");
            return ExitCode::from(DATA_ERROR);
        }
    }
    print_out(&format!(
        "Wrote a SYNTHETIC dataset ({provinces} provinces, {regions} regions, seed {seed}) to {}.\n",
        out.display()
    ));
    ExitCode::SUCCESS
}

/// Checks `--year` values against the data; `Err` is a usage message.
fn selected_years(dataset: &Dataset, years: &[i32]) -> Result<Vec<i32>, String> {
    let available: Vec<i32> = dataset.years.iter().map(|y| y.year).collect();
    if years.is_empty() {
        return Ok(available);
    }
    for year in years {
        if !available.contains(year) {
            let list: Vec<String> = available.iter().map(ToString::to_string).collect();
            return Err(format!(
                "there is no dataset for {year} (available: {})",
                list.join(", ")
            ));
        }
    }
    let mut selected = years.to_vec();
    selected.sort_unstable();
    selected.dedup();
    Ok(selected)
}

/// Prints to stdout; a closed pipe (`parbrief list | head`) is not an error worth a panic.
fn print_out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(USAGE_ERROR)
}

fn build(build_args: &BuildArgs) -> ExitCode {
    let (args, years, provinces, out) = (
        &build_args.data,
        &build_args.years,
        &build_args.provinces,
        build_args.out.as_path(),
    );
    let prepared = match prepare(args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let years = match selected_years(&prepared.dataset, years) {
        Ok(y) => y,
        Err(message) => return usage_error(&message),
    };
    for id in provinces {
        if !years
            .iter()
            .filter_map(|&y| prepared.dataset.year(y))
            .any(|y| y.province_index(id).is_some())
        {
            return usage_error(&format!(
                "no province with id `{id}` in the selected years (ids look like `an-giang`; see `parbrief list`)"
            ));
        }
    }
    let langs = if build_args.langs.is_empty() {
        vec![Lang::Vi]
    } else {
        dedup(&build_args.langs)
    };
    let mut wordings = Vec::new();
    for &lang in &langs {
        let loaded = load::read_template(build_args.templates.as_deref(), lang)
            .map_err(|d| d.render(None))
            .and_then(|(name, text)| {
                Wording::new(lang, name, text).map_err(|e| crate::wording::describe(&e))
            });
        match loaded {
            Ok(w) => wordings.push(w),
            Err(message) => {
                eprintln!("error: {message}\nnothing was written.");
                return ExitCode::from(DATA_ERROR);
            }
        }
    }

    let issuer =
        match load::load_issuer(build_args.issuer.as_deref(), &|c| prepared.fonts.covers(c)) {
            Ok(issuer) => issuer,
            Err(d) => {
                eprintln!("{}\n\nnothing was written.", d.render(None));
                return ExitCode::from(DATA_ERROR);
            }
        };
    let timestamp = crate::reproducible_timestamp(&prepared.dataset);
    let profile = match build_args.profile {
        ProfileArg::ThamKhao => briefing::Profile::ThamKhao,
        ProfileArg::BaoCao => briefing::Profile::BaoCao,
    };
    let issue = |year: i32| briefing::Issue {
        profile,
        issuer: &issuer,
        fallback_date: chrono::DateTime::from_timestamp(timestamp(year), 0).map(|t| t.date_naive()),
    };
    let ctx = batch::Context {
        dataset: &prepared.dataset,
        rankings: &prepared.rankings,
        fonts: &prepared.fonts,
        wordings: &wordings,
        issue: &issue,
        timestamp: &timestamp,
    };
    let (jobs, skips) = batch::plan(&prepared.dataset, &years, provinces, &langs);
    let progress = progress_bar(jobs.len(), build_args.quiet);
    let threads = build_args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let entries = match batch::run(&ctx, &jobs, out, threads, &|| progress.inc(1)) {
        Ok(entries) => entries,
        Err(e) => {
            progress.finish_and_clear();
            eprintln!("error: {e}\nnothing was written; earlier outputs are untouched.");
            return ExitCode::from(DATA_ERROR);
        }
    };
    progress.finish_and_clear();

    let mut summary = format!(
        "Wrote {} briefing(s) and manifest.json to {}.\n",
        entries.len(),
        out.display()
    );
    if !skips.is_empty() && !build_args.quiet {
        summary += &format!(
            "Skipped {} province-year(s) for lack of data:\n",
            skips.len()
        );
        for skip in &skips {
            summary += &format!(
                "  {} {} ({}): {}\n",
                skip.year, skip.province_id, skip.name, skip.reason
            );
        }
    }
    if prepared.warnings > 0 {
        summary += &format!("{} warning(s), shown above.\n", prepared.warnings);
    }
    print_out(&summary);
    ExitCode::SUCCESS
}

fn dedup(langs: &[Lang]) -> Vec<Lang> {
    let mut out: Vec<Lang> = Vec::new();
    for &lang in langs {
        if !out.contains(&lang) {
            out.push(lang);
        }
    }
    out
}

/// A progress bar on stderr for long runs, only when a person is watching.
fn progress_bar(len: usize, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal as _;
    if quiet || len < 20 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} briefings, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}

// ---- list ----

#[derive(serde::Serialize)]
struct Row {
    year: i32,
    id: String,
    name: String,
    region: String,
    par_score: Option<f64>,
    par_rank: Option<String>,
    par_region_rank: Option<String>,
    sipas_score: Option<f64>,
    sipas_rank: Option<String>,
    sipas_region_rank: Option<String>,
}

fn rows(prepared: &Prepared, years: &[i32]) -> Vec<Row> {
    let mut rows = Vec::new();
    for &year in years {
        let (Some(data), Some(ranks)) = (prepared.dataset.year(year), prepared.rankings.year(year))
        else {
            continue;
        };
        for (i, p) in data.provinces.iter().enumerate() {
            let score = |index: Index| {
                p.published(index)
                    .score
                    .map(|s| f64::from(s.hundredths()) / 100.0)
            };
            let place = |s: Standing| {
                s.rank.map(|r| {
                    format!(
                        "{r}/{}{}",
                        s.of,
                        if s.provenance == Provenance::Computed {
                            ""
                        } else {
                            "*"
                        }
                    )
                })
            };
            rows.push(Row {
                year,
                id: p.id.clone(),
                name: p.name.clone(),
                region: data.regions[p.region].name.clone(),
                par_score: score(Index::Par),
                par_rank: place(ranks.placing(Index::Par, i).national),
                par_region_rank: place(ranks.placing(Index::Par, i).regional),
                sipas_score: score(Index::Sipas),
                sipas_rank: place(ranks.placing(Index::Sipas, i).national),
                sipas_region_rank: place(ranks.placing(Index::Sipas, i).regional),
            });
        }
    }
    rows
}

fn list(args: &DataArgs, years: &[i32], format: Format) -> ExitCode {
    let prepared = match prepare(args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let years = match selected_years(&prepared.dataset, years) {
        Ok(y) => y,
        Err(message) => return usage_error(&message),
    };
    let rows = rows(&prepared, &years);
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n",
        Format::Csv => csv(&rows),
        Format::Table => table(&rows),
    };
    print_out(&text);
    ExitCode::SUCCESS
}

const HEADER: [&str; 10] = [
    "year",
    "id",
    "name",
    "region",
    "par",
    "par_rank",
    "par_region_rank",
    "sipas",
    "sipas_rank",
    "sipas_region_rank",
];

fn cells(row: &Row) -> [String; 10] {
    let score = |s: Option<f64>| s.map_or_else(String::new, |v| format!("{v:.2}"));
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    [
        row.year.to_string(),
        row.id.clone(),
        row.name.clone(),
        row.region.clone(),
        score(row.par_score),
        text(&row.par_rank),
        text(&row.par_region_rank),
        score(row.sipas_score),
        text(&row.sipas_rank),
        text(&row.sipas_region_rank),
    ]
}

fn csv(rows: &[Row]) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = HEADER.join(",") + "\n";
    for row in rows {
        out += &cells(row)
            .iter()
            .map(|c| quote(c))
            .collect::<Vec<_>>()
            .join(",");
        out.push('\n');
    }
    out
}

fn table(rows: &[Row]) -> String {
    let all: Vec<[String; 10]> = rows.iter().map(cells).collect();
    let widths: Vec<usize> = (0..10)
        .map(|i| {
            all.iter()
                .map(|r| r[i].chars().count())
                .chain([HEADER[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
            + "\n"
    };
    let mut out = line(HEADER.to_vec());
    for r in &all {
        out += &line(r.iter().map(String::as_str).collect());
    }
    out += "Ranks marked * are published figures (the year's scores are incomplete); others are computed from scores.\n";
    out
}
