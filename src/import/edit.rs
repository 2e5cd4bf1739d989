//! Changing a yearly file's text in place: the table's figures go into the `null`s the parser
//! located, the source's id into the lists that cite it, the source itself under `sources:`.
//! Every other byte — comments, order, quoting, blank lines — stays as it was, which no
//! serialiser of the parsed file could promise.
//!
//! The places come from a second, partial view of the file (`Skeleton`), parsed with the
//! same parser as `raw` but keeping only what an import edits and the place of each value
//! (`raw` has no places for lists). A figure that already has a value is compared, not
//! replaced: a different value is a conflict, and becomes an edit only when the caller allows
//! it. A value written through a YAML alias is never edited: the alias would change its other
//! uses too.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::fields::{Field, Kind};
use super::rows::{Imported, Record};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Index, Loc, YearData};
use crate::raw::{Spanned, loc};

/// The parts of a yearly file an import edits, with their places.
#[derive(Debug, Deserialize)]
struct Skeleton {
    announced: Spanned<Option<String>>,
    announced_sources: Spanned<Vec<Spanned<String>>>,
    provinces: Vec<SkeletonProvince>,
    sources: BTreeMap<String, SkeletonSource>,
}

#[derive(Debug, Deserialize)]
struct SkeletonProvince {
    id: Spanned<String>,
    par: SkeletonFigures,
    sipas: SkeletonFigures,
    sources: Spanned<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
struct SkeletonFigures {
    score: Spanned<Option<f64>>,
    rank: Spanned<Option<i64>>,
    region_rank: Spanned<Option<i64>>,
    #[serde(default)]
    basis: Option<SkeletonBasis>,
    #[serde(default)]
    conflicting: Option<Spanned<SkeletonConflicting>>,
    #[serde(default)]
    rounded_score: Option<Spanned<i64>>,
}

/// `conflicting: { score: [..], … }`: the values the cited sources disagree on.
#[derive(Debug, Default, Deserialize)]
struct SkeletonConflicting {
    #[serde(default)]
    score: Option<Vec<f64>>,
    #[serde(default)]
    rank: Option<Vec<i64>>,
    #[serde(default)]
    region_rank: Option<Vec<i64>>,
}

impl SkeletonConflicting {
    /// The disputed values of one kind of figure, as text ("90.59", "91.10"), if any.
    fn values(&self, kind: Kind) -> Option<Vec<String>> {
        let texts: Vec<String> = match kind {
            Kind::Score => self
                .score
                .iter()
                .flatten()
                .map(|s| format!("{s:.2}"))
                .collect(),
            Kind::Rank => self.rank.iter().flatten().map(i64::to_string).collect(),
            Kind::RegionRank => self
                .region_rank
                .iter()
                .flatten()
                .map(i64::to_string)
                .collect(),
        };
        (!texts.is_empty()).then_some(texts)
    }

    /// How many kinds of figure are disputed.
    fn kinds(&self) -> usize {
        [
            self.score.is_some(),
            self.rank.is_some(),
            self.region_rank.is_some(),
        ]
        .into_iter()
        .filter(|k| *k)
        .count()
    }
}

#[derive(Debug, Default, Deserialize)]
struct SkeletonBasis {
    #[serde(default)]
    score: Option<Spanned<String>>,
    #[serde(default)]
    rank: Option<Spanned<String>>,
    #[serde(default)]
    region_rank: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
struct SkeletonSource {
    title: String,
    address: String,
}

/// The source every imported figure cites.
#[derive(Debug, Clone)]
pub struct NewSource {
    /// Its id in the file's `sources`.
    pub id: String,
    /// Who published it, and in English when given.
    pub publisher: (String, Option<String>),
    /// Its title, and in English when given.
    pub title: (String, Option<String>),
    /// Its publication date, when known (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Its web address or a bibliographic description.
    pub address: String,
}

/// What an import asks of one yearly file.
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    /// The table's figures.
    pub records: &'a [Record],
    /// The source they cite.
    pub source: &'a NewSource,
    /// The announcement date to fill in, if given.
    pub announced: Option<&'a str>,
    /// Replace values that differ from the table's.
    pub overwrite: bool,
}

/// One value that changes.
#[derive(Debug, Clone)]
pub struct Change {
    /// The province's id, or empty for `announced`.
    pub province: String,
    /// `par.score`, `announced`, …
    pub field: String,
    /// The value before (`None` for `null`).
    pub before: Option<String>,
    /// The value after.
    pub after: String,
    /// Where the value is in the file.
    pub at: Loc,
    /// The table cell it comes from, or the option that gave it.
    pub from: String,
}

/// Every edit an import makes to one file, and what it found on the way.
#[derive(Debug, Default)]
pub struct Plan {
    /// Values filled in or replaced.
    pub changes: Vec<Change>,
    /// Values the file already had, equal to the table's.
    pub same: usize,
    /// Values that differ from the table's (when not replaced), located in the file.
    pub conflicts: Vec<Diagnostic>,
    /// Provinces that now cite the source.
    pub cited: usize,
    /// Whether the source is added to `sources`.
    pub source_added: bool,
    edits: Vec<Edit>,
}

/// Replace `len` bytes at `offset` by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    offset: usize,
    len: usize,
    text: String,
}

