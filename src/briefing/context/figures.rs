//! One index's figures in the template context: the score, the change on the previous year,
//! the national and regional ranks, how sure each is, and the marks ("(*)", "(**)") that
//! qualify the figures a briefing shows.

use serde::Serialize;

use super::Years;
use crate::briefing::history::shown;
use crate::model::{Basis, Index, Published, Rank, Score};
use crate::rank::{Placing, Provenance, Standing};

#[derive(Debug, Clone, Serialize)]
pub(in crate::briefing) struct IndexFacts {
    /// Points, e.g. 84.67; `none` when the dataset has none.
    pub(super) score: Option<f64>,
    /// How the score was obtained: printed, listing, deduced; `conflicting` when it is left
    /// out because the sources print different values, `rounded` when they print it only
    /// rounded to a whole number.
    pub(super) score_basis: &'static str,
    /// Those values, as the sources print them.
    conflicting_scores: Vec<f64>,
    /// The whole number the sources print, for a score left out as `rounded`.
    rounded_score: Option<u8>,
    previous_score: Option<f64>,
    /// How the previous year's score was obtained; printed with it, so a deduced one shows
    /// its mark.
    previous_score_basis: &'static str,
    /// Points against the previous year: from both years' scores, else as a source printed it.
    pub(super) change: Option<f64>,
    /// How sure the change is: a change worked out from a listed or deduced score is too,
    /// unless a source prints that very change (the earlier score was then deduced from it).
    /// Without a change, the score's left-out basis when the score is left out although last
    /// year's is known (the change is missing for that reason: its "–" carries the mark).
    pub(super) change_basis: &'static str,
    /// The change is a source's own figure, not worked out from both years' scores.
    change_quoted: bool,
    /// A source prints the change stated (whether or not both years' scores give it too).
    #[serde(skip)]
    change_printed: bool,
    /// The province against the national average, in points (positive: above).
    above_average: Option<f64>,
    /// Every national rank of the year was printed as a number (none read from a listing or
    /// deduced), so a regional rank derived from them rests on published ranks only.
    national_ranks_printed: bool,
    pub(super) national: RankFacts,
    pub(super) regional: RankFacts,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct RankFacts {
    pub(super) rank: Option<u32>,
    of: u32,
    previous: Option<u32>,
    /// How the previous year's rank was obtained. A deduced or listed one is said beside the
    /// change with its mark ("khi xếp thứ 23/63(*)"), so the reader sees what the change
    /// rests on.
    previous_basis: &'static str,
    /// Places gained (positive) or lost (negative): from both years' ranks, else as a source
    /// printed it; `none` when not known or not comparable.
    change: Option<i64>,
    /// How sure the change is: as sure as the less sure of the two ranks, unless a source
    /// prints that very change.
    change_basis: &'static str,
    /// The change is a source's own figure, not worked out from both years' ranks.
    quoted: bool,
    /// A source prints the change stated (whether or not both years' ranks give it too).
    #[serde(skip)]
    printed: bool,
    /// How the rank was obtained: printed, listing, deduced; `conflicting` when it is left out
    /// because the sources print different ranks.
    pub(super) basis: &'static str,
    /// Those ranks, as the sources print them.
    conflicting: Vec<u32>,
    /// Follows from the national ranks rather than a source or the scores.
    derived: bool,
}

/// Whether the briefing shows a figure read from a listing, one deduced, or a figure left out
/// because the sources disagree or print it only rounded.
#[derive(Debug, Serialize, Default, Clone, Copy)]
pub(in crate::briefing) struct Marks {
    listing: bool,
    deduced: bool,
    conflicting: bool,
    rounded: bool,
}

pub(in crate::briefing) use crate::briefing::history::{CONFLICTING, ROUNDED, left_out};

/// The symbol of each mark the document uses, numbered in the order a reader meets them:
/// "(*)" for the first, "(**)" for the second — those of the summary table first, then those
/// only the history's table uses. Empty for a mark not used, so a reader never meets a "(**)"
/// without a "(*)".
#[derive(Debug, Serialize, Default)]
pub(in crate::briefing) struct Symbols {
    listing: String,
    deduced: String,
    conflicting: String,
    rounded: String,
}

impl Symbols {
    /// The symbols numbered in the order of `bases`, the figures' bases as a reader meets
    /// them (a basis without a mark, "printed", takes no number).
    pub(in crate::briefing) fn in_order<'a>(bases: impl IntoIterator<Item = &'a str>) -> Symbols {
        let mut symbols = Symbols::default();
        let mut n = 0;
        for basis in bases {
            let symbol = match basis {
                b if b == Basis::Listing.as_str() => &mut symbols.listing,
                b if b == Basis::Deduced.as_str() => &mut symbols.deduced,
                CONFLICTING => &mut symbols.conflicting,
                ROUNDED => &mut symbols.rounded,
                _ => continue,
            };
            if symbol.is_empty() {
                n += 1;
                *symbol = format!("({})", "\\*".repeat(n));
            }
        }
        symbols
    }

