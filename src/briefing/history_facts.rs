//! The facts of section 4, "Kết quả qua các năm", from the province's history: its table's
//! rows (years without any figure left out and named), the marks and gaps they carry, and its
//! two line charts.

use super::{LineChart, LineSeries, context, history};
use crate::model::{Index, Lang, Score};

/// The history's two line charts (PAR, SIPAS); `None` for an index without a single figure.
pub(super) fn line_charts(history: &history::History, lang: Lang) -> [Option<LineChart>; 2] {
    Index::ALL.map(|index| {
        let values = |s: &history::Series| -> Vec<Option<Score>> {
            charted(history, s, index)
                .map(|f| f.and_then(|f| f.exact))
                .collect()
        };
        let series: Vec<LineSeries> = history
            .series
            .iter()
            .map(|s| {
                let values = values(s);
                LineSeries {
                    label: s.label.clone(),
                    value_texts: texts(&values, lang),
                    values,
                }
            })
            .collect();
        // A trend needs two points: a line of one shows nothing the table does not.
        if series.iter().all(|s| s.values.iter().flatten().count() < 2) {
            return None;
        }
        let average = match index {
            Index::Par => history.averages.par.clone(),
            Index::Sipas => history.averages.sipas.clone(),
        };
        let all = series
            .iter()
            .flat_map(|s| &s.values)
            .chain(&average)
            .flatten()
            .map(|v| v.hundredths());
        let (low, high) = all.fold((10_000, 0), |(lo, hi), v| (lo.min(v), hi.max(v)));
        // A line encodes by position, not length: the axis may start above 0, at a multiple
        // of 5 points below the lowest value, and says where it starts.
        let from = (low / 100).saturating_sub(1) / 5 * 5;
        let to = (high.div_ceil(100).div_ceil(5) * 5).clamp(from + 5, 100);
        Some(LineChart {
            caption: String::new(),
            note: String::new(),
            years: history.averages.years.clone(),
            series,
            average: LineSeries {
                label: String::new(),
                value_texts: texts(&average, lang),
                values: average,
            },
            from,
            to,
            step: 5,
        })
    })
}

/// Scores as printed, "" where there is none.
/// How each charted score was obtained: per chart (PAR, SIPAS), series and year, in the
/// order of [`line_charts`].
pub(super) fn line_bases(history: &history::History) -> [Vec<Vec<&'static str>>; 2] {
    Index::ALL.map(|index| {
        history
            .series
            .iter()
            .map(|s| {
                charted(history, s, index)
                    .map(|f| f.map_or("printed", |f| f.score_basis))
                    .collect()
            })
            .collect()
    })
}

/// A series' figures of `index` for each year the charts span (`None` for a year it lacks).
fn charted<'a>(
    history: &'a history::History,
    s: &'a history::Series,
    index: Index,
) -> impl Iterator<Item = Option<&'a history::Figures>> {
    history.averages.years.iter().map(move |y| {
        s.years.iter().find(|f| f.year == *y).map(|f| match index {
            Index::Par => &f.par,
            Index::Sipas => &f.sipas,
        })
    })
}

