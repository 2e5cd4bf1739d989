//! The checks of a figure and its companions: how a figure was obtained (`basis`), a change
//! as a source prints it (`change`), and a year's national aggregates. Scores and ranks
//! themselves are checked by the `Checker`'s own `score` and `rank`.

use super::Checker;
use crate::diagnostics::Code;
use crate::model::{
    Aggregate, Basis, ChangeAt, Conflicting, FigureBasis, Loc, PublishedChange, Rank, Score,
};
use crate::raw::{RawAggregate, RawBasis, RawChange, RawConflicting, RawFigures, Spanned, loc};

impl Checker<'_> {
    pub(super) fn basis(&mut self, raw: &RawBasis, field: &str) -> FigureBasis {
        let mut one = |value: &Option<Spanned<String>>, name: &str| {
            let Some(value) = value else {
                return Basis::Printed;
            };
            match value.value.as_str() {
                "printed" => Basis::Printed,
                "listing" => Basis::Listing,
                "deduced" => Basis::Deduced,
                other => {
                    self.error(
                        Code::WrongType,
                        loc(value),
                        format!("{field}.basis.{name}"),
                        format!("`{other}` is not a basis"),
                        "write `printed` (a number the source prints), `listing` (read from the order of a listing) or `deduced`",
                    );
                    Basis::Printed
                }
            }
        };
        FigureBasis {
            score: one(&raw.score, "score"),
            rank: one(&raw.rank, "rank"),
            region_rank: one(&raw.region_rank, "region_rank"),
        }
    }

    /// `rounded_score`: the score as the sources print it, a whole number from 0 to 100, for a
    /// score the file leaves `null` because the sources print no more than that.
    pub(super) fn rounded_score(&mut self, figures: &RawFigures, field: &str) -> Option<u8> {
        let raw = figures.rounded_score.as_ref()?;
        let field = format!("{field}.rounded_score");
        let (message, fix) = if figures.score.value.is_some() {
            (
                "`score` has a value and a rounded one too".to_string(),
                "keep the exact score and remove `rounded_score`, or set `score` to `null`",
            )
        } else if figures
            .conflicting
            .as_ref()
            .is_some_and(|c| !c.value.score.is_empty())
        {
            (
                "the score has conflicting values and a rounded one too".to_string(),
                "list the rounded value among the conflicting ones, or remove `rounded_score`",
            )
        } else {
            match u8::try_from(raw.value) {
                Ok(whole) if whole <= 100 => return Some(whole),
                _ => (
                    format!("{} is not a whole number from 0 to 100", raw.value),
                    "give the score as the source prints it, e.g. `83` for \"83%\"",
                ),
            }
        };
        self.error(Code::BadRounded, loc(raw), field, message, fix);
        None
    }

    /// `conflicting`: the values the sources disagree on, for a figure the file leaves `null`;
    /// at least two different ones, or one that contradicts the printed `change`, each a valid
    /// score or rank.
    pub(super) fn conflicting(
        &mut self,
        figures: &RawFigures,
        field: &str,
        provinces: usize,
        region_size: usize,
    ) -> Conflicting {
        let Some(raw) = &figures.conflicting else {
            return Conflicting::default();
        };
        let c: &RawConflicting = &raw.value;
        let field = format!("{field}.conflicting");
        let score = c
            .score
            .iter()
            .filter_map(|v| self.score(&optional(v), &format!("{field}.score")))
            .collect::<Vec<Score>>();
        let rank = |this: &mut Self, values: &[Spanned<i64>], name: &str, of: usize, what: &str| {
            values
                .iter()
                .filter_map(|v| this.rank(&optional(v), &format!("{field}.{name}"), of, what))
                .collect::<Vec<Rank>>()
        };
        let national = rank(self, &c.rank, "rank", provinces, "provinces in the year");
        let regional = rank(
            self,
            &c.region_rank,
            "region_rank",
            region_size,
            "provinces in the region",
        );
        // Each list's problem is reported at its first value.
        let first = |at: Option<Loc>| at.unwrap_or_else(|| loc(raw));
        // One value is a conflict too when its source prints a change that contradicts it
        // (Hà Nội 2024: "92.57%, an increase of 1.32" on 91.43).
        let change = figures.change.as_ref().map(|c| &c.value);
        let printed_change = [
            change.is_some_and(|c| c.points.is_some()),
            change.is_some_and(|c| c.rank.is_some()),
            change.is_some_and(|c| c.region_rank.is_some()),
        ];
        let listed = [
            (
                "score",
                figures.score.value.is_some(),
                c.score.len(),
                (score.len(), distinct(&score)),
                first(c.score.first().map(loc)),
            ),
            (
                "rank",
                figures.rank.value.is_some(),
                c.rank.len(),
                (national.len(), distinct(&national)),
                first(c.rank.first().map(loc)),
            ),
            (
                "region_rank",
                figures.region_rank.value.is_some(),
                c.region_rank.len(),
                (regional.len(), distinct(&regional)),
                first(c.region_rank.first().map(loc)),
            ),
        ];
        // `valid` and `different` count the values that passed their own checks: a value
        // already reported as out of range is not counted again as a repeat.
        for ((name, known, given, (valid, different), at), against_change) in
            listed.into_iter().zip(printed_change)
        {
            let message = if given > 0 && known {
                format!("`{name}` has a value and conflicting values too")
            } else if given == 1 && !against_change {
                format!(
                    "`conflicting.{name}` gives 1 value; a conflict needs two or more, or a printed `change` the value contradicts"
                )
            } else if different < valid {
                format!("`conflicting.{name}` repeats a value")
            } else {
                continue;
            };
            self.error(
                Code::BadConflict,
                at,
                format!("{field}.{name}"),
                message,
                "list the different values the cited sources print, and set the figure itself to `null`; or keep the figure and remove its conflicting values",
            );
        }
        Conflicting {
            score,
            rank: national,
            region_rank: regional,
        }
    }

    pub(super) fn change(
        &mut self,
        raw: &Spanned<RawChange>,
        field: &str,
        known_sources: &[&str],
    ) -> PublishedChange {
        let c = &raw.value;
        let points = c.points.as_ref().and_then(|p| {
            let hundredths = (p.value * 100.0).round();
            let plausible = p.value.is_finite() && p.value.abs() <= 100.0;
            if !plausible || (hundredths - p.value * 100.0).abs() > 1e-6 {
                self.error(
                    Code::ScoreOutOfRange,
                    loc(p),
                    format!("{field}.change.points"),
                    format!(
                        "{} is not a change in points (−100 to 100, two decimals)",
                        p.value
                    ),
                    "write the change as the source prints it, e.g. 2.55 or -1.3",
                );
                return None;
            }
            // Within ±10 000 after the check above.
            #[allow(clippy::cast_possible_truncation)]
            Some(hundredths as i64)
        });
        let places = |r: &Option<Spanned<i64>>| r.as_ref().map(|r| r.value);
        if points.is_none() && c.rank.is_none() && c.region_rank.is_none() && c.points.is_none() {
            self.error(
                Code::MissingField,
                loc(raw),
                format!("{field}.change"),
                "`change` gives no points and no places".into(),
                "give `points`, `rank` or `region_rank` as the source prints them, or remove `change`",
            );
        }
        let at = |r: Option<Loc>| r.unwrap_or_else(|| loc(raw));
        PublishedChange {
            points,
            rank: places(&c.rank),
            region_rank: places(&c.region_rank),
            at: ChangeAt {
                change: loc(raw),
                points: at(c.points.as_ref().map(loc)),
                rank: at(c.rank.as_ref().map(loc)),
                region_rank: at(c.region_rank.as_ref().map(loc)),
            },
            sources: self.source_refs(
                &c.sources,
                known_sources,
                &format!("{field}.change.sources"),
            ),
        }
    }

    pub(super) fn aggregate(
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
        let sources = self.source_refs(&raw.sources, known_sources, &format!("{field}.sources"));
        let previous_average_sources = match &raw.previous_average_sources {
            Some(ids) => self.source_refs(
                ids,
                known_sources,
                &format!("{field}.previous_average_sources"),
            ),
            None => sources.clone(),
        };
        Aggregate {
            average: self.score(&raw.average, &format!("{field}.average")),
            previous_average: self
                .score(&raw.previous_average, &format!("{field}.previous_average")),
            previous_average_at: loc(&raw.previous_average),
            above_average,
            sources,
            previous_average_sources,
        }
    }
}

/// A value as the optional the score and rank checks take.
fn optional<T: Clone>(v: &Spanned<T>) -> Spanned<Option<T>> {
    Spanned {
        value: Some(v.value.clone()),
        at: v.at,
    }
}

/// How many different values `values` holds.
fn distinct<T: PartialEq>(values: &[T]) -> usize {
    values
        .iter()
        .enumerate()
        .filter(|(i, v)| !values[..*i].contains(v))
        .count()
}