/// Why a file cannot be edited.
#[derive(Debug)]
pub enum Refusal {
    /// The source id is taken by another source: a usage problem.
    SourceTaken(String),
    /// A value the edit would change is not written in a form it can change.
    Unedited(Box<Diagnostic>),
}

/// Plans the edits `ask` makes to `text` (the file at `path`, of `year`).
pub fn plan(path: &Path, text: &str, year: &YearData, ask: Ask<'_>) -> Result<Plan, Refusal> {
    let skeleton: Skeleton = serde_saphyr::from_str(text).map_err(|e| {
        Refusal::Unedited(Box::new(
            Diagnostic::error(Code::YamlSyntax, path, None, "")
                .message(format!("the file cannot be read for editing: {e}")),
        ))
    })?;
    let mut planner = Planner {
        path,
        text,
        ask,
        plan: Plan::default(),
    };
    planner.source(&skeleton)?;
    planner.announced(&skeleton)?;
    for record in ask.records {
        let id = &year.provinces[record.province].id;
        let Some(province) = skeleton.provinces.iter().find(|p| &p.id.value == id) else {
            continue;
        };
        planner.province(province, record)?;
    }
    Ok(planner.plan)
}

impl Plan {
    /// `text` with the edits made; `None` when two edits overlap (never, for a parsed file).
    pub fn apply(&self, text: &str) -> Option<String> {
        let mut edits = self.edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.offset));
        let mut out = text.to_string();
        let mut limit = usize::MAX;
        for edit in edits {
            let end = edit.offset.checked_add(edit.len)?;
            if end > limit || end > out.len() || !out.is_char_boundary(edit.offset) {
                return None;
            }
            out.replace_range(edit.offset..end, &edit.text);
            limit = edit.offset;
        }
        Some(out)
    }
}

struct Planner<'a> {
    path: &'a Path,
    text: &'a str,
    ask: Ask<'a>,
    plan: Plan,
}

