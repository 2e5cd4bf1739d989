//! Fuzzes `parbrief import`'s reading of a table, the file a user brings from the Ministry:
//! the bytes as a CSV, XLSX, ODS or XLS file (told apart by content, as `import` does), its
//! header and columns, its rows matched against the SYNTHETIC test dataset, and the edits
//! planned on that dataset's file, whose result is then validated like any data file.
//! Run: `cargo fuzz run import_table -s none` (stable toolchain), seeded from `seeds/`.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use parbrief::import::{Choice, NewSource, columns, edit, rows, table};
use parbrief::{app, load, pdf};

const DATA: &str = "tests/fixtures/valid/2030.yaml";
const TEXT: &str = include_str!("../../tests/fixtures/valid/2030.yaml");

fn fonts() -> &'static pdf::Fonts {
    static FONTS: OnceLock<pdf::Fonts> = OnceLock::new();
    FONTS.get_or_init(|| pdf::Fonts::load().expect("embedded fonts parse"))
}

fn prepared() -> &'static app::Prepared {
    static PREPARED: OnceLock<app::Prepared> = OnceLock::new();
    PREPARED.get_or_init(|| {
        let mut loaded = load::Loaded::default();
        loaded.add(Path::new(DATA), TEXT.as_bytes());
        app::prepare_loaded(loaded, false, fonts().clone())
    })
}

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("table");
    let Ok(sheet) = table::read(path, bytes, None) else {
        return;
    };
    let year = &prepared().dataset.years[0];
    let (Some(layout), _) = columns::find(&sheet, path, Choice::Any, None) else {
        return;
    };
    let rows = rows::read(&sheet, path, &layout, year);
    let source = NewSource {
        id: "FUZZ".into(),
        publisher: ("fuzz".into(), None),
        title: ("fuzz".into(), None),
        date: None,
        address: "fuzz".into(),
    };
    let ask = edit::Ask {
        records: &rows.records,
        source: &source,
        announced: None,
        overwrite: true,
    };
    let Ok(plan) = edit::plan(Path::new(DATA), TEXT, year, ask) else {
        return;
    };
    let edited = plan
        .apply(TEXT)
        .expect("the edits of a parsed file never overlap");
    let mut loaded = load::Loaded::default();
    loaded.add(Path::new(DATA), edited.as_bytes());
    let after = app::prepare_loaded(loaded, false, fonts().clone());
    let _ = after.render_report();
});
