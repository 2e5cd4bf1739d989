//! `parbrief list`: each province's scores and ranks as rows, printed as an aligned table,
//! CSV (through the `csv` crate, so every field is quoted as RFC 4180 requires) or JSON, or
//! written as an Excel workbook with the CSV's columns (`xlsx`); for chosen provinces, their
//! history across a reorganisation (the provinces a unit was formed from, and the unit a
//! province became).

mod xlsx;

pub use xlsx::workbook;

use serde::Serialize;

use crate::model::{Basis, Dataset, Index, Province, YearData};
use crate::rank::{Provenance, Rankings, Standing};

/// How `list` prints its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// One province in one year.
#[derive(Debug, Serialize)]
pub struct Row {
    year: i32,
    id: String,
    name: String,
    region: String,
    par_score: Option<f64>,
    par_rank: Option<String>,
    par_region_rank: Option<String>,
    sipas_score: Option<f64>,
    sipas_rank: Option<String>,
    sipas_region_rank: Option<String>,
    /// The provinces of the year before that this unit was formed from.
    predecessors: Vec<String>,
}

const COLUMNS: usize = 11;

const HEADER: [&str; COLUMNS] = [
    "year",
    "id",
    "name",
    "region",
    "par",
    "par_rank",
    "par_region_rank",
    "sipas",
    "sipas_rank",
    "sipas_region_rank",
    "predecessors",
];

/// "26/63", then how the rank was obtained: nothing when computed from complete scores, `*`
/// when published, `^` when the national ranks determine it; `?` when it rests on the order
/// of a listing, `~` when on a deduced figure.
fn place(s: Standing) -> Option<String> {
    s.rank.map(|r| {
        let origin = match s.provenance {
            Provenance::Computed => "",
            Provenance::Published(_) => "*",
            Provenance::Derived(_) => "^",
        };
        let basis = match s.provenance.basis() {
            Basis::Printed => "",
            Basis::Listing => "?",
            Basis::Deduced => "~",
        };
        format!("{r}/{}{origin}{basis}", s.of)
    })
}

/// The provinces of `years` (all, or those of `ids` and their lineage), in the order of each
/// year's file.
pub fn rows(dataset: &Dataset, rankings: &Rankings, years: &[i32], ids: &[String]) -> Vec<Row> {
    let wanted = lineage(dataset, ids);
    let mut rows = Vec::new();
    for &year in years {
        let (Some(data), Some(ranks)) = (dataset.year(year), rankings.year(year)) else {
            continue;
        };
        for (i, p) in data.provinces.iter().enumerate() {
            if !ids.is_empty() && !wanted.contains(&p.id) {
                continue;
            }
            let score = |index: Index| {
                p.published(index)
                    .score
                    .map(|s| f64::from(s.hundredths()) / 100.0)
            };
            let placing = |index: Index| ranks.placing(index, i);
            rows.push(Row {
                year,
                id: p.id.clone(),
                name: p.name.clone(),
                region: data.regions[p.region].name.clone(),
                par_score: score(Index::Par),
                par_rank: place(placing(Index::Par).national),
                par_region_rank: place(placing(Index::Par).regional),
                sipas_score: score(Index::Sipas),
                sipas_rank: place(placing(Index::Sipas).national),
                sipas_region_rank: place(placing(Index::Sipas).regional),
                predecessors: predecessors(data, p),
            });
        }
    }
    rows
}

/// The provinces of the year before that `p` continues: those it was formed from or, in a
/// reorganisation year, itself when it kept its territory and id; none in other years.
fn predecessors(data: &YearData, p: &Province) -> Vec<String> {
    if !p.predecessors.is_empty() {
        p.predecessors.clone()
    } else if data.restructured.is_some() {
        vec![p.id.clone()]
    } else {
        Vec::new()
    }
}

/// `ids`, the provinces each was formed from (and theirs, back to the first year), and the
/// units each became: a province's history across reorganisations. Not its siblings: the
/// history of the old An Giang includes the new An Giang, not Kiên Giang.
fn lineage(dataset: &Dataset, ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let add = |id: &String, out: &mut Vec<String>| {
        if !out.contains(id) {
            out.push(id.clone());
        }
    };
    for id in ids {
        add(id, &mut out);
        // Backwards: every predecessor named by a unit already in the history.
        let mut earlier = vec![id.clone()];
        while let Some(current) = earlier.pop() {
            for unit in dataset.years.iter().flat_map(|y| &y.provinces) {
                if unit.id == current {
                    for p in &unit.predecessors {
                        if !out.contains(p) {
                            add(p, &mut out);
                            earlier.push(p.clone());
                        }
                    }
                }
            }
        }
        // Forwards: the unit each later reorganisation merged it into.
        let mut current = id.clone();
        while let Some(unit) = dataset
            .years
            .iter()
            .flat_map(|y| &y.provinces)
            .find(|u| u.predecessors.contains(&current) && !out.contains(&u.id))
        {
            add(&unit.id, &mut out);
            current.clone_from(&unit.id);
        }
    }
    out
}

/// The rows in `format`.
pub fn render(rows: &[Row], format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(rows).unwrap_or_default() + "\n",
        Format::Csv => csv(rows),
        Format::Table => table(rows),
    }
}

fn cells(row: &Row) -> [String; COLUMNS] {
    let score = |s: Option<f64>| s.map_or_else(String::new, |v| format!("{v:.2}"));
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    [
        row.year.to_string(),
        row.id.clone(),
        row.name.clone(),
        row.region.clone(),
        score(row.par_score),
        text(&row.par_rank),
        text(&row.par_region_rank),
        score(row.sipas_score),
        text(&row.sipas_rank),
        text(&row.sipas_region_rank),
        row.predecessors.join(" "),
    ]
}

fn csv(rows: &[Row]) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = writer.write_record(HEADER);
    for row in rows {
        let _ = writer.write_record(cells(row));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn table(rows: &[Row]) -> String {
    let all: Vec<[String; COLUMNS]> = rows.iter().map(cells).collect();
    let widths: Vec<usize> = (0..COLUMNS)
        .map(|i| {
            all.iter()
                .map(|r| r[i].chars().count())
                .chain([HEADER[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
            + "\n"
    };
    let mut out = line(HEADER.to_vec());
    for r in &all {
        out += &line(r.iter().map(String::as_str).collect());
    }
    out += "Ranks: * published; ^ determined by the national ranks; ? from the order of a listing; ~ deduced; unmarked: computed from complete scores.\n";
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_carriage_returns_commas_and_quotes() {
        let row = Row {
            year: 2030,
            id: "x".into(),
            name: "A, \"B\"\rC".into(),
            region: "R".into(),
            par_score: Some(84.67),
            par_rank: Some("1/2".into()),
            par_region_rank: None,
            sipas_score: None,
            sipas_rank: None,
            sipas_region_rank: None,
            predecessors: vec!["a".into(), "b".into()],
        };
        let out = csv(&[row]);
        assert_eq!(
            out.lines().nth(1),
            Some("2030,x,\"A, \"\"B\"\"\rC\",R,84.67,1/2,,,,,a b")
        );
    }
}
