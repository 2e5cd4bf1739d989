//! The overview's template context: every province's figures (the same facts a briefing's
//! table shows, from `context::index_facts`), in the national table's order and by region,
//! the regional averages where every score of a region is a printed figure, the national
//! averages against the previous year, and the distribution charts' content.

use serde::Serialize;

use crate::briefing::context::{
    DirectionsFacts, IndexFacts, IssuerFacts, Marks, SourceFacts, Symbols, Years, directions_facts,
    index_facts, points, previous_average, region_units,
};
use crate::briefing::naming::names;
use crate::briefing::{Bar, Distribution, Issue, Profile};
use crate::format;
use crate::model::{Index, Lang, Score, YearData};

/// Everything the overview's template may use (README.md, "The national overview").
#[derive(Debug, Serialize)]
pub(super) struct OverviewContext {
    year: i32,
    previous_year: i32,
    /// The announcement date (ISO) and event.
    announced: Option<String>,
    announced_at: Option<String>,
    /// N, the provinces of the year.
    provinces: u32,
    /// M, the regions of the year.
    regions: usize,
    /// The provinces the national table lists — those with a score or a national rank to
    /// show — in its order.
    rows: Vec<Row>,
    /// The names of the others, alphabetically: one sentence names them instead of a row
    /// of dashes each.
    unlisted: Vec<String>,
    /// How many provinces have a score and a national rank shown, per index.
    known: Known,
    /// The region whose table is being worded (`none` outside a region's blocks).
    pub(super) region: Option<RegionTable>,
    national: NationalFacts,
    /// What the distribution charts show: `none` when a chart is not drawn.
    pub(super) charts: ChartsFacts,
    directions: Option<DirectionsFacts>,
    directions_note: Option<String>,
    pub(super) sources: Vec<SourceFacts>,
    /// Which qualified figures the national table shows (each region's table has its own);
    /// the symbols are numbered over the whole document.
    marks: Marks,
    symbols: Symbols,
    /// Whether a cell of the national table is empty for want of a figure.
    gaps: bool,
    /// Whether some region's table has an average worked out from its scores.
    pub(super) regional_averages: bool,
    profile: Profile,
    issuer: IssuerFacts,
    issue_date: Option<String>,
    blank: &'static str,
}

/// One province's row.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Row {
    pub(super) id: String,
    /// As the charts name it: "An Giang", "Thành phố Hồ Chí Minh" / "Hồ Chí Minh City".
    pub(super) name: String,
    /// What the alphabetical order goes by: the proper name, "Hồ Chí Minh" under H in both
    /// languages, not "Thành phố Hồ Chí Minh" under T.
    #[serde(skip)]
    pub(super) sort_name: String,
    /// Its region's index in the year's list.
    #[serde(skip)]
    pub(super) region: usize,
    pub(super) par: IndexFacts,
    pub(super) sipas: IndexFacts,
}

impl Row {
    fn facts(&self, index: Index) -> &IndexFacts {
        match index {
            Index::Par => &self.par,
            Index::Sipas => &self.sipas,
        }
    }

    /// Whether a table shows any figure of the province (its sources are then cited).
    pub(super) fn shows(&self, regional: bool) -> bool {
        self.par.shows(regional) || self.sipas.shows(regional)
    }
}

#[derive(Debug, Serialize, Default)]
struct Known {
    par: usize,
    sipas: usize,
    par_ranks: usize,
    sipas_ranks: usize,
}

/// One region's table.
#[derive(Debug, Clone, Serialize)]
pub(super) struct RegionTable {
    /// Its number among the regions, from 1.
    number: usize,
    name: String,
    size: u32,
    /// "tỉnh, thành phố" or "tỉnh" (a region without a centrally run city).
    units: &'static str,
    /// Its provinces with a score or a regional rank to show, by regional rank.
    rows: Vec<Row>,
    /// The names of its other provinces, alphabetically.
    unlisted: Vec<String>,
    /// Those of them with a national rank (in the national table): their regional rank does
    /// not follow from it.
    ranked_unlisted: Vec<Row>,
    /// The mean of its provinces' scores, when every one is a printed figure.
    average: Averages,
    /// Whether a regional rank shown follows from the national ranks.
    derived: bool,
    /// Whether a cell is empty for want of a figure.
    gaps: bool,
    /// The marks its cells carry: their notes are repeated under it, so a reader of the
    /// region's table need not turn back to the national one.
    marks: Marks,
}

impl RegionTable {
    /// Whether the table has an average row.
    pub(super) fn has_average(&self) -> bool {
        self.average.par.is_some() || self.average.sipas.is_some()
    }
}

#[derive(Debug, Clone, Serialize)]
struct Averages {
    par: Option<f64>,
    sipas: Option<f64>,
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
    /// This year's average less last year's, in points, when both are known.
    change: Option<f64>,
    above_average: Option<u32>,
}

#[derive(Debug, Serialize, Default)]
pub(super) struct ChartsFacts {
    pub(super) par: Option<ChartFacts>,
    pub(super) sipas: Option<ChartFacts>,
}

