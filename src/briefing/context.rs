//! The template context: the structured values a template turns into phrases ("tăng 3 bậc"
//! from `par.national.change`, a missing rank from `rank` being `none`). Rust computes every
//! figure here — including which the dataset implies and how sure each is — and the template
//! only words them. Variables are listed in README.md ("Wording and templates").

use serde::Serialize;

use super::history::shown;
use super::naming::{in_sentence, kind, names};
use super::{Issue, Profile};
use crate::issuer::{IssuerTexts, Names};
use crate::model::{Basis, Index, Lang, Province, Rank, Score, YearData};
use crate::rank::{Placing, Provenance, Standing, YearRankings};

/// Everything a template may use.
#[derive(Debug, Serialize)]
pub(super) struct Context {
    year: i32,
    previous_year: i32,
    /// The announcement date (ISO) and event; `none` before the results are out.
    announced: Option<String>,
    announced_at: Option<String>,
    /// N, the provinces of the year.
    provinces: u32,
    province: ProvinceFacts,
    region: RegionFacts,
    pub(super) par: IndexFacts,
    pub(super) sipas: IndexFacts,
    national: NationalFacts,
    directions: Option<DirectionsFacts>,
    /// Why the year has no directions, when a source explains it.
    directions_note: Option<String>,
    pub(super) sources: Vec<SourceFacts>,
    /// Which qualified figures the briefing shows, so the notes explain exactly those.
    marks: Marks,
    /// The symbol of each mark, over the whole document (the history's table too).
    pub(super) symbols: Symbols,
    /// Whether a table cell is empty for want of a figure.
    gaps: bool,
    /// Whether a change the briefing states is a source's own figure rather than one worked
    /// out from both years' figures.
    quoted_changes: bool,
    profile: Profile,
    issuer: IssuerFacts,
    /// The date to print (ISO), or `none` for blanks.
    issue_date: Option<String>,
    /// Blank space for a number or date not yet issued (non-breaking, so it is kept).
    blank: &'static str,
    /// What the region charts show: `none` when a chart is not drawn.
    pub(super) charts: ChartsFacts,
    /// The province's figures over the years.
    pub(super) history: HistoryFacts,
    /// What a later reorganisation made of the province, if it merged it.
    pub(super) became: Option<super::history::Became>,
}

/// The history section's facts.
#[derive(Debug, Serialize, Default)]
pub(super) struct HistoryFacts {
    /// One per province: the unit, then each province it was formed from.
    pub(super) series: Vec<super::history::Series>,
    /// Whether it shows several provinces (then its table names them).
    pub(super) multi: bool,
    /// The table's rows: year by year and, within a year, the unit or each province it was
    /// formed from, so the predecessors of a year stand side by side.
    pub(super) rows: Vec<HistoryRow>,
    /// The years covered.
    pub(super) years: Vec<i32>,
    /// Whether some covered year has no figure for the province.
    pub(super) gaps: bool,
    /// The marks the history's table uses.
    pub(super) marks: Marks,
    /// When the unit was formed by a reorganisation: its date (ISO) and act.
    pub(super) formed: Option<Formed>,
    /// The line charts' figure numbers; `none` when a chart is not drawn.
    pub(super) number_par: Option<usize>,
    pub(super) number_sipas: Option<usize>,
    /// How many line charts are drawn.
    pub(super) charts: usize,
    /// The figure numbers of the line charts whose vertical axis starts above 0.
    pub(super) cut_axes: Vec<usize>,
    /// The unit keeps the name of a province it was formed from: the table and the legends
    /// then tell them apart as "(mới)" and "(cũ)".
    pub(super) kept_name: bool,
    /// How the unit's region changed in size over the years shown, if it did.
    pub(super) region: Option<super::history::RegionChange>,
}

/// One row of the history table.
#[derive(Debug, Serialize)]
pub(super) struct HistoryRow {
    /// "An Giang".
    pub(super) name: String,
    /// Its name as a place: "An Giang", "Thành phố Hồ Chí Minh".
    pub(super) place: String,
    /// A province the briefed unit was formed from.
    pub(super) predecessor: bool,
    pub(super) year: i32,
    pub(super) par: super::history::Figures,
    pub(super) sipas: super::history::Figures,
}

