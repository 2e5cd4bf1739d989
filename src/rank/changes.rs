//! Published changes against the previous year's own figures. Sources often print only the
//! change ("giảm 7 bậc", "+2,55 điểm"); when the dataset also holds both years' figures, the
//! two must agree, and so must a year's stated previous-year average and the previous file's
//! average. A disagreement is a warning (an error under `--strict`): one of the figures was
//! typed or printed wrong.

use super::{Rankings, Standing};
use crate::diagnostics::{Code, Diagnostic};
use crate::format;
use crate::model::{Dataset, Index, Lang, Loc, Province, YearData};

/// Every disagreement between a published change and the two years' figures.
pub(super) fn check(dataset: &Dataset, rankings: &Rankings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for year in &dataset.years {
        let Some(previous) = dataset.year(year.year - 1) else {
            continue;
        };
        averages(year, previous, &mut out);
        let (Some(now), Some(before)) = (rankings.year(year.year), rankings.year(previous.year))
        else {
            continue;
        };
        for (p, province) in year.provinces.iter().enumerate() {
            let Some(q) = previous.province_index(&province.id) else {
                continue;
            };
            for index in Index::ALL {
                let placings = (now.placing(index, p), before.placing(index, q));
                let pair = Pair {
                    year,
                    province,
                    earlier: &previous.provinces[q],
                    index,
                };
                pair.check(
                    placings.0.national,
                    placings.1.national,
                    Scope::National,
                    &mut out,
                );
                pair.check(
                    placings.0.regional,
                    placings.1.regional,
                    Scope::Regional,
                    &mut out,
                );
                pair.points(&mut out);
            }
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Scope {
    National,
    Regional,
}

/// One province in two consecutive years, for one index.
struct Pair<'a> {
    year: &'a YearData,
    province: &'a Province,
    earlier: &'a Province,
    index: Index,
}

impl Pair<'_> {
    fn warn(&self, at: Loc, field: &str, message: String) -> Diagnostic {
        Diagnostic::warning(
            Code::ChangeMismatch,
            &self.year.file,
            Some(at),
            format!(
                "provinces[{}].{}.change.{field}",
                self.province.id,
                self.index.field()
            ),
        )
        .message(message)
        .hint("check the change and both years' figures against the sources; the briefing states the two years' figures")
    }

    fn points(&self, out: &mut Vec<Diagnostic>) {
        let change = &self.province.published(self.index).change;
        let (Some(stated), Some(now), Some(before)) = (
            change.points,
            self.province.published(self.index).score,
            self.earlier.published(self.index).score,
        ) else {
            return;
        };
        let actual = now.change_since(before);
        if stated != actual {
            out.push(self.warn(
                change.at.points,
                "points",
                format!(
                    "{}: the published {} change of {} points disagrees with {} − {} = {} from the two years' figures",
                    self.province.name,
                    self.index,
                    format::signed_change(stated, Lang::En),
                    format::decimal(now, Lang::En),
                    format::decimal(before, Lang::En),
                    format::signed_change(actual, Lang::En),
                ),
            ));
        }
    }

    fn check(&self, now: Standing, before: Standing, scope: Scope, out: &mut Vec<Diagnostic>) {
        let change = &self.province.published(self.index).change;
        let (stated, field, what, at) = match scope {
            Scope::National => (change.rank, "rank", "national", change.at.rank),
            Scope::Regional => (
                change.region_rank,
                "region_rank",
                "regional",
                change.at.region_rank,
            ),
        };
        let (Some(stated), Some(r_now), Some(r_before)) = (stated, now.rank, before.rank) else {
            return;
        };
        if now.of != before.of {
            return;
        }
        let actual = i64::from(r_before) - i64::from(r_now);
        if stated != actual {
            out.push(self.warn(
                at,
                field,
                format!(
                    "{}: the published {what} {} change of {stated:+} places disagrees with rank {r_before} in {} and {r_now} in {} ({actual:+})",
                    self.province.name,
                    self.index,
                    self.year.year - 1,
                    self.year.year,
                ),
            ));
        }
    }
}

/// A year's stated previous-year average against the previous year's own average.
fn averages(year: &YearData, previous: &YearData, out: &mut Vec<Diagnostic>) {
    for index in Index::ALL {
        let stated = year.national.of(index);
        let (Some(said), Some(actual)) =
            (stated.previous_average, previous.national.of(index).average)
        else {
            continue;
        };
        if said != actual {
            out.push(
                Diagnostic::warning(
                    Code::ChangeMismatch,
                    &year.file,
                    Some(stated.previous_average_at),
                    format!("national.{}.previous_average", index.field()),
                )
                .message(format!(
                    "the {index} average of {} is given as {} here but as {} in {}",
                    previous.year,
                    format::decimal(said, Lang::En),
                    format::decimal(actual, Lang::En),
                    previous.file.display(),
                ))
                .hint("check both against the sources; the previous year's file is used"),
            );
        }
    }
}