#[derive(Debug, Serialize)]
pub(super) struct ChartFacts {
    /// The figure's number, from 1.
    pub(super) number: usize,
    /// How many provinces it shows.
    pub(super) known: usize,
    /// Its axis does not start at 0.
    pub(super) cut: bool,
}

/// Every province's figures, in the national table's order: by PAR Index rank; those without
/// one by SIPAS rank; those without either alphabetically (Vietnamese order).
pub(super) fn rows(years: &Years<'_>, lang: Lang, printed_only: bool) -> Vec<Row> {
    let data = years.data;
    let mut rows: Vec<Row> = data
        .provinces
        .iter()
        .enumerate()
        .map(|(p, q)| Row {
            id: q.id.clone(),
            name: label(q, lang),
            sort_name: q.name.clone(),
            region: q.region,
            par: index_facts(years, p, Index::Par, printed_only),
            sipas: index_facts(years, p, Index::Sipas, printed_only),
        })
        .collect();
    sort(&mut rows, false);
    rows
}

/// How the overview names a province: as the charts do.
fn label(q: &crate::model::Province, lang: Lang) -> String {
    match lang {
        Lang::Vi => q.place_name.clone(),
        Lang::En => names(q).1,
    }
}

/// Sorts by the national (or regional) PAR rank, then the SIPAS rank, then the name.
fn sort(rows: &mut [Row], regional: bool) {
    rows.sort_by_cached_key(|r| {
        (
            r.par.shown_rank(regional).unwrap_or(u32::MAX),
            r.sipas.shown_rank(regional).unwrap_or(u32::MAX),
            format::sort_key(&r.sort_name),
        )
    });
}

/// The table of region `region` (an index into the year's list).
pub(super) fn region_table(
    data: &YearData,
    rows: &[Row],
    region: usize,
    lang: Lang,
) -> RegionTable {
    let mut members: Vec<Row> = rows
        .iter()
        .filter(|r| r.region == region)
        .cloned()
        .collect();
    sort(&mut members, true);
    let average = |index: Index| {
        let scores: Vec<u32> = members
            .iter()
            .map(|r| r.facts(index))
            .filter(|f| f.score_is_printed())
            .filter_map(IndexFacts::shown_score)
            .map(|s| (s * 100.0).round() as u32)
            .collect();
        (!scores.is_empty() && scores.len() == members.len()).then(|| points_of(mean(&scores)))
    };
    let r = &data.regions[region];
    let derived = members
        .iter()
        .any(|m| m.par.regional_derived() || m.sipas.regional_derived());
    let marks = cell_marks(&members, true);
    let (par, sipas) = (average(Index::Par), average(Index::Sipas));
    let ranked_unlisted = members
        .iter()
        .filter(|m| !m.shows(true) && m.shows(false))
        .cloned()
        .collect();
    let Listed {
        rows,
        unlisted,
        gaps,
    } = listed(members, true);
    RegionTable {
        number: region + 1,
        name: match lang {
            Lang::Vi => r.name.clone(),
            Lang::En => r.name_en.clone(),
        },
        size: data.region_size(region),
        units: region_units(data, region, lang),
        average: Averages { par, sipas },
        derived,
        gaps,
        marks,
        rows,
        unlisted,
        ranked_unlisted,
    }
}

/// The rows a table lists and the names it leaves to a sentence.
struct Listed {
    rows: Vec<Row>,
    unlisted: Vec<String>,
    /// Whether a listed row has an empty cell.
    gaps: bool,
}

/// What a table (national, or a region's) lists of `rows`: the rows with a figure to show,
/// whether one of their cells is empty, and the names of the rows left out.
fn listed(rows: Vec<Row>, regional: bool) -> Listed {
    let (rows, mut unlisted): (Vec<Row>, Vec<Row>) =
        rows.into_iter().partition(|r| r.shows(regional));
    unlisted.sort_by_cached_key(|r| format::sort_key(&r.sort_name));
    Listed {
        gaps: rows
            .iter()
            .any(|r| r.par.has_gap(regional) || r.sipas.has_gap(regional)),
        rows,
        unlisted: unlisted.into_iter().map(|r| r.name).collect(),
    }
}

/// The mean of `hundredths`, rounded half up to a hundredth.
fn mean(hundredths: &[u32]) -> u32 {
    let n = hundredths.len().max(1) as u64;
    let sum: u64 = hundredths.iter().map(|&h| u64::from(h)).sum();
    u32::try_from((2 * sum + n) / (2 * n)).unwrap_or(u32::MAX)
}

fn points_of(hundredths: u32) -> f64 {
    f64::from(hundredths) / 100.0
}

/// The marks' symbols, numbered in the order a reader meets them: the national table row by
/// row, its columns left to right, then what only the regional tables show (their ranks).
fn symbols_in_reading_order(rows: &[Row]) -> Symbols {
    let bases = [false, true].into_iter().flat_map(|regional| {
        rows.iter().flat_map(move |row| {
            [&row.par, &row.sipas]
                .into_iter()
                .flat_map(move |facts| facts.cell_bases(regional))
        })
    });
    Symbols::in_order(bases)
}

