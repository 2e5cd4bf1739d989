//! Turning raw YAML structs into the domain model, collecting *every* problem on the way.
//!
//! "Parse, don't validate": what comes out is a `YearData` that later stages can trust —
//! scores in 0–100 with at most two decimals, ranks inside 1..N, ids that are safe file names,
//! every region and source reference resolved, every character drawable by the font.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Report};
use crate::load::{self, RawAggregate, RawDirections, RawFigures, RawProvince, RawYear, loc};
use crate::model::{
    Aggregate, Direction, Directions, Index, Loc, National, Province, Published, Rank, Region,
    Score, Source, YearData,
};

/// Answers whether the embedded font can draw a character.
pub type Coverage<'a> = &'a dyn Fn(char) -> bool;

/// Validates every parsed file; a year is returned only when its file had no error.
pub fn validate(loaded: &load::Loaded, covers: Coverage<'_>) -> (Vec<YearData>, Report) {
    let mut report = Report::default();
    let mut years: Vec<YearData> = Vec::new();
    for (file_index, raw) in &loaded.parsed {
        let path = &loaded.files[*file_index].path;
        let mut checker = Checker {
            path,
            report: Report::default(),
            covers,
        };
        let year = checker.year_data(raw);
        let had_errors = checker.report.has_errors();
        report.extend(checker.report.diagnostics);
        if let (Some(year), false) = (year, had_errors) {
            if let Some(other) = years.iter().find(|y| y.year == year.year) {
                report.push(
                    Diagnostic::error("duplicate-year", path, Some(loc(&raw.year)), "year")
                        .message(format!(
                            "year {} is also given by {}",
                            year.year,
                            other.file.display()
                        ))
                        .hint("keep one file per year"),
                );
                continue;
            }
            years.push(year);
        }
    }
    years.sort_by_key(|y| y.year);
    (years, report)
}

/// Checks one file, remembering which file every diagnostic belongs to.
struct Checker<'a> {
    path: &'a Path,
    report: Report,
    covers: Coverage<'a>,
}

