//! How a briefing names a province: inside a sentence ("tỉnh An Giang", but "Thành phố Hồ
//! Chí Minh"), by its kind alone, and in English ("An Giang Province"). The context, the
//! history and the charts all name provinces the same way through here.

use crate::format;
use crate::model::Province;

/// A province's name inside a sentence: its kind in lower case ("tỉnh An Giang"), except a
/// unit named after a person, whose full name is its proper name (Decree 30, App. II:
/// "Thành phố Hồ Chí Minh").
pub(super) fn in_sentence(province: &Province) -> String {
    if province.place_name == province.full_name {
        province.full_name.clone()
    } else {
        format::lower_first(&province.full_name)
    }
}

/// A province's kind as written before a shortened mention of it: "tỉnh", "thành phố", or,
/// for a unit whose full name is its proper name, "Thành phố" ("do Thành phố được hình thành").
pub(super) fn kind(province: &Province) -> String {
    in_sentence(province)
        .strip_suffix(province.name.as_str())
        .map(str::trim_end)
        .filter(|k| !k.is_empty())
        .map_or_else(
            || {
                if province.is_city() {
                    "thành phố"
                } else {
                    "tỉnh"
                }
                .to_string()
            },
            str::to_string,
        )
}

/// A province's names in both languages, for the issuer's placeholders and the templates.
pub(super) fn names(province: &Province) -> (String, String) {
    let kind = if province.is_city() {
        "City"
    } else {
        "Province"
    };
    let name_en = format!("{} {kind}", province.name);
    let place_en = if province.place_name == province.name {
        province.name.clone()
    } else {
        name_en.clone()
    };
    (name_en, place_en)
}
