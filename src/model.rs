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

    pub fn hundredths(self) -> u32 {
        self.0
    }

    /// The difference `self - earlier`, in hundredths (negative when it fell).
    pub fn change_since(self, earlier: Score) -> i64 {
        i64::from(self.0) - i64::from(earlier.0)
    }
}

/// A 1-based place in a ranking (1 = best).
pub type Rank = u32;

/// Which of the two published indices a figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Index {
    Par,
    Sipas,
}

impl Index {
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

/// A place in a data file, for messages that point back at the input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loc {
    pub line: u64,
    pub column: u64,
}

/// Every dataset that was loaded, oldest year first.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub years: Vec<YearData>,
}

impl Dataset {
    pub fn year(&self, year: i32) -> Option<&YearData> {
        self.years.iter().find(|y| y.year == year)
    }
}

/// One yearly file: the province list of that year defines N, and its regions define M.
#[derive(Debug, Clone)]
pub struct YearData {
    pub year: i32,
    pub file: PathBuf,
    pub announced: NaiveDate,
    pub announced_sources: Vec<String>,
    pub regions: Vec<Region>,
    pub provinces: Vec<Province>,
    pub national: National,
    pub directions: Option<Directions>,
    pub sources: BTreeMap<String, Source>,
    /// Province id → index, and each region's size: looked up for every briefing, so a
    /// 10 000-unit batch must not scan the list each time. Filled by `YearData::index`.
    pub lookup: HashMap<String, usize>,
    pub region_sizes: Vec<u32>,
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
        self.region_sizes = vec![0; self.regions.len()];
        for p in &self.provinces {
            if let Some(size) = self.region_sizes.get_mut(p.region) {
                *size += 1;
            }
        }
        self
    }

    pub fn province_index(&self, id: &str) -> Option<usize> {
        self.lookup.get(id).copied()
    }

    /// How many provinces belong to `region` (an index into `regions`).
    pub fn region_size(&self, region: usize) -> u32 {
        self.region_sizes.get(region).copied().unwrap_or(0)
    }

    pub fn province_count(&self) -> u32 {
        u32::try_from(self.provinces.len()).unwrap_or(u32::MAX)
    }
}

#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub name_en: String,
}

#[derive(Debug, Clone)]
pub struct Province {
    /// Stable, file-name-safe id (`[a-z0-9-]+`), e.g. `an-giang`.
    pub id: String,
    pub name: String,
    /// Official name with its kind: "Tỉnh An Giang", "Thành phố Hà Nội".
    pub full_name: String,
    /// Index into the year's `regions`.
    pub region: usize,
    pub par: Published,
    pub sipas: Published,
    pub sources: Vec<String>,
}

impl Province {
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

/// The figures a source printed for one province and one index; `None` = not published.
#[derive(Debug, Clone, Default)]
pub struct Published {
    pub score: Option<Score>,
    pub rank: Option<Rank>,
    pub region_rank: Option<Rank>,
    /// Where the published ranks are in the file (for cross-check messages).
    pub rank_at: Loc,
    pub region_rank_at: Loc,
}

impl Published {
    pub fn has_any(&self) -> bool {
        self.score.is_some() || self.rank.is_some() || self.region_rank.is_some()
    }
}

/// National aggregates published for the year.
#[derive(Debug, Clone, Default)]
pub struct National {
    pub par: Aggregate,
    pub sipas: Aggregate,
}

impl National {
    pub fn of(&self, index: Index) -> &Aggregate {
        match index {
            Index::Par => &self.par,
            Index::Sipas => &self.sipas,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Aggregate {
    pub average: Option<Score>,
    pub previous_average: Option<Score>,
    /// How many provinces scored above the national average.
    pub above_average: Option<u32>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Directions {
    pub items: Vec<Direction>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Direction {
    pub title: String,
    pub summary: String,
    pub title_en: String,
    pub summary_en: String,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub title: String,
    pub address: String,
}
