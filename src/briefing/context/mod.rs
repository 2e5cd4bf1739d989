//! The template context: the structured values a template turns into phrases ("tăng 3 bậc"
//! from `par.national.change`, a missing rank from `rank` being `none`). Rust computes every
//! figure here — including which the dataset implies and how sure each is — and the template
//! only words them. Variables are listed in README.md ("Wording and templates").
//!
//! `figures` works out each index's figures (score, change, ranks, and how sure each is) and
//! the marks and symbols that qualify them; this module gathers them with the province's, the
//! issuer's and the year's facts.

mod figures;

use serde::Serialize;

use super::naming::{in_sentence, kind, names};
use super::{Issue, Profile};
use crate::issuer::{IssuerTexts, Names};
use crate::model::{Index, Lang, Province, Score, YearData};
use crate::rank::YearRankings;
use figures::marks;
pub(super) use figures::{IndexFacts, Marks, Symbols, index_facts, left_out, points, score_basis};

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
    /// Whether the briefing prints a change or a distance from the average that it worked out
    /// from two figures (the sources note then says so).
    computed_changes: bool,
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
    /// Only the briefing's own year has figures: no table (it would repeat the summary's),
    /// and `rows` is empty.
    pub(super) repeats_summary: bool,
    /// The covered years without any figure: named in the note, not shown as rows of dashes.
    pub(super) empty_years: Vec<i32>,
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
pub(super) struct IssuerFacts {
    agency: String,
    agency_in_text: String,
    /// In a report's body, after the header has named the agency in full.
    agency_in_body: String,
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
    /// What its members are: "tỉnh, thành phố" / "provinces and cities", or "tỉnh" /
    /// "provinces" in a region without a centrally run city (Tây Nguyên, the northern
    /// midlands and mountains).
    units: &'static str,
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
pub(super) struct DirectionsFacts {
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

/// How a briefing names the members of `region`: provinces only, or provinces and cities.
pub(super) fn region_units(data: &YearData, region: usize, lang: Lang) -> &'static str {
    let has_city = data
        .region_members(region)
        .iter()
        .any(|&p| data.provinces[p].is_city());
    match (lang, has_city) {
        (Lang::Vi, true) => "tỉnh, thành phố",
        (Lang::Vi, false) => "tỉnh",
        (Lang::En, true) => "provinces and cities",
        (Lang::En, false) => "provinces",
    }
}

impl Context {
    /// Numbers the marks once the history's are known too.
    pub(super) fn number_marks(&mut self) {
        self.symbols = Symbols::of(self.marks, self.history.marks);
    }
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
            (f.score.is_none() && !left_out(f.score_basis))
                || (f.change.is_none() && !is_new && !left_out(f.change_basis))
                || (f.national.rank.is_none() && !left_out(f.national.basis))
                || (f.regional.rank.is_none() && !left_out(f.regional.basis))
        });
        let quoted_changes = [&par, &sipas].iter().any(|f| f.states_a_quoted_change());
        let computed_changes = [&par, &sipas].iter().any(|f| f.states_a_computed_change());
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
                units: region_units(data, province.region, lang),
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
            computed_changes,
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
pub(super) fn directions_facts(data: &YearData, lang: Lang) -> Option<DirectionsFacts> {
    data.directions.as_ref().map(|d| DirectionsFacts {
        given_by: match lang {
            Lang::Vi => d.given_by.0.clone(),
            Lang::En => d.given_by.1.clone(),
        },
        count: d.items.len(),
    })
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

pub(super) fn issuer_facts(issue: &Issue<'_>, lang: Lang, names: &Names<'_>) -> IssuerFacts {
    let texts: &IssuerTexts = match lang {
        Lang::Vi => &issue.issuer.vi,
        Lang::En => &issue.issuer.en,
    };
    let fill = |text: &str| crate::issuer::fill(text, names);
    IssuerFacts {
        agency: fill(&texts.agency),
        agency_in_text: fill(&texts.agency_in_text),
        agency_in_body: fill(&texts.agency_in_body),
        code: issue.issuer.code.clone(),
        letter_code: issue.issuer.letter_code.clone(),
        number: issue.issuer.number.map(|n| format!("{n:02}")),
        place: fill(&texts.place),
        addressees: texts.addressees.iter().map(|a| fill(a)).collect(),
        archive: fill(&texts.archive),
    }
}
