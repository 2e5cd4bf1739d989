//! The national overview of a year (`tong-hop.pdf`): what it says, independent of how it
//! looks. The same kind of [`Briefing`](super::Briefing) as a province's, in the same Decree
//! 30 form, built from the same facts: every province's score and rank in one national
//! table, one table per region with its average where every score is printed, a chart of
//! each index's distribution with the national average, the national averages against the
//! previous year (side by side, not subtracted, across a reorganisation), the year's
//! directions, and the sources behind the printed figures.
//!
//! Its words come from its own template (`templates/<lang>/overview.j2`), which shares the
//! form's blocks (head, directions, sources, closing) with the briefing's. It belongs to no
//! province, so the issuer file's placeholders (a province's names) print as "…".

mod facts;

use super::blocks::{Form, closing, directions, head, sources, table_and_note};
use super::context::{Years, issuer_facts};
use super::markup::{paragraphs, spans};
use super::pieces::pieces;
use super::{Block, BuildError, Distribution, Issue, Metadata, Pieces, Profile, Table};
use crate::model::{Dataset, Index, Lang, OVERVIEW_ID};
use crate::rank::Rankings;
use crate::wording::Wording;
use facts::{ChartFacts, ChartsFacts, OverviewContext, distribution, region_table, rows};

pieces! {
    /// The rendered text of the overview's own blocks, trimmed.
    OverviewPieces;
    /// The national table's heading.
    heading_national,
    /// The text before the national table: how it is ordered.
    national_text,
    /// The national table's column headings, separated by `|`.
    national_head,
    /// Its rows, one a line, cells separated by `|`.
    national_rows,
    /// The note under it: its dashes and marks.
    national_note,
    /// The regions' heading.
    heading_regions,
    /// The text under it: how many regions, how their tables are ordered.
    regions_text,
    /// The PAR chart's caption.
    chart_caption_par,
    /// The SIPAS chart's caption.
    chart_caption_sipas,
    /// The note under the PAR chart.
    chart_note_par,
    /// The note under the SIPAS chart.
    chart_note_sipas,
    /// The label of the PAR chart's average line.
    chart_average_par,
    /// The label of the SIPAS chart's average line.
    chart_average_sipas,
}

pieces! {
    /// The rendered text of one region's blocks, trimmed.
    RegionPieces;
    /// The region's heading.
    region_heading,
    /// Its table's column headings.
    region_head,
    /// Its rows, and its average's.
    region_rows,
    /// The note under its table.
    region_note,
}

/// The blocks of the form, the opening, the national results, the directions and the sources,
/// which the overview's template words like the briefing's.
const FORM_NAMES: &[&str] = &[
    "meta_title",
    "meta_subject",
    "meta_keywords",
    "national_title",
    "motto",
    "number_line",
    "place_date",
    "document_type",
    "document_summary",
    "addressee_label",
    "appendix_label",
    "appendix_title",
    "appendix_reference",
    "intro",
    "heading_context",
    "context_text",
    "heading_directions",
    "directions_intro",
    "heading_sources",
    "sources_appendix_title",
    "sources_appendix_reference",
    "sources_intro",
    "sources_list",
    "closing_text",
    "recipients_label",
    "as_above",
    "archive_line",
];

/// Builds the overview of `year` in the language of `wording` (the overview's template).
pub fn build(
    dataset: &Dataset,
    rankings: &Rankings,
    year: i32,
    wording: &Wording,
    issue: &Issue<'_>,
) -> Result<super::Briefing, BuildError> {
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
    let lang = wording.lang();
    let data = years.data;
    let charts = Index::ALL.map(|index| distribution(data, index, lang));
    let issuer = issuer_facts(issue, lang, &BLANK_NAMES);
    let rows = rows(&years, lang, issue.printed_only);
    let tables: Vec<_> = (0..data.regions.len())
        .map(|region| region_table(data, &rows, region, lang))
        .collect();
    let shown = cited(&rows, &charts);
    let mut context =
        OverviewContext::new(&years, rows, charts_facts(&charts), issue, issuer, lang);
    context.regional_averages = tables.iter().any(facts::RegionTable::has_average);
    context.sources = super::citations::overview_sources(dataset, year, &shown, lang);
    let (pieces, own) = render(wording, &context)?;
    let mut regions = Vec::new();
    for table in tables {
        context.region = Some(table);
        let texts = render_value(wording, &context, RegionPieces::NAMES)?;
        regions.push(RegionPieces::from_rendered(texts));
    }
    let texts = match lang {
        Lang::Vi => &issue.issuer.vi,
        Lang::En => &issue.issuer.en,
    };
    let fill = |text: &str| crate::issuer::fill(text, &BLANK_NAMES);
    let form = Form {
        issue,
        template: wording.name(),
        texts,
        fill: &fill,
    };
    let content = Content {
        pieces: &pieces,
        own: &own,
        regions: &regions,
        charts,
    };
    let mut blocks = blocks(&content, data, &form, lang)?;
    super::lang::mark_titles(&mut blocks, &context.sources, lang);
    Ok(super::Briefing {
        year,
        province_id: OVERVIEW_ID.to_string(),
        // The overview is about no single province; the year is what it must state.
        province_name: String::new(),
        metadata: metadata(&pieces, fill(&texts.agency), lang),
        blocks,
    })
}

/// The overview belongs to no province: the issuer file's placeholders print as blanks.
const BLANK_NAMES: crate::issuer::Names<'static> = crate::issuer::Names {
    name: "…",
    full_name: "…",
    place: "…",
    name_en: "…",
    place_en: "…",
};