/// When and by which act a unit was formed.
#[derive(Debug, Serialize)]
pub(super) struct Formed {
    /// The first year of the dataset with the unit.
    pub(super) year: i32,
    pub(super) effective: String,
    pub(super) resolution: String,
}

#[derive(Debug, Serialize, Default)]
pub(super) struct ChartsFacts {
    pub(super) par: Option<ChartFacts>,
    pub(super) sipas: Option<ChartFacts>,
}

#[derive(Debug, Serialize)]
pub(super) struct ChartFacts {
    /// The figure's number in this briefing, from 1.
    pub(super) number: usize,
    /// How many of the region's provinces have a score.
    pub(super) known: usize,
    /// How many bars the chart shows (the leaders and the province's neighbours when fewer).
    pub(super) shown: usize,
}

#[derive(Debug, Serialize)]
struct IssuerFacts {
    agency: String,
    agency_in_text: String,
    code: String,
    letter_code: String,
    number: Option<String>,
    place: String,
    addressees: Vec<String>,
    archive: String,
}

#[derive(Debug, Serialize)]
struct ProvinceFacts {
    id: String,
    /// "An Giang".
    name: String,
    /// "Tỉnh An Giang", for the start of a sentence.
    full_name: String,
    /// "tỉnh An Giang", inside a sentence.
    in_sentence: String,
    /// "An Giang Province", "Hồ Chí Minh City".
    name_en: String,
    /// Its kind as written before a shortened mention: "tỉnh", "thành phố", or "Thành phố"
    /// for a unit whose full name is its proper name ("Thành phố Hồ Chí Minh").
    kind: String,
    is_city: bool,
    /// A later reorganisation merged it into another unit, whose agencies now issue this.
    former: bool,
    /// The unit is not in the previous year's list (a reorganisation formed it), so nothing
    /// of that year compares with it; `false` when the previous year is not loaded.
    is_new: bool,
}

#[derive(Debug, Serialize)]
struct RegionFacts {
    name: String,
    size: u32,
}

#[derive(Debug, Serialize)]
pub(super) struct IndexFacts {
    /// Points, e.g. 84.67; `none` when the dataset has none.
    score: Option<f64>,
    /// How the score was obtained: printed, listing, deduced; `conflicting` when it is left
    /// out because the sources print different values.
    score_basis: &'static str,
    /// Those values, as the sources print them.
    conflicting_scores: Vec<f64>,
    previous_score: Option<f64>,
    /// Points against the previous year: from both years' scores, else as a source printed it.
    change: Option<f64>,
    /// How sure the change is: a change worked out from a listed or deduced score is too.
    change_basis: &'static str,
    /// The change is a source's own figure, not worked out from both years' scores.
    change_quoted: bool,
    /// The province against the national average, in points (positive: above).
    above_average: Option<f64>,
    /// Every national rank of the year was printed as a number (none read from a listing or
    /// deduced), so a regional rank derived from them rests on published ranks only.
    national_ranks_printed: bool,
    pub(super) national: RankFacts,
    pub(super) regional: RankFacts,
}

#[derive(Debug, Serialize)]
pub(super) struct RankFacts {
    pub(super) rank: Option<u32>,
    pub(super) of: u32,
    previous: Option<u32>,
    /// Places gained (positive) or lost (negative): from both years' ranks, else as a source
    /// printed it; `none` when not known or not comparable.
    change: Option<i64>,
    /// How sure the change is.
    change_basis: &'static str,
    /// The change is a source's own figure, not worked out from both years' ranks.
    pub(super) quoted: bool,
    /// How the rank was obtained: printed, listing, deduced; `conflicting` when it is left out
    /// because the sources print different ranks.
    pub(super) basis: &'static str,
    /// Those ranks, as the sources print them.
    conflicting: Vec<u32>,
    /// Follows from the national ranks rather than a source or the scores.
    derived: bool,
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
    above_average: Option<u32>,
}

#[derive(Debug, Serialize)]
struct DirectionsFacts {
    given_by: String,
    count: usize,
}

