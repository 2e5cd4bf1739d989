//! Which sources a briefing cites, in which order, and how each is printed. Every figure the
//! briefing shows is backed by a cited source; a source is cited once, by address.

use super::context::{SourceFacts, previous_average};
use super::history::History;
use super::{Chart, LineChart};
use crate::format;
use crate::model::{Dataset, Index, Lang, Province, Source, YearData};

/// The sources cited so far, in order.
#[derive(Default)]
struct Cited<'a> {
    sources: Vec<&'a Source>,
}

impl<'a> Cited<'a> {
    /// Cites the sources `ids` of the year `data`. A source id belongs to its year's file (two
    /// files may give one id to different sources), so a source is cited once per address.
    fn cite(&mut self, data: &'a YearData, ids: impl IntoIterator<Item = &'a String>) {
        for id in ids {
            if let Some(source) = data.sources.get(id)
                && self.sources.iter().all(|c| c.address != source.address)
            {
                self.sources.push(source);
            }
        }
    }
}

/// The sources of what a briefing prints: the region provinces its `charts` show, its
/// history rows that show a figure, the national averages of its trend charts (`lines`).
pub(super) fn briefing_sources(
    dataset: &Dataset,
    year: i32,
    id: &str,
    charts: &[Option<Chart>; 2],
    history: &History,
    lines: &[Option<LineChart>; 2],
    lang: Lang,
) -> Vec<SourceFacts> {
    // The history rows that show a figure, and the indices whose trend chart (with its national
    // average line) is drawn: only their sources back something printed.
    let lineage: Vec<(i32, String)> = history
        .series
        .iter()
        .flat_map(|s| {
            s.years
                .iter()
                .filter(|y| y.par.shows_a_figure() || y.sipas.shows_a_figure())
                .map(move |y| (y.year, s.id.clone()))
        })
        .collect();
    let averages: Vec<(i32, Index)> = Index::ALL
        .into_iter()
        .zip(lines)
        .filter(|(_, line)| line.is_some())
        .flat_map(|(index, _)| {
            let values = match index {
                Index::Par => &history.averages.par,
                Index::Sipas => &history.averages.sipas,
            };
            history
                .averages
                .years
                .iter()
                .zip(values)
                .filter(|(_, v)| v.is_some())
                .map(move |(&y, _)| (y, index))
        })
        .collect();
    // Of the region's other provinces, only those a chart shows back a printed figure.
    let charted: Vec<&str> = charts
        .iter()
        .flatten()
        .flat_map(|c| &c.bars)
        .map(|b| b.province_id.as_str())
        .collect();
    cited_sources(dataset, year, id, &charted, &lineage, &averages, lang)
}

/// The sources behind every figure the briefing shows, each once, numbered in this order:
/// the year's announcement and national figures, the province's own figures and changes, the
/// other provinces its region charts show (`charted`), the directions; then, year by year back, the
/// figures of its history (`history`: the rows that show a figure, its own or its
/// predecessors'; and the national averages of the trend charts `drawn`, PAR then SIPAS); then
/// the act of a later reorganisation that merged it (the briefing mentions that one only).
fn cited_sources(
    dataset: &Dataset,
    year: i32,
    id: &str,
    charted: &[&str],
    history: &[(i32, String)],
    averages: &[(i32, Index)],
    lang: Lang,
) -> Vec<SourceFacts> {
    let mut cited = Cited::default();
    if let Some(data) = dataset.year(year) {
        cite_year(&mut cited, dataset, data, id, charted);
    }
    let mut back: Vec<i32> = history.iter().map(|(y, _)| *y).collect();
    back.extend(averages.iter().map(|(y, _)| *y));
    back.sort_unstable_by(|a, b| b.cmp(a));
    back.dedup();
    for y in back.into_iter().filter(|&y| y != year) {
        let Some(data) = dataset.year(y) else {
            continue;
        };
        for &(_, index) in averages.iter().filter(|(a, _)| *a == y) {
            cited.cite(data, &data.national.of(index).sources);
        }
        cite_rows(&mut cited, data, history.iter().filter(|(r, _)| *r == y));
    }
    // Only a reorganisation that merged the province is mentioned, so only its act is cited.
    let merged = |later: &YearData| {
        later
            .provinces
            .iter()
            .any(|u| u.predecessors.iter().any(|p| p == id))
    };
    for later in dataset.years.iter().filter(|y| y.year > year) {
        if let Some(r) = later.restructured.as_ref().filter(|_| merged(later)) {
            cited.cite(later, &r.sources);
        }
    }
    cited
        .sources
        .into_iter()
        .enumerate()
        .map(|(i, s)| source_facts(i + 1, s, lang))
        .collect()
}

