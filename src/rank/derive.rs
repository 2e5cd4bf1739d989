//! Regional ranks that the national ranks determine. With competition ranking, national rank
//! r means exactly r − 1 provinces scored higher. So when every province ranked above a
//! province nationally is known — or every one ranked below it — its place in its region is
//! fixed: 1st nationally is 1st in its region, last nationally is last in it. Only an exact
//! rank is derived; otherwise nothing is said. A published regional rank that the national
//! ranks rule out is an error, like any other contradiction.

use super::{Placing, Provenance, Scope};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Basis, Index, Rank, YearData};

/// How one province stands against the others, from the national ranks alone.
#[derive(Clone, Copy)]
struct Counts {
    /// Known to rank strictly above it nationally, in its region.
    above_in_region: u32,
    /// Without a national rank, in its region.
    unknown_in_region: u32,
    /// How many of all provinces without a national rank rank above it.
    unknown_above: u32,
    /// Provinces without a national rank, in all regions.
    unknown: u32,
    /// The weakest basis of the known ranks in the region, of those known to rank above it
    /// anywhere, and of those known to rank below it anywhere.
    basis_region: Basis,
    basis_above: Basis,
    basis_below: Basis,
    /// The weakest basis of the region's members known to rank above it.
    basis_region_above: Basis,
}

impl Counts {
    /// The weakest basis of the ranks an exact regional rank follows from: the region's own,
    /// and, when some of its members are unknown, the ranks that place every unknown province
    /// above or below it.
    fn basis(&self) -> Basis {
        if self.unknown_above == 0 {
            // Every province above it is known: its regional rank rests on those alone.
            self.basis_above
        } else if self.unknown_in_region == 0 {
            self.basis_region
        } else {
            // Every unknown province is above it: that rests on the ones known below.
            self.basis_region_above.max(self.basis_below)
        }
    }

    /// The lowest and highest regional rank the national ranks allow.
    fn bounds(&self) -> (Rank, Rank) {
        let unknown_elsewhere = self.unknown - self.unknown_in_region;
        let least_above = self.unknown_above.saturating_sub(unknown_elsewhere);
        let most_above = self.unknown_above.min(self.unknown_in_region);
        (
            1 + self.above_in_region + least_above,
            1 + self.above_in_region + most_above,
        )
    }
}

/// Adds derived regional ranks to `placings` and checks published ones against the bounds.
pub(super) fn regional(
    year: &YearData,
    index: Index,
    placings: &mut [Placing],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let national: Vec<Option<(Rank, Basis)>> = placings
        .iter()
        .map(|p| p.national.rank.map(|r| (r, p.national.provenance.basis())))
        .collect();
    let all = counts(year, &national);
    for p in 0..placings.len() {
        let Some(counts) = all[p] else {
            continue;
        };
        let (low, high) = counts.bounds();
        let regional = &mut placings[p].regional;
        match (regional.rank, regional.provenance) {
            (None, _) if low == high => {
                regional.rank = Some(low);
                let own = national[p].map_or(Basis::Printed, |(_, b)| b);
                // Worked out rather than printed, it is at best a deduced figure.
                let basis = own.max(counts.basis()).max(Basis::Deduced);
                regional.provenance = Provenance::Derived(basis);
            }
            (Some(rank), Provenance::Published(_)) if !(low..=high).contains(&rank) => {
                diagnostics.push(contradiction(year, index, p, rank, (low, high)));
            }
            _ => {}
        }
    }
}

/// How many known national ranks there are of each basis.
#[derive(Clone, Copy, Default)]
struct Bases([u32; 3]);

impl Bases {
    fn add(&mut self, basis: Basis) {
        self.0[basis as usize] += 1;
    }

    /// Those of `self` that are not in `other` (a part of `self`).
    fn minus(self, other: Bases) -> Bases {
        Bases([0, 1, 2].map(|i| self.0[i].saturating_sub(other.0[i])))
    }

    /// The weakest basis among them, one of basis `without` left out; printed if none.
    fn weakest(self, without: Option<Basis>) -> Basis {
        let mut n = self.0;
        if let Some(b) = without {
            n[b as usize] = n[b as usize].saturating_sub(1);
        }
        [Basis::Deduced, Basis::Listing]
            .into_iter()
            .find(|b| n[*b as usize] > 0)
            .unwrap_or(Basis::Printed)
    }
}

