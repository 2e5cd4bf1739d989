//! `app::import`: a table of results into a yearly file. The order is what makes it safe:
//! the data folder is checked as it is; the table is read and every problem in it collected;
//! the year's file is planned against the table, and every disagreement collected; the edited
//! text is validated with the rest of the folder exactly as `validate` checks any file, and
//! read back to confirm that it holds the table's figures; only then is it written,
//! atomically — and not at all with `--dry-run`, after any problem, or when the file changed
//! on disk in the meantime.

use std::path::PathBuf;

use super::{Failure, Prepared, input_failure, prepare_loaded, render_all};
use crate::import::edit::{self, Ask};
use crate::import::{
    Change, Choice, Kind, Layout, Mapping, NewSource, Plan, Refusal, Rows, columns, new_year, rows,
    table,
};
use crate::load::{self, SourceFile};
use crate::model::YearData;
use crate::pdf::Fonts;

/// A checked `import` request.
#[derive(Debug, Clone)]
pub struct ImportConfig {
    /// The table: CSV, XLSX, ODS or XLS.
    pub table: PathBuf,
    /// The year its figures are for.
    pub year: i32,
    /// The workbook's sheet; the first when `None`.
    pub sheet: Option<String>,
    /// Which indices to import.
    pub choice: Choice,
    /// Columns given explicitly, instead of recognised by their headers.
    pub columns: Option<Mapping>,
    /// The data folder to write `<year>.yaml` into.
    pub into: PathBuf,
    /// For a new year: the yearly file whose provinces and regions it takes.
    pub provinces_from: Option<PathBuf>,
    /// The source every imported figure cites.
    pub source: NewSource,
    /// The day the results were announced, to fill in.
    pub announced: Option<chrono::NaiveDate>,
    /// Replace figures that differ from the table's.
    pub overwrite: bool,
    /// Show what would change; write nothing.
    pub dry_run: bool,
    /// Warnings count as errors.
    pub strict: bool,
}

/// What an import read, changed and wrote.
#[derive(Debug)]
pub struct ImportSummary {
    /// The yearly file.
    pub file: PathBuf,
    /// Whether the import creates it.
    pub created: bool,
    /// The file whose province list the names were matched against.
    pub provinces_of: PathBuf,
    /// The sheet read (`None` for CSV) and every sheet of the workbook.
    pub sheet: (Option<String>, Vec<String>),
    /// The columns, in words.
    pub layout: String,
    /// The first and last data row (1-based).
    pub rows: Option<(usize, usize)>,
    /// How many provinces the table gave figures for.
    pub provinces: usize,
    /// Rows for the country or a region, left out: cell and text.
    pub summaries: Vec<(String, String)>,
    /// Every value filled in or replaced.
    pub changes: Vec<Change>,
    /// Values already equal to the table's.
    pub same: usize,
    /// Provinces that now cite the source.
    pub cited: usize,
    /// Whether the source was added to the file's `sources`.
    pub source_added: bool,
    /// How many years were validated with the new file.
    pub years: usize,
    /// Validation warnings, rendered, and how many.
    pub warnings: (String, usize),
    /// Whether the file was written.
    pub written: bool,
}

/// The yearly file an import edits, as read (or as it begins, for a new year).
struct Target {
    path: PathBuf,
    text: String,
    /// Its provinces (for a new year, the template's, under the new year's number).
    year: YearData,
    created: bool,
    provinces_of: PathBuf,
}

/// Imports `config.table` into `config.into`; see the module doc for the order of steps.
pub fn import(config: &ImportConfig) -> Result<ImportSummary, Failure> {
    let fonts = Fonts::load().ok_or(Failure::Fonts)?;
    let before = prepare_loaded(
        load::load_dir_replacing(&config.into, None),
        config.strict,
        fonts,
    );
    if before.has_errors() {
        return Err(Failure::Input(format!(
            "{}{} has errors: fix them before importing into it; nothing was written.",
            before.render_report(),
            config.into.display()
        )));
    }
    let target = target(config, &before)?;
    let (sheet, layout, rows) = read_table(config, &target.year)?;
    check_announced(config, &target, &rows)?;
    let plan = plan(config, &target, &rows)?;
    let edited = plan.apply(&target.text).ok_or_else(|| {
        Failure::Input("error: the edits overlap (a bug in parbrief); nothing was written.".into())
    })?;
    let Prepared { fonts, .. } = before;
    let after = prepare_loaded(
        load::load_dir_replacing(&config.into, Some((&target.path, &edited))),
        config.strict,
        fonts,
    );
    if after.has_errors() {
        return Err(Failure::Input(format!(
            "{}{} as the import would write it does not validate: nothing was written.",
            after.render_report(),
            target.path.display()
        )));
    }
    read_back(&after, &target, &rows)?;
    let written = write(config, &target, &plan, &edited)?;
    Ok(ImportSummary {
        file: target.path,
        created: target.created,
        provinces_of: target.provinces_of,
        sheet: (sheet.name, sheet.sheets),
        layout: layout.describe(),
        rows: rows.span.map(|(a, b)| (a + 1, b + 1)),
        provinces: rows.records.len(),
        summaries: rows.summaries,
        changes: plan.changes,
        same: plan.same,
        cited: plan.cited,
        source_added: plan.source_added,
        years: after.dataset.years.len(),
        warnings: (after.render_report(), after.warnings()),
        written,
    })
}