    /// The symbol of a figure of `basis` as plain text ("(*)"), for a figure shown outside the
    /// marked-up text (a chart's label); `None` for a printed figure.
    pub(in crate::briefing) fn plain(&self, basis: &str) -> Option<String> {
        let symbol = match basis {
            b if b == Basis::Listing.as_str() => &self.listing,
            b if b == Basis::Deduced.as_str() => &self.deduced,
            _ => return None,
        };
        (!symbol.is_empty()).then(|| symbol.replace("\\*", "*"))
    }

    /// The symbols of the marks `first` uses, then of those only `then` uses, each in the
    /// order listing, deduced, conflicting, rounded.
    pub(in crate::briefing) fn of(first: Marks, then: Marks) -> Symbols {
        Symbols::in_order(first.bases().chain(then.bases()))
    }
}

pub(in crate::briefing) fn points(score: Score) -> f64 {
    f64::from(score.hundredths()) / 100.0
}

fn hundredths_to_points(h: i64) -> f64 {
    h as f64 / 100.0
}

impl IndexFacts {
    /// Whether the paragraph on this index states a change that is a source's own figure:
    /// a change of points beside a score, a change of the national rank (said even without
    /// the rank), or a change of the regional rank beside that rank.
    pub(super) fn states_a_quoted_change(&self) -> bool {
        let points = self.score.is_some() && self.change.is_some() && self.change_quoted;
        let national = self.national.change.is_some() && self.national.quoted;
        let regional =
            self.regional.rank.is_some() && self.regional.change.is_some() && self.regional.quoted;
        points || national || regional
    }

    /// Whether the paragraphs on this index state a change worked out from both years'
    /// figures, or the score's distance from the national average.
    pub(super) fn states_a_computed_change(&self) -> bool {
        let points = self.score.is_some() && self.change.is_some() && !self.change_printed;
        let national = self.national.change.is_some() && !self.national.printed;
        let regional = self.regional.rank.is_some()
            && self.regional.change.is_some()
            && !self.regional.printed;
        points || national || regional || self.above_average.is_some()
    }
}

/// What the overview's tables show of an index: the score and the national rank, or (in a
/// region's table, `regional`) the regional rank.
impl IndexFacts {
    /// The rank a table of the overview shows, if any: national, or regional.
    pub(in crate::briefing) fn shown_rank(&self, regional: bool) -> Option<u32> {
        self.rank_facts(regional).rank
    }

    fn rank_facts(&self, regional: bool) -> &RankFacts {
        if regional {
            &self.regional
        } else {
            &self.national
        }
    }

    /// The score shown, in points, if any.
    pub(in crate::briefing) fn shown_score(&self) -> Option<f64> {
        self.score
    }

    /// Whether the score and the rank a table shows are both printed figures (for an average
    /// worked out from them).
    pub(in crate::briefing) fn score_is_printed(&self) -> bool {
        self.score.is_some() && self.score_basis == Basis::Printed.as_str()
    }

    /// Whether the table's two cells of this index hold a figure or a mark that the sources
    /// disagree.
    pub(in crate::briefing) fn shows(&self, regional: bool) -> bool {
        let rank = self.rank_facts(regional);
        self.score.is_some()
            || left_out(self.score_basis)
            || rank.rank.is_some()
            || left_out(rank.basis)
    }

