//! The words of a briefing: a minijinja environment over `templates/<lang>/`, with strict
//! undefined variables and no HTML escaping, plus the locale's formatting filters.
//!
//! Templates are compiled into the binary, so `parbrief` runs from any folder; a template
//! error names the template, the line and the problem.

use chrono::NaiveDate;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, Value};

use crate::format::{self, Locale};
use crate::model::Score;

const BRIEFING_VI: &str = include_str!("../templates/vi/briefing.j2");

/// The template every briefing is rendered from.
pub const BRIEFING: &str = "vi/briefing.j2";

/// A ready template environment for one language.
pub struct Wording {
    env: Environment<'static>,
}

impl Wording {
    pub fn vietnamese() -> Result<Wording, Error> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Output is PDF text, not HTML: escaping would print "&amp;".
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .build()?,
        );
        let locale = Locale::Vi;
        env.add_filter("num", move |v: Value| number(&v, locale));
        env.add_filter("signed", move |v: Value| signed(&v, locale));
        env.add_filter("long_date", move |v: String| long_date(&v, locale));
        env.add_filter("lower_first", |v: String| crate::issuer::lower_first(&v));
        env.add_template(BRIEFING, BRIEFING_VI)?;
        Ok(Wording { env })
    }

    /// Renders the briefing template with `context` and returns the named blocks' text.
    pub fn render_blocks(&self, context: Value, blocks: &[&str]) -> Result<Vec<String>, Error> {
        let template = self.env.get_template(BRIEFING)?;
        let mut captured = template.render_captured(context)?;
        captured
            .with_state_mut(|state| blocks.iter().map(|name| state.render_block(name)).collect())
    }
}

fn to_score(v: &Value) -> Result<Score, Error> {
    let value = f64::try_from(v.clone()).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("num expects a number, got {v}"),
        )
    })?;
    let hundredths = (value.abs() * 100.0).round();
    if !hundredths.is_finite() || hundredths > 1e9 {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("num cannot format {value}"),
        ));
    }
    // Bounded above, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let hundredths = hundredths as u32;
    Ok(Score::from_hundredths(hundredths.min(Score::MAX.hundredths())).unwrap_or(Score::MAX))
}

/// `{{ x | num }}`: two decimals with the locale's separator.
fn number(v: &Value, locale: Locale) -> Result<String, Error> {
    let negative = f64::try_from(v.clone()).is_ok_and(|f| f < -0.005);
    let text = format::decimal(to_score(v)?, locale);
    Ok(if negative {
        format!("\u{2212}{text}")
    } else {
        text
    })
}

/// `{{ x | signed }}`: "+1,35", "−1,00".
fn signed(v: &Value, locale: Locale) -> Result<String, Error> {
    let magnitude = i64::from(to_score(v)?.hundredths());
    let negative = f64::try_from(v.clone()).is_ok_and(|f| f < 0.0);
    Ok(format::signed_change(
        if negative { -magnitude } else { magnitude },
        locale,
    ))
}

/// `{{ "2021-06-24" | long_date }}`: "ngày 24 tháng 6 năm 2021".
fn long_date(v: &str, locale: Locale) -> Result<String, Error> {
    let date = NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("long_date expects YYYY-MM-DD, got {v:?}"),
        )
    })?;
    Ok(format::long_date(date, locale))
}
