//! A province's history: every year of the dataset up to the briefing's, for the unit itself
//! and, for a unit formed by a merger, for each province it was formed from — one series
//! each, named, never summed or averaged into an invented figure. Also what became of a
//! province that a later year merged into a new unit.

use serde::Serialize;

use super::context;
use crate::model::{Basis, Dataset, Index, Lang, Score};
use crate::rank::{Placing, Rankings};

/// One line of the history: a province and its figures, year by year.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Series {
    pub(super) id: String,
    /// "An Giang".
    pub(super) name: String,
    /// "tỉnh An Giang" (vi) or "An Giang Province" (en).
    pub(super) label: String,
    /// Its name where a place is named, as in a table: "An Giang", but "Thành phố Hồ Chí
    /// Minh" (vi) or "Hồ Chí Minh City" (en) for a unit named after a person.
    pub(super) place: String,
    /// A city (thành phố) rather than a province (tỉnh).
    pub(super) is_city: bool,
    /// A province the briefed unit was formed from, rather than the unit itself.
    pub(super) predecessor: bool,
    pub(super) years: Vec<YearFacts>,
}

/// One year of a series; `none` where the dataset has no figure.
#[derive(Debug, Clone, Serialize)]
pub(super) struct YearFacts {
    pub(super) year: i32,
    pub(super) par: Figures,
    pub(super) sipas: Figures,
}

/// One index's figures in one year.
#[derive(Debug, Clone, Default, Serialize)]
pub(super) struct Figures {
    pub(super) score: Option<f64>,
    pub(super) score_basis: &'static str,
    /// The whole number the sources print for a score left out as `rounded`.
    pub(super) rounded_score: Option<u8>,
    /// The values the sources disagree on, for a score or a national rank left out as
    /// `conflicting`.
    pub(super) conflicting_scores: Vec<f64>,
    pub(super) conflicting_ranks: Vec<u32>,
    pub(super) rank: Option<u32>,
    pub(super) of: u32,
    pub(super) rank_basis: &'static str,
    pub(super) regional: Option<u32>,
    pub(super) regional_of: u32,
    pub(super) regional_basis: &'static str,
    #[serde(skip)]
    pub(super) exact: Option<Score>,
}

impl Figures {
    /// Whether a history row shows any of these figures.
    pub(super) fn shows_a_figure(&self) -> bool {
        self.score.is_some() || self.rank.is_some() || self.regional.is_some()
    }
}

/// The national average of each year, for the charts' reference line.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Averages {
    pub(super) years: Vec<i32>,
    #[serde(skip)]
    pub(super) par: Vec<Option<Score>>,
    #[serde(skip)]
    pub(super) sipas: Vec<Option<Score>>,
}

/// What a later reorganisation made of a province, for a briefing of an earlier year.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Became {
    /// The day the new unit began (ISO).
    pub(super) effective: String,
    /// The legal act, cited in full.
    pub(super) resolution: String,
    /// The new unit, as named inside a sentence ("tỉnh An Giang").
    pub(super) unit: String,
    /// Whether the new unit keeps the name of one of the provinces merged (then it is the
    /// "new" one of that name).
    pub(super) same_name: bool,
    /// The provinces merged, as named inside a sentence: this one first, then the others in
    /// the act's order.
    pub(super) merged: Vec<String>,
}

/// Which years a history covers and which provinces' series it shows.
pub(super) struct History {
    pub(super) series: Vec<Series>,
    pub(super) averages: Averages,
    /// When the briefed unit was formed: its first year in the dataset, the reorganisation's
    /// date (ISO) and act.
    pub(super) formed: Option<(i32, String, String)>,
    /// How the unit's region changed in size over the years its table shows regional ranks.
    pub(super) region: Option<RegionChange>,
}

/// The unit's region was smaller or larger in earlier years of the history than it is now,
/// so the regional ranks of the table count different numbers of provinces.
#[derive(Debug, Clone, Serialize)]
pub(super) struct RegionChange {
    /// The region's name, in the briefing's language.
    pub(super) name: String,
    /// The first year of its present size.
    pub(super) since: i32,
    /// Its present size.
    pub(super) size: u32,
    /// Its sizes before `since`, oldest first, each over a run of years.
    pub(super) before: Vec<SizeSpan>,
    /// The predecessors ranked in another region, with that region's name.
    pub(super) elsewhere: Vec<Elsewhere>,
}

