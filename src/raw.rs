//! The input files' shape: serde structs that mirror the YAML exactly (with the place of every
//! value), and the parser that fills them. No judgement about the values happens here — that
//! is `validate`'s job — and nothing here touches the file system: `load` reads the bytes.
//!
//! Parser errors are classified by the parser's error variant, not by matching its wording,
//! and are said in words for the person editing the file.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Deserializer};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Error as YamlError, MessageFormatter as _, UserMessageFormatter};

use crate::diagnostics::{Code, Diagnostic};
use crate::model::Loc;

// ---- Yearly datasets. Field docs live in data/README.md. ----

/// `data/<year>.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawYear {
    pub year: Spanned<i64>,
    /// `null` until the year's results are announced.
    pub announced: Spanned<Option<String>>,
    /// The event where the results were announced, as a Vietnamese phrase.
    #[serde(default)]
    pub announced_at: Option<Spanned<String>>,
    #[serde(default)]
    pub announced_at_en: Option<Spanned<String>>,
    pub announced_sources: Vec<Spanned<String>>,
    pub regions: Vec<RawRegion>,
    pub national: RawNational,
    pub directions: Option<Spanned<RawDirections>>,
    /// Why a year has no directions, when a source explains it.
    #[serde(default)]
    pub directions_note: Option<Spanned<String>>,
    #[serde(default)]
    pub directions_note_en: Option<Spanned<String>>,
    pub provinces: Vec<RawProvince>,
    pub sources: BTreeMap<String, RawSource>,
    /// The reorganisation that formed this year's provinces from the previous year's.
    #[serde(default)]
    pub restructured: Option<Spanned<RawRestructure>>,
}

/// `restructured:`: the legal act that merged provinces, and when it took effect.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawRestructure {
    pub resolution: Spanned<String>,
    pub resolution_en: Spanned<String>,
    pub effective: Spanned<String>,
    pub sources: Vec<Spanned<String>>,
}

/// One entry of `regions`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawRegion {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub name_en: Spanned<String>,
}

/// `national`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawNational {
    pub par: RawAggregate,
    pub sipas: RawAggregate,
}

/// `national.par` / `national.sipas`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawAggregate {
    pub average: Spanned<Option<f64>>,
    pub previous_average: Spanned<Option<f64>>,
    #[serde(default)]
    pub above_average: Option<Spanned<Option<i64>>>,
    pub sources: Vec<Spanned<String>>,
    /// The sources of `previous_average` alone, when they are not all of `sources`.
    #[serde(default)]
    pub previous_average_sources: Option<Vec<Spanned<String>>>,
}

/// `directions`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawDirections {
    /// Who gave the directions: "Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình".
    pub given_by: Spanned<String>,
    pub given_by_en: Spanned<String>,
    pub sources: Vec<Spanned<String>>,
    pub items: Vec<RawDirection>,
}

/// One entry of `directions.items`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawDirection {
    pub title: Spanned<String>,
    pub summary: Spanned<String>,
    pub title_en: Spanned<String>,
    pub summary_en: Spanned<String>,
}

/// One entry of `provinces`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawProvince {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    /// Official name with its kind, e.g. "Tỉnh An Giang", "Thành phố Hà Nội"; defaults to `name`.
    #[serde(default)]
    pub full_name: Option<Spanned<String>>,
    /// The place name of a date line (địa danh), when it is not `name`.
    #[serde(default)]
    pub place_name: Option<Spanned<String>>,
    pub region: Spanned<String>,
    /// The previous year's provinces this one was formed from (the first keeps its name).
    #[serde(default)]
    pub predecessors: Option<Vec<Spanned<String>>>,
    /// The administrative centre, when known.
    #[serde(default)]
    pub centre: Option<Spanned<String>>,
    pub par: Spanned<RawFigures>,
    pub sipas: Spanned<RawFigures>,
    pub sources: Vec<Spanned<String>>,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// `{ score, rank, region_rank }`: all three keys are required, `null` when not published,
