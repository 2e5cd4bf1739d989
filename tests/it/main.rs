//! parbrief's integration tests: one binary, grouped by topic. CLI tests run the real program
//! on the real data (or on a copy edited to break it); PDF tests read the text back with a
//! PDF-reading crate, so CI needs no poppler.

mod bounds;
mod cli;
mod conformance;
mod content;
mod diagnostics;
mod export;
mod form;
mod history;
mod import;
mod integrity;
mod output;
mod overview;
mod pdf;
mod project;
mod support;
mod templates;
mod validation;
