//! What a briefing says, independent of how it looks: a format-neutral `Briefing` (metadata
//! and a list of blocks) built from one province's figures, ranks and the year's directions.
//!
//! Rust decides the structure — which sections, in which order, the table and its figures —
//! and the templates (`wording`) say the words. Layout and PDF never decide content.

use serde::Serialize;

use crate::format::{self, Locale};
use crate::model::{Dataset, Index, Score, YearData};
use crate::rank::{Provenance, Rankings, Standing};
use crate::wording::{Lang, Wording};

/// One province's briefing for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    pub year: i32,
    pub province_id: String,
    pub province_name: String,
    pub metadata: Metadata,
    pub blocks: Vec<Block>,
}

/// Document properties (PDF Info dictionary).
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    pub title: String,
    pub subject: String,
    pub keywords: Vec<String>,
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
    pub profile: Profile,
    pub issuer: &'a crate::issuer::Issuer,
    /// The date when the issuer file gives none (reference profile only): the caller's
    /// reproducible date (`SOURCE_DATE_EPOCH`, else the results' announcement date).
    pub fallback_date: Option<chrono::NaiveDate>,
}

/// The Decree 30 header: issuing agency on the left, national title and motto on the right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub parent_agency: Option<String>,
    pub agency: String,
    /// "Số: …/BC-…", only in a báo cáo.
    pub number_line: Option<String>,
    pub national_title: String,
    pub motto: String,
    pub place_date: String,
}

/// Recipients (left) and signer (right) at the end of a báo cáo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    pub recipients_label: String,
    /// Lines as printed: "- …;" and the last "- Lưu: …."
    pub recipients: Vec<String>,
    pub authority: Vec<String>,
    pub signer: Option<String>,
}

/// A horizontal bar chart of scores, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub caption: String,
    /// Said under the chart when it cannot show every province.
    pub note: String,
    /// How many provinces of the region have a score (`bars` may show fewer).
    pub known: usize,
    pub bars: Vec<Bar>,
    /// The axis runs from `from` to `to` (whole points) with a tick every `step`.
    pub from: u32,
    pub to: u32,
    pub step: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: Score,
    pub value_text: String,
    pub highlight: bool,
}

/// A piece of the document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Header(Header),
    /// Document type ("BÁO CÁO") and summary line (trích yếu), centred; `framed` puts the
    /// type in a single-ruled box (the reference profile's label).
    Title {
        kind: String,
        summary: String,
        framed: bool,
    },
    Chart(Chart),
    Closing(Closing),
    Heading(String),
    Paragraph(Vec<Span>),
    /// A numbered item with a bold title and a body paragraph.
    Numbered {
        number: usize,
        title: String,
        body: String,
    },
    Table(Table),
    /// Small print: notes and sources.
    Note(Vec<Span>),
}

/// A run of text; `strong` is bold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Why a briefing could not be built.
#[derive(Debug)]
pub enum BuildError {
    Template(minijinja::Error),
    Missing(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Template(e) => f.write_str(&crate::wording::describe(e)),
            BuildError::Missing(what) => write!(f, "{what}"),
        }
    }
}

impl From<minijinja::Error> for BuildError {
    fn from(e: minijinja::Error) -> Self {
        BuildError::Template(e)
    }
}

/// The blocks the templates must define, in the order `build` asks for them.
const PIECES: [&str; 32] = [
    "national_title",
    "motto",
    "number_line",
    "place_date",
    "chart_caption_par",
    "chart_caption_sipas",
    "chart_note_par",
    "chart_note_sipas",
    "recipients_label",
    "archive_line",
    "meta_title",
    "meta_subject",
    "meta_keywords",
    "document_type",
    "document_summary",
    "heading_par",
    "par_text",
    "heading_sipas",
    "sipas_text",
    "heading_table",
    "table_head",
    "row_par",
    "row_sipas",
    "missing_cell",
    "table_note",
    "heading_context",
    "context_text",
    "heading_directions",
    "directions_intro",
    "directions_missing",
    "heading_sources",
    "sources_intro",
];