/// The marks a table's cells carry: the national table's (`regional` false) or a region's.
fn cell_marks(rows: &[Row], regional: bool) -> Marks {
    let mut marks = Marks::default();
    for row in rows {
        row.par.add_cell_marks(regional, &mut marks);
        row.sipas.add_cell_marks(regional, &mut marks);
    }
    marks
}

/// The distribution of `index`'s scores, every province with one in the dataset (like the
/// briefings' region charts), best first; `None` when fewer than two are known.
pub(super) fn distribution(data: &YearData, index: Index, lang: Lang) -> Option<Distribution> {
    let mut marks: Vec<Bar> = data
        .provinces
        .iter()
        .filter_map(|q| {
            let value = q.published(index).score?;
            Some(Bar {
                province_id: q.id.clone(),
                label: label(q, lang),
                value,
                value_text: format::decimal(value, lang),
                highlight: false,
            })
        })
        .collect();
    if marks.len() < 2 {
        return None;
    }
    marks.sort_by(|a, b| {
        b.value
            .cmp(&a.value)
            .then_with(|| format::sort_key(&a.label).cmp(&format::sort_key(&b.label)))
    });
    let average = data.national.of(index).average;
    let values = marks.iter().map(|m| m.value).chain(average);
    let low = values.clone().min().map_or(0, Score::hundredths) / 100;
    let high = values.max().map_or(100, Score::hundredths).div_ceil(100);
    let from = low / 5 * 5;
    let to = (high.div_ceil(5) * 5).clamp(from + 5, 100.max(from + 5));
    let step = match to - from {
        0..=10 => 1,
        11..=20 => 2,
        _ => 5,
    };
    Some(Distribution {
        caption: String::new(),
        note: String::new(),
        marks,
        average: average.map(|a| (a, String::new())),
        from,
        to,
        step,
    })
}

impl OverviewContext {
    /// The overview's context before its sources and region are filled in.
    pub(super) fn new(
        years: &Years<'_>,
        rows: Vec<Row>,
        charts: ChartsFacts,
        issue: &Issue<'_>,
        issuer: IssuerFacts,
        lang: Lang,
    ) -> OverviewContext {
        let data = years.data;
        let marks = cell_marks(&rows, false);
        // Numbered over every table, the regional ones included.
        let symbols = symbols_in_reading_order(&rows);
        let count = |f: &dyn Fn(&Row) -> bool| rows.iter().filter(|r| f(r)).count();
        let known = Known {
            par: count(&|r| r.par.shown_score().is_some()),
            sipas: count(&|r| r.sipas.shown_score().is_some()),
            par_ranks: count(&|r| r.par.shown_rank(false).is_some()),
            sipas_ranks: count(&|r| r.sipas.shown_rank(false).is_some()),
        };
        let Listed {
            rows,
            unlisted,
            gaps,
        } = listed(rows, false);
        let in_lang = |pair: &(String, String)| match lang {
            Lang::Vi => pair.0.clone(),
            Lang::En => pair.1.clone(),
        };
        OverviewContext {
            year: data.year,
            previous_year: data.year - 1,
            announced: data.announced.map(|d| d.format("%Y-%m-%d").to_string()),
            announced_at: data.announced_at.as_ref().map(in_lang),
            provinces: data.province_count(),
            regions: data.regions.len(),
            regional_averages: false,
            known,
            region: None,
            national: NationalFacts {
                par: aggregate(years, Index::Par),
                sipas: aggregate(years, Index::Sipas),
            },
            charts,
            directions: directions_facts(data, lang),
            directions_note: data.directions_note.as_ref().map(in_lang),
            sources: Vec::new(),
            marks,
            symbols,
            profile: issue.profile,
            issuer,
            issue_date: issue.date.map(|d| d.format("%Y-%m-%d").to_string()),
            blank: "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}",
            rows,
            unlisted,
            gaps,
        }
    }
}

/// The national average of `index`, last year's, and the change between them.
fn aggregate(years: &Years<'_>, index: Index) -> AggregateFacts {
    let a = years.data.national.of(index);
    let previous = previous_average(years.data, years.previous.map(|(d, _)| d), index);
    AggregateFacts {
        average: a.average.map(points),
        previous_average: previous.map(points),
        // Across a reorganisation (63 provinces, then 34 units) the averages are printed side
        // by side, not subtracted: they are averages over different units.
        change: a
            .average
            .zip(previous)
            .filter(|_| years.data.restructured.is_none())
            .map(|(now, before)| now.change_since(before) as f64 / 100.0),
        above_average: a.above_average,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mean_is_rounded_half_up_to_a_hundredth() {
        assert_eq!(mean(&[8000, 8001]), 8001);
        assert_eq!(mean(&[8000, 8000, 8001]), 8000);
        assert_eq!(mean(&[9104]), 9104);
    }
}
