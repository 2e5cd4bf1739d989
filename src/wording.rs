//! The words of a briefing: a minijinja environment over one language's template
//! (`templates/<lang>/briefing.j2`, compiled in; or a user's copy with `--templates DIR`), with
//! strict undefined variables, no HTML escaping, and the language's formatting filters.
//!
//! A template error (syntax, unknown variable, unknown filter) is a diagnostic like a data
//! error: the template file, the line, the problem and what to check.

use std::path::Path;

use chrono::NaiveDate;
use minijinja::{Environment, Error, ErrorKind, State, UndefinedBehavior, Value};

use crate::diagnostics::{Code, Diagnostic};
use crate::format;
use crate::model::{Lang, Loc};

/// The template shipped with parbrief for `lang`, as in `templates/<lang>/briefing.j2`.
pub fn default_template(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => include_str!("../templates/vi/briefing.j2"),
        Lang::En => include_str!("../templates/en/briefing.j2"),
    }
}

/// The template's path inside a templates folder: `vi/briefing.j2`.
pub fn template_path(lang: Lang) -> String {
    format!("{}/briefing.j2", lang.code())
}

/// The national overview's template shipped with parbrief for `lang`, as in
/// `templates/<lang>/overview.j2`.
pub fn default_overview_template(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => include_str!("../templates/vi/overview.j2"),
        Lang::En => include_str!("../templates/en/overview.j2"),
    }
}

/// The overview template's path inside a templates folder: `vi/overview.j2`.
pub fn overview_template_path(lang: Lang) -> String {
    format!("{}/overview.j2", lang.code())
}

/// A ready template environment for one language.
pub struct Wording {
    env: Environment<'static>,
    lang: Lang,
    /// The name errors report: the template's path.
    name: String,
}

impl std::fmt::Debug for Wording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wording")
            .field("lang", &self.lang)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Wording {
    /// The shipped template of `lang`.
    pub fn builtin(lang: Lang) -> Result<Wording, Box<Diagnostic>> {
        Wording::new(
            lang,
            format!("templates/{}", template_path(lang)),
            default_template(lang).to_string(),
        )
    }

    /// The shipped overview template of `lang`.
    pub fn builtin_overview(lang: Lang) -> Result<Wording, Box<Diagnostic>> {
        Wording::new(
            lang,
            format!("templates/{}", overview_template_path(lang)),
            default_overview_template(lang).to_string(),
        )
    }

    /// Compiles `source` (named `name` in error messages) for `lang`.
    pub fn new(lang: Lang, name: String, source: String) -> Result<Wording, Box<Diagnostic>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // A template that loops without end runs out of fuel instead of hanging the build.
        env.set_fuel(Some(FUEL));
        // Output is PDF text, not HTML: escaping would print "&amp;".
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|e| Box::new(diagnostic(&e, &name)))?;
        env.set_syntax(syntax);
        env.add_filter("num", move |v: Value| number(&v, lang));
        env.add_filter("signed", move |v: Value| signed(&v, lang));
        env.add_filter("long_date", move |v: String| {
            date(&v, lang, format::long_date)
        });
        env.add_filter("short_date", move |v: String| {
            date(&v, lang, format::short_date)
        });
        env.add_filter("lower_first", |v: String| format::lower_first(&v));
        env.add_filter("upper_first", |v: String| format::upper_first(&v));
        env.add_filter("keep_together", |v: String| format::keep_together(&v));
        env.add_filter("ordinal", |v: i64| format::ordinal(v));
        env.add_filter("cardinal", |v: i64| format::cardinal(v));
        // The marks are functions, not macros of the template: minijinja walks the template's
        // whole block table on every macro call (51 blocks), and marks are the commonest call.
        env.add_function("mark", |state: &State, basis: &str| {
            symbol(state, basis, &["listing", "deduced"])
        });
        env.add_function("dash", |state: &State, basis: &str| {
            Ok(format!(
                "–{}",
                symbol(state, basis, &["conflicting", "rounded"])?
            ))
        });
        env.add_template(NO_LAYOUT, "")
            .map_err(|e| Box::new(diagnostic(&e, &name)))?;
        env.add_template_owned(name.clone(), format!("{BLOCKS_ONLY}{source}"))
            .map_err(|e| Box::new(diagnostic(&e, &name)))?;
        Ok(Wording { env, lang, name })
    }

    /// The language this wording writes.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The template's name, as messages give it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs the template's top level with `context` (its `set`s and macros) and returns the
    /// named blocks' text, each block evaluated once, when it is asked for.
    pub fn render_blocks(
        &self,
        context: Value,
        blocks: &[&str],
    ) -> Result<Vec<String>, Box<Diagnostic>> {
        let render = || -> Result<Vec<String>, Error> {
            let template = self.env.get_template(&self.name)?;
            let mut captured = template.render_captured(context)?;
            captured.with_state_mut(|state| {
                blocks.iter().map(|name| state.render_block(name)).collect()
            })
        };
        render().map_err(|e| Box::new(diagnostic(&e, &self.name)))
    }
}

