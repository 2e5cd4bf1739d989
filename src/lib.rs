//! parbrief: yearly PAR Index / SIPAS datasets in, one Vietnamese PDF briefing per province out.
//!
//! ```text
//! data/*.yaml ─load─▶ raw (serde, spans) ─validate─▶ Dataset ─rank─▶ Rankings
//!               Dataset + Rankings + templates/ ─briefing─▶ Briefing (format-neutral)
//!                            Briefing ─layout─▶ pages ─pdf─▶ bytes ─write─▶ out/
//! ```
//! Only `load` and `write` touch the file system; every arrow between them is a pure function.

pub mod batch;
pub mod briefing;
pub mod cli;
mod dehint;
pub mod diagnostics;
pub mod format;
pub mod issuer;
pub mod layout;
pub mod load;
pub mod model;
pub mod pdf;
pub mod rank;
pub mod synthetic;
pub mod validate;
pub mod wording;
pub mod write;

/// The PDF date of a year's briefings: `SOURCE_DATE_EPOCH` when set (reproducible builds),
/// else the year's announcement date — never the clock, so rebuilds give the same bytes.
pub fn reproducible_timestamp(dataset: &model::Dataset) -> impl Fn(i32) -> i64 + '_ {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok());
    move |year| {
        epoch.unwrap_or_else(|| {
            dataset
                .year(year)
                .and_then(|y| y.announced.and_hms_opt(0, 0, 0))
                .map_or(0, |t| t.and_utc().timestamp())
        })
    }
}

/// Lays out and renders one briefing, then checks that what was drawn names its own province
/// and year before anyone writes it: a guard against the "every report got the last
/// province's content" failure batch generators have had. Returns the PDF and its page count.
pub fn render(
    b: &briefing::Briefing,
    fonts: &pdf::Fonts,
    timestamp: i64,
) -> Result<(Vec<u8>, usize), String> {
    let pages = layout::layout(b, fonts, layout::Geometry::A4);
    let drawn = layout::drawn_text(&pages);
    let year = b.year.to_string();
    for (what, needle) in [
        ("province name", b.province_name.as_str()),
        ("year", year.as_str()),
    ] {
        if !drawn.contains(needle) || !b.metadata.title.contains(needle) {
            return Err(format!(
                "the rendered briefing does not state its own {what} `{needle}`; nothing written for it"
            ));
        }
    }
    let bytes = pdf::render(&pages, &b.metadata, fonts, &layout::Geometry::A4, timestamp);
    Ok((bytes, pages.len()))
}