/// The year's file, or the start of a new one from an earlier year's structure.
fn target(config: &ImportConfig, before: &Prepared) -> Result<Target, Failure> {
    if let Some(year) = before.dataset.year(config.year) {
        if config.provinces_from.is_some() {
            return Err(Failure::Usage(format!(
                "--provinces-from is for a new year, and {} exists: its own provinces are the ones the table is matched against",
                year.file.display()
            )));
        }
        return Ok(Target {
            path: year.file.clone(),
            text: before.text_of(&year.file).unwrap_or_default().to_string(),
            year: year.clone(),
            created: false,
            provinces_of: year.file.clone(),
        });
    }
    let path = config.into.join(format!("{}.yaml", config.year));
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(Failure::Input(format!(
            "error: {} exists but holds no dataset for {}; nothing was written.",
            path.display(),
            config.year
        )));
    }
    let mut template = template(config, before)?;
    let origin = match &config.sheet {
        Some(sheet) => format!("{}, sheet {sheet:?}", config.table.display()),
        None => config.table.display().to_string(),
    };
    let text = new_year::text(&template, config.year, &origin, &config.source);
    let provinces_of = template.file.clone();
    template.year = config.year;
    template.announced = None;
    Ok(Target {
        path,
        text,
        year: template,
        created: true,
        provinces_of,
    })
}

/// The structure a new year takes: `--provinces-from`, or the latest earlier year.
fn template(config: &ImportConfig, before: &Prepared) -> Result<YearData, Failure> {
    let Some(file) = &config.provinces_from else {
        return before
            .dataset
            .years
            .iter()
            .rev()
            .find(|y| y.year < config.year)
            .cloned()
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "{} has no year before {} to take the provinces from: name a yearly file with --provinces-from (e.g. --provinces-from data/2024.yaml)",
                    config.into.display(),
                    config.year
                ))
            });
    };
    let prepared = prepare_loaded(load::load_file(file), false, before.fonts.clone());
    if prepared.has_errors() {
        return Err(Failure::Input(format!(
            "{}{} has errors: fix them before taking its provinces; nothing was written.",
            prepared.render_report(),
            file.display()
        )));
    }
    prepared.dataset.years.into_iter().next().ok_or_else(|| {
        Failure::Input(format!(
            "error: {} holds no dataset; nothing was written.",
            file.display()
        ))
    })
}

/// The table, its columns and its rows; every problem in them, or none.
fn read_table(
    config: &ImportConfig,
    year: &YearData,
) -> Result<(table::Sheet, Layout, Rows), Failure> {
    let path = &config.table;
    let bytes = load::read_table(path).map_err(|d| input_failure(&[*d], &[]))?;
    let sheet = table::read(path, &bytes, config.sheet.as_deref())
        .map_err(|d| input_failure(&[*d], &[]))?;
    let quoted: Vec<SourceFile> = sheet
        .csv
        .iter()
        .map(|csv| SourceFile {
            path: path.clone(),
            text: csv.text.clone(),
        })
        .collect();
    let (layout, mut problems) =
        columns::find(&sheet, path, config.choice, config.columns.as_ref());
    let rows = layout
        .as_ref()
        .map(|layout| rows::read(&sheet, path, layout, year))
        .unwrap_or_default();
    problems.extend(rows.problems.iter().cloned());
    let layout = match layout {
        Some(layout) if problems.is_empty() => layout,
        _ => {
            return Err(Failure::Input(format!(
                "{}{} problem(s) in {}: nothing was written.",
                render_all(&problems, &quoted),
                problems.len(),
                path.display()
            )));
        }
    };
    if rows.records.iter().all(|r| r.figures.is_empty()) {
        return Err(Failure::Input(format!(
            "error: no row of {} gives a figure for a province ({}); nothing was written.",
            path.display(),
            layout.describe()
        )));
    }
    Ok((sheet, layout, rows))
}