/// The first character of a template that the document font cannot draw (an emoji, a bell,
/// an ideographic space), as an error at its line and column: whatever a template prints must
/// be drawable, like the data. Line breaks and tabs are the template's own layout.
pub fn undrawable(name: &str, source: &str, covers: &dyn Fn(char) -> bool) -> Option<Diagnostic> {
    let mut line_start = 0;
    for (number, line) in source.split('\n').enumerate() {
        for (column, (offset, c)) in line.char_indices().enumerate() {
            if c == '\t' || c == '\r' || covers(c) {
                continue;
            }
            let at = Loc {
                line: number as u64 + 1,
                column: column as u64 + 1,
                offset: Some(line_start + offset),
                len: c.len_utf8(),
            };
            return Some(
                Diagnostic::error(Code::GlyphMissing, Path::new(name), Some(at), "")
                    .message(format!(
                        "the template prints {c:?} (U+{:04X}), which the document font cannot draw",
                        u32::from(c)
                    ))
                    .hint("replace the character with one the document font (Liberation Serif) has, or a plain space"),
            );
        }
        line_start += line.len() + 1;
    }
    None
}

/// Put before a template's first character (on its first line, so line numbers hold): a
/// template that extends another runs its top level without output and without evaluating
/// its blocks, so that each block is evaluated once, by `render_block`, not also in passing.
/// Without it, a briefing's blocks were all evaluated twice (a tenth of a briefing's CPU).
const BLOCKS_ONLY: &str = "{% extends \"parbrief:no-layout\" %}";

/// The empty template `BLOCKS_ONLY` extends; no file can have this name.
const NO_LAYOUT: &str = "parbrief:no-layout";

/// The instructions one briefing's rendering may take: the shipped templates used 6 000 to
/// 9 000 when every block was evaluated twice (measured with `State::fuel_levels`); a hundred
/// times that still ends in a blink.
const FUEL: u64 = 1_000_000;

/// A template error for the person editing the template: file, line, problem, what to check.
fn diagnostic(error: &Error, fallback_name: &str) -> Diagnostic {
    let name = error.name().unwrap_or(fallback_name);
    let at = error.line().map(|line| {
        let mut at = Loc::at(line as u64, 1);
        if let Some(range) = error.range() {
            at.offset = Some(range.start.saturating_sub(BLOCKS_ONLY.len()));
            at.len = range.len();
        }
        at
    });
    let message = match error.detail() {
        Some(detail) => format!("{}: {detail}", error.kind()),
        None => error.kind().to_string(),
    };
    let hint = match error.kind() {
        ErrorKind::UndefinedError => {
            "a variable or field that does not exist: check its spelling against \"Wording and templates\" in README.md"
        }
        ErrorKind::UnknownFilter => {
            "the filters are num, signed, long_date, short_date, lower_first, upper_first, keep_together, ordinal and cardinal (plus minijinja's built-ins)"
        }
        ErrorKind::SyntaxError => "check the {% %} and {{ }} pairs and block names near that line",
        ErrorKind::OutOfFuel => {
            "the template did too much work for one briefing (an endless or very deep loop?): check the loops near that line"
        }
        ErrorKind::UnknownBlock => {
            "every block the briefing needs must exist; compare with `parbrief templates init`"
        }
        _ => "compare with the shipped template (`parbrief templates init DIR`)",
    };
    Diagnostic::error(Code::TemplateInvalid, Path::new(name), at, "")
        .message(message)
        .hint(hint)
}

/// The largest magnitude the number filters print: far beyond any score or difference.
const MAX_NUMBER: f64 = 1e12;

/// A value in hundredths, rounded; an error for what is not a finite, plausible number.
fn to_hundredths(v: &Value, filter: &str) -> Result<i64, Error> {
    let value = f64::try_from(v.clone()).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("{filter} expects a number, got {v}"),
        )
    })?;
    if !value.is_finite() || value.abs() > MAX_NUMBER {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("{filter} cannot format {value}"),
        ));
    }
    // Bounded above, so the cast is exact.
    #[allow(clippy::cast_possible_truncation)]
    Ok((value * 100.0).round() as i64)
}

