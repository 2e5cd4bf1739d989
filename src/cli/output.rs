//! What the person at the keyboard sees: results on stdout, problems on stderr (a closed
//! pipe is a normal end, never a panic), the build's summary and its progress bar.

use std::io::Write as _;

use crate::app::{self, Built, Failure};
use crate::batch::Skipped;

/// Prints a failure the way its kind is best read.
pub(super) fn print_err(failure: &Failure) {
    let text = match failure {
        Failure::Usage(message) => format!("error: {message}"),
        Failure::Input(rendered) => rendered.clone(),
        Failure::Output(e) if e.outputs_untouched() => {
            format!("error: {e}\nnothing was written; earlier outputs are untouched.")
        }
        Failure::Output(e) => format!("error: {e}"),
        Failure::Fonts => format!("error: {failure}"),
    };
    // A closed stderr is not worth a panic.
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Prints text as it is to stderr (warnings that come with a result).
pub(super) fn print_err_text(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Prints to stdout; a closed pipe (`parbrief list | head`) is not an error worth a panic.
pub(super) fn print_out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// The summary of a build: what was written, what was skipped and why, how many warnings.
pub(super) fn summary(
    built: &Built,
    out: &std::path::Path,
    quiet: bool,
    warnings: usize,
) -> String {
    let overviews = built
        .entries
        .iter()
        .filter(|e| e.province.is_none())
        .count();
    let briefings = built.entries.len() - overviews;
    let mut summary = if overviews == 0 {
        format!(
            "Wrote {briefings} briefing(s) and manifest.json to {}.\n",
            out.display()
        )
    } else {
        format!(
            "Wrote {briefings} briefing(s), {overviews} national overview(s) (tong-hop.pdf) and manifest.json to {}.\n",
            out.display()
        )
    };
    if !built.skipped.is_empty() && !quiet {
        summary += "No briefing where the dataset has no PAR Index or SIPAS figure:\n";
        for year in &built.skipped {
            summary += &skipped_line(year);
        }
    }
    if warnings > 0 {
        summary += &format!("{warnings} warning(s), shown above.\n");
    }
    summary
}

/// One line per year on the provinces left out: their names when they are few, else how
/// many and how to see which ("  2024: 54 of 63 provinces (`parbrief list --year 2024` shows
/// which)").
fn skipped_line(year: &Skipped) -> String {
    const NAMED: usize = 5;
    let (count, asked) = (year.provinces.len(), year.asked);
    let plural = |n: usize| if n == 1 { "province" } else { "provinces" };
    let named = || {
        let names: Vec<String> = year
            .provinces
            .iter()
            .map(|(id, name)| format!("{id} ({name})"))
            .collect();
        names.join(", ")
    };
    let what = if count <= NAMED && count == asked {
        named()
    } else if count <= NAMED {
        format!("{count} of {asked} {}: {}", plural(asked), named())
    } else if count == asked {
        format!("all {count} provinces")
    } else {
        format!(
            "{count} of {asked} {} (`parbrief list --year {}` shows which)",
            plural(asked),
            year.year
        )
    };
    format!("  {}: {what}\n", year.year)
}

/// A progress bar on stderr for long runs, only when a person is watching.
pub(super) struct Bar {
    pub(super) bar: indicatif::ProgressBar,
    quiet: bool,
}

impl Bar {
    pub(super) fn new(quiet: bool) -> Bar {
        Bar {
            bar: indicatif::ProgressBar::hidden(),
            quiet,
        }
    }
}

impl app::Progress for Bar {
    fn start(&self, jobs: usize) {
        use std::io::IsTerminal as _;
        if self.quiet || jobs < 20 || !std::io::stderr().is_terminal() {
            return;
        }
        self.bar.set_length(jobs as u64);
        self.bar
            .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} briefings, {eta} left")
        {
            self.bar.set_style(style);
        }
    }

    fn tick(&self) {
        self.bar.inc(1);
    }

    fn waiting(&self, out: &std::path::Path) {
        let _ = writeln!(
            std::io::stderr().lock(),
            "Waiting for another parbrief build writing into {} to finish…",
            out.display()
        );
    }
}
