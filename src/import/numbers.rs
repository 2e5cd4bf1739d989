//! Scores and ranks as office tables write them: "84,67", "84.67", "84,67%", " 84,67 ",
//! a spreadsheet number (read as the sheet shows it: rounded to the decimals of its number
//! format, a percentage format counted in points), and the marks for "no figure" ("", "-",
//! "–"). Every other text is a problem for the caller to report with its cell.

use super::table::Value;

/// A cell read as a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// No figure in the cell.
    Blank,
    /// A score, in hundredths (84.67 → 8467).
    Score(u32),
    /// A rank.
    Rank(u32),
}

/// Why a cell is not a figure, in words for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not a number at all.
    NotANumber(String),
    /// A score outside 0–100: the value as written.
    ScoreOutOfRange(String),
    /// A score with more than two decimals.
    TooPrecise(String),
    /// A rank that is not a whole number of at least 1: the value as written.
    BadRank(String),
}

/// Texts that mean "no figure here".
const BLANKS: &[&str] = &["", "-", "–", "—", "…", "..."];

/// The score in `value`.
pub fn score(value: &Value) -> Result<Figure, Problem> {
    let (text, shown) = match value {
        Value::Empty => return Ok(Figure::Blank),
        Value::Text(text) => (clean(text), None),
        Value::Number { value, shown } => (plain(*value), *shown),
        Value::Other(text) => return Err(Problem::NotANumber(text.clone())),
    };
    if BLANKS.contains(&text.as_str()) {
        return Ok(Figure::Blank);
    }
    let digits = text.trim_end_matches('%').trim_end();
    let Some(mut number) = decimal(digits) else {
        return Err(Problem::NotANumber(text));
    };
    if let Some(shown) = shown {
        // The sheet shows 0.8467 formatted "0.00%" as 84.67%: points, as printed.
        if shown.percent {
            number = number.scaled(2);
        }
        number = number.rounded(shown.decimals);
    }
    let written = shown_text(value, &text);
    let hundredths = number
        .hundredths()
        .ok_or_else(|| Problem::TooPrecise(written.clone()))?;
    if number.negative || hundredths > 10_000 {
        return Err(Problem::ScoreOutOfRange(written));
    }
    Ok(Figure::Score(
        u32::try_from(hundredths).map_err(|_| Problem::ScoreOutOfRange(written.clone()))?,
    ))
}

/// The rank in `value`: a whole number, at least 1 (the caller checks the upper bound).
pub fn rank(value: &Value) -> Result<Figure, Problem> {
    let text = match value {
        Value::Empty => return Ok(Figure::Blank),
        Value::Text(text) => clean(text),
        Value::Number { value, .. } => plain(*value),
        Value::Other(text) => return Err(Problem::NotANumber(text.clone())),
    };
    if BLANKS.contains(&text.as_str()) {
        return Ok(Figure::Blank);
    }
    let Some(number) = decimal(&text) else {
        return Err(Problem::NotANumber(text));
    };
    match number.hundredths() {
        Some(h) if !number.negative && h % 100 == 0 && h >= 100 => u32::try_from(h / 100)
            .map(Figure::Rank)
            .map_err(|_| Problem::BadRank(text)),
        _ => Err(Problem::BadRank(text)),
    }
}

/// How a spreadsheet cell shows its number: decimals, and whether as a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    /// Decimal places the number format shows.
    pub decimals: u32,
    /// The format multiplies by 100 and adds "%".
    pub percent: bool,
}

impl Shown {
    /// Reads an Excel number format code ("0.00", "#,##0.0", "0.00%"); `None` for "General"
    /// and anything that does not fix the decimals.
    pub fn from_format(code: &str) -> Option<Shown> {
        // The first section is the one for positive numbers.
        let section = code.split(';').next().unwrap_or(code);
        // Quoted literals and escapes are not digits.
        let plain: String = section
            .split('"')
            .step_by(2)
            .collect::<String>()
            .replace(['\\', '_', '*'], "");
        if !plain.contains('0') && !plain.contains('#') {
            return None;
        }
        let decimals = plain.split_once('.').map_or(0, |(_, after)| {
            after.chars().take_while(|c| matches!(c, '0' | '#')).count()
        });
        Some(Shown {
            decimals: u32::try_from(decimals).unwrap_or(u32::MAX),
            percent: plain.contains('%'),
        })
    }
}

/// Trims, and drops the spaces (of any width) that tables put around and inside numbers.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .collect()
}

/// A spreadsheet number as the shortest text that reads back as the same `f64` (never in
/// exponent form: Rust's `Display` writes every digit).
fn plain(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        "NaN".into()
    }
}

/// The cell as the message quotes it.
fn shown_text(value: &Value, text: &str) -> String {
    match value {
        Value::Number { value, .. } => plain(*value),
        _ => text.to_string(),
    }
}

/// An exact decimal number: digits, and where the decimal separator was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    /// The digits without the separator.
    mantissa: u128,
    /// How many of them are decimals.
    scale: u32,
}

/// More whole digits than any score or rank has: read as "too large", whatever follows.
const MAX_WHOLE_DIGITS: usize = 9;
/// A float's shortest text has at most 17 significant digits; anything longer is cut here.
const MAX_FRACTION_DIGITS: usize = 24;

