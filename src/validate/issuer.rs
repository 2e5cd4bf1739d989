//! The checks of an issuer file: every text drawable and non-empty, the number a positive
//! whole number, the date a real date. Every problem is collected, as for the data.

use std::path::Path;

use serde_saphyr::Spanned;

use super::{Checker, Coverage};
use crate::diagnostics::{Code, Report};
use crate::issuer::Issuer;
use crate::raw::{RawIssuer, loc};

/// Checks a parsed issuer file (`source` is its text); `Err` holds every problem found.
pub fn issuer(
    raw: &RawIssuer,
    path: &Path,
    source: &str,
    covers: Coverage<'_>,
) -> Result<Issuer, Report> {
    let mut c = Checker::new(path, source, covers);
    let issuer = Issuer {
        parent_agency: raw
            .parent_agency
            .as_ref()
            .map(|v| c.text(v, "parent_agency")),
        agency: c.text(&raw.agency, "agency"),
        code: c.text(&raw.code, "code"),
        number: raw.number.as_ref().and_then(|n| c.number(n)),
        date: raw.date.as_ref().and_then(|d| c.date(d, "date")),
        place: c.text(&raw.place, "place"),
        authority: c.texts(&raw.signer.authority, "signer.authority"),
        signer_name: raw.signer.name.as_ref().map(|v| c.text(v, "signer.name")),
        recipients: c.texts(&raw.recipients, "recipients"),
        archive: c.text(&raw.archive, "archive"),
    };
    if c.report.has_errors() {
        Err(c.report)
    } else {
        Ok(issuer)
    }
}

impl Checker<'_> {
    fn texts(&mut self, values: &[Spanned<String>], field: &str) -> Vec<String> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| self.text(v, &format!("{field}[{}]", i + 1)))
            .collect()
    }

    fn number(&mut self, raw: &Spanned<i64>) -> Option<u32> {
        let number = u32::try_from(raw.value).ok().filter(|&n| n > 0);
        if number.is_none() {
            self.error(
                Code::IssuerInvalid,
                loc(raw),
                "number",
                format!("{} is not a document number", raw.value),
                "a document number is a whole number from 1, or null",
            );
        }
        number
    }
}
