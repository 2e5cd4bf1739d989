//! The checks of a yearly dataset: year and file name, regions, provinces and their figures,
//! national aggregates, directions and sources (a figure's basis and published change, and the
//! aggregates' fields, are checked in `figures`).

use std::collections::{BTreeMap, HashMap};

use super::Checker;
use crate::diagnostics::{Code, Diagnostic};
use chrono::NaiveDate;

use crate::model::{
    Direction, Directions, Index, Loc, National, Province, Published, Region, Restructure, Source,
    YearData,
};
use crate::raw::{
    RawDirections, RawFigures, RawProvince, RawRestructure, RawSource, RawYear, Spanned, loc,
};

/// What every province of a year is checked against.
struct YearContext<'a> {
    regions: &'a [Region],
    known_sources: &'a [&'a str],
    count: usize,
    region_sizes: HashMap<&'a str, usize>,
}

impl Checker<'_> {
    pub(super) fn year_data(&mut self, raw: &RawYear) -> Option<YearData> {
        let year = self.year(&raw.year);
        let announced = self.optional_date(&raw.announced, "announced");
        let announced_at = self.pair(&raw.announced_at, &raw.announced_at_en, "announced_at");
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
        if announced.is_none() && provinces.iter().any(Province::has_any_figure) {
            self.error(
                Code::MissingField,
                loc(&raw.announced),
                "announced",
                "the year has figures but `announced` is null".into(),
                "give the day the results were announced (YYYY-MM-DD), as a source prints it",
            );
        }
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
                announced,
                announced_at,
                announced_sources,
                regions,
                provinces,
                national,
                directions,
                directions_note: self.pair(
                    &raw.directions_note,
                    &raw.directions_note_en,
                    "directions_note",
                ),
                sources,
                restructured: raw
                    .restructured
                    .as_ref()
                    .and_then(|r| self.restructure(r, &known_sources)),
                lookup: HashMap::new(),
                region_members: Vec::new(),
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

    /// A date that may be `null`.
    fn optional_date(&mut self, raw: &Spanned<Option<String>>, field: &str) -> Option<NaiveDate> {
        let value = raw.value.as_ref()?;
        self.date(
            &Spanned {
                value: value.clone(),
                at: raw.at,
            },
            field,
        )
    }

    fn restructure(
        &mut self,
        raw: &Spanned<RawRestructure>,
        known_sources: &[&str],
    ) -> Option<Restructure> {
        let r = &raw.value;
        Some(Restructure {
            resolution: (
                self.text(&r.resolution, "restructured.resolution"),
                self.text(&r.resolution_en, "restructured.resolution_en"),
            ),
            effective: self.date(&r.effective, "restructured.effective")?,
            sources: self.source_refs(&r.sources, known_sources, "restructured.sources"),
            at: loc(raw),
        })
    }

    /// A Vietnamese text and its English twin, both given or both absent.
    fn pair(
        &mut self,
        vi: &Option<Spanned<String>>,
        en: &Option<Spanned<String>>,
        field: &str,
    ) -> Option<(String, String)> {
        match (vi, en) {
            (Some(vi), Some(en)) => {
                Some((self.text(vi, field), self.text(en, &format!("{field}_en"))))
            }
            (None, None) => None,
            (Some(v), None) | (None, Some(v)) => {
                self.error(
                    Code::MissingField,
                    loc(v),
                    field,
                    format!("`{field}` and `{field}_en` go together: give both or neither"),
                    "an English briefing needs every text the Vietnamese one prints",
                );
                None
            }
        }
    }

    fn sources(&mut self, raw: &BTreeMap<String, RawSource>) -> BTreeMap<String, Source> {
        raw.iter()
            .map(|(id, s)| (id.clone(), self.source(id, s)))
            .collect()
    }

    fn source(&mut self, id: &str, s: &RawSource) -> Source {
        let field = format!("sources.{id}");
        let publisher = self.text(&s.publisher, &format!("{field}.publisher"));
        let title = self.text(&s.title, &format!("{field}.title"));
        let lang = match &s.lang {
            Some(lang) => self.language(lang, &format!("{field}.lang")),
            None => "vi".to_string(),
        };
        let date = self.optional_date(&s.date, &format!("{field}.date"));
        let note = self.source_note(s, &field);
        Source {
            publisher: (
                publisher.clone(),
                s.publisher_en.as_ref().map_or(publisher, |p| {
                    self.text(p, &format!("{field}.publisher_en"))
                }),
            ),
            title: (
                title.clone(),
                s.title_en
                    .as_ref()
                    .map_or(title, |t| self.text(t, &format!("{field}.title_en"))),
            ),
            lang,
            date,
            date_at: loc(&s.date),
            address: self.text(&s.address, &format!("{field}.address")),
            note,
        }
    }

    /// `note` and `note_en` come together: an English briefing must not print Vietnamese.
    fn source_note(&mut self, s: &RawSource, field: &str) -> Option<(String, String)> {
        match (&s.note, &s.note_en) {
            (None, None) => None,
            (Some(vi), Some(en)) => Some((
                self.text(vi, &format!("{field}.note")),
                self.text(en, &format!("{field}.note_en")),
            )),
            (Some(given), None) | (None, Some(given)) => {
                let missing = if s.note.is_some() { "note_en" } else { "note" };
                self.error(
                    Code::MissingField,
                    loc(given),
                    format!("{field}.{missing}"),
                    format!("`{missing}` is missing: a source's note is given in both languages"),
                    "write the note in Vietnamese (`note`) and in English (`note_en`)",
                );
                None
            }
        }
    }

    /// A language code the briefings can name (`model::LANGUAGES`): the templates print
    /// "(tiếng Nhật)" for `ja`, so a code they do not know would print nothing or nonsense.
    fn language(&mut self, raw: &Spanned<String>, field: &str) -> String {
        if !crate::model::LANGUAGES.contains(&raw.value.as_str()) {
            let hint = format!(
                "write the language of the source as one of: {}",
                crate::model::LANGUAGES.join(", ")
            );
            self.error(
                Code::UnknownLanguage,
                loc(raw),
                field,
                format!("`{}` is not a language code parbrief knows", raw.value),
                &hint,
            );
        }
        raw.value.clone()
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
            let name = self.name(&r.name, &format!("regions[{id}].name"));
            let name_en = self.name(&r.name_en, &format!("regions[{id}].name_en"));
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
        let mut region_sizes: HashMap<&str, usize> = HashMap::new();
        for p in &raw.provinces {
            *region_sizes.entry(p.region.value.as_str()).or_default() += 1;
        }
        let context = YearContext {
            regions,
            known_sources,
            count: raw.provinces.len(),
            region_sizes,
        };
        let mut ids: HashMap<String, Loc> = HashMap::new();
        let mut names: HashMap<String, Loc> = HashMap::new();
        // Sized once: grown by doubling, a commune-sized year's models held up to twice their size.
        let mut provinces = Vec::with_capacity(raw.provinces.len());
        for p in &raw.provinces {
            let id = self.id(&p.id, "provinces[].id");
            if id == crate::model::OVERVIEW_ID {
                // `tong-hop.pdf` is the year's overview: a briefing by that name would replace it.
                self.error(
                    Code::BadId,
                    loc(&p.id),
                    "provinces[].id",
                    format!("`{id}` is reserved for the national overview (tong-hop.pdf)"),
                    "choose another id for this province, e.g. its name without diacritics",
                );
            }
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
            // Compared as printed: spaces of any kind collapsed, case ignored.
            let name = super::one_line(&p.name.value);
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
            provinces.extend(self.province(p, id, &context));
        }
        provinces
    }

    /// One province entry; `None` when its region is unknown.
    fn province(
        &mut self,
        p: &RawProvince,
        id: String,
        year: &YearContext<'_>,
    ) -> Option<Province> {
        let name = self.name(&p.name, &format!("provinces[{id}].name"));
        let full_name = match &p.full_name {
            Some(full) => self.name(full, &format!("provinces[{id}].full_name")),
            None => name.clone(),
        };
        let centre = p
            .centre
            .as_ref()
            .map(|c| self.text(c, &format!("provinces[{id}].centre")));
        let predecessors: Vec<&Spanned<String>> = p.predecessors.iter().flatten().collect();
        for predecessor in &predecessors {
            self.id(predecessor, &format!("provinces[{id}].predecessors"));
        }
        let place_name = match &p.place_name {
            Some(place) => self.name(place, &format!("provinces[{id}].place_name")),
            None => name.clone(),
        };
        let Some(region) = year.regions.iter().position(|r| r.id == p.region.value) else {
            let defined: Vec<&str> = year.regions.iter().map(|r| r.id.as_str()).collect();
            self.error(
                Code::UnknownRegion,
                loc(&p.region),
                format!("provinces[{id}].region"),
                format!("region `{}` is not defined in `regions`", p.region.value),
                &format!("use one of: {}", defined.join(", ")),
            );
            return None;
        };
        let region_size = year
            .region_sizes
            .get(p.region.value.as_str())
            .copied()
            .unwrap_or(0);
        let par = self.figures(p, Index::Par, year, region_size);
        let sipas = self.figures(p, Index::Sipas, year, region_size);
        let sources = self.source_refs(
            &p.sources,
            year.known_sources,
            &format!("provinces[{id}].sources"),
        );
        Some(Province {
            id_at: loc(&p.id),
            id,
            name,
            full_name,
            place_name,
            region,
            predecessors: predecessors.iter().map(|p| p.value.clone()).collect(),
            predecessors_at: predecessors.iter().map(|p| loc(p)).collect(),
            centre,
            par,
            sipas,
            sources,
        })
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
        year: &YearContext<'_>,
        region_size: usize,
    ) -> Published {
        let raw: &Spanned<RawFigures> = match index {
            Index::Par => &p.par,
            Index::Sipas => &p.sipas,
        };
        let field = format!("provinces[{}].{}", p.id.value, index.field());
        let figures = &raw.value;
        Published {
            score: self.score(&figures.score, &format!("{field}.score")),
            rank: self.rank(
                &figures.rank,
                &format!("{field}.rank"),
                year.count,
                "provinces in the year",
            ),
            region_rank: self.rank(
                &figures.region_rank,
                &format!("{field}.region_rank"),
                region_size,
                "provinces in the region",
            ),
            basis: figures
                .basis
                .as_ref()
                .map(|b| self.basis(b, &field))
                .unwrap_or_default(),
            change: figures
                .change
                .as_ref()
                .map(|c| self.change(c, &field, year.known_sources))
                .unwrap_or_default(),
            conflicting: self.conflicting(figures, &field, year.count, region_size),
            rounded_score: self.rounded_score(figures, &field),
            rank_at: loc(&figures.rank),
            region_rank_at: loc(&figures.region_rank),
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
        let given_by = (
            self.text(&raw.value.given_by, "directions.given_by"),
            self.text(&raw.value.given_by_en, "directions.given_by_en"),
        );
        Directions {
            given_by,
            items,
            sources,
        }
    }
}