/// The counts of every province, `None` where its national rank is unknown or the national
/// ranks contradict one another (`rank-order` reports that). One pass over the provinces in
/// national order, carrying what ranks above: a count per province against all the others
/// took 10⁸ steps for 10 000 provinces.
fn counts(year: &YearData, national: &[Option<(Rank, Basis)>]) -> Vec<Option<Counts>> {
    let region = |p: usize| year.provinces[p].region;
    let regions = (0..national.len()).map(region).max().map_or(0, |r| r + 1);
    let (mut unknown, mut unknown_in) = (0, vec![0u32; regions]);
    let (mut all, mut in_region) = (Bases::default(), vec![Bases::default(); regions]);
    for (p, n) in national.iter().enumerate() {
        match n {
            Some((_, basis)) => {
                all.add(*basis);
                in_region[region(p)].add(*basis);
            }
            None => {
                unknown += 1;
                unknown_in[region(p)] += 1;
            }
        }
    }
    let mut known: Vec<(Rank, Basis, usize)> = national
        .iter()
        .enumerate()
        .filter_map(|(p, n)| n.map(|(rank, basis)| (rank, basis, p)))
        .collect();
    known.sort_unstable_by_key(|&(rank, _, p)| (rank, p));
    let mut out: Vec<Option<Counts>> = vec![None; national.len()];
    // What is known to rank strictly above the current rank: everywhere and by region.
    let (mut above, mut above_count) = (Bases::default(), 0u32);
    let (mut above_in, mut above_in_bases) = (vec![0u32; regions], vec![Bases::default(); regions]);
    for tie in known.chunk_by(|a, b| a.0 == b.0) {
        for &(rank, own, p) in tie {
            let r = region(p);
            let counts = Counts {
                above_in_region: above_in[r],
                unknown_in_region: unknown_in[r],
                // r − 1 provinces rank above; those not known to are among the unknown ones.
                unknown_above: (rank - 1).saturating_sub(above_count),
                unknown,
                basis_region: in_region[r].weakest(Some(own)),
                basis_above: above.weakest(None),
                basis_below: all.minus(above).weakest(Some(own)),
                basis_region_above: above_in_bases[r].weakest(None),
            };
            let consistent = rank > above_count && counts.unknown_above <= unknown;
            out[p] = consistent.then_some(counts);
        }
        for &(_, basis, p) in tie {
            above.add(basis);
            above_count += 1;
            above_in[region(p)] += 1;
            above_in_bases[region(p)].add(basis);
        }
    }
    out
}

fn contradiction(
    year: &YearData,
    index: Index,
    p: usize,
    rank: Rank,
    (low, high): (Rank, Rank),
) -> Diagnostic {
    let province = &year.provinces[p];
    let allowed = if low == high {
        format!("{low}")
    } else {
        format!("between {low} and {high}")
    };
    Diagnostic::error(
        Code::RankOrder,
        &year.file,
        Some(Scope::Regional.published_at(province, index)),
        super::field(province, index, Scope::Regional),
    )
    .message(format!(
        "{}: published {} {rank} contradicts the national ranks, which put it {allowed} in its region",
        province.name,
        Scope::Regional.noun(index),
    ))
    .hint("check the national and the regional rank against the source")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(
        above_in_region: u32,
        unknown_in_region: u32,
        unknown_above: u32,
        unknown: u32,
    ) -> Counts {
        Counts {
            above_in_region,
            unknown_in_region,
            unknown_above,
            unknown,
            basis_region: Basis::Printed,
            basis_above: Basis::Printed,
            basis_below: Basis::Printed,
            basis_region_above: Basis::Printed,
        }
    }

    #[test]
    fn first_nationally_is_first_in_its_region() {
        // Nobody ranks above it, whatever is unknown.
        assert_eq!(counts(0, 10, 0, 62).bounds(), (1, 1));
    }

    #[test]
    fn last_nationally_is_last_in_its_region() {
        // 62 rank above it, all of them unknown, 12 of them in its region of 13.
        assert_eq!(counts(0, 12, 62, 62).bounds(), (13, 13));
    }

    #[test]
    fn an_unknown_neighbour_leaves_the_rank_open() {
        // 2 known above in the region, 3 unknown in it; 5 of 20 unknowns rank above.
        assert_eq!(counts(2, 3, 5, 20).bounds(), (3, 6));
    }

    #[test]
    fn unknowns_that_must_rank_above_are_counted() {
        // 5 unknowns rank above and only 2 unknowns are outside the region: 3 are inside.
        assert_eq!(counts(1, 4, 5, 6).bounds(), (5, 6));
    }
}
