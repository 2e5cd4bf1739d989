//! The validated domain model: what a year's dataset *means*, after `validate` has checked it.
//!
//! Code after `validate` only ever sees these types, so it cannot meet an out-of-range score,
//! a dangling region reference or an unnormalised string.
//!
//! Glossary (Vietnamese terms appear only in data, templates and output):
//! - **PAR Index** = Chỉ số cải cách hành chính ("Chỉ số CCHC"), 0–100, Ministry of Home Affairs.
//! - **SIPAS** = Chỉ số hài lòng về sự phục vụ hành chính (citizens' satisfaction), 0–100.
//! - **region** = vùng kinh tế - xã hội (one of the socio-economic regions ranks are grouped by).
//! - **direction** = a recommended direction (định hướng / nhiệm vụ) of the national conference.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;

/// A score in hundredths of a point (84.67 is stored as 8467): published scores have at most
/// two decimals, and integers compare and tie exactly where floats would not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u32);

impl Score {
    /// The largest score an index can have: 100.00.
    pub const MAX: Score = Score(10_000);

    /// Builds a score from hundredths; `None` above 100.00.
    pub fn from_hundredths(hundredths: u32) -> Option<Score> {
        (hundredths <= Self::MAX.0).then_some(Score(hundredths))
    }

    /// The score in hundredths of a point: 84.67 → 8467.
    pub fn hundredths(self) -> u32 {
        self.0
    }

    /// The difference `self - earlier`, in hundredths (negative when it fell).
    pub fn change_since(self, earlier: Score) -> i64 {
        i64::from(self.0) - i64::from(earlier.0)
    }
}

/// The id of the national overview (`tong-hop.pdf` beside a year's briefings, "tổng hợp": the
/// summary), which no province may therefore have.
pub const OVERVIEW_ID: &str = "tong-hop";

/// A 1-based place in a ranking (1 = best).
pub type Rank = u32;

/// Which of the two published indices a figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Index {
    /// The PAR Index (Chỉ số CCHC).
    Par,
    /// SIPAS, citizens' satisfaction with public administrative services.
    Sipas,
}

impl Index {
    /// Both indices, in the order briefings present them.
    pub const ALL: [Index; 2] = [Index::Par, Index::Sipas];

    /// The YAML field that holds this index's figures.
    pub fn field(self) -> &'static str {
        match self {
            Index::Par => "par",
            Index::Sipas => "sipas",
        }
    }
}

impl fmt::Display for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Index::Par => "PAR Index",
            Index::Sipas => "SIPAS",
        })
    }
}

/// The languages parbrief writes briefings in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese, the primary language: decimal comma, "ngày 05 tháng 02 năm 2021".
    Vi,
    /// English: decimal point, "5 February 2021".
    En,
}

impl Lang {
    /// Both languages, Vietnamese first.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The ISO 639-1 code: `vi`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// A place in an input file, for messages that point back at it: the 1-based line and
/// column (in characters) and the byte range of the value, when the parser gave one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loc {
    /// 1-based line.
    pub line: u64,
    /// 1-based column, in characters.
    pub column: u64,
    /// Byte offset of the value in the (NFC-normalised) text, when known.
    pub offset: Option<usize>,
    /// Length of the value in bytes (0 when unknown).
    pub len: usize,
}

impl Loc {
    /// A place known only by line and column.
    pub fn at(line: u64, column: u64) -> Loc {
        Loc {
            line,
            column,
            offset: None,
            len: 0,
        }
    }
}

/// Every dataset that was loaded, oldest year first.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// One entry per yearly file, sorted by year.
    pub years: Vec<YearData>,
}

impl Dataset {
    /// The dataset of `year`, if it was loaded.
    pub fn year(&self, year: i32) -> Option<&YearData> {
        self.years.iter().find(|y| y.year == year)
    }
}

/// One yearly file: the province list of that year defines N, and its regions define M.
#[derive(Debug, Clone)]
pub struct YearData {
    /// The year the results are for (announced the year after).
    pub year: i32,
    /// The file it came from, for messages.
    pub file: PathBuf,
    /// The day the results were announced; `None` for a year whose results are not out yet
    /// (its file holds the provinces only).
    pub announced: Option<NaiveDate>,
    /// The event where they were announced ("Hội nghị …"), in Vietnamese and English.
    pub announced_at: Option<(String, String)>,
    /// Source ids for the announcement.
    pub announced_sources: Vec<String>,
    /// The year's regions, in file order.
    pub regions: Vec<Region>,
    /// Every province of the year, in file order.
    pub provinces: Vec<Province>,
    /// National aggregates.
    pub national: National,
    /// The year's recommended directions, when known.
    pub directions: Option<Directions>,
    /// Why the year has none, when a source explains it, in Vietnamese and English.
    pub directions_note: Option<(String, String)>,
    /// Every source the file defines, by id.
    pub sources: BTreeMap<String, Source>,
    /// The reorganisation that formed this year's provinces, if it was one.
    pub restructured: Option<Restructure>,
    /// Province id → index, and each region's provinces: looked up for every briefing, so a
    /// 10 000-unit batch must not scan the list each time. Filled by `YearData::index`.
    pub lookup: HashMap<String, usize>,
    /// Each region's provinces (indices into `provinces`, in file order), by region index.
    /// Filled by `YearData::index`.
    pub region_members: Vec<Vec<usize>>,
}