#[derive(Debug, Serialize)]
pub(super) struct SourceFacts {
    pub(super) number: usize,
    pub(super) publisher: String,
    pub(super) title: String,
    /// The title was supplied by the dataset (in square brackets), not read as published.
    pub(super) supplied: bool,
    /// The source's language (ISO 639): a briefing names it when it is neither of its own.
    pub(super) lang: String,
    /// The language of `title` as printed (ISO 639), which the tagged PDF marks; not a
    /// template variable.
    #[serde(skip)]
    pub(super) title_lang: String,
    /// dd/mm/yyyy (vi) or "19 May 2020" (en); `none` when unknown.
    pub(super) date: Option<String>,
    pub(super) address: String,
    /// What the reader should know about the source (that it prints a figure differently).
    pub(super) note: Option<String>,
}

/// Whether the briefing shows a figure read from a listing, one deduced, or a figure left out
/// because the sources disagree.
#[derive(Debug, Serialize, Default, Clone, Copy)]
pub(super) struct Marks {
    pub(super) listing: bool,
    pub(super) deduced: bool,
    pub(super) conflicting: bool,
}

/// The basis name of a figure left out because the cited sources print different values: its
/// cell shows "–" with a mark of its own.
pub(super) const CONFLICTING: &str = "conflicting";

/// The symbol of each mark the document uses, numbered in the order a reader meets them:
/// "(*)" for the first, "(**)" for the second — those of the summary table first, then those
/// only the history's table uses. Empty for a mark not used, so a reader never meets a "(**)"
/// without a "(*)".
#[derive(Debug, Serialize, Default)]
pub(super) struct Symbols {
    listing: String,
    deduced: String,
    conflicting: String,
}

impl Symbols {
    pub(super) fn of(first: Marks, then: Marks) -> Symbols {
        let mut symbols = Symbols::default();
        let mut n = 0;
        for used in [first, then] {
            for (on, symbol) in [
                (used.listing, &mut symbols.listing),
                (used.deduced, &mut symbols.deduced),
                (used.conflicting, &mut symbols.conflicting),
            ] {
                if on && symbol.is_empty() {
                    n += 1;
                    *symbol = format!("({})", "\\*".repeat(n));
                }
            }
        }
        symbols
    }
}

impl Context {
    /// Numbers the marks once the history's are known too.
    pub(super) fn number_marks(&mut self) {
        self.symbols = Symbols::of(self.marks, self.history.marks);
    }
}

fn points(score: Score) -> f64 {
    f64::from(score.hundredths()) / 100.0
}

fn hundredths_to_points(h: i64) -> f64 {
    h as f64 / 100.0
}

/// One year's data and ranks, and the previous year's when it was loaded.
pub(super) struct Years<'a> {
    pub(super) data: &'a YearData,
    pub(super) ranks: &'a YearRankings,
    pub(super) previous: Option<(&'a YearData, Option<&'a YearRankings>)>,
}

