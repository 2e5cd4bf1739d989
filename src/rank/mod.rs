//! National and regional ranks for every province, year and index.
//!
//! Ranks are computed from scores with *competition ranking* ("1224"): equal scores share a
//! rank and the next rank skips (91,04 → 1; 90,51 → 2; 90,51 → 2; 88,47 → 4), which is how the
//! Ministry of Home Affairs publishes ties. A ranking is computed only where every province it
//! covers (the year's list, or the region's members) has a score; otherwise the published rank
//! is used, because ranking the few known scores would understate everyone's place. Where both
//! exist they are cross-checked, and each disagreement is reported (a warning, an error under
//! `--strict`). N and M always come from the year's own province list, never a constant.
//!
//! `derive` adds the regional ranks that the national ranks determine exactly (1st nationally
//! is 1st in its region), and bounds the published ones; `changes` checks published changes
//! and previous-year averages against the previous year's own figures.

mod changes;
mod derive;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Basis, Dataset, Index, Lang, Loc, Province, Rank, Score, YearData};

/// Where a rank came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// Computed from a complete set of scores.
    Computed,
    /// Taken from the dataset, because the scores are incomplete; with how the source gave it.
    Published(Basis),
    /// A regional rank that the national ranks determine exactly; with the weakest basis of
    /// the ranks it follows from.
    Derived(Basis),
}

impl Provenance {
    /// How sure the figure is: a computed rank is as good as a printed one.
    pub fn basis(self) -> Basis {
        match self {
            Provenance::Computed => Basis::Printed,
            Provenance::Published(b) | Provenance::Derived(b) => b,
        }
    }
}

/// A place "rank/of", or only "of" when the rank is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The place, when known.
    pub rank: Option<Rank>,
    /// How many provinces the ranking has (N or M).
    pub of: u32,
    /// Computed or published.
    pub provenance: Provenance,
}

/// One province's places for one index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placing {
    /// Among all provinces of the year.
    pub national: Standing,
    /// Among the provinces of its region.
    pub regional: Standing,
}

/// Every province's placings in one year, in the order of the year's province list.
#[derive(Debug, Clone)]
pub struct YearRankings {
    /// The year ranked.
    pub year: i32,
    /// PAR Index placings, by province index.
    pub par: Vec<Placing>,
    /// SIPAS placings, by province index.
    pub sipas: Vec<Placing>,
}

impl YearRankings {
    /// The placing of province `province` (an index into the year's list) for `index`.
    pub fn placing(&self, index: Index, province: usize) -> Placing {
        match index {
            Index::Par => self.par[province],
            Index::Sipas => self.sipas[province],
        }
    }

    fn placings_mut(&mut self, index: Index) -> &mut [Placing] {
        match index {
            Index::Par => &mut self.par,
            Index::Sipas => &mut self.sipas,
        }
    }
}

/// Every year's rankings.
#[derive(Debug, Clone, Default)]
pub struct Rankings {
    /// One entry per year of the dataset.
    pub years: Vec<YearRankings>,
}

impl Rankings {
    /// The rankings of `year`.
    pub fn year(&self, year: i32) -> Option<&YearRankings> {
        self.years.iter().find(|r| r.year == year)
    }
}

/// Ranks every year of the dataset; the diagnostics are the cross-checks' disagreements.
pub fn rank(dataset: &Dataset) -> (Rankings, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let years = dataset
        .years
        .iter()
        .map(|year| {
            let mut ranked = YearRankings {
                year: year.year,
                par: rank_index(year, Index::Par, &mut diagnostics),
                sipas: rank_index(year, Index::Sipas, &mut diagnostics),
            };
            for index in Index::ALL {
                derive::regional(year, index, ranked.placings_mut(index), &mut diagnostics);
            }
            ranked
        })
        .collect();
    let rankings = Rankings { years };
    diagnostics.extend(changes::check(dataset, &rankings));
    (rankings, diagnostics)
}

/// Competition ranks ("1224") of `scores`, in their order: 1 + how many scored strictly higher.
pub fn competition_ranks(scores: &[Score]) -> Vec<Rank> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].cmp(&scores[a]));
    let mut ranks = vec![0; scores.len()];
    for (position, &i) in order.iter().enumerate() {
        let tied_with_previous = position > 0 && scores[order[position - 1]] == scores[i];
        ranks[i] = if tied_with_previous {
            ranks[order[position - 1]]
        } else {
            to_rank(position + 1)
        };
    }
    ranks
}

