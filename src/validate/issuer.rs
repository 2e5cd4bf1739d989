//! The checks of an issuer file: every text drawable and non-empty, the number a positive
//! whole number. Every problem is collected, as for the data. A file without English texts
//! takes the shipped default's.

use std::path::Path;

use super::{Checker, Coverage};
use crate::diagnostics::{Code, Report};
use crate::issuer::{Issuer, IssuerTexts};
use crate::raw::{RawIssuer, RawIssuerEn, Spanned, loc};

/// Checks a parsed issuer file (`source` is its text); `Err` holds every problem found.
/// `default_en` is the shipped English wording, for a file that has none.
pub fn issuer(
    raw: &RawIssuer,
    path: &Path,
    source: &str,
    covers: Coverage<'_>,
    default_en: Option<&IssuerTexts>,
) -> Result<Issuer, Report> {
    let mut c = Checker::new(path, source, covers);
    let agency_in_text = c.text(&raw.agency_in_text, "agency_in_text");
    let vi = IssuerTexts {
        parent_agency: raw
            .parent_agency
            .as_ref()
            .map(|v| c.text_lines(v, "parent_agency")),
        agency: c.text_lines(&raw.agency, "agency"),
        agency_in_body: raw
            .agency_in_body
            .as_ref()
            .map_or_else(|| agency_in_text.clone(), |v| c.text(v, "agency_in_body")),
        agency_in_text,
        place: c.text(&raw.place, "place"),
        addressees: c.texts(&raw.addressees, "addressees"),
        authority: c.texts(&raw.signer.authority, "signer.authority"),
        signer_name: raw.signer.name.as_ref().map(|v| c.text(v, "signer.name")),
        recipients: c.texts(&raw.recipients, "recipients"),
        archive: c.text(&raw.archive, "archive"),
    };
    let en = match (&raw.en, default_en) {
        (Some(en), _) => c.english(en),
        (None, Some(default)) => default.clone(),
        (None, None) => vi.clone(),
    };
    let issuer = Issuer {
        code: c.text(&raw.code, "code"),
        letter_code: c.text(&raw.letter_code, "letter_code"),
        number: raw.number.as_ref().and_then(|n| c.number(n)),
        vi,
        en,
    };
    if c.report.has_errors() {
        Err(c.report)
    } else {
        Ok(issuer)
    }
}

impl Checker<'_> {
    fn english(&mut self, en: &RawIssuerEn) -> IssuerTexts {
        let agency_in_text = self.text(&en.agency_in_text, "en.agency_in_text");
        IssuerTexts {
            parent_agency: en
                .parent_agency
                .as_ref()
                .map(|v| self.text_lines(v, "en.parent_agency")),
            agency: self.text_lines(&en.agency, "en.agency"),
            agency_in_body: en.agency_in_body.as_ref().map_or_else(
                || agency_in_text.clone(),
                |v| self.text(v, "en.agency_in_body"),
            ),
            agency_in_text,
            place: self.text(&en.place, "en.place"),
            addressees: self.texts(&en.addressees, "en.addressees"),
            authority: self.texts(&en.signer.authority, "en.signer.authority"),
            signer_name: en
                .signer
                .name
                .as_ref()
                .map(|v| self.text(v, "en.signer.name")),
            recipients: self.texts(&en.recipients, "en.recipients"),
            archive: self.text(&en.archive, "en.archive"),
        }
    }

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