impl Checker<'_> {
    fn error(
        &mut self,
        code: &'static str,
        at: Loc,
        field: impl Into<String>,
        message: String,
        hint: &str,
    ) {
        self.report.push(
            Diagnostic::error(code, self.path, Some(at), field)
                .message(message)
                .hint(hint),
        );
    }

    fn year_data(&mut self, raw: &RawYear) -> Option<YearData> {
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
                Diagnostic::error("no-provinces", self.path, None, "provinces")
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
                "bad-year",
                loc(raw),
                "year",
                format!("{} is not a year", raw.value),
                "write the year as four digits, e.g. `year: 2020`",
            );
            return None;
        };
        if !(1990..=2100).contains(&year) {
            self.error(
                "bad-year",
                loc(raw),
                "year",
                format!("{year} is not a plausible index year"),
                "write the year the results are for, e.g. `year: 2020`",
            );
            return None;
        }
        if stem != year.to_string() {
            self.error(
                "year-file-mismatch",
                loc(raw),
                "year",
                format!("the file says `year: {year}` but is named `{stem}`"),
                &format!("rename the file to {year}.yaml, or correct the year"),
            );
        }
        Some(year)
    }

    fn date(&mut self, raw: &Spanned<String>, field: &str) -> Option<NaiveDate> {
        match NaiveDate::parse_from_str(&raw.value, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                self.error(
                    "bad-date",
                    loc(raw),
                    field,
                    format!("`{}` is not a date", raw.value),
                    "write the date as YYYY-MM-DD, e.g. 2021-06-24",
                );
                None
            }
        }
    }

    fn text(&mut self, raw: &Spanned<String>, field: &str) -> String {
        let value = raw.value.trim();
        if value.is_empty() {
            self.error(
                "empty-text",
                loc(raw),
                field,
                "the text is empty".into(),
                "write the text, or remove the entry",
            );
        }
        if let Some((position, c)) = value.chars().enumerate().find(|&(_, c)| !(self.covers)(c)) {
            let at = Loc {
                line: loc(raw).line,
                column: loc(raw).column + position as u64,
            };
            self.error(
                "glyph-missing",
                at,
                field,
                format!("the font cannot draw {c:?} (U+{:04X})", u32::from(c)),
                "replace the character with one the document font (Liberation Serif) has, e.g. a Latin or Vietnamese letter",
            );
        }
        value.to_string()
    }

    fn id(&mut self, raw: &Spanned<String>, field: &str) -> String {
        let id = &raw.value;
        let valid = !id.is_empty()
            && id.len() <= 64
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-');
        if !valid {
            self.error(
                "bad-id",
                loc(raw),
                field,
                format!("`{id}` is not a valid id"),
                "ids are lower-case ASCII letters, digits and hyphens (they become file names), e.g. `an-giang`",
            );
        }
        id.clone()
    }

    fn sources(&mut self, raw: &BTreeMap<String, load::RawSource>) -> BTreeMap<String, Source> {
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

    fn source_refs(
        &mut self,
        refs: &[Spanned<String>],
        known: &[&str],
        field: &str,
    ) -> Vec<String> {
        for r in refs.iter().filter(|r| !known.contains(&r.value.as_str())) {
            self.error(
                "unknown-source",
                loc(r),
                field,
                format!("source `{}` is not defined in this file's `sources`", r.value),
                &format!("add `{}:` with its title and address under `sources`, or correct the id (defined: {})", r.value, known.join(", ")),
            );
        }
        refs.iter().map(|r| r.value.clone()).collect()
    }

    fn regions(&mut self, raw: &RawYear) -> Vec<Region> {
        let mut seen: HashMap<String, Loc> = HashMap::new();
        let mut regions = Vec::new();
        for r in &raw.regions {
            let id = self.id(&r.id, "regions[].id");
            if let Some(first) = seen.insert(id.clone(), loc(&r.id)) {
                self.error(
                    "duplicate-region",
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
                    "duplicate-province",
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
                    "duplicate-province-name",
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
                    "unknown-region",
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
            if !provinces.iter().any(|p| p.region == index) {
                let at = raw
                    .regions
                    .get(index)
                    .map(|r| loc(&r.id))
                    .unwrap_or_default();
                self.error(
                    "empty-region",
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

    fn score(&mut self, raw: &Spanned<Option<f64>>, field: &str) -> Option<Score> {
        let value = raw.value?;
        let hint = "a score is a number from 0 to 100 with at most two decimals, e.g. 84.67; write `null` if it was not published";
        if !value.is_finite() {
            self.error(
                "score-not-finite",
                loc(raw),
                field,
                format!("{value} is not a number"),
                hint,
            );
            return None;
        }
        if !(0.0..=100.0).contains(&value) {
            self.error(
                "score-out-of-range",
                loc(raw),
                field,
                format!("{value} is outside 0–100"),
                hint,
            );
            return None;
        }
        let hundredths = (value * 100.0).round();
        if (hundredths - value * 100.0).abs() > 1e-6 {
            self.error(
                "score-too-precise",
                loc(raw),
                field,
                format!("{value} has more than two decimals"),
                hint,
            );
            return None;
        }
        // In range 0..=10_000 after the checks above, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Score::from_hundredths(hundredths as u32)
    }

    fn rank(
        &mut self,
        raw: &Spanned<Option<i64>>,
        field: &str,
        of: usize,
        what: &str,
    ) -> Option<Rank> {
        let value = raw.value?;
        match Rank::try_from(value) {
            Ok(rank) if rank >= 1 && (rank as usize) <= of => Some(rank),
            _ => {
                self.error(
                    "rank-out-of-range",
                    loc(raw),
                    field,
                    format!("rank {value} is outside 1..{of} (there are {of} {what})"),
                    "a rank counts from 1 (best); write `null` if it was not published",
                );
                None
            }
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
                        "count-out-of-range",
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
                "no-directions",
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
