//! The document's blocks in reading order, from the pieces the template rendered: the form's
//! head (a report's header and addressees, or an appendix's title), the numbered sections with
//! their tables and charts, the directions, the closing block and the sources.

use super::markup::{paragraphs, spans};
use super::{
    Block, BuildError, Chart, Closing, Header, Issue, LineChart, Pieces, Profile, Span, Table,
};
use crate::diagnostics::Diagnostic;
use crate::model::Lang;

/// How the document is issued, with the issuer's texts in the briefing's language and a
/// function that fills in the province's names.
pub(super) struct Form<'a> {
    pub(super) issue: &'a Issue<'a>,
    /// The template's name, for messages.
    pub(super) template: &'a str,
    pub(super) texts: &'a crate::issuer::IssuerTexts,
    pub(super) fill: &'a dyn Fn(&str) -> String,
}

/// The document's blocks in reading order: the form's head, the sections and the sources; in
/// a report, the closing paragraph and block come before the sources, which are its appendix.
pub(super) fn blocks(
    pieces: &Pieces,
    charts: [Option<Chart>; 2],
    lines: [Option<LineChart>; 2],
    data: &crate::model::YearData,
    form: &Form<'_>,
    lang: Lang,
) -> Result<Vec<Block>, BuildError> {
    let report = form.issue.profile == Profile::BaoCao;
    let mut blocks = head(pieces, form);
    blocks.extend(paragraphs(&pieces.intro).into_iter().map(Block::Paragraph));
    for (heading, text) in [
        (&pieces.heading_par, &pieces.par_text),
        (&pieces.heading_sipas, &pieces.sipas_text),
    ] {
        blocks.push(Block::Heading(heading.clone()));
        blocks.extend(paragraphs(text).into_iter().map(Block::Paragraph));
    }
    blocks.push(Block::Heading(pieces.heading_table.clone()));
    blocks.push(Block::Table(figures_table(pieces, form.template)?));
    blocks.extend(paragraphs(&pieces.table_note).into_iter().map(Block::Note));
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
    blocks.extend(history_blocks(pieces, lines, form.template)?);
    blocks.push(Block::Heading(pieces.heading_context.clone()));
    blocks.extend(
        paragraphs(&pieces.context_text)
            .into_iter()
            .map(Block::Paragraph),
    );
    blocks.extend(directions(data, pieces, lang));
    if report {
        // A report's body ends with its last section, the closing sentence, the recipients and
        // the signer; the list of sources is an appendix after the signature (Decree 30, App. I,
        // Part I, III.1), with its own head referring back to the report.
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

/// A table and the note under it; a table without rows is left out, and its note, which then
/// says what it would have shown, is set as text rather than as a table's note.
pub(super) fn table_and_note(
    table: Table,
    note: &str,
    rows_block: &str,
    template: &str,
) -> Result<Vec<Block>, BuildError> {
    if table.rows.is_empty() {
        return Ok(paragraphs(note).into_iter().map(Block::Paragraph).collect());
    }
    check_columns(&table, rows_block, template)?;
    let mut blocks = vec![Block::Table(table)];
    blocks.extend(paragraphs(note).into_iter().map(Block::Note));
    Ok(blocks)
}

/// The history section: what the unit was formed from, its table and the line charts. (What
/// a later reorganisation made of the province is said in the opening, `intro`.)
fn history_blocks(
    pieces: &Pieces,
    lines: [Option<LineChart>; 2],
    template: &str,
) -> Result<Vec<Block>, BuildError> {
    let cells = |row: &str| -> Vec<String> {
        row.split('|')
            .map(|c| c.trim().replace("\\*", "*"))
            .collect()
    };
    let table = Table {
        header: cells(&pieces.history_head),
        rows: pieces
            .history_rows
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(cells)
            .collect(),
    };
    let mut blocks = vec![Block::Heading(pieces.heading_history.clone())];
    blocks.extend(
        paragraphs(&pieces.history_text)
            .into_iter()
            .map(Block::Paragraph),
    );
    // Without rows (only the briefing's own year had figures) the note is the section's text.
    blocks.extend(table_and_note(
        table,
        &pieces.history_table_note,
        "history_rows",
        template,
    )?);
    let captions = [&pieces.history_caption_par, &pieces.history_caption_sipas];
    let labels: Vec<&str> = pieces
        .history_labels
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut charts = Vec::new();
    for (chart, caption) in lines.into_iter().zip(captions) {
        if let Some(mut chart) = chart {
            chart.caption.clone_from(caption);
            chart.note.clone_from(&pieces.history_note);
            chart.average.label.clone_from(&pieces.history_average);
            for (series, label) in chart.series.iter_mut().zip(&labels) {
                series.label = (*label).to_string();
            }
            charts.push(chart);
        }
    }
    if !charts.is_empty() {
        blocks.push(Block::LineCharts(charts));
    }
    Ok(blocks)
}

/// The head of the form: a report's header, title and addressees, or an appendix's head.
pub(super) fn head(pieces: &Pieces, form: &Form<'_>) -> Vec<Block> {
    let fill = form.fill;
    match form.issue.profile {
        Profile::PhuLuc => vec![Block::AppendixTitle {
            label: pieces.appendix_label.clone(),
            title: pieces.appendix_title.clone(),
            reference: pieces.appendix_reference.clone(),
        }],
        Profile::BaoCao => vec![
            Block::Header(Header {
                parent_agency: form.texts.parent_agency.as_deref().map(fill),
                agency: fill(&form.texts.agency),
                number_line: Some(pieces.number_line.clone()),
                national_title: pieces.national_title.clone(),
                motto: pieces.motto.clone(),
                place_date: pieces.place_date.clone(),
            }),
            Block::Title {
                kind: pieces.document_type.clone(),
                summary: pieces.document_summary.clone(),
            },
            Block::Addressees {
                label: pieces.addressee_label.clone(),
                names: form.texts.addressees.iter().map(|a| fill(a)).collect(),
            },
        ],
    }
}

/// Section 5: the year's directions as items a), b), …; nothing when they are not known (the
/// context section then says so).
pub(super) fn directions(data: &crate::model::YearData, pieces: &Pieces, lang: Lang) -> Vec<Block> {
    let Some(directions) = &data.directions else {
        return Vec::new();
    };
    let mut blocks = vec![
        Block::Heading(pieces.heading_directions.clone()),
        Block::Paragraph(spans(&pieces.directions_intro)),
    ];
    blocks.extend(directions.items.iter().enumerate().map(|(i, d)| {
        let (title, body) = match lang {
            Lang::Vi => (&d.title, &d.summary),
            Lang::En => (&d.title_en, &d.summary_en),
        };
        Block::Numbered {
            label: item_label(i, lang),
            title: title.clone(),
            body: body.clone(),
        }
    }));
    blocks
}

/// The label of item `i` of a section: Decree 30's points (điểm) run through the Vietnamese
/// alphabet — a), b), c), d), đ), e), g) … (no f, j, w or z); English ones through a)–z).
fn item_label(i: usize, lang: Lang) -> String {
    const VI: [&str; 23] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
        "t", "u", "v", "x", "y",
    ];
    const EN: [&str; 26] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
        "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    let letters: &[&str] = match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    };
    let n = letters.len();
    let letter = letters[i % n];
    if i < n {
        format!("{letter})")
    } else {
        format!("{}{letter})", letters[(i / n - 1) % n])
    }
}

/// One run-in paragraph: the intro, then every source as the template cites it. A list one
/// source a line would take a page of its own.
pub(super) fn sources(pieces: &Pieces) -> Vec<Span> {
    let mut text = pieces.sources_intro.clone();
    for line in pieces
        .sources_list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        text.push(' ');
        text.push_str(line);
    }
    spans(&text)
}