    /// Whether one of the two cells is empty for want of a figure ("–" without a mark).
    pub(in crate::briefing) fn has_gap(&self, regional: bool) -> bool {
        let rank = self.rank_facts(regional);
        (self.score.is_none() && !left_out(self.score_basis))
            || (rank.rank.is_none() && !left_out(rank.basis))
    }

    /// Whether the regional rank shown follows from the national ranks.
    pub(in crate::briefing) fn regional_derived(&self) -> bool {
        self.regional.rank.is_some() && self.regional.derived
    }

    /// Adds the marks the two cells carry to `marks`.
    pub(in crate::briefing) fn add_cell_marks(&self, regional: bool, marks: &mut Marks) {
        for basis in self.cell_bases(regional) {
            marks.add(basis);
        }
    }

    /// How the figures a table's score and rank cells show were obtained, in column order
    /// (a "–" for a figure left out counts: it carries its mark).
    pub(in crate::briefing) fn cell_bases(
        &self,
        regional: bool,
    ) -> impl Iterator<Item = &'static str> {
        let rank = self.rank_facts(regional);
        [
            (self.score.is_some() || left_out(self.score_basis)).then_some(self.score_basis),
            (rank.rank.is_some() || left_out(rank.basis)).then_some(rank.basis),
        ]
        .into_iter()
        .flatten()
    }
}

/// Which marks the figures of this briefing need.
pub(super) fn marks(indices: &[&IndexFacts]) -> Marks {
    let mut marks = Marks::default();
    for facts in indices {
        for basis in [
            Some(facts.score_basis).filter(|b| facts.score.is_some() || left_out(b)),
            facts.change.map(|_| facts.change_basis),
            Some(facts.national.basis).filter(|b| facts.national.rank.is_some() || left_out(b)),
            Some(facts.regional.basis).filter(|b| facts.regional.rank.is_some() || left_out(b)),
            facts.national.change.map(|_| facts.national.change_basis),
            facts.regional.change.map(|_| facts.regional.change_basis),
            facts.previous_score.map(|_| facts.previous_score_basis),
            facts.national.shown_previous(),
            facts.regional.shown_previous(),
        ]
        .into_iter()
        .flatten()
        {
            marks.add(basis);
        }
    }
    marks
}

impl Marks {
    /// Counts the mark a figure of `basis` (a [`Basis`] name) carries.
    pub(in crate::briefing) fn add(&mut self, basis: &str) {
        self.listing |= basis == Basis::Listing.as_str();
        self.deduced |= basis == Basis::Deduced.as_str();
        self.conflicting |= basis == CONFLICTING;
        self.rounded |= basis == ROUNDED;
    }

    /// The bases of the marks used, in the order listing, deduced, conflicting, rounded.
    fn bases(self) -> impl Iterator<Item = &'static str> {
        [
            (self.listing, Basis::Listing.as_str()),
            (self.deduced, Basis::Deduced.as_str()),
            (self.conflicting, CONFLICTING),
            (self.rounded, ROUNDED),
        ]
        .into_iter()
        .filter_map(|(used, basis)| used.then_some(basis))
    }
}

