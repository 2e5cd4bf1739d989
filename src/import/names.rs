//! Province names as offices write them, matched to the ids of one year — exactly, after a
//! fixed normalisation, and never by similarity. "An Giang", "Tỉnh An Giang", "TỈNH AN GIANG"
//! (and its decomposed form), "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh" and "TP.HCM" all
//! name `ho-chi-minh`; "Tĩnh Gia" names nothing, and the closest names are only suggested.
//!
//! The normalisation, in order: Unicode NFC; lower case; every character that is not a letter
//! or digit becomes a space, spaces collapse; a leading kind ("tỉnh", "thành phố", "tp", with
//! or without diacritics) is dropped; a few abbreviations offices use are spelt out
//! ([`ABBREVIATIONS`]). A name is then looked up as it is, and if that finds nothing, with its
//! diacritics removed (đ → d) — but only when the name was written without any diacritic,
//! so "Tĩnh Gia" is never read as "Tinh Gia". A key that two provinces share is ambiguous and
//! matches neither.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

use crate::model::YearData;

/// Short forms in office tables, spelt out (after the normalisation above).
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("hcm", "hồ chí minh"),
    ("tphcm", "hồ chí minh"),
    ("hn", "hà nội"),
    ("tt huế", "thừa thiên huế"),
    ("tt hue", "thừa thiên huế"),
    ("brvt", "bà rịa vũng tàu"),
    ("br vt", "bà rịa vũng tàu"),
];

/// Kinds of unit written before a name.
const KINDS: &[&str] = &["thành phố", "thanh pho", "tỉnh", "tinh", "tp", "t p"];

/// What a name in a table refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// Exactly one province: its index in the year's list.
    One(usize),
    /// Several provinces share the normalised name: their indices.
    Ambiguous(Vec<usize>),
    /// None; the closest names of the year, to suggest (never to use).
    None(Vec<usize>),
}

/// The names of one year's provinces, normalised for lookup.
#[derive(Debug)]
pub struct Names {
    exact: HashMap<String, Vec<usize>>,
    folded: HashMap<String, Vec<usize>>,
    /// Each province's folded short name, for suggestions.
    shorts: Vec<String>,
}

impl Names {
    /// Every name a province of `year` goes by: its name, full name, place name and id.
    pub fn of(year: &YearData) -> Names {
        let mut names = Names {
            exact: HashMap::new(),
            folded: HashMap::new(),
            shorts: Vec::new(),
        };
        for (i, p) in year.provinces.iter().enumerate() {
            let id = p.id.replace('-', " ");
            for name in [&p.name, &p.full_name, &p.place_name, &id] {
                let key = key(name);
                add(&mut names.exact, key.clone(), i);
                add(&mut names.folded, fold(&key), i);
            }
            names.shorts.push(fold(&key(&p.name)));
        }
        names
    }

    /// The province `written` names.
    pub fn find(&self, written: &str) -> Match {
        let key = key(written);
        let hit = self.exact.get(&key).or_else(|| {
            // Only a name written without diacritics is compared without them.
            (fold(&key) == key).then(|| self.folded.get(&key)).flatten()
        });
        match hit.map(Vec::as_slice) {
            Some([one]) => Match::One(*one),
            Some(many) => Match::Ambiguous(many.to_vec()),
            None => Match::None(self.closest(&fold(&key))),
        }
    }

    /// The provinces whose short name is fewest edits away from `folded`, when that is a few
    /// (at most three of them): 'Quảng Ngải' suggests 'Quảng Ngãi' alone, not every Quảng.
    fn closest(&self, folded: &str) -> Vec<usize> {
        let limit = (folded.chars().count() / 3).clamp(1, 3);
        let distances: Vec<usize> = self
            .shorts
            .iter()
            .map(|short| edit_distance(folded, short))
            .collect();
        let Some(best) = distances.iter().copied().min().filter(|&d| d <= limit) else {
            return Vec::new();
        };
        (0..distances.len())
            .filter(|&i| distances[i] == best)
            .take(3)
            .collect()
    }
}

fn add(map: &mut HashMap<String, Vec<usize>>, key: String, i: usize) {
    let ids = map.entry(key).or_default();
    if !ids.contains(&i) {
        ids.push(i);
    }
}

/// The normalised form of a name: NFC, lower case, punctuation as spaces, no leading kind,
/// abbreviations spelt out, and each word's tone mark moved to its end (see `tone_last`).
pub fn key(name: &str) -> String {
    let lower: String = name.nfc().collect::<String>().to_lowercase();
    let spaced: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut key = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    for kind in KINDS {
        if let Some(rest) = key.strip_prefix(kind).and_then(|r| r.strip_prefix(' ')) {
            key = rest.to_string();
            break;
        }
    }
    // "TP.HCM" → "tp hcm" → "hcm"; "TPHCM" stays one word.
    if let Some((_, long)) = ABBREVIATIONS.iter().find(|(short, _)| *short == key) {
        key = (*long).to_string();
    }
    key.split(' ').map(tone_last).collect::<Vec<_>>().join(" ")
}

/// The five Vietnamese tone marks, as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// A word, decomposed, with its tone mark moved to the end: "hoà" and "hòa" (the old and the
/// new placement of the same tone, both common in office files) become the same key, while
/// the vowel marks that change a letter (â, ă, ơ, ư) stay where they are. A key, never shown.
fn tone_last(word: &str) -> String {
    let (tones, letters): (String, String) = word.nfd().partition(|c| TONES.contains(c));
    letters + &tones
}

/// `text` without diacritics: decomposed, combining marks dropped, đ → d.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .collect()
}

/// Levenshtein distance in characters, for suggestions only.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_case_punctuation_and_abbreviations_are_normalised() {
        assert_eq!(key("Tỉnh An Giang"), "an giang");
        assert_eq!(key("TỈNH AN GIANG"), "an giang");
        assert_eq!(key("TP. Hồ Chí Minh"), key("Hồ Chí Minh"));
        assert_eq!(key("Thành phố Hồ Chí Minh"), key("Hồ Chí Minh"));
        assert_eq!(key("TP.HCM"), key("Hồ Chí Minh"));
        assert_eq!(key("TT-Huế"), key("Thừa Thiên Huế"));
        assert_eq!(key("Bà Rịa - Vũng Tàu"), key("Bà Rịa Vũng Tàu"));
        // Decomposed input (NFD) and the old tone placement give the same key.
        let nfd: String = "Tỉnh An Giang".nfd().collect();
        assert_eq!(key(&nfd), "an giang");
        assert_eq!(key("Thanh Hoá"), key("Thanh Hóa"));
        assert_eq!(key("Khánh Hoà"), key("Khánh Hòa"));
        // "Tĩnh" is not "Tỉnh": the district keeps its first word.
        assert_eq!(fold(&key("Tĩnh Gia")), "tinh gia");
        assert_ne!(key("Tĩnh Gia"), key("Tỉnh Gia"));
    }

    #[test]
    fn folding_removes_marks_and_the_stroke_of_d() {
        assert_eq!(fold("đắk lắk"), "dak lak");
        assert_eq!(fold("Thừa Thiên Huế"), "Thua Thien Hue");
    }

    #[test]
    fn distances_count_edits() {
        assert_eq!(edit_distance("an giang", "an giang"), 0);
        assert_eq!(edit_distance("an giang", "an gaing"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
