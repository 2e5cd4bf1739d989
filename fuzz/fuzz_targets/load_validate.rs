//! Fuzzes everything user bytes reach before a PDF is drawn: decoding, YAML parsing,
//! validation, ranking, diagnostics rendering, the briefing templates and the layout.
//! Run: `cargo fuzz run load_validate -s none` (stable toolchain), seeded from `seeds/`.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use parbrief::{briefing, issuer, layout, load, model, pdf, rank, validate, wording};

fn fonts() -> &'static pdf::Fonts {
    static FONTS: OnceLock<pdf::Fonts> = OnceLock::new();
    FONTS.get_or_init(|| pdf::Fonts::load().expect("embedded fonts parse"))
}

fn wording() -> &'static wording::Wording {
    static WORDING: OnceLock<wording::Wording> = OnceLock::new();
    WORDING.get_or_init(|| wording::Wording::builtin(wording::Lang::Vi).expect("templates compile"))
}

fuzz_target!(|data: &[u8]| {
    let mut loaded = load::Loaded::default();
    loaded.add(Path::new("data/2020.yaml"), data);
    let (years, report) = validate::validate(&loaded, &|c| fonts().covers(c));
    for d in &report.diagnostics {
        let _ = d.render(loaded.text_of(&d.file));
    }
    let dataset = model::Dataset { years };
    let (rankings, _) = rank::rank(&dataset);
    let issuer = issuer::Issuer::default_config();
    for year in &dataset.years {
        for profile in [briefing::Profile::ThamKhao, briefing::Profile::BaoCao] {
            let issue = briefing::Issue {
                profile,
                issuer: &issuer,
                fallback_date: Some(year.announced),
            };
            for province in year.provinces.iter().filter(|p| p.has_any_figure()) {
                if let Ok(b) = briefing::build(
                    &dataset,
                    &rankings,
                    year.year,
                    &province.id,
                    wording(),
                    &issue,
                ) {
                    let _ = layout::layout(&b, fonts(), layout::Geometry::A4);
                }
            }
        }
    }
});
