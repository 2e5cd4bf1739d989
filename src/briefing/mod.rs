//! What a briefing says, independent of how it looks: a format-neutral `Briefing` (metadata
//! and a list of blocks) built from one province's figures, ranks and the year's directions.
//!
//! Rust decides the structure — which sections, in which order, the table and its figures —
//! and the templates (`wording`) say the words. Layout and PDF never decide content.

mod blocks;
mod chart;
mod citations;
mod context;
mod history;
mod history_facts;
mod lang;
mod markup;
mod naming;
pub mod overview;
mod pieces;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::{Dataset, Index, Lang, Score};
use crate::rank::Rankings;
use crate::wording::Wording;
use blocks::{Form, blocks};
use context::{Context, Years};
use history_facts::{history_facts, line_charts};
pub use markup::{paragraphs, spans};
pub use pieces::Pieces;

/// One province's briefing for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    /// The year of the results.
    pub year: i32,
    /// The province's id.
    pub province_id: String,
    /// The province's short name.
    pub province_name: String,
    /// Document properties.
    pub metadata: Metadata,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
}

/// Document properties (PDF Info dictionary).
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    /// Document title.
    pub title: String,
    /// Document subject.
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// The issuing agency.
    pub author: String,
    /// The language of the document.
    pub lang: Lang,
}

/// Which form of Decree 30 document to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Profile {
    /// A "phụ lục" (appendix, App. I, Part I, III.1): the form for a document attached to
    /// official correspondence. "Phụ lục", its title and the reference to the cover letter,
    /// whose blanks an electronic document may leave empty.
    #[serde(rename = "phu-luc")]
    PhuLuc,
    /// A "báo cáo" to a superior: number, place and date, "Kính gửi", the end mark "./.",
    /// recipients starting "- Như trên;", and the signer's block.
    #[serde(rename = "bao-cao")]
    BaoCao,
}

/// How the document is issued: the profile, the issuer, the date, and which figures to show.
#[derive(Debug, Clone)]
pub struct Issue<'a> {
    /// The document form.
    pub profile: Profile,
    /// Who issues it.
    pub issuer: &'a crate::issuer::Issuer,
    /// The day the document is made; `None` leaves the date line's blanks.
    pub date: Option<chrono::NaiveDate>,
    /// Leave out figures read from a listing or deduced, instead of marking them.
    pub printed_only: bool,
}

/// The Decree 30 header: issuing agency on the left, national title and motto on the right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Parent agency lines, if any.
    pub parent_agency: Option<String>,
    /// Issuing agency.
    pub agency: String,
    /// "Số: …/BC-…", only in a báo cáo.
    pub number_line: Option<String>,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
    pub national_title: String,
    /// "Độc lập - Tự do - Hạnh phúc".
    pub motto: String,
    /// The place-and-date line.
    pub place_date: String,
}

/// Recipients (left) and signer (right) at the end of a báo cáo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    /// "Nơi nhận:".
    pub recipients_label: String,
    /// Lines as printed: "- …;" and the last "- Lưu: …."
    pub recipients: Vec<String>,
    /// The signer's authority lines.
    pub authority: Vec<String>,
    /// The signer's name, if known.
    pub signer: Option<String>,
}

/// A horizontal bar chart of scores, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// "Hình 1. …".
    pub caption: String,
    /// Said under the chart when it cannot show every province.
    pub note: String,
    /// How many provinces of the region have a score (`bars` may show fewer).
    pub known: usize,
    /// The bars, best first.
    pub bars: Vec<Bar>,
    /// The axis runs from `from` to `to` (whole points) with a tick every `step`.
    pub from: u32,
    /// Where the axis ends.
    pub to: u32,
    /// Points between ticks.
    pub step: u32,
}

