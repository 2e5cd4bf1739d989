//! Fuzzes the two other inputs a user brings: the issuer file (`--issuer`) and a template
//! (`--templates`). The first byte chooses which; the rest is the file. Whatever passes the
//! checks is used to build and lay out a briefing of the SYNTHETIC test dataset.
//! Run: `cargo fuzz run issuer_templates -s none` (stable toolchain), seeded from `seeds/`.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use parbrief::{app, briefing, issuer, layout, load, model, pdf, wording};

fn fonts() -> &'static pdf::Fonts {
    static FONTS: OnceLock<pdf::Fonts> = OnceLock::new();
    FONTS.get_or_init(|| pdf::Fonts::load().expect("embedded fonts parse"))
}

fn prepared() -> &'static app::Prepared {
    static PREPARED: OnceLock<app::Prepared> = OnceLock::new();
    PREPARED.get_or_init(|| {
        let mut loaded = load::Loaded::default();
        loaded.add(
            Path::new("tests/fixtures/valid/2030.yaml"),
            include_bytes!("../../tests/fixtures/valid/2030.yaml"),
        );
        app::prepare_loaded(loaded, false, fonts().clone())
    })
}

fn default_issuer() -> &'static issuer::Issuer {
    static ISSUER: OnceLock<issuer::Issuer> = OnceLock::new();
    ISSUER.get_or_init(|| app::issuer_of(None, fonts()).expect("the default issuer is valid"))
}

/// Builds and lays out every briefing of the test dataset, in both forms.
fn lay_out(wording: &wording::Wording, issuer: &issuer::Issuer) {
    let prepared = prepared();
    for year in &prepared.dataset.years {
        for profile in [briefing::Profile::PhuLuc, briefing::Profile::BaoCao] {
            let issue = briefing::Issue {
                profile,
                issuer,
                date: year.announced,
                printed_only: false,
            };
            for province in year.provinces.iter().filter(|p| p.has_any_figure()) {
                if let Ok(b) = briefing::build(
                    &prepared.dataset,
                    &prepared.rankings,
                    year.year,
                    &province.id,
                    wording,
                    &issue,
                ) {
                    let _ = layout::layout(&b, fonts(), layout::Geometry::A4);
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if which % 2 == 0 {
        if let Ok(issuer) = app::issuer_from_text(Path::new("issuer.yaml"), text, fonts()) {
            let builtin = wording::Wording::builtin(model::Lang::Vi).expect("templates compile");
            lay_out(&builtin, &issuer);
        }
    } else {
        let covers = |c| fonts().covers(c);
        if wording::undrawable("briefing.j2", text, &covers).is_some() {
            return;
        }
        let lang = if which % 4 == 1 {
            model::Lang::Vi
        } else {
            model::Lang::En
        };
        if let Ok(wording) = wording::Wording::new(lang, "briefing.j2".into(), text.to_string()) {
            lay_out(&wording, default_issuer());
        }
    }
});
