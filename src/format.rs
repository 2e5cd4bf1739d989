//! Language-aware formatting of numbers, dates and names, used by the template filters, table
//! cells and the issuer's placeholders.
//!
//! Vietnamese writes a decimal comma (84,67) and dates as "ngày 05 tháng 02 năm 2021": Decree
//! 30/2020 pads days below 10 and the months January and February with a zero, and no others.

use chrono::{Datelike, NaiveDate};

use crate::model::{Lang, Score};

fn decimal_separator(lang: Lang) -> char {
    match lang {
        Lang::Vi => ',',
        Lang::En => '.',
    }
}

/// A score with two decimals: 84,67 (vi) or 84.67 (en).
pub fn decimal(score: Score, lang: Lang) -> String {
    hundredths(i64::from(score.hundredths()), lang)
}

/// A signed difference in hundredths: "+1,35", "−1,00" (true minus sign, U+2212), "0,00".
pub fn signed_change(change: i64, lang: Lang) -> String {
    let sign = match change.signum() {
        1 => "+",
        -1 => "\u{2212}",
        _ => "",
    };
    format!("{sign}{}", hundredths(change.abs(), lang))
}

/// Any number of hundredths with two decimals: 12345 → "123,45"; negative with a hyphen.
pub fn hundredths(value: i64, lang: Lang) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let value = value.unsigned_abs();
    format!(
        "{sign}{}{}{:02}",
        value / 100,
        decimal_separator(lang),
        value % 100
    )
}

/// "Tỉnh An Giang" → "tỉnh An Giang": the kind is lower-case inside a sentence.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A key that sorts names in Vietnamese alphabetical order: a, ă, â, b, c, d, đ, e, ê, …, o,
/// ô, ơ, …, u, ư, …; letters first, then tone marks (không dấu, huyền, sắc, hỏi, ngã, nặng)
/// from the first letter on. Byte order would put "Đồng Tháp" after "Yên Bái" and "Ấn" after
/// "Z".
pub fn sort_key(name: &str) -> (Vec<u32>, Vec<u32>) {
    use unicode_normalization::UnicodeNormalization as _;
    let mut letters = Vec::new();
    let mut tones = Vec::new();
    for c in name.nfd() {
        match c {
            // Breve, circumflex and horn make letters of their own: ă, â, ê, ô, ơ, ư.
            '\u{306}' | '\u{302}' | '\u{31b}' => {
                if let Some(last) = letters.last_mut() {
                    *last += if c == '\u{31b}' {
                        3
                    } else {
                        1 + u32::from(c == '\u{302}')
                    };
                }
            }
            // Tone marks: grave, acute, hook above, tilde, dot below.
            '\u{300}' => tones.push(1),
            '\u{301}' => tones.push(2),
            '\u{309}' => tones.push(3),
            '\u{303}' => tones.push(4),
            '\u{323}' => tones.push(5),
            'đ' | 'Đ' => letters.push(u32::from('d') * 4 + 1),
            _ => letters.push(c.to_lowercase().next().map_or(0, u32::from) * 4),
        }
    }
    (letters, tones)
}

/// "tỉnh An Giang" with no-break spaces: a name a line must not split ("…của tỉnh An / Giang").
/// Layout draws each no-break space as a plain space, so copied text has ordinary spaces.
pub fn keep_together(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}

/// "the Department" → "The Department": a phrase at the start of a sentence.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 63rd.
pub fn ordinal(n: i64) -> String {
    let suffix = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A small English count in words, as style guides ask (one to nine), larger ones in digits.
pub fn cardinal(n: i64) -> String {
    const WORDS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    usize::try_from(n)
        .ok()
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// A full date: "ngày 05 tháng 02 năm 2021" (vi) or "5 February 2021" (en).
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            let month = date.month();
            let month = if month <= 2 {
                format!("{month:02}")
            } else {
                month.to_string()
            };
            format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
        }
        Lang::En => format!("{} {} {}", date.day(), date.format("%B"), date.year()),
    }
}

