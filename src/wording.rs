//! The words of a briefing: a minijinja environment over one language's template
//! (`templates/<lang>/briefing.j2`, compiled in; or a user's copy with `--templates DIR`), with
//! strict undefined variables, no HTML escaping, and the locale's formatting filters.
//!
//! A template error (syntax, unknown variable, unknown filter) names the template file and
//! line, and says what to check.

use chrono::NaiveDate;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, Value};

use crate::format::{self, Locale};
use crate::model::Score;

/// The languages parbrief writes briefings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
pub enum Lang {
    /// Vietnamese (the default): decimal comma, "ngày 05 tháng 02 năm 2021"
    Vi,
    /// English: decimal point, "5 February 2021"
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn locale(self) -> Locale {
        match self {
            Lang::Vi => Locale::Vi,
            Lang::En => Locale::En,
        }
    }

    /// The template shipped with parbrief, as in `templates/<lang>/briefing.j2`.
    pub fn default_template(self) -> &'static str {
        match self {
            Lang::Vi => include_str!("../templates/vi/briefing.j2"),
            Lang::En => include_str!("../templates/en/briefing.j2"),
        }
    }

    /// The template's path inside a templates folder.
    pub fn template_path(self) -> String {
        format!("{}/briefing.j2", self.code())
    }
}

/// A ready template environment for one language.
pub struct Wording {
    env: Environment<'static>,
    lang: Lang,
    /// The name errors report: the template's path.
    name: String,
}

impl Wording {
    /// The shipped template of `lang`.
    pub fn builtin(lang: Lang) -> Result<Wording, Error> {
        Wording::new(
            lang,
            format!("templates/{}", lang.template_path()),
            lang.default_template().to_string(),
        )
    }

    /// Compiles `source` (named `name` in error messages) for `lang`.
    pub fn new(lang: Lang, name: String, source: String) -> Result<Wording, Error> {
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
        let locale = lang.locale();
        env.add_filter("num", move |v: Value| number(&v, locale));
        env.add_filter("signed", move |v: Value| signed(&v, locale));
        env.add_filter("long_date", move |v: String| long_date(&v, locale));
        env.add_filter("lower_first", |v: String| crate::issuer::lower_first(&v));
        env.add_template_owned(name.clone(), source)?;
        Ok(Wording { env, lang, name })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Renders the template with `context` and returns the named blocks' text.
    pub fn render_blocks(&self, context: Value, blocks: &[&str]) -> Result<Vec<String>, Error> {
        let template = self.env.get_template(&self.name)?;
        let mut captured = template.render_captured(context)?;
        captured
            .with_state_mut(|state| blocks.iter().map(|name| state.render_block(name)).collect())
    }
}

/// A template error for the person editing the template: file, line, problem, what to check.
pub fn describe(error: &Error) -> String {
    let mut text = match error.detail() {
        Some(detail) => format!("template error: {}: {detail}", error.kind()),
        None => format!("template error: {}", error.kind()),
    };
    if let Some(name) = error.name() {
        text += &format!("\n  --> {name}");
        if let Some(line) = error.line() {
            text += &format!(":{line}");
        }
    }
    let hint = match error.kind() {
        ErrorKind::UndefinedError => {
            "a variable or field that does not exist: check its spelling against \"Wording and templates\" in README.md"
        }
        ErrorKind::UnknownFilter => {
            "the filters are num, signed, long_date and lower_first (plus minijinja's built-ins)"
        }
        ErrorKind::SyntaxError => "check the {% %} and {{ }} pairs and block names near that line",
        ErrorKind::UnknownBlock => {
            "every block the briefing needs must exist; compare with `parbrief templates init`"
        }
        _ => "compare with the shipped template (`parbrief templates init DIR`)",
    };
    text += &format!("\n   = hint: {hint}");
    text
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

/// `{{ "2021-06-24" | long_date }}`: "ngày 24 tháng 6 năm 2021" / "24 June 2021".
fn long_date(v: &str, locale: Locale) -> Result<String, Error> {
    let date = NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("long_date expects YYYY-MM-DD, got {v:?}"),
        )
    })?;
    Ok(format::long_date(date, locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shipped_templates_compile() {
        for lang in [Lang::Vi, Lang::En] {
            assert!(Wording::builtin(lang).is_ok(), "{lang:?}");
        }
    }

    #[test]
    fn filters_follow_the_locale() {
        let render = |lang: Lang, source: &str| {
            let w = Wording::new(
                lang,
                "t".into(),
                format!("{{% block b %}}{source}{{% endblock %}}"),
            )
            .expect("compiles");
            w.render_blocks(Value::from(()), &["b"])
                .expect("renders")
                .remove(0)
        };
        assert_eq!(
            render(
                Lang::Vi,
                "{{ 84.67 | num }} {{ -1.0 | signed }} {{ '2021-02-05' | long_date }}"
            ),
            "84,67 \u{2212}1,00 ngày 05 tháng 02 năm 2021"
        );
        assert_eq!(
            render(
                Lang::En,
                "{{ 84.67 | num }} {{ 2.57 | signed }} {{ '2021-02-05' | long_date }}"
            ),
            "84.67 +2.57 5 February 2021"
        );
    }
}
