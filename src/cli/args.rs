//! What the user can type: clap's view of the command line, with the help texts that teach
//! it. `cli` turns these into checked configurations.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// The parsed command line.
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
    pub(super) command: Command,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// Write one PDF briefing per province and year, OUT/<year>/<province-id>.pdf, and each
    /// year's national overview, OUT/<year>/tong-hop.pdf
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
        #[arg(long, default_value_t = 63, value_parser = clap::value_parser!(u32).range(1..))]
        provinces: u32,
        /// How many regions
        #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..))]
        regions: u32,
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
        /// Only this province's history (repeatable): its rows in every year, with the provinces
        /// it was formed from and the unit it became in a reorganisation
        #[arg(long = "province", value_name = "ID")]
        provinces: Vec<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = FormatArg::Table)]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum TemplatesAction {
    /// Copy the built-in templates into DIR for editing (DIR/vi/briefing.j2, DIR/vi/overview.j2
    /// and their English twins in DIR/en); then build with `--templates DIR`
    Init {
        /// The folder to create
        dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub(super) struct BuildArgs {
    #[command(flatten)]
    pub(super) data: DataArgs,
    /// Only these years (repeatable); default: every year in the data folder
    #[arg(long = "year", value_name = "YEAR")]
    pub(super) years: Vec<i32>,
    /// Only these provinces, by id such as an-giang (repeatable); default: all
    #[arg(long = "province", value_name = "ID")]
    pub(super) provinces: Vec<String>,
    /// Folder to write the briefings into
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub(super) out: PathBuf,
    /// Document form (Decree 30/2020/NĐ-CP): phu-luc, an appendix to attach to official
    /// correspondence; or bao-cao, a report with "Kính gửi", recipients and the signer's block
    #[arg(long, value_enum, default_value_t = ProfileArg::PhuLuc)]
    pub(super) profile: ProfileArg,
    /// The documents' date, YYYY-MM-DD, or `blank` to leave the date line's blanks; default:
    /// today in Vietnam (SOURCE_DATE_EPOCH's day when set, for reproducible builds)
    #[arg(long, value_name = "DATE")]
    pub(super) date: Option<String>,
    /// Leave out ranks read from the order of a news listing and figures deduced from others,
    /// instead of printing them with a mark and a note
    #[arg(long)]
    pub(super) printed_only: bool,
    /// Who issues the briefings (agency, code, place, signer, recipients); default: the
    /// built-in copy of config/issuer.yaml
    #[arg(long, value_name = "FILE")]
    pub(super) issuer: Option<PathBuf>,
    /// Language of the briefings, repeatable (`--lang vi --lang en` writes both); English
    /// ones go to OUT/<year>/en/<province-id>.pdf
    #[arg(long = "lang", value_enum, value_name = "LANG")]
    pub(super) langs: Vec<LangArg>,
    /// Use the templates in DIR (<lang>/briefing.j2, and <lang>/overview.j2 when the overview
    /// is written) instead of the built-in ones; start one with `parbrief templates init DIR`
    #[arg(long, value_name = "DIR")]
    pub(super) templates: Option<PathBuf>,
    /// Render on N threads (default: one per core); the output is identical for any N
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub(super) jobs: Option<u32>,
    /// Do not write the years' national overviews (OUT/<year>/tong-hop.pdf), which a build of
    /// whole years (no --province) writes beside the briefings
    #[arg(long)]
    pub(super) no_overview: bool,
    /// Print no progress bar and no list of skipped provinces
    #[arg(long, short)]
    pub(super) quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ProfileArg {
    /// Phụ lục: "Phụ lục", its title and "(Kèm theo Công văn số …)"
    PhuLuc,
    /// Báo cáo: the full official form, with placeholders where nothing was issued yet
    BaoCao,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum LangArg {
    /// Vietnamese (the default): decimal comma, "ngày 05 tháng 02 năm 2021"
    Vi,
    /// English: decimal point, "5 February 2021"
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum FormatArg {
    Table,
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub(super) struct DataArgs {
    /// Folder holding the yearly datasets (<year>.yaml)
    #[arg(long = "data", value_name = "DIR", default_value = "data")]
    pub(super) dir: PathBuf,
    /// Treat warnings (such as published ranks that disagree with the scores) as errors
    #[arg(long)]
    pub(super) strict: bool,
}