/// One index's figures for province `p`, with the change on the previous year.
pub(in crate::briefing) fn index_facts(
    years: &Years<'_>,
    p: usize,
    index: Index,
    printed_only: bool,
) -> IndexFacts {
    let province = &years.data.provinces[p];
    let now = province.published(index);
    let placing = years.ranks.placing(index, p);
    let before = years.previous.and_then(|(prev, prev_ranks)| {
        let q = prev.province_index(&province.id)?;
        let earlier = prev.provinces[q].published(index);
        Some((
            earlier.score.map(|s| (s, earlier.basis.score)),
            prev_ranks.map(|r| r.placing(index, q)),
        ))
    });
    let score = now.score.filter(|_| shown(now.basis.score, printed_only));
    let previous = before
        .and_then(|(s, _)| s)
        .filter(|&(_, b)| shown(b, printed_only));
    let previous_score = previous.map(|(s, _)| s);
    let previous_basis = previous.map_or(Basis::Printed, |(_, b)| b);
    let previous_placing: Option<Placing> = before.and_then(|(_, placing)| placing);
    let computed = score.zip(previous_score).map(|(a, b)| a.change_since(b));
    let change_hundredths = computed.or(now.change.points);
    let change_basis = change_basis(
        computed,
        now.change.points,
        now.basis.score.max(previous_basis),
    );
    let average = years.data.national.of(index).average;
    let score_basis = score_basis(score.is_some(), now);
    let change_basis = match change_hundredths {
        None if left_out(score_basis) && previous_score.is_some() => score_basis,
        _ => change_basis.as_str(),
    };
    IndexFacts {
        score: score.map(points),
        score_basis,
        conflicting_scores: now.conflicting.score.iter().map(|&s| points(s)).collect(),
        rounded_score: now.rounded_score.filter(|_| score.is_none()),
        previous_score: previous_score.filter(|_| score.is_some()).map(points),
        previous_score_basis: previous_basis.as_str(),
        change: change_hundredths.map(hundredths_to_points),
        change_basis,
        change_quoted: computed.is_none() && now.change.points.is_some(),
        change_printed: now.change.points.is_some() && now.change.points == change_hundredths,
        above_average: score
            .zip(average)
            .map(|(s, a)| hundredths_to_points(s.change_since(a))),
        national_ranks_printed: (0..years.data.provinces.len()).all(|q| {
            let national = years.ranks.placing(index, q).national;
            national.rank.is_none() || national.provenance.basis() == Basis::Printed
        }),
        national: rank_facts(
            placing.national,
            previous_placing.map(|pp| pp.national),
            now.change.rank,
            printed_only,
        )
        .or_conflicting(&now.conflicting.rank),
        regional: rank_facts(
            placing.regional,
            previous_placing.map(|pp| pp.regional),
            now.change.region_rank,
            printed_only,
        )
        .or_conflicting(&now.conflicting.region_rank),
    }
}

/// How a score was obtained, or why a score the sources mention is left out.
pub(in crate::briefing) fn score_basis(shown: bool, published: &Published) -> &'static str {
    match () {
        _ if shown => published.basis.score.as_str(),
        _ if !published.conflicting.score.is_empty() => CONFLICTING,
        _ if published.rounded_score.is_some() => ROUNDED,
        _ => published.basis.score.as_str(),
    }
}

/// Places change only when both years ranked the same number of provinces: after the 2025
/// merger (63 → 34) "up 5 places" would compare different tables. Without both ranks, a
/// change a source printed is used.
fn rank_facts(
    now: Standing,
    before: Option<Standing>,
    published_change: Option<i64>,
    printed_only: bool,
) -> RankFacts {
    let basis = now.provenance.basis();
    let rank = now.rank.filter(|_| shown(basis, printed_only));
    let comparable = before.filter(|b| {
        b.of == now.of && b.rank.is_some() && shown(b.provenance.basis(), printed_only)
    });
    let previous_basis = comparable.map_or(Basis::Printed, |b| b.provenance.basis());
    let previous = comparable.and_then(|b| b.rank).filter(|_| rank.is_some());
    let computed = rank.zip(previous).map(|(r, p)| i64::from(p) - i64::from(r));
    RankFacts {
        rank,
        of: now.of,
        previous,
        previous_basis: previous_basis.as_str(),
        change: computed.or(published_change),
        change_basis: change_basis(computed, published_change, basis.max(previous_basis)).as_str(),
        quoted: computed.is_none() && published_change.is_some(),
        printed: published_change.is_some() && (computed.is_none() || computed == published_change),
        basis: basis.as_str(),
        conflicting: Vec::new(),
        derived: matches!(now.provenance, Provenance::Derived(_)),
    }
}

/// How sure a change is: one worked out from both years is as sure as the less sure of them
/// (`weakest`), except when a source prints the same change — then it is the source's figure,
/// and the earlier figure is the one that rests on it. A change only a source gives is
/// printed.
fn change_basis(computed: Option<i64>, published: Option<i64>, weakest: Basis) -> Basis {
    match computed {
        Some(c) if published != Some(c) => weakest,
        _ => Basis::Printed,
    }
}