/// A date inside a sentence: "24/6/2021", "01/7/2025", "05/02/2021" (vi: Decree 30 pads
/// days below 10 and the months 1 and 2), "24 June 2021" (en).
pub fn short_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{:02}/{}/{}", date.day(), padded_month(date), date.year()),
        Lang::En => long_date(date, lang),
    }
}

fn padded_month(date: NaiveDate) -> String {
    if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(hundredths: u32) -> Score {
        Score::from_hundredths(hundredths).expect("test score in range")
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn vietnamese_scores_use_a_decimal_comma() {
        assert_eq!(decimal(score(8467), Lang::Vi), "84,67");
        assert_eq!(decimal(score(9010), Lang::Vi), "90,10");
        assert_eq!(decimal(score(10_000), Lang::Vi), "100,00");
        assert_eq!(decimal(score(5), Lang::Vi), "0,05");
    }

    #[test]
    fn english_scores_use_a_decimal_point() {
        assert_eq!(decimal(score(8467), Lang::En), "84.67");
    }

    #[test]
    fn changes_carry_a_plus_or_a_true_minus_sign() {
        assert_eq!(signed_change(257, Lang::Vi), "+2,57");
        assert_eq!(signed_change(-100, Lang::Vi), "\u{2212}1,00");
        assert_eq!(signed_change(-5, Lang::En), "\u{2212}0.05");
        assert_eq!(signed_change(0, Lang::Vi), "0,00");
    }

    #[test]
    fn vietnamese_dates_pad_small_days_and_the_first_two_months() {
        assert_eq!(
            long_date(date(2021, 2, 5), Lang::Vi),
            "ngày 05 tháng 02 năm 2021"
        );
        assert_eq!(
            long_date(date(2021, 6, 24), Lang::Vi),
            "ngày 24 tháng 6 năm 2021"
        );
        assert_eq!(
            long_date(date(2020, 1, 15), Lang::Vi),
            "ngày 15 tháng 01 năm 2020"
        );
        assert_eq!(
            long_date(date(2019, 12, 9), Lang::Vi),
            "ngày 09 tháng 12 năm 2019"
        );
    }

    #[test]
    fn hundredths_format_any_magnitude() {
        assert_eq!(hundredths(12_340, Lang::Vi), "123,40");
        assert_eq!(hundredths(-5, Lang::En), "-0.05");
    }

    #[test]
    fn the_kind_is_lower_case_inside_a_sentence() {
        assert_eq!(lower_first("Tỉnh An Giang"), "tỉnh An Giang");
        assert_eq!(lower_first("Ủy ban"), "ủy ban");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn dates_in_sentences_and_citations() {
        assert_eq!(short_date(date(2021, 6, 24), Lang::Vi), "24/6/2021");
        assert_eq!(short_date(date(2025, 7, 1), Lang::Vi), "01/7/2025");
        assert_eq!(short_date(date(2021, 2, 5), Lang::Vi), "05/02/2021");
    }

    #[test]
    fn english_ordinals_and_counts() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 63].map(ordinal).to_vec();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "63rd"
            ]
        );
        assert_eq!(
            (cardinal(6), cardinal(15)),
            ("six".to_string(), "15".to_string())
        );
    }

    #[test]
    fn names_sort_in_vietnamese_alphabetical_order() {
        let mut names = vec![
            "Yên Bái",
            "Đồng Tháp",
            "Đà Nẵng",
            "An Giang",
            "Ấn",
            "Bà Rịa",
            "Bắc Kạn",
            "Cà Mau",
            "Hà Nội",
            "Hải Dương",
            "Hà Giang",
            "Ơn",
            "Ôn",
            "Sóc",
            "Sơn La",
            "Ưu",
        ];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            [
                "An Giang",
                "Ấn",
                "Bà Rịa",
                "Bắc Kạn",
                "Cà Mau",
                "Đà Nẵng",
                "Đồng Tháp",
                "Hà Giang",
                "Hà Nội",
                "Hải Dương",
                "Ôn",
                "Ơn",
                "Sóc",
                "Sơn La",
                "Ưu",
                "Yên Bái",
            ]
        );
    }

    #[test]
    fn english_dates_are_day_month_year() {
        assert_eq!(long_date(date(2021, 2, 5), Lang::En), "5 February 2021");
    }
}
