//! `parbrief import`: its arguments checked into an `app::ImportConfig`, and what it says
//! when done — every value it changed (or would change, with `--dry-run`), each with its
//! place in the file and its table cell.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::args::{ImportArgs, IndexArg};
use crate::app::{self, Failure, ImportConfig, ImportSummary};
use crate::import::{Choice, Mapping, NewSource};

/// The Ministry that publishes both indices: the default publisher of an imported table.
const MINISTRY: (&str, &str) = ("Bộ Nội vụ", "Ministry of Home Affairs");

/// Runs an import and says what it did.
pub(super) fn run(args: &ImportArgs) -> Result<String, Failure> {
    let config = config(args)?;
    let summary = app::import(&config)?;
    let (warnings, count) = &summary.warnings;
    if *count > 0 {
        super::output::print_err_text(warnings);
    }
    Ok(report(&summary, args.dry_run))
}

fn config(args: &ImportArgs) -> Result<ImportConfig, Failure> {
    let date = |flag: &str, text: &Option<String>| {
        text.as_deref()
            .map(|t| {
                NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
                    Failure::Usage(format!("{flag} takes a date as YYYY-MM-DD, not {t:?}"))
                })
            })
            .transpose()
    };
    let announced = date("--announced", &args.announced)?;
    let source_date = date("--source-date", &args.source_date)?;
    let id = args
        .source_id
        .clone()
        .unwrap_or_else(|| format!("IMP-{}", args.year));
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    {
        return Err(Failure::Usage(format!(
            "--source-id takes letters, digits, `-` and `_` (such as BNV-2024), not {id:?}"
        )));
    }
    let publisher = match &args.source_publisher {
        Some(name) => (name.clone(), args.source_publisher_en.clone()),
        None => (
            MINISTRY.0.to_string(),
            Some(
                args.source_publisher_en
                    .clone()
                    .unwrap_or_else(|| MINISTRY.1.to_string()),
            ),
        ),
    };
    let columns = args
        .columns
        .as_deref()
        .map(Mapping::parse)
        .transpose()
        .map_err(Failure::Usage)?;
    Ok(ImportConfig {
        table: args.table.clone(),
        year: args.year,
        sheet: args.sheet.clone(),
        choice: match args.index {
            None => Choice::Any,
            Some(IndexArg::Par) => Choice::Par,
            Some(IndexArg::Sipas) => Choice::Sipas,
            Some(IndexArg::Both) => Choice::Both,
        },
        columns,
        into: args.into.clone(),
        provinces_from: args.provinces_from.clone(),
        source: NewSource {
            id,
            publisher,
            title: (args.source_title.clone(), args.source_title_en.clone()),
            date: source_date.map(|d| d.format("%Y-%m-%d").to_string()),
            address: args.source_address.clone(),
        },
        announced,
        overwrite: args.overwrite,
        dry_run: args.dry_run,
        strict: args.strict,
    })
}

/// What was read, what changes, and whether it was written.
fn report(s: &ImportSummary, dry_run: bool) -> String {
    let mut out = String::new();
    let sheet = match &s.sheet {
        (Some(name), sheets) if sheets.len() > 1 => {
            format!("sheet {name:?} (of {}) of ", sheets.len())
        }
        (Some(name), _) => format!("sheet {name:?} of "),
        (None, _) => String::new(),
    };
    let rows = s
        .rows
        .map(|(a, b)| {
            if a == b {
                format!(" in row {a}")
            } else {
                format!(" in rows {a}–{b}")
            }
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Read {sheet}the table: {} province(s){rows}; columns {}.",
        s.provinces, s.layout
    );
    for (cell, text) in &s.summaries {
        let _ = writeln!(
            out,
            "Not imported: {cell} '{text}' (a row for the country or a region)."
        );
    }
    let file = s.file.display();
    if s.created {
        let _ = writeln!(
            out,
            "New file {file}, with the regions and provinces of {}.",
            s.provinces_of.display()
        );
    }
    let verb = if dry_run { "would change" } else { "changes" };
    let _ = writeln!(
        out,
        "{file}: {} value(s) {verb}, {} already the same:",
        s.changes.len(),
        s.same
    );
    out += &changes(s);
    if s.source_added || s.cited > 0 {
        let _ = writeln!(
            out,
            "The source is {}cited by {} province(s).",
            if s.source_added {
                "added to the file and "
            } else {
                ""
            },
            s.cited
        );
    }
    let _ = writeln!(
        out,
        "Validated with the other {} year(s) of the folder: no errors, {} warning(s).",
        s.years.saturating_sub(1),
        s.warnings.1
    );
    out += &if s.written {
        format!("Wrote {file}.\n")
    } else if dry_run {
        "--dry-run: nothing was written.\n".to_string()
    } else {
        "Nothing to change: nothing was written.\n".to_string()
    };
    out
}

/// One line per change: place, province, field, before → after, cell.
fn changes(s: &ImportSummary) -> String {
    let width =
        |f: &dyn Fn(&crate::import::Change) -> usize| s.changes.iter().map(f).max().unwrap_or(0);
    let (w_id, w_field) = (
        width(&|c| c.province.chars().count()),
        width(&|c| c.field.len()),
    );
    let mut out = String::new();
    for c in &s.changes {
        let before = c.before.as_deref().unwrap_or("null");
        let _ = writeln!(
            out,
            "  {}:{:<5} {:<w_id$}  {:<w_field$}  {before} → {}  ({})",
            s.file.display(),
            c.at.line,
            c.province,
            c.field,
            c.after,
            c.from
        );
    }
    out
}