/// A line chart of scores over the years: one series per province (the briefed unit, or
/// each province it was formed from) and the national average. A year without a figure is a
/// gap in its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineChart {
    /// "Hình 3. …".
    pub caption: String,
    /// Said under the chart (what the gaps are).
    pub note: String,
    /// The years along the axis, oldest first.
    pub years: Vec<i32>,
    /// The provinces' series, the briefed unit first.
    pub series: Vec<LineSeries>,
    /// The national average.
    pub average: LineSeries,
    /// The score axis runs from `from` to `to` (whole points) with a line every `step`.
    pub from: u32,
    /// Where the axis ends.
    pub to: u32,
    /// Points between grid lines.
    pub step: u32,
}

/// One line of a line chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSeries {
    /// Its name in the legend.
    pub label: String,
    /// One value per year of the chart; `None` where the dataset has none.
    pub values: Vec<Option<Score>>,
    /// The values as printed (empty where there is none): next to the briefed unit's points,
    /// and for every line in the chart's alternative text.
    pub value_texts: Vec<String>,
}

/// The distribution of one index's scores over every province that has one: a mark per
/// province along a score axis, and the national average as a line across it (the overview's
/// charts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distribution {
    /// "Hình 1. …".
    pub caption: String,
    /// Said under the chart (what a mark is, where the axis starts).
    pub note: String,
    /// One per province with a score, best first (`highlight` is never set).
    pub marks: Vec<Bar>,
    /// The national average and its label ("Trung bình cả nước: 81,09"), when known.
    pub average: Option<(Score, String)>,
    /// The axis runs from `from` to `to` (whole points) with a tick every `step`.
    pub from: u32,
    /// Where the axis ends.
    pub to: u32,
    /// Points between ticks.
    pub step: u32,
}

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The province's id (its sources are cited because the chart shows it).
    pub province_id: String,
    /// The province's name.
    pub label: String,
    /// Its score.
    pub value: Score,
    /// The score as printed.
    pub value_text: String,
    /// Whether this is the briefed province.
    pub highlight: bool,
}

/// A piece of the document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The Decree 30 header.
    Header(Header),
    /// Document type ("BÁO CÁO") and summary line (trích yếu), centred, ruled beneath.
    Title {
        /// "BÁO CÁO".
        kind: String,
        /// The summary line.
        summary: String,
    },
    /// "Kính gửi: …", centred under the title (App. I, II.9.b).
    Addressees {
        /// "Kính gửi:".
        label: String,
        /// One or more addressees.
        names: Vec<String>,
    },
    /// An appendix's head (App. I, Part I, III.1): "Phụ lục", the title, the reference line.
    AppendixTitle {
        /// "Phụ lục".
        label: String,
        /// The title, in capitals.
        title: String,
        /// "(Kèm theo Công văn số …)".
        reference: String,
    },
    /// A bar chart.
    Chart(Chart),
    /// Line charts, side by side.
    LineCharts(Vec<LineChart>),
    /// The distribution of one index's scores (the overview).
    Distribution(Distribution),
    /// Recipients and signer.
    Closing(Closing),
    /// A section heading.
    Heading(String),
    /// A body paragraph.
    Paragraph(Vec<Span>),
    /// A labelled item ("a)") with a bold title and a body paragraph.
    Numbered {
        /// Its label, e.g. "a)".
        label: String,
        /// Bold run-in title.
        title: String,
        /// The text.
        body: String,
    },
    /// A table.
    Table(Table),
    /// Small print: notes and sources.
    Note(Vec<Span>),
}

/// A run of text; `strong` is bold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Bold.
    pub strong: bool,
    /// Its language (ISO 639) where it is not the document's: a source's title as published.
    pub lang: Option<String>,
}

/// A table with a header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column headings.
    pub header: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

/// Why a briefing could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The template failed to render.
    #[error("{}", .0.render(None))]
    Template(Box<Diagnostic>),
    /// The year or province is not in the data.
    #[error("{0}")]
    Missing(String),
}

impl From<Box<Diagnostic>> for BuildError {
    fn from(d: Box<Diagnostic>) -> Self {
        BuildError::Template(d)
    }
}