impl Planner<'_> {
    /// Adds the source under `sources:`, unless the file has it already.
    fn source(&mut self, skeleton: &Skeleton) -> Result<(), Refusal> {
        let source = self.ask.source;
        if let Some(existing) = skeleton.sources.get(&source.id) {
            if existing.title == source.title.0 && existing.address == source.address {
                return Ok(());
            }
            return Err(Refusal::SourceTaken(format!(
                "the source id `{}` is taken in {} by \"{}\" ({}): choose another --source-id, or give that source's exact --source-title and --source-address to cite it again",
                source.id,
                self.path.display(),
                existing.title,
                existing.address
            )));
        }
        let edit = insert_source(self.text, source).ok_or_else(|| {
            self.unedited(
                None,
                "sources",
                "the top-level `sources:` mapping was not found at the start of a line",
            )
        })?;
        self.plan.edits.push(edit);
        self.plan.source_added = true;
        Ok(())
    }

    fn announced(&mut self, skeleton: &Skeleton) -> Result<(), Refusal> {
        let Some(date) = self.ask.announced else {
            return Ok(());
        };
        let current = skeleton.announced.value.as_deref();
        if current == Some(date) {
            self.plan.same += 1;
            return Ok(());
        }
        if current.is_some() && !self.ask.overwrite {
            self.conflict(
                &skeleton.announced,
                "announced",
                current.unwrap_or(""),
                date,
                "--announced",
            );
            return Ok(());
        }
        self.replace(&skeleton.announced, "announced", current.is_some(), date)?;
        self.plan.changes.push(Change {
            province: String::new(),
            field: "announced".into(),
            before: current.map(str::to_string),
            after: date.to_string(),
            at: loc(&skeleton.announced),
            from: "--announced".into(),
        });
        self.cite(&skeleton.announced_sources, "announced_sources")
    }

    fn province(&mut self, p: &SkeletonProvince, record: &Record) -> Result<(), Refusal> {
        let before = self.plan.changes.len();
        for imported in &record.figures {
            let figures = match imported.field.index {
                Index::Par => &p.par,
                Index::Sipas => &p.sipas,
            };
            let field = format!("provinces[{}].{}", p.id.value, imported.field.path());
            let (current, after) = match imported.field.kind {
                Kind::Score => (
                    figures.score.value.map(|v| (v * 100.0).round()),
                    score_text(imported.value),
                ),
                Kind::Rank => (
                    figures.rank.value.map(|v| v as f64),
                    imported.value.to_string(),
                ),
                Kind::RegionRank => (
                    figures.region_rank.value.map(|v| v as f64),
                    imported.value.to_string(),
                ),
            };
            let wanted = f64::from(imported.value);
            let (at, before_text) = self.value_at(figures, imported.field, &field)?;
            if current == Some(wanted) {
                self.plan.same += 1;
                continue;
            }
            if current.is_some() && !self.ask.overwrite {
                self.conflict_at(at, &field, &before_text, &after, &imported.cell);
                continue;
            }
            if !self.settle_dispute(figures, imported, &field, &after)?
                || !self.settle_rounding(figures, imported, &field, &after)?
            {
                continue;
            }
            self.replace_at(at, &field, current.is_some(), &after)?;
            self.printed(figures, imported.field)?;
            self.plan.changes.push(Change {
                province: p.id.value.clone(),
                field: imported.field.path(),
                before: current.map(|_| before_text),
                after,
                at,
                from: imported.cell.clone(),
            });
        }
        if self.plan.changes.len() > before {
            self.cite(&p.sources, &format!("provinces[{}].sources", p.id.value))?;
        }
        Ok(())
    }

    /// The place of a figure's value and its text in the file.
    fn value_at(
        &self,
        figures: &SkeletonFigures,
        field: Field,
        name: &str,
    ) -> Result<(Loc, String), Refusal> {
        let (at, alias) = match field.kind {
            Kind::Score => (loc(&figures.score), aliased(&figures.score)),
            Kind::Rank => (loc(&figures.rank), aliased(&figures.rank)),
            Kind::RegionRank => (loc(&figures.region_rank), aliased(&figures.region_rank)),
        };
        if alias {
            return Err(self.unedited(Some(at), name, "the value is written through a YAML alias"));
        }
        let text = at
            .offset
            .and_then(|o| self.text.get(o..o + at.len))
            .unwrap_or("")
            .to_string();
        Ok((at, text))
    }

    /// A figure the file leaves `null` because its sources disagree (`conflicting`) is a
    /// disagreement too: the table's value replaces the dispute only with `--overwrite`, and
    /// then the disputed values go. Whether the figure may be written.
    fn settle_dispute(
        &mut self,
        figures: &SkeletonFigures,
        imported: &Imported,
        field: &str,
        after: &str,
    ) -> Result<bool, Refusal> {
        let Some(conflicting) = &figures.conflicting else {
            return Ok(true);
        };
        let Some(values) = conflicting.value.values(imported.field.kind) else {
            return Ok(true);
        };
        let key = imported.field.key();
        let owner = field.rsplit_once('.').map_or(field, |(owner, _)| owner);
        let name = format!("{owner}.conflicting.{key}");
        if !self.ask.overwrite {
            self.plan.conflicts.push(
                Diagnostic::error(Code::ImportConflict, self.path, Some(loc(conflicting)), &name)
                    .message(format!(
                        "{} gives {after}, but the file has no {key}: {}",
                        imported.cell,
                        disputed_because(&values)
                    ))
                    .hint("check the table against those sources; nothing was changed. To use the table's value and drop the disputed ones, run again with --overwrite"),
            );
            return Ok(false);
        }
        let only = conflicting.value.kinds() == 1;
        let edit = drop_dispute(self.text, loc(conflicting), key, only).ok_or_else(|| {
            self.unedited(
                Some(loc(conflicting)),
                &name,
                "the disputed values are not written as a one-line `conflicting: { … }`",
            )
        })?;
        self.plan.edits.push(edit);
        Ok(true)
    }

    /// A score the file leaves `null` with the whole number its sources print
    /// (`rounded_score`): the table's score replaces that rounding when it rounds to the same
    /// number; one that does not is a disagreement, written only with `--overwrite`. Whether
    /// the score may be written.
    fn settle_rounding(
        &mut self,
        figures: &SkeletonFigures,
        imported: &Imported,
        field: &str,
        after: &str,
    ) -> Result<bool, Refusal> {
        let Some(rounded) = figures
            .rounded_score
            .as_ref()
            .filter(|_| imported.field.kind == Kind::Score)
        else {
            return Ok(true);
        };
        let owner = field.rsplit_once('.').map_or(field, |(owner, _)| owner);
        let name = format!("{owner}.rounded_score");
        // Half up, as a percentage is rounded for print.
        let agrees = i64::from((imported.value + 50) / 100) == rounded.value;
        if !agrees && !self.ask.overwrite {
            self.plan.conflicts.push(
                Diagnostic::error(Code::ImportConflict, self.path, Some(loc(rounded)), &name)
                    .message(format!(
                        "{} gives {after}, but the file's sources print the score rounded to {}",
                        imported.cell, rounded.value
                    ))
                    .hint("check the table against those sources; nothing was changed. To use the table's value, run again with --overwrite"),
            );
            return Ok(false);
        }
        let edit = drop_entry(self.text, loc(rounded), "rounded_score").ok_or_else(|| {
            self.unedited(
                Some(loc(rounded)),
                &name,
                "the rounded score is not written on the figure's line as `, rounded_score: N`",
            )
        })?;
        self.plan.edits.push(edit);
        Ok(true)
    }

    /// A figure written from a table is printed: a `basis` that says otherwise is updated.
    fn printed(&mut self, figures: &SkeletonFigures, field: Field) -> Result<(), Refusal> {
        let basis = figures.basis.as_ref().and_then(|b| match field.kind {
            Kind::Score => b.score.as_ref(),
            Kind::Rank => b.rank.as_ref(),
            Kind::RegionRank => b.region_rank.as_ref(),
        });
        match basis {
            Some(basis) if basis.value != "printed" => {
                self.replace(basis, "basis", true, "printed")
            }
            _ => Ok(()),
        }
    }

    /// Appends the source's id to a list of source ids, unless it is there.
    fn cite(&mut self, list: &Spanned<Vec<Spanned<String>>>, field: &str) -> Result<(), Refusal> {
        let id = &self.ask.source.id;
        if list.value.iter().any(|s| &s.value == id) {
            return Ok(());
        }
        let edit = append(self.text, list, id).ok_or_else(|| {
            self.unedited(
                Some(loc(list)),
                field,
                "this list of source ids is not written as `[A, B]` or as `- A` lines",
            )
        })?;
        self.plan.edits.push(edit);
        if field.starts_with("provinces[") {
            self.plan.cited += 1;
        }
        Ok(())
    }

    fn replace<T>(
        &mut self,
        value: &Spanned<T>,
        field: &str,
        has_value: bool,
        after: &str,
    ) -> Result<(), Refusal> {
        if aliased(value) {
            return Err(self.unedited(
                Some(loc(value)),
                field,
                "the value is written through a YAML alias",
            ));
        }
        self.replace_at(loc(value), field, has_value, after)
    }

    fn replace_at(
        &mut self,
        at: Loc,
        field: &str,
        has_value: bool,
        after: &str,
    ) -> Result<(), Refusal> {
        let Some(offset) = at.offset else {
            return Err(self.unedited(Some(at), field, "the parser gave no place for the value"));
        };
        let current = self.text.get(offset..offset + at.len).unwrap_or("");
        if !has_value && !matches!(current, "null" | "Null" | "NULL" | "~") {
            return Err(self.unedited(
                Some(at),
                field,
                "a missing value must be written `null` to be filled in",
            ));
        }
        self.plan.edits.push(Edit {
            offset,
            len: at.len,
            text: after.to_string(),
        });
        Ok(())
    }

    fn conflict<T>(
        &mut self,
        value: &Spanned<T>,
        field: &str,
        before: &str,
        after: &str,
        from: &str,
    ) {
        self.conflict_at(loc(value), field, before, after, from);
    }

    fn conflict_at(&mut self, at: Loc, field: &str, before: &str, after: &str, from: &str) {
        self.plan.conflicts.push(
            Diagnostic::error(Code::ImportConflict, self.path, Some(at), field)
                .message(format!("{from} gives {after}, but the file has {before}"))
                .hint("check both against their sources; nothing was changed. To replace the file's values with the table's, run again with --overwrite"),
        );
    }

    fn unedited(&self, at: Option<Loc>, field: &str, why: &str) -> Refusal {
        Refusal::Unedited(Box::new(
            Diagnostic::error(Code::ImportUneditable, self.path, at, field)
                .message(format!("the import cannot change this value: {why}"))
                .hint("write the value plainly (`null` where there is none), then import again"),
        ))
    }
}

