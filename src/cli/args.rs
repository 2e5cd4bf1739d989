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
    after_help = "Examples:\n  parbrief build                          every year and province in data/ → out/\n  parbrief build --year 2020 --province an-giang\n  parbrief validate --strict              check the data, write nothing\n  parbrief list --year 2020 --format csv  scores and ranks as CSV\n  parbrief list --format xlsx --out ket-qua.xlsx\n  parbrief import bang.xlsx --year 2024 --source-title T --source-address A --dry-run\n  parbrief build --lang vi --lang en      Vietnamese and English briefings\n  parbrief templates init my-templates    copy the wording out for editing\n\nThe data format is described in data/README.md."
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
    /// Read a table of results (CSV, XLSX, ODS) into DIR/<year>.yaml: fill its empty figures,
    /// report every disagreement, write only what validates
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(Box<ImportArgs>),
    /// Print each province's scores and ranks (or write them as CSV, JSON or an Excel workbook)
    #[command(
        after_help = "Examples:\n  parbrief list --year 2024                              an aligned table\n  parbrief list --year 2024 --format csv > 2024.csv\n  parbrief list --format xlsx --out ket-qua.xlsx         every year, one sheet\n  parbrief list --province an-giang                      An Giang's history across the merger\n\nRanks are marked by where they come from: * published, ^ determined by the national ranks,\n? read from the order of a listing, ~ resting on a deduced figure; unmarked: computed from\ncomplete scores."
    )]
    List(ListArgs),
}

const IMPORT_EXAMPLES: &str = "Examples:
  # The Ministry's 2024 annex into data/2024.yaml: show what would change, then do it
  parbrief import phu-luc-2024.xlsx --year 2024 --announced 2025-04-06 \\
      --source-title \"Phụ lục kết quả Chỉ số CCHC năm 2024\" \\
      --source-address \"https://moha.gov.vn/…\" --dry-run
  parbrief import phu-luc-2024.xlsx --year 2024 --announced 2025-04-06 \\
      --source-title \"Phụ lục kết quả Chỉ số CCHC năm 2024\" --source-address \"https://moha.gov.vn/…\"

  # Only the SIPAS sheet of a workbook; columns by letter when the headers are not recognised
  parbrief import ket-qua.xlsx --sheet SIPAS --index sipas --columns name=B,sipas=D,sipas-rank=E …

  # A new year into a fresh folder, with the provinces of an existing year
  parbrief import bang.csv --year 2024 --into my-data --provinces-from data/2024.yaml …

How a table is read: the header is the row naming the provinces' column (\"Tỉnh, thành phố\",
\"Địa phương\"), with the merged rows under it; columns are recognised by their words (Chỉ số
CCHC / PAR, SIPAS / hài lòng; Điểm, %, Chỉ số → score; Xếp hạng → rank; with \"vùng\" →
regional rank), with or without diacritics. Numbers as 84,67, 84.67 or 84,67%. Province names
are matched exactly after normalisation (case, spacing, punctuation, tone-mark placement,
\"Tỉnh\"/\"Thành phố\"/\"TP.\"), never by likeness; title, blank, footnote and national-average
rows are passed over.

What it changes: empty (null) figures are filled, each province that gets one cites the
source (--source-*), and the source is added to the file. A figure that differs from the
table's is reported (file:line against Sheet!cell) and nothing is written, unless
--overwrite. Any problem in the table is reported with its cell, and nothing is written.
The file keeps its comments and order: only the values change.";

#[derive(Debug, clap::Args)]
pub(super) struct ImportArgs {
    /// The table: CSV (UTF-8; separated by `,`, `;` or tabs), XLSX, ODS or XLS
    pub(super) table: PathBuf,
    /// The year the results are for: they go into DIR/<YEAR>.yaml
    #[arg(long, value_name = "YEAR")]
    pub(super) year: i32,
    /// The workbook's sheet to read; default: the first
    #[arg(long, value_name = "NAME")]
    pub(super) sheet: Option<String>,
    /// Import only the PAR Index, only SIPAS, or both (each then required); default: every
    /// index the table has. Also says which index a column headed only "Điểm" holds
    #[arg(long, value_enum, value_name = "INDEX")]
    pub(super) index: Option<IndexArg>,
    /// The columns by letter, instead of by their headers, e.g. name=B,par=C,par-rank=D; the
    /// roles: name, par, par-rank, par-region-rank, sipas, sipas-rank, sipas-region-rank
    #[arg(long, value_name = "MAP")]
    pub(super) columns: Option<String>,
    /// The data folder to write <YEAR>.yaml into (created if needed)
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub(super) into: PathBuf,
    /// For a new year: the yearly file whose regions and provinces it takes; default: the
    /// latest earlier year in DIR
    #[arg(long, value_name = "FILE")]
    pub(super) provinces_from: Option<PathBuf>,
    /// The title of the table's source, as published (cited in every briefing that uses it)
    #[arg(long, value_name = "TITLE")]
    pub(super) source_title: String,
    /// The source's web address, or a bibliographic description
    #[arg(long, value_name = "ADDRESS")]
    pub(super) source_address: String,
    /// Who published it; default: Bộ Nội vụ (Ministry of Home Affairs)
    #[arg(long, value_name = "NAME")]
    pub(super) source_publisher: Option<String>,
    /// The publisher's name in English briefings
    #[arg(long, value_name = "NAME")]
    pub(super) source_publisher_en: Option<String>,
    /// The title in English briefings
    #[arg(long, value_name = "TITLE")]
    pub(super) source_title_en: Option<String>,
    /// The source's publication date, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub(super) source_date: Option<String>,
    /// The source's id in the file (letters, digits, `-`, `_`); default: IMP-<YEAR>
    #[arg(long, value_name = "ID")]
    pub(super) source_id: Option<String>,
    /// The day the results were announced, YYYY-MM-DD: required when the year has none yet
    #[arg(long, value_name = "DATE")]
    pub(super) announced: Option<String>,
    /// Replace figures that differ from the table's (each is listed); without it, any
    /// difference stops the import
    #[arg(long)]
    pub(super) overwrite: bool,
    /// Show every change the import would make, and write nothing
    #[arg(long)]
    pub(super) dry_run: bool,
    /// Treat validation warnings (such as published ranks that disagree with the scores) as
    /// errors
    #[arg(long)]
    pub(super) strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum IndexArg {
    /// The PAR Index (Chỉ số CCHC)
    Par,
    /// SIPAS (Chỉ số hài lòng)
    Sipas,
    /// Both, each required
    Both,
}

#[derive(Debug, clap::Args)]
pub(super) struct ListArgs {
    #[command(flatten)]
    pub(super) data: DataArgs,
    /// Only these years (repeatable); default: all
    #[arg(long = "year", value_name = "YEAR")]
    pub(super) years: Vec<i32>,
    /// Only this province's history (repeatable): its rows in every year, with the provinces
    /// it was formed from and the unit it became in a reorganisation
    #[arg(long = "province", value_name = "ID")]
    pub(super) provinces: Vec<String>,
    /// Output format: table, csv, json, or xlsx (an Excel workbook with the CSV's columns;
    /// needs --out)
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub(super) format: FormatArg,
    /// Write to FILE (replaced atomically) instead of printing; required for xlsx. The
    /// workbook's creation time is SOURCE_DATE_EPOCH when set, so its bytes are reproducible
    #[arg(long, value_name = "FILE")]
    pub(super) out: Option<PathBuf>,
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
    /// Render on N threads (default: one per core); the output is identical for any N.
    /// Reading and checking the data, a few milliseconds, uses every core whatever N is
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
    Xlsx,
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