/// The charts' numbers (from 1, in order) and what each shows.
fn charts_facts(charts: &[Option<Distribution>; 2]) -> ChartsFacts {
    let mut number = 0;
    let [par, sipas] = charts.each_ref().map(|c| {
        c.as_ref().map(|c| {
            number += 1;
            ChartFacts {
                number,
                known: c.marks.len(),
                cut: c.from > 0,
            }
        })
    });
    ChartsFacts { par, sipas }
}

fn metadata(pieces: &Pieces, author: String, lang: Lang) -> Metadata {
    Metadata {
        title: pieces.meta_title.clone(),
        subject: pieces.meta_subject.clone(),
        keywords: pieces
            .meta_keywords
            .split(',')
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect(),
        author,
        lang,
    }
}

/// The provinces whose figures the overview prints — in a table cell or as a chart's mark —
/// in the national table's order: their sources are cited.
fn cited(rows: &[facts::Row], charts: &[Option<Distribution>; 2]) -> Vec<String> {
    rows.iter()
        .filter(|r| {
            r.shows(false)
                || r.shows(true)
                || charts
                    .iter()
                    .flatten()
                    .any(|c| c.marks.iter().any(|m| m.province_id == r.id))
        })
        .map(|r| r.id.clone())
        .collect()
}

/// The form's pieces and the overview's own, rendered with `context`.
fn render(
    wording: &Wording,
    context: &OverviewContext,
) -> Result<(Pieces, OverviewPieces), BuildError> {
    let names: Vec<&str> = FORM_NAMES
        .iter()
        .chain(OverviewPieces::NAMES)
        .copied()
        .collect();
    let mut texts = render_value(wording, context, &names)?;
    let own = texts.split_off(FORM_NAMES.len());
    Ok((
        Pieces::from_named(FORM_NAMES, texts),
        OverviewPieces::from_rendered(own),
    ))
}

fn render_value(
    wording: &Wording,
    context: &OverviewContext,
    names: &[&str],
) -> Result<Vec<String>, BuildError> {
    Ok(wording.render_blocks(
        minijinja::Value::from(minijinja::value::Serde(context)),
        names,
    )?)
}

/// What the template worded, and the charts.
struct Content<'a> {
    pieces: &'a Pieces,
    own: &'a OverviewPieces,
    regions: &'a [RegionPieces],
    charts: [Option<Distribution>; 2],
}

/// The overview's blocks in reading order: the form's head, the opening, (1) the national
/// results with the two charts, (2) the national table, (3) a table per region, (4) the
/// directions; a report's closing; the sources.
fn blocks(
    content: &Content<'_>,
    data: &crate::model::YearData,
    form: &Form<'_>,
    lang: Lang,
) -> Result<Vec<Block>, BuildError> {
    let (pieces, own) = (content.pieces, content.own);
    let mut blocks = head(pieces, form);
    blocks.extend(paragraphs(&pieces.intro).into_iter().map(Block::Paragraph));
    blocks.push(Block::Heading(pieces.heading_context.clone()));
    blocks.extend(
        paragraphs(&pieces.context_text)
            .into_iter()
            .map(Block::Paragraph),
    );
    let words = [
        (
            &own.chart_caption_par,
            &own.chart_note_par,
            &own.chart_average_par,
        ),
        (
            &own.chart_caption_sipas,
            &own.chart_note_sipas,
            &own.chart_average_sipas,
        ),
    ];
    for (chart, (caption, note, average)) in content.charts.iter().zip(words) {
        if let Some(chart) = chart {
            let mut chart = chart.clone();
            chart.caption.clone_from(caption);
            chart.note.clone_from(note);
            if let Some((_, label)) = &mut chart.average {
                label.clone_from(average);
            }
            blocks.push(Block::Distribution(chart));
        }
    }
    blocks.push(Block::Heading(own.heading_national.clone()));
    blocks.extend(
        paragraphs(&own.national_text)
            .into_iter()
            .map(Block::Paragraph),
    );
    blocks.extend(table_and_note(
        table(&own.national_head, &own.national_rows),
        &own.national_note,
        "national_rows",
        form.template,
    )?);
    blocks.push(Block::Heading(own.heading_regions.clone()));
    blocks.extend(
        paragraphs(&own.regions_text)
            .into_iter()
            .map(Block::Paragraph),
    );
    for region in content.regions {
        blocks.push(Block::Heading(region.region_heading.clone()));
        let table = table(&region.region_head, &region.region_rows);
        // A region none of whose provinces has a figure gets a sentence, not a table.
        blocks.extend(table_and_note(
            table,
            &region.region_note,
            "region_rows",
            form.template,
        )?);
    }
    blocks.extend(directions(data, pieces, lang));
    if form.issue.profile == Profile::BaoCao {
        blocks.push(Block::Paragraph(spans(&pieces.closing_text)));
        blocks.push(Block::Closing(closing(form, pieces)));
        blocks.push(Block::AppendixTitle {
            label: pieces.appendix_label.clone(),
            title: pieces.sources_appendix_title.clone(),
            reference: pieces.sources_appendix_reference.clone(),
        });
    } else {
        blocks.push(Block::Heading(pieces.heading_sources.clone()));
    }
    blocks.push(Block::Note(sources(pieces)));
    Ok(blocks)
}

/// A table worded by the template: a header and rows of `|`-separated cells.
fn table(head: &str, rows: &str) -> Table {
    let cells = |row: &str| -> Vec<String> {
        row.split('|')
            .map(|c| c.trim().replace("\\*", "*"))
            .collect()
    };
    Table {
        header: cells(head),
        rows: rows
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(cells)
            .collect(),
    }
}