impl Context {
    /// The context of province `p` (an index into the year's list).
    pub(super) fn new(
        years: &Years<'_>,
        p: usize,
        issue: &Issue<'_>,
        issuing: &Province,
        lang: Lang,
    ) -> Context {
        let data = years.data;
        let province = &data.provinces[p];
        let region = &data.regions[province.region];
        let (issuing_en, issuing_place_en) = names(issuing);
        let issuer = issuer_facts(
            issue,
            lang,
            &Names {
                name: &issuing.name,
                full_name: &issuing.full_name,
                place: &issuing.place_name,
                name_en: &issuing_en,
                place_en: &issuing_place_en,
            },
        );
        let par = index_facts(years, p, Index::Par, issue.printed_only);
        let sipas = index_facts(years, p, Index::Sipas, issue.printed_only);
        let marks = marks(&[&par, &sipas]);
        let is_new = years
            .previous
            .is_some_and(|(prev, _)| prev.province_index(&province.id).is_none());
        // A change cell of a unit that did not exist the year before holds "x", not a gap.
        // A cell left out because the sources disagree has a mark and a note of its own.
        let gaps = [&par, &sipas].iter().any(|f| {
            (f.score.is_none() && f.score_basis != CONFLICTING)
                || (f.change.is_none() && !is_new)
                || (f.national.rank.is_none() && f.national.basis != CONFLICTING)
                || (f.regional.rank.is_none() && f.regional.basis != CONFLICTING)
        });
        let quoted_changes = [&par, &sipas].iter().any(|f| f.states_a_quoted_change());
        Context {
            year: data.year,
            previous_year: data.year - 1,
            announced: data.announced.map(|d| d.format("%Y-%m-%d").to_string()),
            announced_at: data.announced_at.as_ref().map(|(vi, en)| match lang {
                Lang::Vi => vi.clone(),
                Lang::En => en.clone(),
            }),
            provinces: data.province_count(),
            province: province_facts(province, issuing, is_new),
            region: RegionFacts {
                name: match lang {
                    Lang::Vi => region.name.clone(),
                    Lang::En => region.name_en.clone(),
                },
                size: data.region_size(province.region),
            },
            par,
            sipas,
            national: NationalFacts {
                par: aggregate_facts(years, Index::Par),
                sipas: aggregate_facts(years, Index::Sipas),
            },
            directions: directions_facts(data, lang),
            directions_note: data.directions_note.as_ref().map(|(vi, en)| match lang {
                Lang::Vi => vi.clone(),
                Lang::En => en.clone(),
            }),
            sources: Vec::new(),
            marks,
            symbols: Symbols::default(),
            gaps,
            quoted_changes,
            profile: issue.profile,
            issuer,
            issue_date: issue.date.map(|d| d.format("%Y-%m-%d").to_string()),
            blank: "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}",
            charts: ChartsFacts::default(),
            history: HistoryFacts::default(),
            became: None,
        }
    }
}

/// How the briefing names its province, and whether it is a former or a new unit.
fn province_facts(province: &Province, issuing: &Province, is_new: bool) -> ProvinceFacts {
    ProvinceFacts {
        id: province.id.clone(),
        name: province.name.clone(),
        full_name: province.full_name.clone(),
        in_sentence: in_sentence(province),
        name_en: names(province).0,
        kind: kind(province),
        is_city: province.is_city(),
        former: issuing.id != province.id,
        is_new,
    }
}

/// Who gave the year's directions, and how many there are.
fn directions_facts(data: &YearData, lang: Lang) -> Option<DirectionsFacts> {
    data.directions.as_ref().map(|d| DirectionsFacts {
        given_by: match lang {
            Lang::Vi => d.given_by.0.clone(),
            Lang::En => d.given_by.1.clone(),
        },
        count: d.items.len(),
    })
}

impl IndexFacts {
    /// Whether the paragraph on this index states a change that is a source's own figure:
    /// a change of points beside a score, a change of the national rank (said even without
    /// the rank), or a change of the regional rank beside that rank.
    fn states_a_quoted_change(&self) -> bool {
        let points = self.score.is_some() && self.change.is_some() && self.change_quoted;
        let national = self.national.change.is_some() && self.national.quoted;
        let regional =
            self.regional.rank.is_some() && self.regional.change.is_some() && self.regional.quoted;
        points || national || regional
    }
}