/// Whether a value is written through an alias (`*name`): editing it would edit the anchor.
fn aliased<T>(value: &Spanned<T>) -> bool {
    value.at.aliased
}

/// 8467 → "84.67", 8650 → "86.5", 8400 → "84.0": a YAML float, as the data files write one.
pub fn score_text(hundredths: u32) -> String {
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    if fraction % 10 == 0 {
        format!("{whole}.{}", fraction / 10)
    } else {
        format!("{whole}.{fraction:02}")
    }
}

/// Text in YAML double quotes.
pub fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The source's entry under `sources:`, indented by `indent` spaces.
pub fn source_entry(source: &NewSource, indent: usize) -> String {
    let (outer, inner) = (" ".repeat(indent), " ".repeat(indent * 2));
    let mut entry = format!("{outer}{}:\n", source.id);
    entry += &format!("{inner}publisher: {}\n", quoted(&source.publisher.0));
    if let Some(en) = &source.publisher.1 {
        entry += &format!("{inner}publisher_en: {}\n", quoted(en));
    }
    entry += &format!("{inner}title: {}\n", quoted(&source.title.0));
    if let Some(en) = &source.title.1 {
        entry += &format!("{inner}title_en: {}\n", quoted(en));
    }
    let date = source.date.as_deref().unwrap_or("null");
    entry += &format!("{inner}date: {date}\n");
    entry += &format!("{inner}address: {}\n", quoted(&source.address));
    entry
}

