//! Fuzzes everything user bytes reach before a PDF is drawn: decoding, YAML parsing,
//! validation, ranking, diagnostics rendering, the briefing templates and the layout.
//! Run: `cargo fuzz run load_validate -s none` (stable toolchain), seeded from `seeds/`.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use parbrief::{app, briefing, issuer, layout, load, model, pdf, wording};

fn wording() -> &'static wording::Wording {
    static WORDING: OnceLock<wording::Wording> = OnceLock::new();
    WORDING.get_or_init(|| wording::Wording::builtin(model::Lang::Vi).expect("templates compile"))
}

fn fonts() -> &'static pdf::Fonts {
    static FONTS: OnceLock<pdf::Fonts> = OnceLock::new();
    FONTS.get_or_init(|| pdf::Fonts::load().expect("embedded fonts parse"))
}

fn issuer() -> &'static issuer::Issuer {
    static ISSUER: OnceLock<issuer::Issuer> = OnceLock::new();
    ISSUER.get_or_init(|| app::issuer_of(None, fonts()).expect("the default issuer is valid"))
}

fuzz_target!(|data: &[u8]| {
    let mut loaded = load::Loaded::default();
    loaded.add(Path::new("data/2020.yaml"), data);
    let prepared = app::prepare_loaded(loaded, false, fonts().clone());
    let _ = prepared.render_report();
    for year in &prepared.dataset.years {
        for profile in [briefing::Profile::PhuLuc, briefing::Profile::BaoCao] {
            let issue = briefing::Issue {
                profile,
                issuer: issuer(),
                date: year.announced,
                printed_only: false,
            };
            for province in year.provinces.iter().filter(|p| p.has_any_figure()) {
                if let Ok(b) = briefing::build(
                    &prepared.dataset,
                    &prepared.rankings,
                    year.year,
                    &province.id,
                    wording(),
                    &issue,
                ) {
                    let _ = layout::layout(&b, &prepared.fonts, layout::Geometry::A4);
                }
            }
        }
    }
});