/// The briefing's own year: the announcement and national figures (and last year's average
/// when this year does not restate it), the province, the region its charts show, the
/// directions.
fn cite_year<'a>(
    cited: &mut Cited<'a>,
    dataset: &'a Dataset,
    data: &'a YearData,
    id: &str,
    charted: &[&str],
) {
    cite_national(cited, dataset, data);
    if let Some(p) = data.province_index(id) {
        cited.cite(data, province_sources(&data.provinces[p]));
        // The charted provinces in the year's order, each once, found by id: scanning every
        // unit of the year for each briefing was a quarter of a 10 000-unit build.
        let mut shown: Vec<usize> = charted
            .iter()
            .filter_map(|q| data.province_index(q))
            .collect();
        shown.sort_unstable();
        shown.dedup();
        for q in shown {
            cited.cite(data, &data.provinces[q].sources);
        }
    }
    cited.cite(data, data.directions.iter().flat_map(|d| &d.sources));
}

/// The year's announcement, then for each index whose average is printed: the average's
/// sources and those of last year's average printed beside it (as this year's file restates it,
/// or from last year's file).
fn cite_national<'a>(cited: &mut Cited<'a>, dataset: &'a Dataset, data: &'a YearData) {
    cited.cite(data, &data.announced_sources);
    let previous_year = dataset.year(data.year - 1);
    for index in Index::ALL {
        let national = data.national.of(index);
        // Without this year's average the briefing prints no national figure of the index.
        if national.average.is_none() {
            continue;
        }
        cited.cite(data, &national.sources);
        if national.previous_average.is_some() {
            cited.cite(data, &national.previous_average_sources);
        } else if let Some(previous) = previous_year
            && previous_average(data, Some(previous), index).is_some()
        {
            cited.cite(previous, &previous.national.of(index).sources);
        }
    }
}

/// The sources of what the overview of `year` prints: the announcement and the national
/// figures (last year's average from last year's file when this year does not restate it),
/// every province in `shown` (those whose table cells or chart marks show a figure, in the
/// tables' order), and the directions.
pub(super) fn overview_sources(
    dataset: &Dataset,
    year: i32,
    shown: &[String],
    lang: Lang,
) -> Vec<SourceFacts> {
    let mut cited = Cited::default();
    if let Some(data) = dataset.year(year) {
        cite_national(&mut cited, dataset, data);
        for id in shown {
            if let Some(p) = data.province_index(id) {
                cited.cite(data, &data.provinces[p].sources);
            }
        }
        cited.cite(data, data.directions.iter().flat_map(|d| &d.sources));
    }
    cited
        .sources
        .into_iter()
        .enumerate()
        .map(|(i, s)| source_facts(i + 1, s, lang))
        .collect()
}

/// The sources of the history rows `rows` of the year `data`.
fn cite_rows<'a>(
    cited: &mut Cited<'a>,
    data: &'a YearData,
    rows: impl Iterator<Item = &'a (i32, String)>,
) {
    for (_, pid) in rows {
        // The history shows an earlier year's figures, not its changes.
        if let Some(p) = data.province_index(pid) {
            cited.cite(data, &data.provinces[p].sources);
        }
    }
}

/// A province's sources and those of its printed changes.
fn province_sources(province: &Province) -> impl Iterator<Item = &String> {
    province.sources.iter().chain(
        Index::ALL
            .iter()
            .flat_map(|&i| &province.published(i).change.sources),
    )
}

fn source_facts(number: usize, s: &Source, lang: Lang) -> SourceFacts {
    let (publisher, title) = match lang {
        Lang::Vi => (&s.publisher.0, &s.title.0),
        Lang::En => (&s.publisher.1, &s.title.1),
    };
    let supplied = title.starts_with('[') && title.ends_with(']');
    SourceFacts {
        number,
        publisher: publisher.clone(),
        title: title.clone(),
        supplied,
        lang: s.lang.clone(),
        title_lang: title_lang(s, lang, supplied),
        date: s.date.map(|d| format::short_date(d, lang)),
        address: s.address.clone(),
        note: s.note.as_ref().map(|(vi, en)| match lang {
            Lang::Vi => vi.clone(),
            Lang::En => en.clone(),
        }),
    }
}

/// The language of a source's title as a briefing in `lang` prints it: the English title
/// where the data has one, else the title as the data gives it — in the source's language,
/// or, in square brackets, the dataset's own description: Vietnamese unless the source is
/// English (a title the font cannot print, Japanese or Chinese, is always described).
fn title_lang(s: &Source, lang: Lang, supplied: bool) -> String {
    match lang {
        Lang::En if s.title.1 != s.title.0 => Lang::En.code().to_string(),
        _ if supplied && s.lang != Lang::En.code() => Lang::Vi.code().to_string(),
        _ => s.lang.clone(),
    }
}