/// Builds the briefing of province `id` for `year`.
pub fn build(
    dataset: &Dataset,
    rankings: &Rankings,
    year: i32,
    id: &str,
    wording: &Wording,
    issue: &Issue<'_>,
) -> Result<Briefing, BuildError> {
    let missing = |what: String| BuildError::Missing(what);
    let (years, p) = years_of(dataset, rankings, year, id)?;
    let lang = wording.lang();
    let charts = Index::ALL.map(|index| chart::region_chart(years.data, p, index, lang));
    let issuing =
        history::issuing_unit(dataset, year, id, issue.date).unwrap_or(&years.data.provinces[p]);
    let mut context = Context::new(&years, p, issue, issuing, lang);
    let mut number = 0;
    let [par, sipas] = charts.each_ref().map(|c| {
        c.as_ref().map(|c| {
            number += 1;
            chart_facts(c, number)
        })
    });
    context.charts = context::ChartsFacts { par, sipas };
    let history = history::history(dataset, rankings, year, id, lang, issue.printed_only)
        .ok_or_else(|| missing(format!("no history for `{id}` in {year}")))?;
    let mut lines = line_charts(&history, lang);
    let bases = history_facts::line_bases(&history);
    context.sources =
        citations::briefing_sources(dataset, year, id, &charts, &history, &lines, lang);
    context.history = history_facts(history, &lines, &mut number);
    context.number_marks();
    history_facts::mark_points(&mut lines, &bases, &context.symbols);
    context.became = history::became(dataset, year, id, lang);
    let pieces = Pieces::from_rendered(wording.render_blocks(
        minijinja::Value::from(minijinja::value::Serde(&context)),
        Pieces::NAMES,
    )?);
    let province = &years.data.provinces[p];
    let issuing = history::issuing_unit(dataset, year, id, issue.date).unwrap_or(province);
    let (name_en, place_en) = naming::names(issuing);
    let names = crate::issuer::Names {
        name: &issuing.name,
        full_name: &issuing.full_name,
        place: &issuing.place_name,
        name_en: &name_en,
        place_en: &place_en,
    };
    let texts = match lang {
        Lang::Vi => &issue.issuer.vi,
        Lang::En => &issue.issuer.en,
    };
    let fill = |text: &str| crate::issuer::fill(text, &names);
    let form = Form {
        issue,
        template: wording.name(),
        texts,
        fill: &fill,
    };
    let mut blocks = blocks(&pieces, charts, lines, years.data, &form, lang)?;
    lang::mark_titles(&mut blocks, &context.sources, lang);
    Ok(Briefing {
        year,
        province_id: province.id.clone(),
        province_name: province.name.clone(),
        metadata: Metadata {
            title: pieces.meta_title.clone(),
            subject: pieces.meta_subject.clone(),
            keywords: pieces
                .meta_keywords
                .split(',')
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect(),
            author: fill(&texts.agency),
            lang,
        },
        blocks,
    })
}

/// The year's dataset and ranks (and the previous year's), and the index of province `id`.
fn years_of<'a>(
    dataset: &'a Dataset,
    rankings: &'a Rankings,
    year: i32,
    id: &str,
) -> Result<(Years<'a>, usize), BuildError> {
    let missing = |what: String| BuildError::Missing(what);
    let years = Years {
        data: dataset
            .year(year)
            .ok_or_else(|| missing(format!("no dataset for {year}")))?,
        ranks: rankings
            .year(year)
            .ok_or_else(|| missing(format!("no ranking for {year}")))?,
        previous: dataset.year(year - 1).map(|d| (d, rankings.year(year - 1))),
    };
    let p = years
        .data
        .province_index(id)
        .ok_or_else(|| missing(format!("no province `{id}` in {year}")))?;
    Ok((years, p))
}

fn chart_facts(chart: &Chart, number: usize) -> context::ChartFacts {
    context::ChartFacts {
        number,
        known: chart.known,
        shown: chart.bars.len(),
    }
}