/// so a forgotten figure is visible in the file rather than silently absent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawFigures {
    pub score: Spanned<Option<f64>>,
    pub rank: Spanned<Option<i64>>,
    pub region_rank: Spanned<Option<i64>>,
    /// The change on the previous year as a source printed it.
    #[serde(default)]
    pub change: Option<Spanned<RawChange>>,
    /// How a figure was obtained, when not printed as a number.
    #[serde(default)]
    pub basis: Option<RawBasis>,
    /// The values the cited sources print for a figure they disagree on (which is then `null`).
    #[serde(default)]
    pub conflicting: Option<Spanned<RawConflicting>>,
    /// The score as the sources print it, rounded to a whole number (83 for "83%"), when that
    /// is all they print (the score is then `null`).
    #[serde(default)]
    pub rounded_score: Option<Spanned<i64>>,
}

/// `conflicting: { score, rank, region_rank }`: for a figure left `null` because the cited
/// sources print different values, those values, as printed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawConflicting {
    #[serde(default)]
    pub score: Vec<Spanned<f64>>,
    #[serde(default)]
    pub rank: Vec<Spanned<i64>>,
    #[serde(default)]
    pub region_rank: Vec<Spanned<i64>>,
}

/// `change: { points, rank, region_rank, sources }`: what a source printed ("+2,55 điểm",
/// "giảm 3 bậc"); places are positive when the province moved up.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawChange {
    #[serde(default)]
    pub points: Option<Spanned<f64>>,
    #[serde(default)]
    pub rank: Option<Spanned<i64>>,
    #[serde(default)]
    pub region_rank: Option<Spanned<i64>>,
    pub sources: Vec<Spanned<String>>,
}

/// `basis: { score, rank, region_rank }`: `printed` (the default), `listing` or `deduced`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawBasis {
    #[serde(default)]
    pub score: Option<Spanned<String>>,
    #[serde(default)]
    pub rank: Option<Spanned<String>>,
    #[serde(default)]
    pub region_rank: Option<Spanned<String>>,
}

/// One entry of `sources`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawSource {
    pub publisher: Spanned<String>,
    #[serde(default)]
    pub publisher_en: Option<Spanned<String>>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub title_en: Option<Spanned<String>>,
    /// The language of `title` (vi, en, …); `vi` when absent.
    #[serde(default)]
    pub lang: Option<Spanned<String>>,
    pub date: Spanned<Option<String>>,
    pub address: Spanned<String>,
    /// What a reader of the source should know: that it prints a figure differently.
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    #[serde(default)]
    pub note_en: Option<Spanned<String>>,
}

// ---- The issuer configuration (config/issuer.yaml; documented in the file itself). ----

/// `config/issuer.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawIssuer {
    pub parent_agency: Option<Spanned<String>>,
    pub agency: Spanned<String>,
    pub agency_in_text: Spanned<String>,
    /// The agency inside a report's body, whose header names it in full; default:
    /// `agency_in_text`.
    #[serde(default)]
    pub agency_in_body: Option<Spanned<String>>,
    pub code: Spanned<String>,
    /// The code of the cover letter (công văn) an appendix is attached to.
    pub letter_code: Spanned<String>,
    pub number: Option<Spanned<i64>>,
    pub place: Spanned<String>,
    pub addressees: Vec<Spanned<String>>,
    pub signer: RawSigner,
    pub recipients: Vec<Spanned<String>>,
    pub archive: Spanned<String>,
    /// The English wording; the built-in one when absent.
    #[serde(default)]
    pub en: Option<RawIssuerEn>,
}

/// `en:` of the issuer file: the same texts for English briefings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawIssuerEn {
    pub parent_agency: Option<Spanned<String>>,
    pub agency: Spanned<String>,
    pub agency_in_text: Spanned<String>,
    #[serde(default)]
    pub agency_in_body: Option<Spanned<String>>,
    pub place: Spanned<String>,
    pub addressees: Vec<Spanned<String>>,
    pub signer: RawSigner,
    pub recipients: Vec<Spanned<String>>,
    pub archive: Spanned<String>,
}

/// `signer` of the issuer file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawSigner {
    pub authority: Vec<Spanned<String>>,
    pub name: Option<Spanned<String>>,
}

/// A value of a data file and where it is written. serde-saphyr's own `Spanned` keeps two
/// full locations with each value (56 bytes beside it); the checks need one place and whether
/// the value came through an alias, in 20. A commune-sized year holds a few hundred thousand
/// of them while it is checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value as parsed.
    pub value: T,
    /// Where it is written: at the alias (`*name`) when it is written through one.
    pub at: Place,
}