/// A year with figures needs its announcement date (`validate` requires it): asked for here,
/// by the option that gives it, rather than reported in a file not yet written.
fn check_announced(config: &ImportConfig, target: &Target, rows: &Rows) -> Result<(), Failure> {
    let has_figures = rows.records.iter().any(|r| !r.figures.is_empty());
    if has_figures && target.year.announced.is_none() && config.announced.is_none() {
        return Err(Failure::Usage(format!(
            "{} has no announcement date, which a year with figures needs: pass --announced YYYY-MM-DD (the day the results for {} were announced)",
            target.path.display(),
            config.year
        )));
    }
    Ok(())
}

/// The edits, or the conflicts that stop them.
fn plan(config: &ImportConfig, target: &Target, rows: &Rows) -> Result<Plan, Failure> {
    let announced = config.announced.map(|d| d.format("%Y-%m-%d").to_string());
    let ask = Ask {
        records: &rows.records,
        source: &config.source,
        announced: announced.as_deref(),
        overwrite: config.overwrite,
    };
    let file = [SourceFile {
        path: target.path.clone(),
        text: target.text.clone(),
    }];
    let plan = edit::plan(&target.path, &target.text, &target.year, ask).map_err(|r| match r {
        Refusal::SourceTaken(message) => Failure::Usage(message),
        Refusal::Unedited(d) => input_failure(&[*d], &file),
    })?;
    if !plan.conflicts.is_empty() {
        return Err(Failure::Input(format!(
            "{}{} value(s) in {} differ from the table: nothing was written (--overwrite replaces them with the table's).",
            render_all(&plan.conflicts, &file),
            plan.conflicts.len(),
            target.path.display()
        )));
    }
    Ok(plan)
}

/// Reads the table's figures back from the validated dataset: the edits landed where meant.
fn read_back(after: &Prepared, target: &Target, rows: &Rows) -> Result<(), Failure> {
    let data = after.dataset.year(target.year.year);
    for record in &rows.records {
        let id = &target.year.provinces[record.province].id;
        let province = data.and_then(|d| d.province_index(id).map(|i| &d.provinces[i]));
        for figure in &record.figures {
            let published = province.map(|p| p.published(figure.field.index));
            let got = published.and_then(|p| match figure.field.kind {
                Kind::Score => p.score.map(|s| s.hundredths()),
                Kind::Rank => p.rank,
                Kind::RegionRank => p.region_rank,
            });
            if got != Some(figure.value) {
                return Err(Failure::Input(format!(
                    "error: {id}'s {} reads back as {got:?}, not {} from {} (a bug in parbrief); nothing was written.",
                    figure.field.path(),
                    figure.value,
                    figure.cell
                )));
            }
        }
    }
    Ok(())
}

/// Writes the new text, unless asked not to or nothing changes; refuses when the file changed
/// since it was read, or is read-only.
fn write(
    config: &ImportConfig,
    target: &Target,
    plan: &Plan,
    edited: &str,
) -> Result<bool, Failure> {
    if config.dry_run || (plan.changes.is_empty() && !target.created) {
        return Ok(false);
    }
    let path = &target.path;
    let refuse = |why: String| Failure::Input(format!("error: {why}; nothing was written."));
    match std::fs::symlink_metadata(path) {
        Ok(_) if target.created => {
            return Err(refuse(format!(
                "{} appeared while importing",
                path.display()
            )));
        }
        Ok(meta) if meta.permissions().readonly() => {
            return Err(refuse(format!("{} is read-only", path.display())));
        }
        Ok(_) => {
            let now = load::load_file(path);
            let same = now.files.first().is_some_and(|f| f.text == target.text);
            if !same {
                return Err(refuse(format!(
                    "{} changed while importing; run the import again",
                    path.display()
                )));
            }
        }
        Err(_) if target.created => {}
        Err(e) => return Err(refuse(format!("cannot read {}: {e}", path.display()))),
    }
    crate::write::write_atomically(path, edited.as_bytes())
        .map_err(|e| Failure::Input(format!("error: {e}\nnothing was written.")))?;
    Ok(true)
}
