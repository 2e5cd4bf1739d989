//! Which sources a briefing cites, in which order, and how each is printed. Every figure the
//! briefing shows is backed by a cited source; a source is cited once, by address.

use super::context::{SourceFacts, previous_average};
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

/// The sources behind every figure the briefing shows, each once, numbered in this order:
/// the year's announcement and national figures, the province's own figures and changes, the
/// other provinces its region charts show, the directions; then, year by year back, the
/// figures of its history (its own or its predecessors', and the national averages); then
/// the act of a later reorganisation that merged it (the briefing mentions that one only).
pub(super) fn cited_sources(
    dataset: &Dataset,
    year: i32,
    id: &str,
    history: &[(i32, String)],
    lang: Lang,
) -> Vec<SourceFacts> {
    let mut cited = Cited::default();
    if let Some(data) = dataset.year(year) {
        cite_year(&mut cited, dataset, data, id);
    }
    for (y, pid) in history.iter().rev().filter(|(y, _)| *y != year) {
        let Some(data) = dataset.year(*y) else {
            continue;
        };
        let national = &data.national;
        cited.cite(
            data,
            national.par.sources.iter().chain(&national.sipas.sources),
        );
        if let Some(p) = data.province_index(pid) {
            cited.cite(data, province_sources(&data.provinces[p]));
        }
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
fn cite_year<'a>(cited: &mut Cited<'a>, dataset: &'a Dataset, data: &'a YearData, id: &str) {
    let national = &data.national;
    cited.cite(
        data,
        data.announced_sources
            .iter()
            .chain(&national.par.sources)
            .chain(&national.sipas.sources),
    );
    if let Some(previous) = dataset.year(data.year - 1) {
        for index in Index::ALL {
            if national.of(index).previous_average.is_none()
                && previous_average(data, Some(previous), index).is_some()
            {
                cited.cite(previous, &previous.national.of(index).sources);
            }
        }
    }
    if let Some(p) = data.province_index(id) {
        cited.cite(data, province_sources(&data.provinces[p]));
        let region = data.provinces[p].region;
        for q in data.provinces.iter().filter(|q| q.region == region) {
            if Index::ALL.iter().any(|&i| q.published(i).score.is_some()) {
                cited.cite(data, &q.sources);
            }
        }
    }
    cited.cite(data, data.directions.iter().flat_map(|d| &d.sources));
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
        date: s.date.map(|d| format::citation_date(d, lang)),
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