/// Where a value is written, as parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    line: u32,
    column: u32,
    /// Byte offset in the text, `u32::MAX` when the parser gave none.
    offset: u32,
    len: u32,
    /// Written through an alias: editing it would edit the anchor.
    pub aliased: bool,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let at = &spanned.referenced;
        let span = at.span();
        // The file-size limit keeps every position far below `u32::MAX`.
        let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(Spanned {
            value: spanned.value,
            at: Place {
                line: small(at.line()),
                column: small(at.column()),
                offset: span.byte_offset().map_or(u32::MAX, small),
                len: span.byte_len().map_or(0, small),
                aliased: spanned.referenced != spanned.defined,
            },
        })
    }
}

/// Where a spanned value sits in its file.
pub fn loc<T>(spanned: &Spanned<T>) -> Loc {
    let at = spanned.at;
    Loc {
        line: u64::from(at.line),
        column: u64::from(at.column),
        offset: (at.offset != u32::MAX).then_some(at.offset as usize),
        len: at.len as usize,
    }
}

fn location(l: &serde_saphyr::Location) -> Loc {
    let span = l.span();
    Loc {
        line: l.line(),
        column: l.column(),
        offset: span.byte_offset().and_then(|o| usize::try_from(o).ok()),
        len: span
            .byte_len()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0),
    }
}

/// Enough YAML nodes for a commune-level dataset (~25 nodes per unit, 10 000 units and more);
/// the file-size limit bounds it anyway. Depth and alias limits keep the parser's defaults.
const MAX_NODES: usize = 2_000_000;

/// Parses a yearly dataset; syntax, type and shape errors come back as one located diagnostic.
pub fn parse_year(path: &Path, text: &str) -> Result<RawYear, Box<Diagnostic>> {
    parse(path, text, Hints::DATA)
}

/// Parses an issuer file.
pub fn parse_issuer(path: &Path, text: &str) -> Result<RawIssuer, Box<Diagnostic>> {
    parse(path, text, Hints::ISSUER)
}

/// What to tell the user per kind of parse error, for one kind of file.
struct Hints {
    format: &'static str,
    /// The code for a structural error: the issuer file has one code for everything.
    only_code: Option<Code>,
}

impl Hints {
    const DATA: Hints = Hints {
        format: "data/README.md",
        only_code: None,
    };
    const ISSUER: Hints = Hints {
        format: "the documented default, config/issuer.yaml",
        only_code: Some(Code::IssuerInvalid),
    };
}

fn parse<T: for<'de> Deserialize<'de>>(
    path: &Path,
    text: &str,
    hints: Hints,
) -> Result<T, Box<Diagnostic>> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_NODES;
    let options = serde_saphyr::options! { with_snippet: false, budget: Some(budget) };
    serde_saphyr::from_str_with_options::<T>(text, options).map_err(|error| {
        let at = error
            .location()
            .map(|l| location(&l))
            .filter(|l| l.line > 0);
        let problem = classify(original(&error), &hints);
        let field = problem
            .field
            .or_else(|| at.and_then(|at| key_at(text, at)))
            .unwrap_or_default();
        Box::new(
            Diagnostic::error(hints.only_code.unwrap_or(problem.code), path, at, field)
                .message(problem.message)
                .hint(problem.hint),
        )
    })
}

/// A parse error in words.
struct Problem {
    code: Code,
    message: String,
    hint: String,
    field: Option<String>,
}

/// The error behind alias and snippet wrappers.
fn original(mut error: &YamlError) -> &YamlError {
    while let YamlError::AliasError { error: inner, .. }
    | YamlError::WithSnippet { error: inner, .. } = error
    {
        error = inner;
    }
    error
}

impl Problem {
    fn new(code: Code, message: String, hint: impl Into<String>) -> Problem {
        Problem {
            code,
            message,
            hint: hint.into(),
            field: None,
        }
    }

    fn at_field(mut self, field: impl Into<String>) -> Problem {
        self.field = Some(field.into());
        self
    }
}

/// A parse error in words: by the error's kind, the structure first, then the values, then
/// the parser's limits; anything else is a syntax error in the parser's own user wording.
fn classify(error: &YamlError, hints: &Hints) -> Problem {
    structure(error, hints)
        .or_else(|| value(error, hints))
        .or_else(|| limits(error))
        .unwrap_or_else(|| {
            Problem::new(
                Code::YamlSyntax,
                UserMessageFormatter.format_message(error).into_owned(),
                "fix the YAML at the marked spot (indentation, a missing colon or quote)",
            )
        })
}