/// A region's size over a run of years.
#[derive(Debug, Clone, Serialize)]
pub(super) struct SizeSpan {
    pub(super) from: i32,
    pub(super) to: i32,
    pub(super) size: u32,
}

/// A province the unit was formed from whose regional ranks are those of another region.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Elsewhere {
    /// As named inside a sentence: "tỉnh Bắc Giang".
    pub(super) label: String,
    /// The region's name.
    pub(super) region: String,
}

fn in_sentence(dataset: &Dataset, year: i32, id: &str, lang: Lang) -> Option<String> {
    let data = dataset.year(year)?;
    let p = &data.provinces[data.province_index(id)?];
    Some(match lang {
        Lang::Vi => super::naming::in_sentence(p),
        Lang::En => super::naming::names(p).0,
    })
}

/// The history of province `id` as briefed for `year`.
pub(super) fn history(
    dataset: &Dataset,
    rankings: &Rankings,
    year: i32,
    id: &str,
    lang: Lang,
    printed_only: bool,
) -> Option<History> {
    let years: Vec<i32> = dataset
        .years
        .iter()
        .map(|y| y.year)
        .filter(|&y| y <= year)
        .collect();
    dataset.year(year)?.province_index(id)?;
    // The year the unit was formed, if a reorganisation formed it: it is the first year whose
    // entry for it names predecessors.
    let formed_in = years.iter().rev().copied().find(|&y| {
        dataset
            .year(y)
            .and_then(|d| {
                d.province_index(id)
                    .map(|i| !d.provinces[i].predecessors.is_empty())
            })
            .unwrap_or(false)
    });
    let shown = Shown { lang, printed_only };
    let mut series = vec![series_of(
        dataset,
        rankings,
        id,
        &years,
        formed_in.unwrap_or(i32::MIN),
        shown,
        false,
    )];
    let mut formed = None;
    if let Some(formed_year) = formed_in {
        let formed_data = dataset.year(formed_year)?;
        let entry = &formed_data.provinces[formed_data.province_index(id)?];
        for predecessor in &entry.predecessors {
            let earlier: Vec<i32> = years.iter().copied().filter(|&y| y < formed_year).collect();
            series.push(series_of(
                dataset,
                rankings,
                predecessor,
                &earlier,
                i32::MIN,
                shown,
                true,
            ));
        }
        formed = formed_data.restructured.as_ref().map(|r| {
            let act = match lang {
                Lang::Vi => r.resolution.0.clone(),
                Lang::En => r.resolution.1.clone(),
            };
            (formed_year, r.effective.format("%Y-%m-%d").to_string(), act)
        });
    }
    series.retain(|s| !s.years.is_empty());
    let region = region_change(dataset, year, id, &series, lang);
    Some(History {
        series,
        averages: averages(dataset, &years),
        formed,
        region,
    })
}

