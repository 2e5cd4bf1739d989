//! Who issues the briefings: agency, document code, place, signer and recipients. This is
//! the user's configuration (`config/issuer.yaml`, compiled in as the default; `--issuer FILE`
//! to use another), not code, and it is checked like the data.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;
use crate::load::loc;

/// The default issuer file, as shipped in `config/issuer.yaml`.
pub const DEFAULT: &str = include_str!("../config/issuer.yaml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssuer {
    parent_agency: Option<String>,
    agency: String,
    code: String,
    number: Option<Spanned<i64>>,
    date: Option<Spanned<String>>,
    place: String,
    signer: RawSigner,
    recipients: Vec<String>,
    archive: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSigner {
    authority: Vec<String>,
    name: Option<String>,
}

/// The checked issuer configuration; texts still hold `{name}`-style placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    pub parent_agency: Option<String>,
    pub agency: String,
    pub code: String,
    pub number: Option<u32>,
    pub date: Option<chrono::NaiveDate>,
    pub place: String,
    pub authority: Vec<String>,
    pub signer_name: Option<String>,
    pub recipients: Vec<String>,
    pub archive: String,
}

impl Issuer {
    /// Parses and checks an issuer file.
    pub fn parse(path: &Path, text: &str) -> Result<Issuer, Box<Diagnostic>> {
        let options = serde_saphyr::options! { with_snippet: false };
        let raw: RawIssuer = serde_saphyr::from_str_with_options(text, options).map_err(|e| {
            let at = e.location().map(|l| crate::model::Loc {
                line: l.line(),
                column: l.column(),
            });
            Box::new(
                Diagnostic::error("issuer-invalid", path, at, "")
                    .message(e.to_string().lines().next().unwrap_or_default().to_string())
                    .hint("compare with the documented default in config/issuer.yaml"),
            )
        })?;
        let number =
            match &raw.number {
                Some(n) => Some(u32::try_from(n.value).ok().filter(|&n| n > 0).ok_or_else(
                    || {
                        Box::new(
                            Diagnostic::error("issuer-invalid", path, Some(loc(n)), "number")
                                .message(format!("{} is not a document number", n.value))
                                .hint("a document number is a whole number from 1, or null"),
                        )
                    },
                )?),
                None => None,
            };
        let date = match &raw.date {
            Some(d) => Some(
                chrono::NaiveDate::parse_from_str(&d.value, "%Y-%m-%d").map_err(|_| {
                    Box::new(
                        Diagnostic::error("issuer-invalid", path, Some(loc(d)), "date")
                            .message(format!("`{}` is not a date", d.value))
                            .hint("write the date as YYYY-MM-DD, or null"),
                    )
                })?,
            ),
            None => None,
        };
        Ok(Issuer {
            parent_agency: raw.parent_agency,
            agency: raw.agency,
            code: raw.code,
            number,
            date,
            place: raw.place,
            authority: raw.signer.authority,
            signer_name: raw.signer.name,
            recipients: raw.recipients,
            archive: raw.archive,
        })
    }

    /// Every text of the configuration, for the font-coverage check.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let singles = [
            Some(&self.agency),
            Some(&self.code),
            Some(&self.place),
            Some(&self.archive),
            self.parent_agency.as_ref(),
            self.signer_name.as_ref(),
        ];
        singles
            .into_iter()
            .flatten()
            .chain(&self.authority)
            .chain(&self.recipients)
            .map(String::as_str)
    }

    /// The shipped default; it is tested, so failing to parse it is a build defect.
    pub fn default_config() -> Issuer {
        Issuer::parse(Path::new("config/issuer.yaml"), DEFAULT)
            .unwrap_or_else(|e| panic!("config/issuer.yaml: {e}"))
    }
}

/// Replaces `{name}`, `{full_name}` and `{FULL_NAME}` in an issuer text.
pub fn fill(text: &str, name: &str, full_name: &str) -> String {
    text.replace("{FULL_NAME}", &full_name.to_uppercase())
        .replace("{full_name}", &lower_first(full_name))
        .replace("{name}", name)
}

/// "Tỉnh An Giang" → "tỉnh An Giang": the kind is lower-case inside a sentence.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_default_parses() {
        let issuer = Issuer::default_config();
        assert_eq!(issuer.agency, "SỞ NỘI VỤ");
        assert_eq!(issuer.number, None);
    }

    #[test]
    fn placeholders_take_the_province_names() {
        assert_eq!(
            fill("ỦY BAN NHÂN DÂN {FULL_NAME}", "An Giang", "Tỉnh An Giang"),
            "ỦY BAN NHÂN DÂN TỈNH AN GIANG"
        );
        assert_eq!(
            fill("Ủy ban nhân dân {full_name}", "Hà Nội", "Thành phố Hà Nội"),
            "Ủy ban nhân dân thành phố Hà Nội"
        );
        assert_eq!(fill("{name}", "An Giang", "Tỉnh An Giang"), "An Giang");
    }
}