/// Which marks the figures of this briefing need.
fn marks(indices: &[&IndexFacts]) -> Marks {
    let mut marks = Marks::default();
    for facts in indices {
        for basis in [
            Some(facts.score_basis).filter(|b| facts.score.is_some() || *b == CONFLICTING),
            facts.change.map(|_| facts.change_basis),
            Some(facts.national.basis)
                .filter(|b| facts.national.rank.is_some() || *b == CONFLICTING),
            Some(facts.regional.basis)
                .filter(|b| facts.regional.rank.is_some() || *b == CONFLICTING),
            facts.national.change.map(|_| facts.national.change_basis),
            facts.regional.change.map(|_| facts.regional.change_basis),
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
    pub(super) fn add(&mut self, basis: &str) {
        self.listing |= basis == Basis::Listing.as_str();
        self.deduced |= basis == Basis::Deduced.as_str();
        self.conflicting |= basis == CONFLICTING;
    }
}

/// One index's figures for province `p`, with the change on the previous year.
fn index_facts(years: &Years<'_>, p: usize, index: Index, printed_only: bool) -> IndexFacts {
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
    let previous = before.and_then(|(s, _)| s);
    let previous_score = previous.map(|(s, _)| s);
    let previous_basis = previous.map_or(Basis::Printed, |(_, b)| b);
    let previous_placing: Option<Placing> = before.and_then(|(_, placing)| placing);
    let computed = score.zip(previous_score).map(|(a, b)| a.change_since(b));
    let change_hundredths = computed.or(now.change.points);
    let change_basis = if computed.is_some() {
        now.basis.score.max(previous_basis)
    } else {
        Basis::Printed
    };
    let average = years.data.national.of(index).average;
    IndexFacts {
        score: score.map(points),
        score_basis: if score.is_none() && !now.conflicting.score.is_empty() {
            CONFLICTING
        } else {
            now.basis.score.as_str()
        },
        conflicting_scores: now.conflicting.score.iter().map(|&s| points(s)).collect(),
        previous_score: previous_score.filter(|_| score.is_some()).map(points),
        change: change_hundredths.map(hundredths_to_points),
        change_basis: change_basis.as_str(),
        change_quoted: computed.is_none() && now.change.points.is_some(),
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

fn aggregate_facts(years: &Years<'_>, index: Index) -> AggregateFacts {
    let a = years.data.national.of(index);
    let previous = years.previous.map(|(data, _)| data);
    AggregateFacts {
        average: a.average.map(points),
        previous_average: previous_average(years.data, previous, index).map(points),
        above_average: a.above_average,
    }
}

/// Last year's national average: as this year's sources restate it, or else as last year's
/// dataset publishes it (the validator has checked that the two agree when both are given).
pub(super) fn previous_average(
    data: &YearData,
    previous: Option<&YearData>,
    index: Index,
) -> Option<Score> {
    let stated = data.national.of(index).previous_average;
    stated.or_else(|| previous.and_then(|p| p.national.of(index).average))
}

fn issuer_facts(issue: &Issue<'_>, lang: Lang, names: &Names<'_>) -> IssuerFacts {
    let texts: &IssuerTexts = match lang {
        Lang::Vi => &issue.issuer.vi,
        Lang::En => &issue.issuer.en,
    };
    let fill = |text: &str| crate::issuer::fill(text, names);
    IssuerFacts {
        agency: fill(&texts.agency),
        agency_in_text: fill(&texts.agency_in_text),
        code: issue.issuer.code.clone(),
        letter_code: issue.issuer.letter_code.clone(),
        number: issue.issuer.number.map(|n| format!("{n:02}")),
        place: fill(&texts.place),
        addressees: texts.addressees.iter().map(|a| fill(a)).collect(),
        archive: fill(&texts.archive),
    }
}

/// Places change only when both years ranked the same number of provinces: after the 2025
/// merger (63 → 34) "up 5 places" would compare different tables. Without both ranks, a
/// change a source printed is used.
pub(super) fn rank_facts(
    now: Standing,
    before: Option<Standing>,
    published_change: Option<i64>,
    printed_only: bool,
) -> RankFacts {
    let basis = now.provenance.basis();
    let rank = now.rank.filter(|_| shown(basis, printed_only));
    let comparable = before.filter(|b| b.of == now.of && b.rank.is_some());
    let previous = comparable.and_then(|b| b.rank).filter(|_| rank.is_some());
    let computed = rank.zip(previous).map(|(r, p)| i64::from(p) - i64::from(r));
    let change_basis = match (computed, comparable) {
        (Some(_), Some(b)) => basis.max(b.provenance.basis()),
        _ => Basis::Printed,
    };
    RankFacts {
        rank,
        of: now.of,
        previous,
        change: computed.or(published_change),
        change_basis: change_basis.as_str(),
        quoted: computed.is_none() && published_change.is_some(),
        basis: basis.as_str(),
        conflicting: Vec::new(),
        derived: matches!(now.provenance, Provenance::Derived(_)),
    }
}

impl RankFacts {
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