fn to_rank(n: usize) -> Rank {
    Rank::try_from(n).unwrap_or(Rank::MAX)
}

fn rank_index(year: &YearData, index: Index, diagnostics: &mut Vec<Diagnostic>) -> Vec<Placing> {
    let all: Vec<usize> = (0..year.provinces.len()).collect();
    let national = standings(year, index, &all, Scope::National, diagnostics);
    let mut regional = vec![None; year.provinces.len()];
    for region in 0..year.regions.len() {
        let members: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&p| year.provinces[p].region == region)
            .collect();
        for (member, standing) in members.iter().zip(standings(
            year,
            index,
            &members,
            Scope::Regional,
            diagnostics,
        )) {
            regional[*member] = Some(standing);
        }
    }
    national
        .into_iter()
        .zip(regional)
        .map(|(national, regional)| Placing {
            national,
            // Every province belongs to exactly one region (validate guarantees it).
            regional: regional.unwrap_or(Standing {
                rank: None,
                of: 0,
                provenance: Provenance::Published(Basis::Printed),
            }),
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    National,
    Regional,
}

impl Scope {
    fn published(self, province: &Province, index: Index) -> Option<Rank> {
        let figures = province.published(index);
        match self {
            Scope::National => figures.rank,
            Scope::Regional => figures.region_rank,
        }
    }

    fn basis(self, province: &Province, index: Index) -> Basis {
        let basis = province.published(index).basis;
        match self {
            Scope::National => basis.rank,
            Scope::Regional => basis.region_rank,
        }
    }

    pub(crate) fn published_at(self, province: &Province, index: Index) -> Loc {
        let figures = province.published(index);
        match self {
            Scope::National => figures.rank_at,
            Scope::Regional => figures.region_rank_at,
        }
    }

    fn field(self) -> &'static str {
        match self {
            Scope::National => "rank",
            Scope::Regional => "region_rank",
        }
    }

    /// How a message names the ranking: "PAR Index rank", "regional PAR Index rank".
    pub(crate) fn noun(self, index: Index) -> String {
        match self {
            Scope::National => format!("{index} rank"),
            Scope::Regional => format!("regional {index} rank"),
        }
    }
}