/// How the region of unit `id` in `year` changed in size over the years of its history,
/// when an earlier year with another size shows a regional rank; `None` when it did not.
fn region_change(
    dataset: &Dataset,
    year: i32,
    id: &str,
    series: &[Series],
    lang: Lang,
) -> Option<RegionChange> {
    let data = dataset.year(year)?;
    let region = &data.regions[data.provinces[data.province_index(id)?].region];
    let size_in = |y: i32| {
        let d = dataset.year(y)?;
        let r = d.regions.iter().position(|r| r.id == region.id)?;
        Some(d.region_size(r))
    };
    let years: Vec<i32> = series
        .iter()
        .flat_map(|s| &s.years)
        .map(|y| y.year)
        .filter(|&y| y <= year)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let size = size_in(year)?;
    // The present size's run of years, back from the briefing's year.
    let since = years
        .iter()
        .rev()
        .take_while(|&&y| size_in(y) == Some(size))
        .last()
        .copied()?;
    let mut before: Vec<SizeSpan> = Vec::new();
    for &y in years.iter().filter(|&&y| y < since) {
        let Some(n) = size_in(y) else { continue };
        match before.last_mut() {
            Some(span) if span.size == n => span.to = y,
            _ => before.push(SizeSpan {
                from: y,
                to: y,
                size: n,
            }),
        }
    }
    let ranked_before = series
        .iter()
        .flat_map(|s| &s.years)
        .any(|y| y.year < since && (y.par.regional.is_some() || y.sipas.regional.is_some()));
    if before.is_empty() || !ranked_before {
        return None;
    }
    let region_name = |r: &crate::model::Region| match lang {
        Lang::Vi => r.name.clone(),
        Lang::En => r.name_en.clone(),
    };
    let elsewhere = series
        .iter()
        .filter(|s| s.predecessor)
        .filter_map(|s| {
            let last = s.years.last()?.year;
            let d = dataset.year(last)?;
            let r = &d.regions[d.provinces[d.province_index(&s.id)?].region];
            (r.id != region.id).then(|| Elsewhere {
                label: s.label.clone(),
                region: region_name(r),
            })
        })
        .collect();
    Some(RegionChange {
        name: region_name(region),
        since,
        size,
        before,
        elsewhere,
    })
}

/// How a series is shown: in which language, and whether only printed figures count.
#[derive(Clone, Copy)]
struct Shown {
    lang: Lang,
    printed_only: bool,
}

/// The figures of province `id` in each of `years` from `from` on (the years it existed
/// under that id).
fn series_of(
    dataset: &Dataset,
    rankings: &Rankings,
    id: &str,
    years: &[i32],
    from: i32,
    shown: Shown,
    predecessor: bool,
) -> Series {
    let Shown { lang, printed_only } = shown;
    let keep = |basis: Basis| self::shown(basis, printed_only);
    let mut name = String::new();
    let mut label = String::new();
    let mut place = String::new();
    let mut is_city = false;
    let mut facts = Vec::new();
    for &y in years.iter().filter(|&&y| y >= from) {
        let (Some(data), Some(ranks)) = (dataset.year(y), rankings.year(y)) else {
            continue;
        };
        let Some(p) = data.province_index(id) else {
            continue;
        };
        name.clone_from(&data.provinces[p].name);
        label = in_sentence(dataset, y, id, lang).unwrap_or_default();
        let province = &data.provinces[p];
        place = match lang {
            Lang::Vi => province.place_name.clone(),
            Lang::En => super::naming::names(province).1,
        };
        is_city = province.is_city();
        let figures = |index: Index| {
            let published = province.published(index);
            let placing: Placing = ranks.placing(index, p);
            let score = published.score.filter(|_| keep(published.basis.score));
            let national = placing.national.provenance.basis();
            let regional = placing.regional.provenance.basis();
            let rank = placing.national.rank.filter(|_| keep(national));
            let regional_rank = placing.regional.rank.filter(|_| keep(regional));
            let conflicting = &published.conflicting;
            // A figure left out because the sources disagree is marked as such.
            let basis = |shown: bool, basis: Basis, disputed: bool| {
                if !shown && disputed {
                    CONFLICTING
                } else {
                    basis.as_str()
                }
            };
            Figures {
                score: score.map(|s| f64::from(s.hundredths()) / 100.0),
                score_basis: context::score_basis(score.is_some(), published),
                rounded_score: published.rounded_score.filter(|_| score.is_none()),
                conflicting_scores: conflicting
                    .score
                    .iter()
                    .filter(|_| score.is_none())
                    .map(|s| f64::from(s.hundredths()) / 100.0)
                    .collect(),
                conflicting_ranks: conflicting
                    .rank
                    .iter()
                    .filter(|_| rank.is_none())
                    .copied()
                    .collect(),
                rank,
                of: placing.national.of,
                rank_basis: basis(rank.is_some(), national, !conflicting.rank.is_empty()),
                regional: regional_rank,
                regional_of: placing.regional.of,
                regional_basis: basis(
                    regional_rank.is_some(),
                    regional,
                    !conflicting.region_rank.is_empty(),
                ),
                exact: score,
            }
        };
        facts.push(YearFacts {
            year: y,
            par: figures(Index::Par),
            sipas: figures(Index::Sipas),
        });
    }
    Series {
        id: id.to_string(),
        name,
        label,
        place,
        is_city,
        predecessor,
        years: facts,
    }
}

