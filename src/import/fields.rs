//! What a column of a table can hold — a figure of an index (`par.score`, `sipas.rank`, …) —
//! which indices an import takes (`--index`), and columns given by letter (`--columns`).

use super::table::column_index;
use crate::model::Index;

/// Which figure of an index a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The score, 0–100.
    Score,
    /// The national rank.
    Rank,
    /// The rank within the region.
    RegionRank,
}

/// One figure: an index and a kind (`par.score`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Field {
    /// PAR Index or SIPAS.
    pub index: Index,
    /// Score, rank or regional rank.
    pub kind: Kind,
}

impl Field {
    /// Every field, in the order of a data file.
    pub const ALL: [Field; 6] = [
        Field::new(Index::Par, Kind::Score),
        Field::new(Index::Par, Kind::Rank),
        Field::new(Index::Par, Kind::RegionRank),
        Field::new(Index::Sipas, Kind::Score),
        Field::new(Index::Sipas, Kind::Rank),
        Field::new(Index::Sipas, Kind::RegionRank),
    ];

    const fn new(index: Index, kind: Kind) -> Field {
        Field { index, kind }
    }

    /// The key within a province's `par`/`sipas` mapping: `score`, `rank`, `region_rank`.
    pub fn key(self) -> &'static str {
        match self.kind {
            Kind::Score => "score",
            Kind::Rank => "rank",
            Kind::RegionRank => "region_rank",
        }
    }

    /// `par.score`, as a data file and `--columns` (with `-`) spell it.
    pub fn path(self) -> String {
        format!("{}.{}", self.index.field(), self.key())
    }

    /// "PAR Index score", for messages.
    pub fn describe(self) -> String {
        let kind = match self.kind {
            Kind::Score => "score",
            Kind::Rank => "rank",
            Kind::RegionRank => "regional rank",
        };
        format!("{} {kind}", self.index)
    }

    /// The name `--columns` uses: `par`, `par-rank`, `sipas-region-rank`, …
    pub fn option_name(self) -> String {
        match self.kind {
            Kind::Score => self.index.field().to_string(),
            Kind::Rank => format!("{}-rank", self.index.field()),
            Kind::RegionRank => format!("{}-region-rank", self.index.field()),
        }
    }
}

/// Which indices to import (`--index`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    /// Whatever the table has.
    #[default]
    Any,
    /// The PAR Index only; other columns are ignored, and unnamed ones are PAR.
    Par,
    /// SIPAS only.
    Sipas,
    /// Both, each required.
    Both,
}

/// Columns given with `--columns`: the names' column and each figure's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// The column of province names.
    pub name: usize,
    /// The figures' columns.
    pub fields: Vec<(Field, usize)>,
}

impl Mapping {
    /// Reads `name=B,par=C,par-rank=D,sipas=E,sipas-rank=F`; the error is a usage message.
    pub fn parse(spec: &str) -> Result<Mapping, String> {
        let roles: Vec<String> = std::iter::once("name".to_string())
            .chain(Field::ALL.iter().map(|f| f.option_name()))
            .collect();
        let (mut name, mut fields) = (None, Vec::new());
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (role, letter) = part.split_once('=').ok_or_else(|| {
                format!("--columns takes ROLE=COLUMN pairs such as name=B,par=C, not {part:?}")
            })?;
            let role = role.trim().to_lowercase().replace('_', "-");
            let col = column_index(letter.trim()).ok_or_else(|| {
                format!("--columns: {letter:?} is not a column letter (A, B, …, AA)")
            })?;
            if role == "name" && name.replace(col).is_none() {
                continue;
            }
            match Field::ALL.iter().find(|f| f.option_name() == role) {
                Some(field) if !fields.iter().any(|(f, _)| f == field) => {
                    fields.push((*field, col))
                }
                _ => {
                    return Err(format!(
                        "--columns: {role:?} is {}; the roles are {}",
                        if roles.contains(&role) {
                            "given twice"
                        } else {
                            "not a role"
                        },
                        roles.join(", ")
                    ));
                }
            }
        }
        let name = name.ok_or("--columns must name the column of province names (name=B)")?;
        if fields.is_empty() {
            return Err("--columns must name at least one figure's column (par=C, …)".into());
        }
        Ok(Mapping { name, fields })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_mappings_are_parsed_and_checked() {
        let m = Mapping::parse("name=B, par=C, par-rank=d, sipas_rank=F").expect("parses");
        assert_eq!(m.name, 1);
        assert_eq!(m.fields.len(), 3);
        assert!(Mapping::parse("par=C").is_err());
        assert!(Mapping::parse("name=B,par=C,par=D").is_err());
        assert!(Mapping::parse("name=B,cchc=C").is_err());
        assert!(Mapping::parse("name=B2,par=C").is_err());
    }
}
