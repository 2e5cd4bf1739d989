//! What a briefing says, independent of how it looks: a format-neutral `Briefing` (metadata
//! and a list of blocks) built from one province's figures, ranks and the year's directions.
//!
//! Rust decides the structure — which sections, in which order, the table and its figures —
//! and the templates (`wording`) say the words. Layout and PDF never decide content.

mod chart;
mod context;
mod pieces;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::format;
use crate::model::{Dataset, Index, Lang, Score};
use crate::rank::Rankings;
use crate::wording::Wording;
use context::{Context, IndexFacts, RankFacts, Years};
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
}

/// Which form of document to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Profile {
    /// The full Decree 30 form of a "báo cáo": number, place and date, recipients, signer;
    /// placeholders where no number or date has been issued.
    #[serde(rename = "bao-cao")]
    BaoCao,
    /// The same typography as reference material: no number, recipients or signature.
    #[serde(rename = "tham-khao")]
    ThamKhao,
}

/// How the document is issued: the profile, the issuer configuration and the date to print.
#[derive(Debug, Clone)]
pub struct Issue<'a> {
    /// The document form.
    pub profile: Profile,
    /// Who issues it.
    pub issuer: &'a crate::issuer::Issuer,
    /// The date when the issuer file gives none (reference profile only): the caller's
    /// reproducible date (`SOURCE_DATE_EPOCH`, else the results' announcement date).
    pub fallback_date: Option<chrono::NaiveDate>,
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

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
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
    /// Document type ("BÁO CÁO") and summary line (trích yếu), centred; `framed` puts the
    /// type in a single-ruled box (the reference profile's label).
    Title {
        /// "BÁO CÁO".
        kind: String,
        /// The summary line.
        summary: String,
        /// Whether the type is boxed.
        framed: bool,
    },
    /// A bar chart.
    Chart(Chart),
    /// Recipients and signer.
    Closing(Closing),
    /// A section heading.
    Heading(String),
    /// A body paragraph.
    Paragraph(Vec<Span>),
    /// A numbered item with a bold title and a body paragraph.
    Numbered {
        /// Its number.
        number: usize,
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
    let lang = wording.lang();
    let charts = Index::ALL.map(|index| chart::region_chart(years.data, p, index, lang));
    let mut context = Context::new(&years, p, issue, lang);
    context.charts = context::ChartsFacts {
        par: charts[0].as_ref().map(chart_facts),
        sipas: charts[1].as_ref().map(chart_facts),
    };
    let pieces = Pieces::from_rendered(wording.render_blocks(
        minijinja::Value::from(minijinja::value::Serde(&context)),
        Pieces::NAMES,
    )?);
    let province = &years.data.provinces[p];
    let fill = |text: &str| crate::issuer::fill(text, &province.name, &province.full_name);
    let blocks = blocks(&context, &pieces, charts, years.data, issue, lang, &fill);
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
            author: fill(&issue.issuer.agency),
        },
        blocks,
    })
}

fn chart_facts(chart: &Chart) -> context::ChartFacts {
    context::ChartFacts {
        known: chart.known,
        shown: chart.bars.len(),
        from: chart.from,
    }
}

/// The document's blocks in reading order: header, title, the five sections, sources and,
/// in a report, the closing.
fn blocks(
    context: &Context,
    pieces: &Pieces,
    charts: [Option<Chart>; 2],
    data: &crate::model::YearData,
    issue: &Issue<'_>,
    lang: Lang,
    fill: &dyn Fn(&str) -> String,
) -> Vec<Block> {
    let report = issue.profile == Profile::BaoCao;
    let mut blocks = vec![
        Block::Header(header(pieces, issue, report, fill)),
        Block::Title {
            kind: pieces.document_type.clone(),
            summary: pieces.document_summary.clone(),
            framed: !report,
        },
    ];
    for (heading, text) in [
        (&pieces.heading_par, &pieces.par_text),
        (&pieces.heading_sipas, &pieces.sipas_text),
    ] {
        blocks.push(Block::Heading(heading.clone()));
        blocks.extend(paragraphs(text).into_iter().map(Block::Paragraph));
    }
    blocks.push(Block::Heading(pieces.heading_table.clone()));
    blocks.push(Block::Table(figures_table(context, pieces, lang)));
    blocks.push(Block::Note(spans(&pieces.table_note)));
    let captions = [
        (&pieces.chart_caption_par, &pieces.chart_note_par),
        (&pieces.chart_caption_sipas, &pieces.chart_note_sipas),
    ];
    for (chart, (caption, note)) in charts.into_iter().zip(captions) {
        if let Some(mut chart) = chart {
            chart.caption.clone_from(caption);
            chart.note.clone_from(note);
            blocks.push(Block::Chart(chart));
        }
    }
    blocks.push(Block::Heading(pieces.heading_context.clone()));
    blocks.extend(
        paragraphs(&pieces.context_text)
            .into_iter()
            .map(Block::Paragraph),
    );
    blocks.push(Block::Heading(pieces.heading_directions.clone()));
    blocks.extend(directions(data, pieces, lang));
    blocks.push(Block::Heading(pieces.heading_sources.clone()));
    blocks.push(Block::Note(sources(context, pieces)));
    if report {
        blocks.push(Block::Closing(closing(issue.issuer, pieces, fill)));
    }
    blocks
}