/// `{{ x | num }}`: two decimals with the language's separator, a true minus when negative.
fn number(v: &Value, lang: Lang) -> Result<String, Error> {
    let hundredths = to_hundredths(v, "num")?;
    let text = format::hundredths(hundredths.abs(), lang);
    Ok(if hundredths < 0 {
        format!("\u{2212}{text}")
    } else {
        text
    })
}

/// `mark(basis)` and `dash(basis)`: the document's symbol of `basis` (`(*)`, `(**)`, … from
/// the context's `symbols`) when `basis` is one of `marked`, else nothing.
fn symbol(state: &State, basis: &str, marked: &[&str]) -> Result<String, Error> {
    if !marked.contains(&basis) {
        return Ok(String::new());
    }
    let symbols = state.lookup("symbols").ok_or_else(|| {
        Error::new(
            ErrorKind::UndefinedError,
            "mark and dash need the context's symbols",
        )
    })?;
    Ok(symbols.get_attr(basis)?.to_string())
}

/// `{{ x | signed }}`: "+1,35", "−1,00".
fn signed(v: &Value, lang: Lang) -> Result<String, Error> {
    Ok(format::signed_change(to_hundredths(v, "signed")?, lang))
}

/// `{{ "2021-06-24" | long_date }}`: "ngày 24 tháng 6 năm 2021" / "24 June 2021";
/// `{{ "2021-06-24" | short_date }}`: "24/6/2021" / "24 June 2021".
fn date(v: &str, lang: Lang, style: fn(NaiveDate, Lang) -> String) -> Result<String, Error> {
    let date = NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("a date filter expects YYYY-MM-DD, got {v:?}"),
        )
    })?;
    Ok(style(date, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(lang: Lang, source: &str) -> String {
        let w = Wording::new(
            lang,
            "t".into(),
            format!("{{% block b %}}{source}{{% endblock %}}"),
        )
        .expect("compiles");
        w.render_blocks(Value::from(()), &["b"])
            .expect("renders")
            .remove(0)
    }

    #[test]
    fn both_shipped_templates_compile() {
        for lang in Lang::ALL {
            assert!(Wording::builtin(lang).is_ok(), "{lang:?}");
            assert!(Wording::builtin_overview(lang).is_ok(), "{lang:?}");
        }
    }

    #[test]
    fn filters_follow_the_language() {
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

    #[test]
    fn num_prints_values_above_a_hundred_as_they_are() {
        // It once capped every value at 100,00.
        assert_eq!(render(Lang::Vi, "{{ 123.4 | num }}"), "123,40");
        assert_eq!(render(Lang::En, "{{ -250 | num }}"), "\u{2212}250.00");
    }

    #[test]
    fn mark_and_dash_print_the_documents_symbols() {
        let w = Wording::new(
            Lang::Vi,
            "t".into(),
            "{% block b %}{{ mark('listing') }}|{{ mark('printed') }}|{{ mark('conflicting') }}|{{ dash('rounded') }}|{{ dash('deduced') }}{% endblock %}".into(),
        )
        .expect("compiles");
        let symbols = minijinja::context! {
            listing => "(*)", deduced => "(**)", conflicting => "(***)", rounded => "(****)"
        };
        let text = w
            .render_blocks(minijinja::context! { symbols }, &["b"])
            .expect("renders");
        assert_eq!(text, ["(*)|||–(****)|–"]);
    }

    #[test]
    fn a_template_may_define_its_own_mark() {
        // Templates copied before the marks became functions define them as macros.
        let w = Wording::new(
            Lang::Vi,
            "t".into(),
            "{%- macro mark(basis) %}[{{ basis }}]{% endmacro -%}{% block b %}{{ mark('listing') }}{% endblock %}".into(),
        )
        .expect("compiles");
        let text = w.render_blocks(Value::from(()), &["b"]).expect("renders");
        assert_eq!(text, ["[listing]"]);
    }

    #[test]
    fn a_template_error_names_the_template_and_line() {
        let w = Wording::new(
            Lang::Vi,
            "my/vi/briefing.j2".into(),
            "{% block b %}\n{{ nope }}{% endblock %}".into(),
        )
        .expect("compiles");
        let d = w
            .render_blocks(Value::from(()), &["b"])
            .expect_err("undefined");
        assert_eq!(d.code, Code::TemplateInvalid);
        assert_eq!(d.file, Path::new("my/vi/briefing.j2"));
        assert_eq!(d.at.map(|a| a.line), Some(2));
    }
}