fn structure(error: &YamlError, hints: &Hints) -> Option<Problem> {
    Some(match error {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => Problem::new(
            Code::UnknownField,
            format!(
                "unknown field `{field}`, expected one of {}",
                expected.join(", ")
            ),
            format!("check the spelling against {}", hints.format),
        )
        .at_field(field.clone()),
        YamlError::SerdeMissingField { field, .. } => Problem::new(
            Code::MissingField,
            format!("missing field `{field}`"),
            "add the field; write `null` when the value was not published (never 0)",
        )
        .at_field(*field),
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_default();
            Problem::new(
                Code::DuplicateKey,
                format!("the key `{key}` appears twice in this mapping"),
                "a key may appear once in a mapping: delete or rename the second one",
            )
            .at_field(key)
        }
        YamlError::MultipleDocuments { .. } => Problem::new(
            Code::YamlSyntax,
            "the file holds more than one YAML document (a `---` line in the middle)".into(),
            "keep one document per file: remove the `---` line and what follows, or split the file",
        ),
        _ => return None,
    })
}

fn value(error: &YamlError, hints: &Hints) -> Option<Problem> {
    let types = format!(
        "give a value of the type {} describes: numbers unquoted (84.67), ranks whole numbers, text in quotes, `null` when unknown",
        hints.format
    );
    let message = match error {
        YamlError::InvalidScalar { ty, .. } => scalar_expected(ty),
        YamlError::Unexpected { expected, .. } => format!("expected {}", plain_expected(expected)),
        YamlError::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | YamlError::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => format!("expected {expected}, found {unexpected}"),
        YamlError::NullIntoString { .. } => {
            return Some(Problem::new(
                Code::WrongType,
                "a text is required here, not `null`".into(),
                "write the text in quotes",
            ));
        }
        _ => return None,
    };
    Some(Problem::new(Code::WrongType, message, types))
}

fn limits(error: &YamlError) -> Option<Problem> {
    let message = match error {
        YamlError::Budget { breach, .. } => budget_message(breach),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => {
            "the file's aliases expand to more values than any dataset has".into()
        }
        _ => return None,
    };
    Some(Problem::new(
        Code::YamlTooComplex,
        message,
        "the file uses more aliases or nesting than a dataset needs; write the values out plainly",
    ))
}

/// "i64" → what a person would call it.
fn scalar_expected(ty: &str) -> String {
    if ty.contains("float") || ty.starts_with('f') {
        "expected a number such as 84.67".into()
    } else if ty.contains("int") || ty.starts_with(['i', 'u']) {
        "expected a whole number".into()
    } else if ty.contains("bool") {
        "expected true or false".into()
    } else {
        format!("expected a value of type {ty}")
    }
}

/// The parser's token names, in words.
fn plain_expected(expected: &str) -> &str {
    match expected {
        "string scalar" => "a single value (a number or a text), not a list or a mapping",
        "mapping start" => "a mapping (`key: value` lines)",
        "sequence start" => "a list (`- item` lines or `[a, b]`)",
        other => other,
    }
}

fn budget_message(breach: &BudgetBreach) -> String {
    let (what, count) = match breach {
        BudgetBreach::Aliases { aliases } => ("aliases (`*name`)", *aliases),
        BudgetBreach::Anchors { anchors } => ("anchors (`&name`)", *anchors),
        BudgetBreach::Depth { depth } => ("levels of nesting", *depth),
        BudgetBreach::Nodes { nodes } => ("values", *nodes),
        BudgetBreach::Events { events } => ("parser events", *events),
        BudgetBreach::Documents { documents } => ("documents", *documents),
        _ => return "the file is more complex than the parser allows".into(),
    };
    format!(
        "the file uses more than {} {what}: the parser stops there",
        count.saturating_sub(1)
    )
}

/// The YAML key whose value sits at `at` (`score` in `par: { score: "x" }`), from the text.
fn key_at(text: &str, at: Loc) -> Option<String> {
    let line = text
        .lines()
        .nth(usize::try_from(at.line).ok()?.checked_sub(1)?)?;
    let before: String = line
        .chars()
        .take(usize::try_from(at.column).ok()?.saturating_sub(1))
        .collect();
    let colon = before.trim_end().strip_suffix(':')?;
    let key: String = colon
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!key.is_empty()).then_some(key)
}
