//! The provinces' lineage across a reorganisation. A year whose provinces were formed by
//! merging the previous year's (`restructured:` in its file, `predecessors:` on its units)
//! must account for every old province exactly once: an old id that maps nowhere or twice, a
//! predecessor that did not exist the year before, or a new unit with no predecessor is a
//! located error. A unit without `predecessors` continues the old province of the same id.

use std::collections::HashMap;

use crate::diagnostics::{Code, Diagnostic, Report};
use crate::model::{Loc, YearData};

/// Checks the lineage of every year that follows a loaded year and was restructured.
pub(super) fn check(years: &[YearData]) -> Report {
    let mut report = Report::default();
    for year in years {
        let Some(previous) = years.iter().find(|y| y.year == year.year - 1) else {
            continue;
        };
        let restructured = year.restructured.is_some()
            || year.provinces.iter().any(|p| !p.predecessors.is_empty());
        if restructured {
            check_year(year, previous, &mut report);
        }
    }
    report
}

fn check_year(year: &YearData, previous: &YearData, report: &mut Report) {
    let error = |code, at: Loc, field: String, message: String, hint: &str| {
        Diagnostic::error(code, &year.file, Some(at), field)
            .message(message)
            .hint(hint)
    };
    // Which new unit each old province went to, and where that was said.
    let mut mapped: HashMap<&str, (&str, Loc)> = HashMap::new();
    for unit in &year.provinces {
        let links: Vec<(&str, Loc)> = if unit.predecessors.is_empty() {
            vec![(unit.id.as_str(), unit.id_at)]
        } else {
            unit.predecessors
                .iter()
                .map(String::as_str)
                .zip(unit.predecessors_at.iter().copied())
                .collect()
        };
        for (old, at) in links {
            if previous.province_index(old).is_none() {
                let code = if unit.predecessors.is_empty() {
                    Code::LineageMissing
                } else {
                    Code::LineageUnknown
                };
                report.push(error(
                    code,
                    at,
                    format!("provinces[{}].predecessors", unit.id),
                    match code {
                        Code::LineageMissing => format!(
                            "`{}` is not a province of {} and names no predecessors",
                            unit.id, previous.year
                        ),
                        _ => format!("`{old}` is not a province of {}", previous.year),
                    },
                    &format!(
                        "list the {} provinces it was formed from under `predecessors`, by their ids in {}",
                        previous.year,
                        previous.file.display()
                    ),
                ));
                continue;
            }
            if let Some((first, _)) = mapped.insert(old, (unit.id.as_str(), at)) {
                report.push(error(
                    Code::LineageDuplicate,
                    at,
                    format!("provinces[{}].predecessors", unit.id),
                    format!("`{old}` already became `{first}`; a province joins one new unit only"),
                    "remove it from one of the two units",
                ));
            }
        }
    }
    let at = year.restructured.as_ref().map_or(Loc::default(), |r| r.at);
    for old in &previous.provinces {
        if !mapped.contains_key(old.id.as_str()) {
            report.push(error(
                Code::LineageUnmapped,
                at,
                "restructured".into(),
                format!(
                    "`{}` ({}) of {} becomes no province of {}",
                    old.id, old.name, previous.year, year.year
                ),
                "name it under `predecessors` of the unit it joined",
            ));
        }
    }
}