fn header(
    pieces: &Pieces,
    issue: &Issue<'_>,
    report: bool,
    fill: &dyn Fn(&str) -> String,
) -> Header {
    Header {
        parent_agency: issue.issuer.parent_agency.as_deref().map(fill),
        agency: fill(&issue.issuer.agency),
        number_line: report.then(|| pieces.number_line.clone()),
        national_title: pieces.national_title.clone(),
        motto: pieces.motto.clone(),
        place_date: pieces.place_date.clone(),
    }
}

/// Section 5: the year's directions as numbered items, or the sentence saying they are not
/// known.
fn directions(data: &crate::model::YearData, pieces: &Pieces, lang: Lang) -> Vec<Block> {
    let Some(directions) = &data.directions else {
        return vec![Block::Paragraph(spans(&pieces.directions_missing))];
    };
    let mut blocks = vec![Block::Paragraph(spans(&pieces.directions_intro))];
    blocks.extend(directions.items.iter().enumerate().map(|(i, d)| {
        let (title, body) = match lang {
            Lang::Vi => (&d.title, &d.summary),
            Lang::En => (&d.title_en, &d.summary_en),
        };
        Block::Numbered {
            number: i + 1,
            title: title.clone(),
            body: body.clone(),
        }
    }));
    blocks
}

/// One run-in paragraph: a list of addresses one per line would take a page of its own.
fn sources(context: &Context, pieces: &Pieces) -> Vec<Span> {
    let mut cited = vec![Span {
        text: format!("{} ", pieces.sources_intro),
        strong: false,
    }];
    for (i, source) in context.sources.iter().enumerate() {
        let separator = if i + 1 == context.sources.len() {
            "."
        } else {
            "; "
        };
        cited.push(Span {
            text: format!("[{}]", source.id),
            strong: true,
        });
        cited.push(Span {
            text: format!(" {}, {}{separator}", source.title, source.address),
            strong: false,
        });
    }
    cited
}

/// Decree 30, Appendix I, 9.d: each recipient on its own line, "- " before and ";" after,
/// the last line "- Lưu: VT, …." with a full stop.
fn closing(
    issuer: &crate::issuer::Issuer,
    pieces: &Pieces,
    fill: &dyn Fn(&str) -> String,
) -> Closing {
    let mut recipients: Vec<String> = issuer
        .recipients
        .iter()
        .map(|r| format!("- {};", fill(r)))
        .collect();
    recipients.push(format!("- {}", pieces.archive_line));
    Closing {
        recipients_label: pieces.recipients_label.clone(),
        recipients,
        authority: issuer.authority.iter().map(|a| fill(a)).collect(),
        signer: issuer.signer_name.as_deref().map(fill),
    }
}

fn figures_table(context: &Context, pieces: &Pieces, lang: Lang) -> Table {
    let missing = &pieces.missing_cell;
    let or_missing = |value: Option<String>| value.unwrap_or_else(|| missing.clone());
    let rank = |s: &RankFacts| or_missing(s.rank.map(|r| format!("{r}/{}", s.of)));
    let row = |label: &String, facts: &IndexFacts| {
        vec![
            label.clone(),
            or_missing(facts.score_hundredths.map(|h| format::decimal(h, lang))),
            or_missing(
                facts
                    .change_hundredths
                    .map(|c| format::signed_change(c, lang)),
            ),
            rank(&facts.national),
            rank(&facts.regional),
        ]
    };
    Table {
        header: pieces
            .table_head
            .split('|')
            .map(|h| h.trim().to_string())
            .collect(),
        rows: vec![
            row(&pieces.row_par, &context.par),
            row(&pieces.row_sipas, &context.sipas),
        ],
    }
}

/// Splits template output into paragraphs at blank lines, joining wrapped lines with a space.
pub fn paragraphs(text: &str) -> Vec<Vec<Span>> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim).chain(std::iter::once("")) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(spans(&current.join(" ")));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    out
}

/// Parses `**bold**` markup into spans; whitespace runs collapse to one space.
pub fn spans(text: &str) -> Vec<Span> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.split("**")
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| Span {
            text: part.to_string(),
            strong: i % 2 == 1,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_asterisks_mark_bold_spans() {
        let got = spans("đạt **84,67 điểm**, xếp hạng **26/63**.");
        let texts: Vec<(&str, bool)> = got.iter().map(|s| (s.text.as_str(), s.strong)).collect();
        assert_eq!(
            texts,
            vec![
                ("đạt ", false),
                ("84,67 điểm", true),
                (", xếp hạng ", false),
                ("26/63", true),
                (".", false)
            ]
        );
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_wrapped_lines_join() {
        let got = paragraphs("Một\nhai\n\n  Ba  \n\n\n");
        assert_eq!(got, vec![spans("Một hai"), spans("Ba")]);
    }
}