/// Adds the source as the last entry of the top-level `sources:` mapping, after its last
/// indented line — so no comment is parted from what it describes (a comment after
/// `sources:` or before an entry stays where it is); a `{}` mapping becomes a block.
fn insert_source(text: &str, source: &NewSource) -> Option<Edit> {
    let (mut offset, mut found) = (0, false);
    let mut lines = text.split_inclusive('\n');
    for line in lines.by_ref() {
        offset += line.len();
        if let Some(rest) = line.strip_prefix("sources:") {
            let value = rest.split('#').next().unwrap_or("").trim();
            if value == "{}" {
                let brace = offset - line.len() + line.find("{}")?;
                let entry = source_entry(source, 2);
                return Some(Edit {
                    offset: brace,
                    len: 2,
                    text: format!("\n{}", entry.trim_end_matches('\n')),
                });
            }
            if !value.is_empty() {
                return None;
            }
            found = true;
            break;
        }
    }
    if !found {
        return None;
    }
    // The map's entries: the indented lines up to the next top-level key.
    let (mut end, mut indent, mut at) = (None, None, offset);
    for line in lines {
        let content = line.trim_start();
        let is_comment_or_blank = content.is_empty() || content.starts_with('#');
        if !is_comment_or_blank {
            let spaces = line.len() - content.len();
            if spaces == 0 {
                break;
            }
            indent.get_or_insert(spaces);
            end = Some(at + line.len());
        }
        at += line.len();
    }
    let end = end?;
    let prefix = if text[..end].ends_with('\n') {
        ""
    } else {
        "\n"
    };
    Some(Edit {
        offset: end,
        len: 0,
        text: format!("{prefix}{}", source_entry(source, indent.unwrap_or(2))),
    })
}

