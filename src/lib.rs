//! parbrief: yearly PAR Index / SIPAS datasets in, one Vietnamese PDF briefing per province out.
//!
//! ```text
//! data/*.yaml ─load─▶ raw (serde, spans) ─validate─▶ Dataset ─rank─▶ Rankings
//!               Dataset + Rankings + templates/ ─briefing─▶ Briefing (format-neutral)
//!                 Briefing ─layout─▶ pages + structure ─pdf─▶ bytes ─write─▶ out/
//! ```
//! `app` runs the pipeline for the command line (`cli`), the fuzz target and the tests. Only
//! `load` and `write` touch the file system; every arrow between them is a pure function.
//! `import` turns an office table of results into a yearly file's text (read by `load`,
//! checked by `validate`, written by `write`).

pub mod app;
pub mod batch;
pub mod briefing;
pub mod cli;
pub mod diagnostics;
pub mod format;
pub mod import;
pub mod issuer;
pub mod layout;
pub mod list;
pub mod load;
pub mod model;
pub mod pdf;
pub mod rank;
pub mod raw;
pub mod structure;
pub mod synthetic;
pub mod validate;
pub mod wording;
pub mod write;