/// Decree 30, Appendix I, 9.b and 9.d: "- Như trên;" first (the addressees), then each
/// recipient on its own line, "- " before and ";" after, the last line "- Lưu: VT, …." with a
/// full stop.
pub(super) fn closing(form: &Form<'_>, pieces: &Pieces) -> Closing {
    let fill = form.fill;
    let mut recipients = vec![format!("- {};", pieces.as_above)];
    recipients.extend(
        form.texts
            .recipients
            .iter()
            .map(|r| format!("- {};", fill(r))),
    );
    recipients.push(format!("- {}", pieces.archive_line));
    Closing {
        recipients_label: pieces.recipients_label.clone(),
        recipients,
        authority: form.texts.authority.iter().map(|a| fill(a)).collect(),
        signer: form.texts.signer_name.as_deref().map(fill),
    }
}

/// The figures table: the template words every cell (`table_head`, `row_par`, `row_sipas`,
/// cells separated by `|`). A row whose cell count differs from the header's would drop or
/// shift figures, so it is a template error.
fn figures_table(pieces: &Pieces, template: &str) -> Result<Table, BuildError> {
    let cells = |row: &str| -> Vec<String> {
        row.split('|')
            .map(|c| c.trim().replace("\\*", "*"))
            .collect()
    };
    let table = Table {
        header: cells(&pieces.table_head),
        rows: vec![cells(&pieces.row_par), cells(&pieces.row_sipas)],
    };
    check_columns(&table, "row_par and row_sipas", template)?;
    Ok(table)
}

/// Every row of a template-worded table has as many cells as its header: a missing `|` would
/// drop or shift figures.
pub(super) fn check_columns(table: &Table, rows: &str, template: &str) -> Result<(), BuildError> {
    match table.rows.iter().find(|r| r.len() != table.header.len()) {
        None => Ok(()),
        Some(row) => Err(BuildError::Template(Box::new(
            Diagnostic::error(
                crate::diagnostics::Code::TemplateInvalid,
                std::path::Path::new(template),
                None,
                format!("block {rows}"),
            )
            .message(format!(
                "a table has {} columns in its header but {} in a row of `{rows}`",
                table.header.len(),
                row.len()
            ))
            .hint("give every row as many `|`-separated cells as the header"),
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_points_follow_the_vietnamese_alphabet() {
        let vi: Vec<String> = (0..7).map(|i| item_label(i, Lang::Vi)).collect();
        assert_eq!(vi, ["a)", "b)", "c)", "d)", "đ)", "e)", "g)"]);
        assert_eq!(item_label(5, Lang::En), "f)");
    }
}
