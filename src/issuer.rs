//! Who issues the briefings: agency, document code, place, signer and recipients. This is
//! the user's configuration (`config/issuer.yaml`, compiled in as the default; `--issuer FILE`
//! to use another), not code; `load` reads it, `raw` parses it and `validate` checks it like
//! the data.

/// The default issuer file, as shipped in `config/issuer.yaml`.
pub const DEFAULT: &str = include_str!("../config/issuer.yaml");

/// The path the default issuer is reported under.
pub const DEFAULT_PATH: &str = "config/issuer.yaml";

/// The checked issuer configuration; texts still hold `{name}`-style placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// The parent agency (cơ quan chủ quản), if any; may hold a line break.
    pub parent_agency: Option<String>,
    /// The issuing agency (cơ quan ban hành).
    pub agency: String,
    /// The document code after the number: "BC-SNV".
    pub code: String,
    /// The issued number, or `None` for a blank.
    pub number: Option<u32>,
    /// The issue date, or `None`.
    pub date: Option<chrono::NaiveDate>,
    /// The place of the date line.
    pub place: String,
    /// The signer's authority lines ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC").
    pub authority: Vec<String>,
    /// The signer's name, or `None` for a blank.
    pub signer_name: Option<String>,
    /// Recipients, one per line.
    pub recipients: Vec<String>,
    /// The archive line's content: "VT, CCHC".
    pub archive: String,
}

/// Replaces `{name}`, `{full_name}` and `{FULL_NAME}` in an issuer text.
pub fn fill(text: &str, name: &str, full_name: &str) -> String {
    text.replace("{FULL_NAME}", &full_name.to_uppercase())
        .replace("{full_name}", &crate::format::lower_first(full_name))
        .replace("{name}", name)
}

#[cfg(test)]
mod tests {
    use super::*;

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