fn averages(dataset: &Dataset, years: &[i32]) -> Averages {
    let of = |index: Index| {
        years
            .iter()
            .map(|&y| dataset.year(y).and_then(|d| d.national.of(index).average))
            .collect()
    };
    Averages {
        years: years.to_vec(),
        par: of(Index::Par),
        sipas: of(Index::Sipas),
    }
}

/// What the first later reorganisation made of province `id` of `year`, when it merged it.
pub(super) fn became(dataset: &Dataset, year: i32, id: &str, lang: Lang) -> Option<Became> {
    dataset
        .years
        .iter()
        .filter(|y| y.year > year)
        .find_map(|later| {
            let restructure = later.restructured.as_ref()?;
            let unit = later
                .provinces
                .iter()
                .find(|u| u.predecessors.iter().any(|p| p == id))?;
            let previous = later.year - 1;
            let ids = std::iter::once(id).chain(
                unit.predecessors
                    .iter()
                    .map(String::as_str)
                    .filter(|p| *p != id),
            );
            let merged = ids
                .map(|p| in_sentence(dataset, previous, p, lang).unwrap_or_else(|| p.to_string()))
                .collect();
            let name_of = |p: &str| {
                let data = dataset.year(previous)?;
                Some(data.provinces[data.province_index(p)?].name.clone())
            };
            Some(Became {
                effective: restructure.effective.format("%Y-%m-%d").to_string(),
                resolution: match lang {
                    Lang::Vi => restructure.resolution.0.clone(),
                    Lang::En => restructure.resolution.1.clone(),
                },
                unit: in_sentence(dataset, later.year, &unit.id, lang).unwrap_or_default(),
                same_name: unit
                    .predecessors
                    .iter()
                    .any(|p| name_of(p).is_some_and(|n| n == unit.name)),
                merged,
            })
        })
}

/// The province whose agencies issue a briefing made on `date` about province `id` of
/// `year`: the unit a later reorganisation that had taken effect by then merged it into (a
/// briefing made in 2026 about Bắc Kạn 2023 comes from Thái Nguyên's departments), else the
/// province itself. `None` for `date` means the document is undated: the latest
/// reorganisation counts.
pub(super) fn issuing_unit<'a>(
    dataset: &'a Dataset,
    year: i32,
    id: &str,
    date: Option<chrono::NaiveDate>,
) -> Option<&'a crate::model::Province> {
    let mut current = (year, id.to_string());
    for later in dataset.years.iter().filter(|y| y.year > year) {
        let Some(restructure) = &later.restructured else {
            continue;
        };
        if date.is_some_and(|d| d < restructure.effective) {
            break;
        }
        if let Some(unit) = later
            .provinces
            .iter()
            .find(|u| u.predecessors.contains(&current.1))
        {
            current = (later.year, unit.id.clone());
        }
    }
    let data = dataset.year(current.0)?;
    data.province_index(&current.1).map(|i| &data.provinces[i])
}

/// The basis name of a figure left out because the cited sources print different values: its
/// cell shows "–" with a mark of its own.
pub(super) const CONFLICTING: &str = "conflicting";

/// The basis name of a score left out because the sources print it only rounded to a whole
/// number: its cell shows "–" with a mark of its own.
pub(super) const ROUNDED: &str = "rounded";

/// Whether a figure of this basis is one the sources mention but the document leaves out (its
/// "–" carries a mark).
pub(super) fn left_out(basis: &str) -> bool {
    basis == CONFLICTING || basis == ROUNDED
}

/// A figure of this basis is shown unless the reader asked for printed figures only.
pub(super) fn shown(basis: Basis, printed_only: bool) -> bool {
    !printed_only || basis == Basis::Printed
}