/// Builds the briefing of province `id` for `year`.
pub fn build(
    dataset: &Dataset,
    rankings: &Rankings,
    year: i32,
    id: &str,
    wording: &Wording,
    issue: &Issue<'_>,
) -> Result<Briefing, BuildError> {
    let data = dataset
        .year(year)
        .ok_or_else(|| BuildError::Missing(format!("no dataset for {year}")))?;
    let ranks = rankings
        .year(year)
        .ok_or_else(|| BuildError::Missing(format!("no ranking for {year}")))?;
    let p = data
        .province_index(id)
        .ok_or_else(|| BuildError::Missing(format!("no province `{id}` in {year}")))?;
    let previous = dataset.year(year - 1).map(|d| (d, rankings.year(year - 1)));
    let lang = wording.lang();
    let charts =
        [Index::Par, Index::Sipas].map(|index| region_chart(data, p, index, lang.locale()));
    let mut context = Context::new(data, ranks, p, previous, issue, lang);
    let fact = |chart: &Option<Chart>| {
        chart.as_ref().map(|c| ChartFacts {
            known: c.known,
            shown: c.bars.len(),
            from: c.from,
        })
    };
    context.charts = ChartsFacts {
        par: fact(&charts[0]),
        sipas: fact(&charts[1]),
    };
    let texts = wording.render_blocks(
        minijinja::Value::from(minijinja::value::Serde(&context)),
        &PIECES,
    )?;
    let piece = |name: &str| -> String {
        PIECES
            .iter()
            .position(|&n| n == name)
            .map(|i| texts[i].trim().to_string())
            .unwrap_or_default()
    };
    let province = &data.provinces[p];
    let fill = |text: &str| crate::issuer::fill(text, &province.name, &province.full_name);
    let report = issue.profile == Profile::BaoCao;

    let mut blocks = vec![
        Block::Header(Header {
            parent_agency: issue.issuer.parent_agency.as_deref().map(fill),
            agency: fill(&issue.issuer.agency),
            number_line: report.then(|| piece("number_line")),
            national_title: piece("national_title"),
            motto: piece("motto"),
            place_date: piece("place_date"),
        }),
        Block::Title {
            kind: piece("document_type"),
            summary: piece("document_summary"),
            framed: !report,
        },
    ];
    for (heading, text) in [("heading_par", "par_text"), ("heading_sipas", "sipas_text")] {
        blocks.push(Block::Heading(piece(heading)));
        blocks.extend(paragraphs(&piece(text)).into_iter().map(Block::Paragraph));
    }
    blocks.push(Block::Heading(piece("heading_table")));
    blocks.push(Block::Table(figures_table(&context, &piece, lang.locale())));
    blocks.push(Block::Note(spans(&piece("table_note"))));
    let captions = [
        ("chart_caption_par", "chart_note_par"),
        ("chart_caption_sipas", "chart_note_sipas"),
    ];
    for (chart, (caption, note)) in charts.into_iter().zip(captions) {
        if let Some(mut chart) = chart {
            chart.caption = piece(caption);
            chart.note = piece(note);
            blocks.push(Block::Chart(chart));
        }
    }
    blocks.push(Block::Heading(piece("heading_context")));
    blocks.extend(
        paragraphs(&piece("context_text"))
            .into_iter()
            .map(Block::Paragraph),
    );
    blocks.push(Block::Heading(piece("heading_directions")));
    match &data.directions {
        Some(directions) => {
            blocks.push(Block::Paragraph(spans(&piece("directions_intro"))));
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
        }
        None => blocks.push(Block::Paragraph(spans(&piece("directions_missing")))),
    }
    blocks.push(Block::Heading(piece("heading_sources")));
    // One run-in paragraph: a list of addresses one per line would take a page of its own.
    let mut cited = vec![Span {
        text: format!("{} ", piece("sources_intro")),
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
    blocks.push(Block::Note(cited));
    if report {
        blocks.push(Block::Closing(closing(issue.issuer, &piece, &fill)));
    }

    Ok(Briefing {
        year,
        province_id: province.id.clone(),
        province_name: province.name.clone(),
        metadata: Metadata {
            title: piece("meta_title"),
            subject: piece("meta_subject"),
            keywords: piece("meta_keywords")
                .split(',')
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect(),
            author: fill(&issue.issuer.agency),
        },
        blocks,
    })
}

/// Decree 30, Appendix I, 9.d: each recipient on its own line, "- " before and ";" after,
/// the last line "- Lưu: VT, …." with a full stop.
fn closing(
    issuer: &crate::issuer::Issuer,
    piece: &dyn Fn(&str) -> String,
    fill: &dyn Fn(&str) -> String,
) -> Closing {
    let mut recipients: Vec<String> = issuer
        .recipients
        .iter()
        .map(|r| format!("- {};", fill(r)))
        .collect();
    recipients.push(format!("- {}", piece("archive_line")));
    Closing {
        recipients_label: piece("recipients_label"),
        recipients,
        authority: issuer.authority.iter().map(|a| fill(a)).collect(),
        signer: issuer.signer_name.as_deref().map(fill),
    }
}

/// At most this many bars: a chart of a 200-commune region would fill pages.
const MAX_BARS: usize = 15;

/// The leading provinces and the briefed one with its neighbours, when there are too many.
fn shown_bars(bars: Vec<Bar>) -> Vec<Bar> {
    if bars.len() <= MAX_BARS {
        return bars;
    }
    let me = bars.iter().position(|b| b.highlight).unwrap_or(0);
    let keep = |i: usize| i < MAX_BARS - 3 || i.abs_diff(me) <= 1;
    bars.into_iter()
        .enumerate()
        .filter(|&(i, _)| keep(i))
        .map(|(_, b)| b)
        .collect()
}

/// The region's provinces that have a score for `index`, best first; `None` when fewer than
/// two are known (a one-bar chart compares nothing). Caption and note are filled in later.
fn region_chart(data: &YearData, p: usize, index: Index, locale: Locale) -> Option<Chart> {
    let region = data.provinces[p].region;
    let mut bars: Vec<Bar> = data
        .provinces
        .iter()
        .enumerate()
        .filter(|(_, q)| q.region == region)
        .filter_map(|(i, q)| {
            let value = q.published(index).score?;
            Some(Bar {
                label: q.name.clone(),
                value,
                value_text: format::decimal(value, locale),
                highlight: i == p,
            })
        })
        .collect();
    if bars.len() < 2 || !bars.iter().any(|b| b.highlight) {
        return None;
    }
    bars.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| a.label.cmp(&b.label)));
    let known = bars.len();
    bars = shown_bars(bars);
    let low = bars.iter().map(|b| b.value.hundredths()).min().unwrap_or(0);
    let high = bars
        .iter()
        .map(|b| b.value.hundredths())
        .max()
        .unwrap_or(10_000);
    // Whole points, in steps of 5, with room below the lowest bar so it stays visible.
    let step = 5;
    let from = (low / 100).saturating_sub(2) / step * step;
    let to = high.div_ceil(100).div_ceil(step) * step;
    Some(Chart {
        caption: String::new(),
        note: String::new(),
        known,
        bars,
        from,
        to: to.clamp(from + step, 100),
        step,
    })
}