impl RankFacts {
    /// The basis of the previous year's rank when the rank changed. The templates then give
    /// that rank when it is regional (no table shows last year's) or not printed (the change
    /// rests on it); a printed one, given or not, needs no mark.
    fn shown_previous(&self) -> Option<&'static str> {
        self.previous
            .filter(|_| self.change.is_some_and(|c| c != 0))
            .map(|_| self.previous_basis)
    }

    /// A rank left out because the sources print `ranks`, different ones.
    fn or_conflicting(mut self, ranks: &[Rank]) -> RankFacts {
        if self.rank.is_none() && !ranks.is_empty() {
            self.basis = CONFLICTING;
            self.conflicting = ranks.to_vec();
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_numbered_in_the_order_a_reader_meets_them() {
        let deduced = Marks {
            deduced: true,
            ..Marks::default()
        };
        let both = Marks {
            listing: true,
            conflicting: true,
            ..Marks::default()
        };
        // Only deduced figures: their mark is the first, "(*)".
        let alone = Symbols::of(deduced, Marks::default());
        assert_eq!(
            (alone.listing.as_str(), alone.deduced.as_str()),
            ("", r"(\*)")
        );
        // The summary table's marks come first, then those only the history uses.
        let s = Symbols::of(deduced, both);
        assert_eq!(s.deduced, r"(\*)");
        assert_eq!(s.listing, r"(\*\*)");
        assert_eq!(s.conflicting, r"(\*\*\*)");
    }

    fn standing(rank: u32, of: u32) -> Standing {
        Standing {
            rank: Some(rank),
            of,
            provenance: Provenance::Published(Basis::Printed),
        }
    }

    #[test]
    fn equal_table_sizes_give_a_place_change_and_different_sizes_none() {
        assert_eq!(
            rank_facts(standing(26, 63), Some(standing(11, 63)), None, false).change,
            Some(-15)
        );
        assert_eq!(
            rank_facts(standing(3, 34), Some(standing(11, 63)), None, false).change,
            None
        );
    }

    #[test]
    fn a_printed_change_is_used_when_a_year_lacks_the_rank() {
        let now = standing(11, 63);
        assert_eq!(rank_facts(now, None, Some(-3), false).change, Some(-3));
        // Both ranks known: they decide, whatever was printed.
        assert_eq!(
            rank_facts(now, Some(standing(8, 63)), Some(-2), false).change,
            Some(-3)
        );
    }

    #[test]
    fn a_change_a_source_prints_is_its_figure_and_the_deduced_rank_before_it_is_marked() {
        let deduced = Standing {
            provenance: Provenance::Published(Basis::Deduced),
            ..standing(23, 63)
        };
        // Hồ Chí Minh City 2021: 43rd, "down 20 places" (S14); 2020's 23rd deduced from it.
        let facts = rank_facts(standing(43, 63), Some(deduced), Some(-20), false);
        assert_eq!((facts.change, facts.change_basis), (Some(-20), "printed"));
        assert_eq!(
            (facts.previous, facts.previous_basis),
            (Some(23), "deduced")
        );
        assert_eq!(facts.shown_previous(), Some("deduced"));
        // Without the source's change, the change rests on the deduced rank.
        let facts = rank_facts(standing(43, 63), Some(deduced), None, false);
        assert_eq!((facts.change, facts.change_basis), (Some(-20), "deduced"));
        // Printed figures only: the deduced rank is not used, the source's change is.
        let facts = rank_facts(standing(43, 63), Some(deduced), Some(-20), true);
        assert_eq!((facts.previous, facts.change), (None, Some(-20)));
        assert!(facts.quoted);
    }

    #[test]
    fn a_listing_rank_is_left_out_when_only_printed_figures_are_wanted() {
        let listed = Standing {
            provenance: Provenance::Published(Basis::Listing),
            ..standing(3, 63)
        };
        assert_eq!(rank_facts(listed, None, None, false).rank, Some(3));
        assert_eq!(rank_facts(listed, None, None, false).basis, "listing");
        assert_eq!(rank_facts(listed, None, None, true).rank, None);
    }
}
