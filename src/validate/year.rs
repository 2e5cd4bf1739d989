//! The checks of a yearly dataset: year and file name, regions, provinces, figures, national
//! aggregates, directions and sources.

use std::collections::{BTreeMap, HashMap};

use serde_saphyr::Spanned;

use super::Checker;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{
    Aggregate, Direction, Directions, Index, Loc, National, Province, Published, Region, Source,
    YearData,
};
use crate::raw::{RawAggregate, RawDirections, RawFigures, RawProvince, RawSource, RawYear, loc};

impl Checker<'_> {
    pub(super) fn year_data(&mut self, raw: &RawYear) -> Option<YearData> {
        let year = self.year(&raw.year);
        let announced = self.date(&raw.announced, "announced");
        let sources = self.sources(&raw.sources);
        let known_sources: Vec<&str> = raw.sources.keys().map(String::as_str).collect();
        let announced_sources =
            self.source_refs(&raw.announced_sources, &known_sources, "announced_sources");
        let regions = self.regions(raw);
        let provinces = self.provinces(raw, &regions, &known_sources);
        self.empty_regions(raw, &regions, &provinces);
        let national = National {
            par: self.aggregate(
                &raw.national.par,
                "national.par",
                provinces.len(),
                &known_sources,
            ),
            sipas: self.aggregate(
                &raw.national.sipas,
                "national.sipas",
                provinces.len(),
                &known_sources,
            ),
        };
        let directions = raw
            .directions
            .as_ref()
            .map(|d| self.directions(d, &known_sources));
        if provinces.is_empty() {
            self.report.push(
                Diagnostic::error(Code::NoProvinces, self.path, None, "provinces")
                    .message("the year lists no provinces")
                    .hint("list every province of the year, with `null` for figures not published"),
            );
        }
        Some(
            YearData {
                year: year?,
                file: self.path.to_path_buf(),
                announced: announced?,
                announced_sources,
                regions,
                provinces,
                national,
                directions,
                sources,
                lookup: HashMap::new(),
                region_sizes: Vec::new(),
            }
            .index(),
        )
    }

    fn year(&mut self, raw: &Spanned<i64>) -> Option<i32> {
        let stem = self
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let Ok(year) = i32::try_from(raw.value) else {
            self.error(
                Code::BadYear,
                loc(raw),
                "year",
                format!("{} is not a year", raw.value),
                "write the year as four digits, e.g. `year: 2020`",
            );
            return None;
        };
        if !(1990..=2100).contains(&year) {
            self.error(
                Code::BadYear,
                loc(raw),
                "year",
                format!("{year} is not a plausible index year"),
                "write the year the results are for, e.g. `year: 2020`",
            );
            return None;
        }
        if stem != year.to_string() {
            self.error(
                Code::YearFileMismatch,
                loc(raw),
                "year",
                format!("the file says `year: {year}` but is named `{stem}`"),
                &format!("rename the file to {year}.yaml, or correct the year"),
            );
        }
        Some(year)
    }

    fn sources(&mut self, raw: &BTreeMap<String, RawSource>) -> BTreeMap<String, Source> {
        raw.iter()
            .map(|(id, s)| {
                let field = format!("sources.{id}");
                let source = Source {
                    title: self.text(&s.title, &format!("{field}.title")),
                    address: self.text(&s.address, &format!("{field}.address")),
                };
                (id.clone(), source)
            })
            .collect()
    }

    fn regions(&mut self, raw: &RawYear) -> Vec<Region> {
        let mut seen: HashMap<String, Loc> = HashMap::new();
        let mut regions = Vec::new();
        for r in &raw.regions {
            let id = self.id(&r.id, "regions[].id");
            if let Some(first) = seen.insert(id.clone(), loc(&r.id)) {
                self.error(
                    Code::DuplicateRegion,
                    loc(&r.id),
                    "regions[].id",
                    format!(
                        "region `{id}` is defined twice (first at line {})",
                        first.line
                    ),
                    "give each region one entry",
                );
            }
            let name = self.text(&r.name, &format!("regions[{id}].name"));
            let name_en = self.text(&r.name_en, &format!("regions[{id}].name_en"));
            regions.push(Region { id, name, name_en });
        }
        regions
    }

    fn provinces(
        &mut self,
        raw: &RawYear,
        regions: &[Region],
        known_sources: &[&str],
    ) -> Vec<Province> {
        let count = raw.provinces.len();
        let mut region_sizes: HashMap<&str, usize> = HashMap::new();
        for p in &raw.provinces {
            *region_sizes.entry(p.region.value.as_str()).or_default() += 1;
        }
        let mut ids: HashMap<String, Loc> = HashMap::new();
        let mut names: HashMap<String, Loc> = HashMap::new();
        let mut provinces = Vec::new();
        for p in &raw.provinces {
            let id = self.id(&p.id, "provinces[].id");
            if let Some(first) = ids.insert(id.clone(), loc(&p.id)) {
                self.error(
                    Code::DuplicateProvince,
                    loc(&p.id),
                    format!("provinces[{id}].id"),
                    format!(
                        "province id `{id}` is used twice (first at line {})",
                        first.line
                    ),
                    "each province appears once a year; merge the two entries",
                );
            }
            let name = self.text(&p.name, &format!("provinces[{id}].name"));
            let full_name = match &p.full_name {
                Some(full) => self.text(full, &format!("provinces[{id}].full_name")),
                None => name.clone(),
            };
            if let Some(first) = names.insert(name.to_lowercase(), loc(&p.name)) {
                self.error(
                    Code::DuplicateProvinceName,
                    loc(&p.name),
                    format!("provinces[{id}].name"),
                    format!(
                        "the name `{name}` is used twice (first at line {})",
                        first.line
                    ),
                    "each province appears once a year; merge the two entries",
                );
            }
            let Some(region) = regions.iter().position(|r| r.id == p.region.value) else {
                let defined: Vec<&str> = regions.iter().map(|r| r.id.as_str()).collect();
                self.error(
                    Code::UnknownRegion,
                    loc(&p.region),
                    format!("provinces[{id}].region"),
                    format!("region `{}` is not defined in `regions`", p.region.value),
                    &format!("use one of: {}", defined.join(", ")),
                );
                continue;
            };
            let region_size = region_sizes
                .get(p.region.value.as_str())
                .copied()
                .unwrap_or(0);
            let par = self.figures(p, Index::Par, count, region_size);
            let sipas = self.figures(p, Index::Sipas, count, region_size);
            let sources = self.source_refs(
                &p.sources,
                known_sources,
                &format!("provinces[{id}].sources"),
            );
            provinces.push(Province {
                id,
                name,
                full_name,
                region,
                par,
                sipas,
                sources,
            });
        }
        provinces
    }

    fn empty_regions(&mut self, raw: &RawYear, regions: &[Region], provinces: &[Province]) {
        for (index, region) in regions.iter().enumerate() {
            // A second entry with the same id is reported as a duplicate, not as empty.
            let duplicate = regions[..index].iter().any(|r| r.id == region.id);
            if !duplicate && !provinces.iter().any(|p| p.region == index) {
                let at = raw
                    .regions
                    .get(index)
                    .map(|r| loc(&r.id))
                    .unwrap_or_default();
                self.error(
                    Code::EmptyRegion,
                    at,
                    format!("regions[{}]", region.id),
                    format!("no province belongs to region `{}`", region.id),
                    "remove the region, or set `region:` of its provinces",
                );
            }
        }
    }

    fn figures(
        &mut self,
        p: &RawProvince,
        index: Index,
        count: usize,
        region_size: usize,
    ) -> Published {
        let raw: &Spanned<RawFigures> = match index {
            Index::Par => &p.par,
            Index::Sipas => &p.sipas,
        };
        let field = format!("provinces[{}].{}", p.id.value, index.field());
        Published {
            score: self.score(&raw.value.score, &format!("{field}.score")),
            rank: self.rank(
                &raw.value.rank,
                &format!("{field}.rank"),
                count,
                "provinces in the year",
            ),
            region_rank: self.rank(
                &raw.value.region_rank,
                &format!("{field}.region_rank"),
                region_size,
                "provinces in the region",
            ),
            rank_at: loc(&raw.value.rank),
            region_rank_at: loc(&raw.value.region_rank),
        }
    }

    fn aggregate(
        &mut self,
        raw: &RawAggregate,
        field: &str,
        count: usize,
        known_sources: &[&str],
    ) -> Aggregate {
        let above_average = raw.above_average.as_ref().and_then(|a| {
            let value = a.value?;
            match u32::try_from(value) {
                Ok(n) if (n as usize) <= count => Some(n),
                _ => {
                    self.error(
                        Code::CountOutOfRange,
                        loc(a),
                        format!("{field}.above_average"),
                        format!("{value} is not a count of provinces between 0 and {count}"),
                        "give how many provinces scored above the national average, or `null`",
                    );
                    None
                }
            }
        });
        Aggregate {
            average: self.score(&raw.average, &format!("{field}.average")),
            previous_average: self
                .score(&raw.previous_average, &format!("{field}.previous_average")),
            above_average,
            sources: self.source_refs(&raw.sources, known_sources, &format!("{field}.sources")),
        }
    }

    fn directions(&mut self, raw: &Spanned<RawDirections>, known_sources: &[&str]) -> Directions {
        let items = raw
            .value
            .items
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let field = format!("directions.items[{}]", i + 1);
                Direction {
                    title: self.text(&d.title, &format!("{field}.title")),
                    summary: self.text(&d.summary, &format!("{field}.summary")),
                    title_en: self.text(&d.title_en, &format!("{field}.title_en")),
                    summary_en: self.text(&d.summary_en, &format!("{field}.summary_en")),
                }
            })
            .collect::<Vec<_>>();
        if items.is_empty() {
            self.error(
                Code::NoDirections,
                loc(raw),
                "directions.items",
                "`directions` is given but lists no item".into(),
                "list the directions, or write `directions: null` when they are not known",
            );
        }
        let sources = self.source_refs(&raw.value.sources, known_sources, "directions.sources");
        Directions { items, sources }
    }
}
