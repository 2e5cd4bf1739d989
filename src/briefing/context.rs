//! The template context: the structured values a template turns into phrases ("tăng 3 bậc"
//! from `par.national.change`, a missing rank from `rank` being `none`). Rust computes every
//! figure here; the template only words them.

use serde::Serialize;

use super::{Issue, Profile};
use crate::model::{Index, Lang, Score, YearData};
use crate::rank::{Placing, Provenance, Standing, YearRankings};

/// Everything a template may use, as described in README.md.
#[derive(Debug, Serialize)]
pub(super) struct Context {
    year: i32,
    previous_year: i32,
    announced: String,
    provinces: u32,
    province: ProvinceFacts,
    region: RegionFacts,
    pub(super) par: IndexFacts,
    pub(super) sipas: IndexFacts,
    national: NationalFacts,
    coverage: Coverage,
    directions: Vec<DirectionFacts>,
    pub(super) sources: Vec<SourceFacts>,
    profile: Profile,
    issuer: IssuerFacts,
    /// The date to print (ISO), or `none` for a placeholder.
    issue_date: Option<String>,
    /// Blank space for a number or date not yet issued (non-breaking, so it is kept).
    blank: &'static str,
    /// What the region charts show: `none` when a chart is not drawn.
    pub(super) charts: ChartsFacts,
}

#[derive(Debug, Serialize, Default)]
pub(super) struct ChartsFacts {
    pub(super) par: Option<ChartFacts>,
    pub(super) sipas: Option<ChartFacts>,
}

#[derive(Debug, Serialize)]
pub(super) struct ChartFacts {
    /// How many of the region's provinces have a score.
    pub(super) known: usize,
    /// How many bars the chart shows (the leaders and the province's neighbours when fewer).
    pub(super) shown: usize,
    /// The value where the axis starts.
    pub(super) from: u32,
}

#[derive(Debug, Serialize)]
pub(super) struct IssuerFacts {
    agency: String,
    code: String,
    number: Option<String>,
    place: String,
    archive: String,
}

#[derive(Debug, Serialize)]
pub(super) struct ProvinceFacts {
    id: String,
    name: String,
    /// "Tỉnh An Giang"; templates use `province.full_name | lower_first` inside a sentence.
    full_name: String,
}

#[derive(Debug, Serialize)]
pub(super) struct RegionFacts {
    name: String,
    size: u32,
}

#[derive(Debug, Serialize)]
pub(super) struct IndexFacts {
    /// Points, e.g. 84.67; `none` when not published.
    score: Option<f64>,
    previous_score: Option<f64>,
    /// Points against the previous year; `none` when either year lacks a score.
    change: Option<f64>,
    pub(super) national: RankFacts,
    pub(super) regional: RankFacts,
    #[serde(skip)]
    pub(super) score_hundredths: Option<Score>,
    #[serde(skip)]
    pub(super) change_hundredths: Option<i64>,
}

#[derive(Debug, Serialize)]
pub(super) struct RankFacts {
    pub(super) rank: Option<u32>,
    pub(super) of: u32,
    previous: Option<u32>,
    /// Places gained (positive) or lost (negative); `none` when not comparable.
    change: Option<i64>,
    computed: bool,
}

#[derive(Debug, Serialize)]
pub(super) struct NationalFacts {
    par: AggregateFacts,
    sipas: AggregateFacts,
}

#[derive(Debug, Serialize)]
pub(super) struct AggregateFacts {
    average: Option<f64>,
    previous_average: Option<f64>,
    above_average: Option<u32>,
}

#[derive(Debug, Serialize)]
pub(super) struct Coverage {
    par: usize,
    sipas: usize,
    complete: bool,
}

#[derive(Debug, Serialize)]
pub(super) struct DirectionFacts {
    title: String,
    summary: String,
}

#[derive(Debug, Serialize)]
pub(super) struct SourceFacts {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) address: String,
}

fn points(score: Score) -> f64 {
    f64::from(score.hundredths()) / 100.0
}

/// One year's data and ranks, and the previous year's when it was loaded.
pub(super) struct Years<'a> {
    pub(super) data: &'a YearData,
    pub(super) ranks: &'a YearRankings,
    pub(super) previous: Option<(&'a YearData, Option<&'a YearRankings>)>,
}

impl Context {
    /// The context of province `p` (an index into the year's list).
    pub(super) fn new(years: &Years<'_>, p: usize, issue: &Issue<'_>, lang: Lang) -> Context {
        let data = years.data;
        let province = &data.provinces[p];
        let region = &data.regions[province.region];
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
            par: index_facts(years, p, Index::Par),
            sipas: index_facts(years, p, Index::Sipas),
            national: NationalFacts {
                par: aggregate_facts(data, Index::Par),
                sipas: aggregate_facts(data, Index::Sipas),
            },
            coverage: coverage(data),
            directions: direction_facts(data, lang),
            sources: cited_sources(data, p),
            profile: issue.profile,
            issuer: issuer_facts(issue, &province.name, &province.full_name),
            issue_date: issue_date(issue),
            blank: "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}",
            charts: ChartsFacts::default(),
        }
    }
}

/// One index's figures for province `p`, with the change on the previous year.
fn index_facts(years: &Years<'_>, p: usize, index: Index) -> IndexFacts {
    let province = &years.data.provinces[p];
    let now = province.published(index);
    let placing = years.ranks.placing(index, p);
    let before = years.previous.and_then(|(prev, prev_ranks)| {
        let q = prev.province_index(&province.id)?;
        Some((
            prev.provinces[q].published(index).score,
            prev_ranks.map(|r| r.placing(index, q)),
        ))
    });
    let previous_score = before.and_then(|(s, _)| s);
    let previous_placing: Option<Placing> = before.and_then(|(_, placing)| placing);
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
}

fn aggregate_facts(data: &YearData, index: Index) -> AggregateFacts {
    let a = data.national.of(index);
    AggregateFacts {
        average: a.average.map(points),
        previous_average: a.previous_average.map(points),
        above_average: a.above_average,
    }
}

fn coverage(data: &YearData) -> Coverage {
    let count = |index: Index| {
        data.provinces
            .iter()
            .filter(|q| q.published(index).score.is_some())
            .count()
    };
    Coverage {
        par: count(Index::Par),
        sipas: count(Index::Sipas),
        complete: count(Index::Par) == data.provinces.len()
            && count(Index::Sipas) == data.provinces.len(),
    }
}

fn direction_facts(data: &YearData, lang: Lang) -> Vec<DirectionFacts> {
    data.directions
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
        .collect()
}

fn issuer_facts(issue: &Issue<'_>, name: &str, full_name: &str) -> IssuerFacts {
    let fill = |text: &str| crate::issuer::fill(text, name, full_name);
    IssuerFacts {
        agency: fill(&issue.issuer.agency),
        code: issue.issuer.code.clone(),
        number: issue.issuer.number.map(|n| format!("{n:02}")),
        place: fill(&issue.issuer.place),
        archive: issue.issuer.archive.clone(),
    }
}

/// The date to print: the issuer's, else in the reference profile the caller's fallback.
fn issue_date(issue: &Issue<'_>) -> Option<String> {
    issue
        .issuer
        .date
        .or(match issue.profile {
            Profile::ThamKhao => issue.fallback_date,
            Profile::BaoCao => None,
        })
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// Places change only when both years ranked the same number of provinces: after the 2025
/// merger (63 → 34) "up 5 places" would compare different tables.
pub(super) fn rank_facts(now: Standing, before: Option<Standing>) -> RankFacts {
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