/// The edit that removes `, key: value` from a one-line mapping, `at` being the value.
fn drop_entry(text: &str, at: Loc, key: &str) -> Option<Edit> {
    let start = at.offset?;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let key_at = line_start + text[line_start..start].rfind(key)?;
    let comma = text[line_start..key_at].trim_end().strip_suffix(',')?.len() + line_start;
    Some(Edit {
        offset: comma,
        len: start + at.len - comma,
        text: String::new(),
    })
}

/// The edit that removes the disputed values of `key` from a one-line
/// `conflicting: { score: [..], rank: [..] }` at `at`: the whole `, conflicting: {…}` when
/// `key` is its only entry (`only`), else that entry alone.
fn drop_dispute(text: &str, at: Loc, key: &str, only: bool) -> Option<Edit> {
    let open = at.offset?;
    let line_end = text[open..].find('\n').map_or(text.len(), |i| open + i);
    let close = open + text[open..line_end].find('}')?;
    if !text[open..].starts_with('{') {
        return None;
    }
    if only {
        let line_start = text[..open].rfind('\n').map_or(0, |i| i + 1);
        let key_at = line_start + text[line_start..open].rfind("conflicting")?;
        let comma = text[line_start..key_at].trim_end().strip_suffix(',')?.len() + line_start;
        return Some(Edit {
            offset: comma,
            len: close + 1 - comma,
            text: String::new(),
        });
    }
    let inner = &text[open + 1..close];
    let entry = inner.match_indices(&format!("{key}:")).find_map(|(i, _)| {
        let before = inner[..i].chars().next_back();
        (!before.is_some_and(|c| c.is_alphanumeric() || c == '_')).then_some(i)
    })?;
    let list_end = entry + inner[entry..].find(']')? + 1;
    // The entry and the separator after it, or before it when it is the last.
    let (from, to) = match inner[list_end..].find(',') {
        Some(comma) if inner[list_end..list_end + comma].trim().is_empty() => {
            let rest = &inner[list_end + comma + 1..];
            (
                entry,
                list_end + comma + 1 + (rest.len() - rest.trim_start().len()),
            )
        }
        _ => (inner[..entry].trim_end().strip_suffix(',')?.len(), list_end),
    };
    Some(Edit {
        offset: open + 1 + from,
        len: to - from,
        text: String::new(),
    })
}

/// Appends `id` to a list of ids: inside `[…]`, or as one more `- id` line.
fn append(text: &str, list: &Spanned<Vec<Spanned<String>>>, id: &str) -> Option<Edit> {
    if let Some(last) = list.value.last() {
        let at = loc(last);
        let start = at.offset?;
        let end = start + at.len;
        // Past a closing quote, when the parser's span is the text inside it.
        let end = if matches!(text.as_bytes().get(end), Some(b'"' | b'\'')) {
            end + 1
        } else {
            end
        };
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..start];
        if before.trim_start().starts_with("- ") && before.trim() == "-" {
            let indent = &before[..before.len() - before.trim_start().len()];
            return Some(Edit {
                offset: end,
                len: 0,
                text: format!("\n{indent}- {id}"),
            });
        }
        return Some(Edit {
            offset: end,
            len: 0,
            text: format!(", {id}"),
        });
    }
    // An empty list: `[]`, at the place the parser gave or just after its key.
    let from = loc(list).offset?;
    let open = from + text[from..].find('[')?;
    let close = open + text[open..].find(']')?;
    text[open + 1..close].trim().is_empty().then(|| Edit {
        offset: open + 1,
        len: close - open - 1,
        text: id.to_string(),
    })
}

/// Why a figure is disputed: its sources print different values ("90.59 and 91.10"), or one
/// source prints a value its own printed change contradicts (the validator allows one value
/// only then).
fn disputed_because(values: &[String]) -> String {
    match values {
        [one] => format!("its source prints {one}, which the change it prints contradicts"),
        _ => format!("its sources disagree ({})", values.join(" and ")),
    }
}

#[cfg(test)]
mod tests;