impl YearData {
    /// Builds the lookup tables; call once the provinces and regions are final.
    pub fn index(mut self) -> YearData {
        self.lookup = self
            .provinces
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        self.region_members = vec![Vec::new(); self.regions.len()];
        for (i, p) in self.provinces.iter().enumerate() {
            if let Some(members) = self.region_members.get_mut(p.region) {
                members.push(i);
            }
        }
        self
    }

    /// The provinces of `region` (an index into `regions`), as indices into `provinces`.
    pub fn region_members(&self, region: usize) -> &[usize] {
        self.region_members.get(region).map_or(&[], Vec::as_slice)
    }

    /// The position of province `id` in `provinces`.
    pub fn province_index(&self, id: &str) -> Option<usize> {
        self.lookup.get(id).copied()
    }

    /// How many provinces belong to `region` (an index into `regions`).
    pub fn region_size(&self, region: usize) -> u32 {
        u32::try_from(self.region_members(region).len()).unwrap_or(u32::MAX)
    }

    /// N: how many provinces the year has.
    pub fn province_count(&self) -> u32 {
        u32::try_from(self.provinces.len()).unwrap_or(u32::MAX)
    }
}

/// A reorganisation of the provincial units, such as the merger of 1 July 2025.
#[derive(Debug, Clone)]
pub struct Restructure {
    /// The legal act, cited in full, in Vietnamese and English.
    pub resolution: (String, String),
    /// The day the new units began.
    pub effective: NaiveDate,
    /// Source ids.
    pub sources: Vec<String>,
    /// Where `restructured:` is in the file.
    pub at: Loc,
}

/// A socio-economic region (vùng kinh tế - xã hội).
#[derive(Debug, Clone)]
pub struct Region {
    /// Stable id, e.g. `dong-bang-song-cuu-long`.
    pub id: String,
    /// Vietnamese name, e.g. "Đồng bằng sông Cửu Long".
    pub name: String,
    /// English name, e.g. "Mekong River Delta".
    pub name_en: String,
}

/// One province (or centrally-run city) in one year.
#[derive(Debug, Clone)]
pub struct Province {
    /// Stable, file-name-safe id (`[a-z0-9-]+`), e.g. `an-giang`.
    pub id: String,
    /// Short name, e.g. "An Giang".
    pub name: String,
    /// Official name with its kind: "Tỉnh An Giang", "Thành phố Hà Nội".
    pub full_name: String,
    /// The place name of a date line (Decree 30, App. I, II.4.a): `name`, except for a unit
    /// named after a person, which keeps its kind ("Thành phố Hồ Chí Minh").
    pub place_name: String,
    /// Index into the year's `regions`.
    pub region: usize,
    /// The previous year's provinces it was formed from (the first keeps its name); empty
    /// when it continues one of the same id.
    pub predecessors: Vec<String>,
    /// Where each predecessor is named in the file.
    pub predecessors_at: Vec<Loc>,
    /// The administrative centre, when known.
    pub centre: Option<String>,
    /// Where the id is in the file.
    pub id_at: Loc,
    /// PAR Index figures.
    pub par: Published,
    /// SIPAS figures.
    pub sipas: Published,
    /// Source ids for this province's figures.
    pub sources: Vec<String>,
}

impl Province {
    /// Whether it is a centrally-run city (thành phố) rather than a province (tỉnh).
    pub fn is_city(&self) -> bool {
        self.full_name.starts_with("Thành phố")
    }

    /// The figures published for `index`.
    pub fn published(&self, index: Index) -> &Published {
        match index {
            Index::Par => &self.par,
            Index::Sipas => &self.sipas,
        }
    }

    /// A province is briefed when the year has any figure of its own for it.
    pub fn has_any_figure(&self) -> bool {
        Index::ALL.iter().any(|&i| self.published(i).has_any())
    }
}

/// How a source gave a figure. A reader is told when it is not a printed number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// Printed as a number ("xếp thứ 26/63", "84,67%", a numbered table row).
    #[default]
    Printed,
    /// Read from the order of a news listing ("X dẫn đầu, tiếp theo là A, B, C").
    Listing,
    /// Deduced from other published facts (e.g. the top of a quoted range).
    Deduced,
}

impl Basis {
    /// The word used in data files and templates.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Printed => "printed",
            Basis::Listing => "listing",
            Basis::Deduced => "deduced",
        }
    }
}

