//! Locale-aware number and date formatting, used by the template filters and table cells.
//!
//! Vietnamese writes a decimal comma (84,67) and dates as "ngày 05 tháng 02 năm 2021": Decree
//! 30/2020 pads days below 10 and the months January and February with a zero, and no others.

use chrono::{Datelike, NaiveDate};

use crate::model::Score;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    Vi,
    En,
}

impl Locale {
    fn decimal_separator(self) -> char {
        match self {
            Locale::Vi => ',',
            Locale::En => '.',
        }
    }
}

/// A score with two decimals: 84,67 (vi) or 84.67 (en).
pub fn decimal(score: Score, locale: Locale) -> String {
    hundredths(i64::from(score.hundredths()), locale)
}

/// A signed difference in hundredths: "+1,35", "−1,00" (true minus sign, U+2212), "0,00".
pub fn signed_change(change: i64, locale: Locale) -> String {
    let sign = match change.signum() {
        1 => "+",
        -1 => "\u{2212}",
        _ => "",
    };
    format!("{sign}{}", hundredths(change.abs(), locale))
}

fn hundredths(value: i64, locale: Locale) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let value = value.abs();
    format!(
        "{sign}{}{}{:02}",
        value / 100,
        locale.decimal_separator(),
        value % 100
    )
}

/// A full date: "ngày 05 tháng 02 năm 2021" (vi) or "5 February 2021" (en).
pub fn long_date(date: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::Vi => {
            let month = date.month();
            let month = if month <= 2 {
                format!("{month:02}")
            } else {
                month.to_string()
            };
            format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
        }
        Locale::En => format!("{} {} {}", date.day(), date.format("%B"), date.year()),
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
        assert_eq!(decimal(score(8467), Locale::Vi), "84,67");
        assert_eq!(decimal(score(9010), Locale::Vi), "90,10");
        assert_eq!(decimal(score(10_000), Locale::Vi), "100,00");
        assert_eq!(decimal(score(5), Locale::Vi), "0,05");
    }

    #[test]
    fn english_scores_use_a_decimal_point() {
        assert_eq!(decimal(score(8467), Locale::En), "84.67");
    }

    #[test]
    fn changes_carry_a_plus_or_a_true_minus_sign() {
        assert_eq!(signed_change(257, Locale::Vi), "+2,57");
        assert_eq!(signed_change(-100, Locale::Vi), "\u{2212}1,00");
        assert_eq!(signed_change(-5, Locale::En), "\u{2212}0.05");
        assert_eq!(signed_change(0, Locale::Vi), "0,00");
    }

    #[test]
    fn vietnamese_dates_pad_small_days_and_the_first_two_months() {
        assert_eq!(
            long_date(date(2021, 2, 5), Locale::Vi),
            "ngày 05 tháng 02 năm 2021"
        );
        assert_eq!(
            long_date(date(2021, 6, 24), Locale::Vi),
            "ngày 24 tháng 6 năm 2021"
        );
        assert_eq!(
            long_date(date(2020, 1, 15), Locale::Vi),
            "ngày 15 tháng 01 năm 2020"
        );
        assert_eq!(
            long_date(date(2019, 12, 9), Locale::Vi),
            "ngày 09 tháng 12 năm 2019"
        );
    }

    #[test]
    fn english_dates_are_day_month_year() {
        assert_eq!(long_date(date(2021, 2, 5), Locale::En), "5 February 2021");
    }
}
