//! The file of a year the data folder does not have yet: an earlier year's structure — its
//! regions, its provinces with their ids, names and regions — with every figure `null`,
//! no announcement, no directions, and the import's source. The import then fills it exactly
//! as it fills an existing file, so both go through the same edits and the same checks.
//!
//! A new year continues the earlier year's units. After a reorganisation (a merger of
//! provinces) the year's file must be written by hand first, with `predecessors` and
//! `restructured:` (see data/README.md, "Adding a year").

use std::fmt::Write as _;

use super::edit::{NewSource, quoted, source_entry};
use crate::model::YearData;

/// The text of `year`'s new file, from the structure of `template`; `origin` says in its
/// header comment where the figures come from ("bang-2024.xlsx, sheet Sheet1").
pub fn text(template: &YearData, year: i32, origin: &str, source: &NewSource) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# PAR Index (Chỉ số CCHC) and SIPAS results for {year}, written by `parbrief import` from\n# {}.\n# Figures: source {} (\"{}\"). Regions and provinces as in {}. Format: data/README.md.",
        one_line(origin),
        source.id,
        one_line(&source.title.0),
        template.file.display()
    );
    let _ = writeln!(
        out,
        "year: {year}\nannounced: null\nannounced_sources: []\nregions:"
    );
    for region in &template.regions {
        let _ = writeln!(
            out,
            "  - id: {}\n    name: {}\n    name_en: {}",
            region.id,
            quoted(&region.name),
            quoted(&region.name_en)
        );
    }
    out.push_str(
        "national:\n  par:\n    average: null\n    previous_average: null\n    above_average: null\n    sources: []\n  sipas:\n    average: null\n    previous_average: null\n    sources: []\ndirections: null\nprovinces:\n",
    );
    for p in &template.provinces {
        let _ = writeln!(
            out,
            "  - id: {}\n    name: {}\n    full_name: {}",
            p.id,
            quoted(&p.name),
            quoted(&p.full_name)
        );
        if p.place_name != p.name {
            let _ = writeln!(out, "    place_name: {}", quoted(&p.place_name));
        }
        let _ = writeln!(
            out,
            "    region: {}\n    par: {{ score: null, rank: null, region_rank: null }}\n    sipas: {{ score: null, rank: null, region_rank: null }}\n    sources: []",
            template.regions[p.region].id
        );
    }
    out.push_str("sources:\n");
    out.push_str(&source_entry(source, 2));
    out
}