/// The figures a source printed for one province and one index; `None` = not in the dataset.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// The score.
    pub score: Option<Score>,
    /// The national rank.
    pub rank: Option<Rank>,
    /// The rank within the province's region.
    pub region_rank: Option<Rank>,
    /// How the score, the rank and the regional rank were obtained.
    pub basis: FigureBasis,
    /// The change on the previous year as a source printed it.
    pub change: PublishedChange,
    /// The values the sources disagree on, for figures left out for that reason.
    pub conflicting: Conflicting,
    /// The score rounded to a whole number, when the sources print only that (the score is
    /// then left out).
    pub rounded_score: Option<u8>,
    /// Where the published national rank is in the file (for cross-check messages).
    pub rank_at: Loc,
    /// Where the published regional rank is in the file.
    pub region_rank_at: Loc,
}

/// For each figure left out because the cited sources print different values, those values
/// (at least two, all different); empty for every other figure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conflicting {
    /// Scores.
    pub score: Vec<Score>,
    /// National ranks.
    pub rank: Vec<Rank>,
    /// Regional ranks.
    pub region_rank: Vec<Rank>,
}

/// The basis of each of the three figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FigureBasis {
    /// Of the score.
    pub score: Basis,
    /// Of the national rank.
    pub rank: Basis,
    /// Of the regional rank.
    pub region_rank: Basis,
}

/// A change on the previous year that a source printed; `None` where it printed none.
#[derive(Debug, Clone, Default)]
pub struct PublishedChange {
    /// Points (hundredths), signed.
    pub points: Option<i64>,
    /// National places, positive when the province moved up.
    pub rank: Option<i64>,
    /// Regional places, positive when the province moved up.
    pub region_rank: Option<i64>,
    /// Where the change, and each of its figures, is in the file.
    pub at: ChangeAt,
    /// Source ids.
    pub sources: Vec<String>,
}

/// Where a published change's figures are in the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChangeAt {
    /// The `change:` mapping.
    pub change: Loc,
    /// `points`.
    pub points: Loc,
    /// `rank`.
    pub rank: Loc,
    /// `region_rank`.
    pub region_rank: Loc,
}

impl PublishedChange {
    /// Whether a source printed any change.
    pub fn is_some(&self) -> bool {
        self.points.is_some() || self.rank.is_some() || self.region_rank.is_some()
    }
}

impl Published {
    /// Whether any of the three figures is known.
    pub fn has_any(&self) -> bool {
        self.score.is_some() || self.rank.is_some() || self.region_rank.is_some()
    }
}

/// National aggregates published for the year.
#[derive(Debug, Clone, Default)]
pub struct National {
    /// PAR Index aggregates.
    pub par: Aggregate,
    /// SIPAS aggregates.
    pub sipas: Aggregate,
}

impl National {
    /// The aggregates of `index`.
    pub fn of(&self, index: Index) -> &Aggregate {
        match index {
            Index::Par => &self.par,
            Index::Sipas => &self.sipas,
        }
    }
}

/// One index's national figures.
#[derive(Debug, Clone, Default)]
pub struct Aggregate {
    /// The average over the provinces.
    pub average: Option<Score>,
    /// The previous year's average, as published this year.
    pub previous_average: Option<Score>,
    /// Where `previous_average` is in the file.
    pub previous_average_at: Loc,
    /// How many provinces scored above the national average.
    pub above_average: Option<u32>,
    /// Source ids of the year's own figures (`average`, `above_average`).
    pub sources: Vec<String>,
    /// Source ids of `previous_average` (the year's `sources` unless the file says otherwise).
    pub previous_average_sources: Vec<String>,
}

/// The recommended directions of the year's announcement.
#[derive(Debug, Clone)]
pub struct Directions {
    /// Who gave them, in Vietnamese and English.
    pub given_by: (String, String),
    /// The directions, in the source's order.
    pub items: Vec<Direction>,
    /// Source ids.
    pub sources: Vec<String>,
}

/// One recommended direction, in both languages.
#[derive(Debug, Clone)]
pub struct Direction {
    /// Short Vietnamese title.
    pub title: String,
    /// Vietnamese summary paragraph.
    pub summary: String,
    /// English title.
    pub title_en: String,
    /// English summary paragraph.
    pub summary_en: String,
}

/// The languages a source's title may be in (ISO 639-1 codes). A briefing says the language of
/// a source in any but its own two ("(tiếng Nhật)", "(in Japanese)"), so the shipped templates
/// name each of these, and validation refuses any other code.
pub const LANGUAGES: [&str; 13] = [
    "vi", "en", "fr", "ja", "zh", "ko", "de", "ru", "es", "th", "lo", "km", "nl",
];

/// A cited source, as an office cites one: publisher, "title", date, address.
#[derive(Debug, Clone)]
pub struct Source {
    /// The publisher, in Vietnamese and English.
    pub publisher: (String, String),
    /// The title as published, and the form an English briefing prints.
    pub title: (String, String),
    /// The language of the source (one of [`LANGUAGES`]); a briefing names it when it is
    /// neither Vietnamese nor English.
    pub lang: String,
    /// The publication date, when known.
    pub date: Option<NaiveDate>,
    /// Where the date is in the file.
    pub date_at: Loc,
    /// Web address or bibliographic description.
    pub address: String,
    /// Printed after the citation, in Vietnamese and English: e.g. that the source prints a
    /// figure other than the one the briefing uses, and why.
    pub note: Option<(String, String)>,
}