impl Decimal {
    /// ×10^places.
    fn scaled(self, places: u32) -> Decimal {
        if self.scale >= places {
            Decimal {
                scale: self.scale - places,
                ..self
            }
        } else {
            Decimal {
                mantissa: self
                    .mantissa
                    .saturating_mul(10u128.saturating_pow(places - self.scale)),
                scale: 0,
                ..self
            }
        }
    }

    /// Rounded half away from zero to `decimals` places, as a spreadsheet shows it.
    fn rounded(self, decimals: u32) -> Decimal {
        if self.scale <= decimals {
            return self;
        }
        let cut = 10u128.saturating_pow(self.scale - decimals);
        Decimal {
            mantissa: (self.mantissa + cut / 2) / cut,
            scale: decimals,
            ..self
        }
    }

    /// The value in hundredths, when it has at most two decimals (trailing zeros aside).
    fn hundredths(self) -> Option<u64> {
        let (mut mantissa, mut scale) = (self.mantissa, self.scale);
        while scale > 2 && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        if scale > 2 {
            return None;
        }
        let hundredths = mantissa.saturating_mul(10u128.pow(2 - scale));
        Some(u64::try_from(hundredths).unwrap_or(u64::MAX))
    }
}

/// "84,67", "84.67", "-3" → a decimal. One separator at most, a comma or a point: "1.234,5"
/// is refused, and so is an exponent ("1e2": no table prints a score so).
fn decimal(text: &str) -> Option<Decimal> {
    let (negative, text) = match text.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = text.split_once([',', '.']).unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > MAX_WHOLE_DIGITS {
        return Some(Decimal {
            negative,
            mantissa: 10u128.pow(9),
            scale: 0,
        });
    }
    let fraction = &fraction[..fraction.len().min(MAX_FRACTION_DIGITS)];
    let digits = format!("{whole}{fraction}");
    Some(Decimal {
        negative,
        mantissa: if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        },
        scale: u32::try_from(fraction.len()).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn scores_are_read_with_a_comma_a_point_or_a_percent_sign() {
        for written in [
            "84,67",
            "84.67",
            "84,67%",
            " 84,67 %",
            "84,670",
            "\u{a0}84.67",
        ] {
            assert_eq!(score(&text(written)), Ok(Figure::Score(8467)), "{written}");
        }
        assert_eq!(score(&text("100")), Ok(Figure::Score(10_000)));
        assert_eq!(score(&text("86,5")), Ok(Figure::Score(8650)));
        for blank in ["", " ", "-", "–"] {
            assert_eq!(score(&text(blank)), Ok(Figure::Blank));
        }
    }

    #[test]
    fn impossible_scores_say_why() {
        assert_eq!(
            score(&text("8467")),
            Err(Problem::ScoreOutOfRange("8467".into()))
        );
        assert_eq!(
            score(&text("-1,5")),
            Err(Problem::ScoreOutOfRange("-1,5".into()))
        );
        assert_eq!(
            score(&text("84,675")),
            Err(Problem::TooPrecise("84,675".into()))
        );
        assert_eq!(
            score(&text("1.234,5")),
            Err(Problem::NotANumber("1.234,5".into()))
        );
        assert_eq!(score(&text("n/a")), Err(Problem::NotANumber("n/a".into())));
    }

    #[test]
    fn spreadsheet_numbers_are_read_as_shown() {
        let two = Some(Shown {
            decimals: 2,
            percent: false,
        });
        let number = |value, shown| Value::Number { value, shown };
        assert_eq!(score(&number(84.666_666_7, two)), Ok(Figure::Score(8467)));
        assert_eq!(
            score(&number(84.666_666_7, None)),
            Err(Problem::TooPrecise("84.6666667".into()))
        );
        let percent = Shown::from_format("0.00%");
        assert_eq!(score(&number(0.8467, percent)), Ok(Figure::Score(8467)));
        assert_eq!(score(&number(84.67, None)), Ok(Figure::Score(8467)));
        assert_eq!(
            score(&number(1e-7, None)),
            Err(Problem::TooPrecise("0.0000001".into()))
        );
    }

    #[test]
    fn number_formats_give_their_decimals() {
        let shown = |code| Shown::from_format(code);
        assert_eq!(shown("General"), None);
        assert_eq!(shown("0.00").map(|s| s.decimals), Some(2));
        assert_eq!(shown("#,##0.0").map(|s| s.decimals), Some(1));
        assert_eq!(shown("0").map(|s| s.decimals), Some(0));
        assert_eq!(
            shown("0.00%"),
            Some(Shown {
                decimals: 2,
                percent: true
            })
        );
        assert_eq!(shown("0.00\" điểm\"").map(|s| s.decimals), Some(2));
    }

    #[test]
    fn ranks_are_whole_numbers_from_one() {
        assert_eq!(rank(&text("26")), Ok(Figure::Rank(26)));
        let number = Value::Number {
            value: 26.0,
            shown: None,
        };
        assert_eq!(rank(&number), Ok(Figure::Rank(26)));
        assert_eq!(rank(&text("0")), Err(Problem::BadRank("0".into())));
        assert_eq!(rank(&text("2,5")), Err(Problem::BadRank("2,5".into())));
        assert_eq!(rank(&text("-")), Ok(Figure::Blank));
        assert_eq!(rank(&text("x")), Err(Problem::NotANumber("x".into())));
    }
}