/// Standings of `members` (indices into the year's provinces) within that group.
fn standings(
    year: &YearData,
    index: Index,
    members: &[usize],
    scope: Scope,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Standing> {
    let of = to_rank(members.len());
    let scores: Option<Vec<Score>> = members
        .iter()
        .map(|&p| year.provinces[p].published(index).score)
        .collect();
    match scores {
        Some(scores) => {
            let computed = competition_ranks(&scores);
            for (&p, &rank) in members.iter().zip(&computed) {
                cross_check(year, index, p, scope, rank, diagnostics);
            }
            computed
                .into_iter()
                .map(|rank| Standing {
                    rank: Some(rank),
                    of,
                    provenance: Provenance::Computed,
                })
                .collect()
        }
        None => {
            check_published_order(year, index, members, scope, diagnostics);
            if scope == Scope::Regional {
                check_regional_against_national(year, index, members, diagnostics);
            }
            members
                .iter()
                .map(|&p| Standing {
                    rank: scope.published(&year.provinces[p], index),
                    of,
                    provenance: Provenance::Published(scope.basis(&year.provinces[p], index)),
                })
                .collect()
        }
    }
}

fn cross_check(
    year: &YearData,
    index: Index,
    p: usize,
    scope: Scope,
    computed: Rank,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let province = &year.provinces[p];
    let Some(published) = scope.published(province, index) else {
        return;
    };
    if published != computed {
        diagnostics.push(
            Diagnostic::warning(Code::RankMismatch, &year.file, Some(scope.published_at(province, index)), field(province, index, scope))
                .message(format!(
                    "{}: published {} {published} disagrees with rank {computed} computed from the {} scores",
                    province.name,
                    scope.noun(index),
                    match scope {
                        Scope::National => "year's",
                        Scope::Regional => "region's",
                    }
                ))
                .hint("check the score and the rank against the source; the computed rank is used"),
        );
    }
}

/// With incomplete scores nothing can be computed, but published ranks must still agree with
/// the scores that are known: a higher score never has a worse rank, equal ranks mean equal
/// scores. A contradiction is an error: one of the two figures was typed wrong.
fn check_published_order(
    year: &YearData,
    index: Index,
    members: &[usize],
    scope: Scope,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let known: Vec<(usize, Score, Rank)> = members
        .iter()
        .filter_map(|&p| {
            let province = &year.provinces[p];
            Some((
                p,
                province.published(index).score?,
                scope.published(province, index)?,
            ))
        })
        .collect();
    for (i, &(a, score_a, rank_a)) in known.iter().enumerate() {
        for &(b, score_b, rank_b) in &known[i + 1..] {
            let contradicts = (score_a > score_b && rank_a >= rank_b)
                || (score_a < score_b && rank_a <= rank_b)
                || (score_a == score_b && rank_a != rank_b);
            if contradicts {
                let (pa, pb) = (&year.provinces[a], &year.provinces[b]);
                diagnostics.push(
                    Diagnostic::error(Code::RankOrder, &year.file, Some(scope.published_at(pb, index)), field(pb, index, scope))
                        .message(format!(
                            "published {}s contradict the scores: {} has {} and rank {rank_a}, {} has {} and rank {rank_b}",
                            scope.noun(index),
                            pa.name,
                            crate::format::decimal(score_a, Lang::En),
                            pb.name,
                            crate::format::decimal(score_b, Lang::En),
                        ))
                        .hint("check both provinces' scores and ranks against the source"),
                );
            }
        }
    }
}

/// Within a region, published regional ranks must keep the order of the published national
/// ranks: a province placed above another in the country is above it in their region too.
fn check_regional_against_national(
    year: &YearData,
    index: Index,
    members: &[usize],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let known: Vec<(usize, Rank, Rank)> = members
        .iter()
        .filter_map(|&p| {
            let figures = year.provinces[p].published(index);
            Some((p, figures.rank?, figures.region_rank?))
        })
        .collect();
    for (i, &(a, national_a, regional_a)) in known.iter().enumerate() {
        for &(b, national_b, regional_b) in &known[i + 1..] {
            let contradicts = (national_a < national_b && regional_a >= regional_b)
                || (national_a > national_b && regional_a <= regional_b)
                || (national_a == national_b && regional_a != regional_b);
            if contradicts {
                let (pa, pb) = (&year.provinces[a], &year.provinces[b]);
                diagnostics.push(
                    Diagnostic::error(
                        Code::RankOrder,
                        &year.file,
                        Some(Scope::Regional.published_at(pb, index)),
                        field(pb, index, Scope::Regional),
                    )
                    .message(format!(
                        "published {index} ranks contradict each other: {} is {national_a} in the country and {regional_a} in the region, {} is {national_b} and {regional_b}",
                        pa.name,
                        pb.name,
                    ))
                    .hint("check both provinces' national and regional ranks against the source"),
                );
            }
        }
    }
}

pub(crate) fn field(province: &Province, index: Index, scope: Scope) -> String {
    format!(
        "provinces[{}].{}.{}",
        province.id,
        index.field(),
        scope.field()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(values: &[u32]) -> Vec<Score> {
        values
            .iter()
            .map(|&v| Score::from_hundredths(v).expect("test score in range"))
            .collect()
    }

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        assert_eq!(
            competition_ranks(&scores(&[9104, 9051, 9051, 8847])),
            vec![1, 2, 2, 4]
        );
    }

    #[test]
    fn ranks_follow_scores_not_input_order() {
        assert_eq!(
            competition_ranks(&scores(&[8467, 9104, 7325])),
            vec![2, 1, 3]
        );
    }

    #[test]
    fn all_equal_scores_are_all_first() {
        assert_eq!(
            competition_ranks(&scores(&[8000, 8000, 8000])),
            vec![1, 1, 1]
        );
    }

    #[test]
    fn empty_input_gives_no_ranks() {
        assert!(competition_ranks(&[]).is_empty());
    }
}
