//! Who issues the briefings: agency, document code, place, addressees, signer and recipients,
//! in Vietnamese and English. This is the user's configuration (`config/issuer.yaml`, compiled
//! in as the default; `--issuer FILE` to use another), not code; `load` reads it, `raw` parses
//! it and `validate` checks it like the data.

/// The default issuer file, as shipped in `config/issuer.yaml`.
pub const DEFAULT: &str = include_str!("../config/issuer.yaml");

/// The path the default issuer is reported under.
pub const DEFAULT_PATH: &str = "config/issuer.yaml";

/// The checked issuer configuration; texts still hold `{name}`-style placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// The document code after the number: "BC-SNV".
    pub code: String,
    /// The code of the cover letter an appendix is attached to: "SNV-CCHC".
    pub letter_code: String,
    /// The issued number, or `None` for a blank.
    pub number: Option<u32>,
    /// The Vietnamese texts.
    pub vi: IssuerTexts,
    /// The English texts.
    pub en: IssuerTexts,
}

/// One language's texts of the issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerTexts {
    /// The parent agency (cơ quan chủ quản), if any; may hold a line break.
    pub parent_agency: Option<String>,
    /// The issuing agency (cơ quan ban hành), as the header prints it.
    pub agency: String,
    /// The issuing agency inside a sentence.
    pub agency_in_text: String,
    /// The issuing agency inside a report's body, whose header names it in full ("the
    /// Department of Home Affairs", not again "… of Hải Phòng City").
    pub agency_in_body: String,
    /// The place of the date line.
    pub place: String,
    /// "Kính gửi:" of a report.
    pub addressees: Vec<String>,
    /// The signer's authority lines ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC").
    pub authority: Vec<String>,
    /// The signer's name, or `None` for a blank.
    pub signer_name: Option<String>,
    /// Recipients after "- Như trên;", one per line.
    pub recipients: Vec<String>,
    /// The archive line's content: "VT, CCHC".
    pub archive: String,
}

/// A province's names, as the issuer's placeholders use them.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    /// "An Giang".
    pub name: &'a str,
    /// "Tỉnh An Giang".
    pub full_name: &'a str,
    /// "An Giang", or "Thành phố Hồ Chí Minh" (the place name of a date line).
    pub place: &'a str,
    /// "An Giang Province".
    pub name_en: &'a str,
    /// "An Giang", or "Hồ Chí Minh City".
    pub place_en: &'a str,
}

/// Replaces the placeholders in an issuer text (see `config/issuer.yaml`).
pub fn fill(text: &str, names: &Names<'_>) -> String {
    // A unit named after a person keeps its kind capitalised: its place name is its full name.
    let in_sentence = if names.place == names.full_name {
        names.full_name.to_string()
    } else {
        crate::format::lower_first(names.full_name)
    };
    text.replace("{FULL_NAME_EN}", &names.name_en.to_uppercase())
        .replace("{FULL_NAME}", &names.full_name.to_uppercase())
        .replace("{full_name}", &in_sentence)
        .replace("{name_en}", names.name_en)
        .replace("{place_en}", names.place_en)
        .replace("{place}", names.place)
        .replace("{name}", names.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_the_province_names() {
        let names = Names {
            name: "Hồ Chí Minh",
            full_name: "Thành phố Hồ Chí Minh",
            place: "Thành phố Hồ Chí Minh",
            name_en: "Hồ Chí Minh City",
            place_en: "Hồ Chí Minh City",
        };
        assert_eq!(
            fill("ỦY BAN NHÂN DÂN\n{FULL_NAME}", &names),
            "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH"
        );
        assert_eq!(
            fill("Ủy ban nhân dân {full_name}", &names),
            "Ủy ban nhân dân Thành phố Hồ Chí Minh"
        );
        assert_eq!(fill("{place}, ngày", &names), "Thành phố Hồ Chí Minh, ngày");
        assert_eq!(
            fill("PEOPLE'S COMMITTEE OF {FULL_NAME_EN}", &names),
            "PEOPLE'S COMMITTEE OF HỒ CHÍ MINH CITY"
        );
    }
}