/// Gives a charted score that is not a printed figure the mark it has in the table
/// ("83,88(*)"): a chart must not show a deduced score as a bare number.
pub(super) fn mark_points(
    lines: &mut [Option<LineChart>; 2],
    bases: &[Vec<Vec<&'static str>>; 2],
    symbols: &context::Symbols,
) {
    for (line, bases) in lines.iter_mut().zip(bases) {
        let Some(line) = line else { continue };
        for (series, bases) in line.series.iter_mut().zip(bases) {
            for (text, basis) in series.value_texts.iter_mut().zip(bases) {
                if let Some(symbol) = symbols.plain(basis).filter(|_| !text.is_empty()) {
                    text.push_str(&symbol);
                }
            }
        }
    }
}

fn texts(values: &[Option<Score>], lang: Lang) -> Vec<String> {
    values
        .iter()
        .map(|v| {
            v.map(|v| crate::format::decimal(v, lang))
                .unwrap_or_default()
        })
        .collect()
}

pub(super) fn history_facts(
    history: history::History,
    lines: &[Option<LineChart>; 2],
    number: &mut usize,
) -> context::HistoryFacts {
    let mut next = |present: bool| {
        present.then(|| {
            *number += 1;
            *number
        })
    };
    let number_par = next(lines[0].is_some());
    let number_sipas = next(lines[1].is_some());
    let cut_axes = [number_par, number_sipas]
        .into_iter()
        .zip(lines)
        .filter_map(|(n, chart)| n.filter(|_| chart.as_ref().is_some_and(|c| c.from > 0)))
        .collect();
    let unit = history.series.iter().find(|s| !s.predecessor);
    let kept_name = history
        .series
        .iter()
        .any(|s| s.predecessor && unit.is_some_and(|u| u.name == s.name));
    // A dash in some cell of the table (a missing score also breaks a chart's line).
    // A cell left out because the sources disagree has a mark and a note of its own.
    let gap = |value: bool, basis: &str| !value && !context::left_out(basis);
    let gaps = history.series.iter().flat_map(|s| &s.years).any(|y| {
        let (par, sipas) = (&y.par, &y.sipas);
        gap(par.score.is_some(), par.score_basis)
            || gap(par.rank.is_some(), par.rank_basis)
            || gap(par.regional.is_some(), par.regional_basis)
            || gap(sipas.score.is_some(), sipas.score_basis)
            || gap(sipas.rank.is_some(), sipas.rank_basis)
    });
    // A year without any figure would be a row of dashes: the note names it instead.
    let mut rows = history_rows(&history);
    let empty_years = empty_years(&rows);
    rows.retain(|r| !empty_years.contains(&r.year));
    let multi = history.series.len() > 1;
    // Only this year's row left: it would repeat the summary table, so a sentence says that
    // the earlier years have no figures instead of a one-row table.
    let repeats_summary =
        !multi && rows.len() == 1 && history.averages.years.last() == Some(&rows[0].year);
    if repeats_summary {
        rows.clear();
    }
    context::HistoryFacts {
        multi,
        rows,
        repeats_summary,
        empty_years,
        years: history.averages.years.clone(),
        gaps: gaps && !repeats_summary,
        marks: if repeats_summary {
            context::Marks::default()
        } else {
            history_marks(&history)
        },
        formed: history
            .formed
            .map(|(year, effective, resolution)| context::Formed {
                year,
                effective,
                resolution,
            }),
        series: history.series,
        number_par,
        number_sipas,
        charts: lines.iter().flatten().count(),
        cut_axes,
        kept_name,
        region: history.region,
    }
}

/// The marks the history table's figures need.
fn history_marks(history: &history::History) -> context::Marks {
    let mut marks = context::Marks::default();
    for figures in history
        .series
        .iter()
        .flat_map(|s| &s.years)
        .flat_map(|y| [&y.par, &y.sipas])
    {
        let marked = [
            (figures.score.is_some(), figures.score_basis),
            (figures.rank.is_some(), figures.rank_basis),
            (figures.regional.is_some(), figures.regional_basis),
        ];
        for (shown, basis) in marked {
            if shown || context::left_out(basis) {
                marks.add(basis);
            }
        }
    }
    marks
}

/// The history table's rows, year by year.
fn history_rows(history: &history::History) -> Vec<context::HistoryRow> {
    let mut rows: Vec<context::HistoryRow> = history
        .series
        .iter()
        .flat_map(|s| {
            s.years.iter().map(|y| context::HistoryRow {
                name: s.name.clone(),
                place: s.place.clone(),
                predecessor: s.predecessor,
                year: y.year,
                par: y.par.clone(),
                sipas: y.sipas.clone(),
            })
        })
        .collect();
    // Stable: within a year the series keep their order, the predecessors as the act lists them.
    rows.sort_by_key(|r| r.year);
    rows
}

/// The years of `rows` in which no row shows a figure.
fn empty_years(rows: &[context::HistoryRow]) -> Vec<i32> {
    let mut years: Vec<i32> = rows.iter().map(|r| r.year).collect();
    years.dedup();
    years.retain(|&y| {
        rows.iter()
            .filter(|r| r.year == y)
            .all(|r| !r.par.shows_a_figure() && !r.sipas.shows_a_figure())
    });
    years
}