fn figures_table(context: &Context, piece: &dyn Fn(&str) -> String, locale: Locale) -> Table {
    let missing = piece("missing_cell");
    let or_missing = |value: Option<String>| value.unwrap_or_else(|| missing.clone());
    let rank = |s: &RankFacts| or_missing(s.rank.map(|r| format!("{r}/{}", s.of)));
    let row = |label: String, facts: &IndexFacts| {
        vec![
            label,
            or_missing(facts.score_hundredths.map(|h| format::decimal(h, locale))),
            or_missing(
                facts
                    .change_hundredths
                    .map(|c| format::signed_change(c, locale)),
            ),
            rank(&facts.national),
            rank(&facts.regional),
        ]
    };
    Table {
        header: piece("table_head")
            .split('|')
            .map(|h| h.trim().to_string())
            .collect(),
        rows: vec![
            row(piece("row_par"), &context.par),
            row(piece("row_sipas"), &context.sipas),
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

// ---- The template context: structured values; the templates turn them into phrases. ----

#[derive(Debug, Serialize)]
struct Context {
    year: i32,
    previous_year: i32,
    announced: String,
    provinces: u32,
    province: ProvinceFacts,
    region: RegionFacts,
    par: IndexFacts,
    sipas: IndexFacts,
    national: NationalFacts,
    coverage: Coverage,
    directions: Vec<DirectionFacts>,
    sources: Vec<SourceFacts>,
    profile: Profile,
    issuer: IssuerFacts,
    /// The date to print (ISO), or `none` for a placeholder.
    issue_date: Option<String>,
    /// Blank space for a number or date not yet issued (non-breaking, so it is kept).
    blank: &'static str,
    /// What the region charts show: `none` when a chart is not drawn.
    charts: ChartsFacts,
}

#[derive(Debug, Serialize, Default)]
struct ChartsFacts {
    par: Option<ChartFacts>,
    sipas: Option<ChartFacts>,
}

#[derive(Debug, Serialize)]
struct ChartFacts {
    /// How many of the region's provinces have a score.
    known: usize,
    /// How many bars the chart shows (the leaders and the province's neighbours when fewer).
    shown: usize,
    /// The value where the axis starts.
    from: u32,
}

#[derive(Debug, Serialize)]
struct IssuerFacts {
    agency: String,
    code: String,
    number: Option<String>,
    place: String,
    archive: String,
}

#[derive(Debug, Serialize)]
struct ProvinceFacts {
    id: String,
    name: String,
    /// "Tỉnh An Giang"; templates use `province.full_name | lower_first` inside a sentence.
    full_name: String,
}

#[derive(Debug, Serialize)]
struct RegionFacts {
    name: String,
    size: u32,
}

#[derive(Debug, Serialize)]
struct IndexFacts {
    /// Points, e.g. 84.67; `none` when not published.
    score: Option<f64>,
    previous_score: Option<f64>,
    /// Points against the previous year; `none` when either year lacks a score.
    change: Option<f64>,
    national: RankFacts,
    regional: RankFacts,
    #[serde(skip)]
    score_hundredths: Option<Score>,
    #[serde(skip)]
    change_hundredths: Option<i64>,
}

#[derive(Debug, Serialize)]
struct RankFacts {
    rank: Option<u32>,
    of: u32,
    previous: Option<u32>,
    /// Places gained (positive) or lost (negative); `none` when not comparable.
    change: Option<i64>,
    computed: bool,
}

#[derive(Debug, Serialize)]
struct NationalFacts {
    par: AggregateFacts,
    sipas: AggregateFacts,
}

#[derive(Debug, Serialize)]
struct AggregateFacts {
    average: Option<f64>,
    previous_average: Option<f64>,
    above_average: Option<u32>,
}

#[derive(Debug, Serialize)]
struct Coverage {
    par: usize,
    sipas: usize,
    complete: bool,
}

#[derive(Debug, Serialize)]
struct DirectionFacts {
    title: String,
    summary: String,
}

#[derive(Debug, Serialize)]
struct SourceFacts {
    id: String,
    title: String,
    address: String,
}

fn points(score: Score) -> f64 {
    f64::from(score.hundredths()) / 100.0
}

impl Context {
    fn new(
        data: &YearData,
        ranks: &crate::rank::YearRankings,
        p: usize,
        previous: Option<(&YearData, Option<&crate::rank::YearRankings>)>,
        issue: &Issue<'_>,
        lang: Lang,
    ) -> Context {
        let province = &data.provinces[p];
        let region = &data.regions[province.region];
        let fill = |text: &str| crate::issuer::fill(text, &province.name, &province.full_name);
        let index_facts = |index: Index| {
            let now = province.published(index);
            let placing = ranks.placing(index, p);
            let before = previous.and_then(|(prev, prev_ranks)| {
                let q = prev.province_index(&province.id)?;
                Some((
                    prev.provinces[q].published(index).score,
                    prev_ranks.map(|r| r.placing(index, q)),
                ))
            });
            let previous_score = before.and_then(|(s, _)| s);
            let previous_placing = before.and_then(|(_, placing)| placing);
            let change_hundredths = now
                .score
                .zip(previous_score)
                .map(|(a, b)| a.change_since(b));
            IndexFacts {
                score: now.score.map(points),
                previous_score: previous_score.map(points),
                change: change_hundredths.map(|c| c as f64 / 100.0),
                national: rank_facts(placing.national, previous_placing.map(|pp| pp.national)),
                regional: rank_facts(placing.regional, previous_placing.map(|pp| pp.regional)),
                score_hundredths: now.score,
                change_hundredths,
            }
        };
        let aggregate = |index: Index| {
            let a = data.national.of(index);
            AggregateFacts {
                average: a.average.map(points),
                previous_average: a.previous_average.map(points),
                above_average: a.above_average,
            }
        };
        let count = |index: Index| {
            data.provinces
                .iter()
                .filter(|q| q.published(index).score.is_some())
                .count()
        };
        Context {
            year: data.year,
            previous_year: data.year - 1,
            announced: data.announced.format("%Y-%m-%d").to_string(),
            provinces: data.province_count(),
            province: ProvinceFacts {
                id: province.id.clone(),
                name: province.name.clone(),
                full_name: province.full_name.clone(),
            },
            region: RegionFacts {
                name: match lang {
                    Lang::Vi => region.name.clone(),
                    Lang::En => region.name_en.clone(),
                },
                size: data.region_size(province.region),
            },
            par: index_facts(Index::Par),
            sipas: index_facts(Index::Sipas),
            national: NationalFacts {
                par: aggregate(Index::Par),
                sipas: aggregate(Index::Sipas),
            },
            coverage: Coverage {
                par: count(Index::Par),
                sipas: count(Index::Sipas),
                complete: count(Index::Par) == data.provinces.len()
                    && count(Index::Sipas) == data.provinces.len(),
            },
            directions: data
                .directions
                .iter()
                .flat_map(|d| &d.items)
                .map(|d| match lang {
                    Lang::Vi => DirectionFacts {
                        title: d.title.clone(),
                        summary: d.summary.clone(),
                    },
                    Lang::En => DirectionFacts {
                        title: d.title_en.clone(),
                        summary: d.summary_en.clone(),
                    },
                })
                .collect(),
            sources: cited_sources(data, p),
            profile: issue.profile,
            issuer: IssuerFacts {
                agency: fill(&issue.issuer.agency),
                code: issue.issuer.code.clone(),
                number: issue.issuer.number.map(|n| format!("{n:02}")),
                place: fill(&issue.issuer.place),
                archive: issue.issuer.archive.clone(),
            },
            issue_date: issue
                .issuer
                .date
                .or(match issue.profile {
                    Profile::ThamKhao => issue.fallback_date,
                    Profile::BaoCao => None,
                })
                .map(|d| d.format("%Y-%m-%d").to_string()),
            blank: "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}",
            charts: ChartsFacts::default(),
        }
    }
}

/// Places change only when both years ranked the same number of provinces: after the 2025
/// merger (63 → 34) "up 5 places" would compare different tables.
fn rank_facts(now: Standing, before: Option<Standing>) -> RankFacts {
    let comparable = before.filter(|b| b.of == now.of);
    let previous = comparable.and_then(|b| b.rank);
    RankFacts {
        rank: now.rank,
        of: now.of,
        previous,
        change: now
            .rank
            .zip(previous)
            .map(|(r, p)| i64::from(p) - i64::from(r)),
        computed: now.provenance == Provenance::Computed,
    }
}

/// The sources behind this briefing's figures: the announcement, the national figures, the
/// province's own figures and the directions, each once, in that order.
fn cited_sources(data: &YearData, p: usize) -> Vec<SourceFacts> {
    let mut ids: Vec<&String> = Vec::new();
    let all = data
        .announced_sources
        .iter()
        .chain(&data.national.par.sources)
        .chain(&data.national.sipas.sources)
        .chain(&data.provinces[p].sources)
        .chain(data.directions.iter().flat_map(|d| &d.sources));
    for id in all {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.into_iter()
        .filter_map(|id| {
            let s = data.sources.get(id)?;
            Some(SourceFacts {
                id: id.clone(),
                title: s.title.clone(),
                address: s.address.clone(),
            })
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

    #[test]
    fn equal_table_sizes_give_a_place_change_and_different_sizes_none() {
        let standing = |rank, of| Standing {
            rank: Some(rank),
            of,
            provenance: Provenance::Published,
        };
        assert_eq!(
            rank_facts(standing(26, 63), Some(standing(11, 63))).change,
            Some(-15)
        );
        assert_eq!(
            rank_facts(standing(3, 34), Some(standing(11, 63))).change,
            None
        );
    }
}
