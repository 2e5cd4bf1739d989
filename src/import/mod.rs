//! `parbrief import`: a table of results as offices have it — the Ministry's annex saved as
//! CSV, XLSX or ODS — into a yearly data file, without retyping 63 rows.
//!
//! ```text
//! bytes ─table─▶ Sheet ─columns─▶ Layout ─rows─▶ Records (province + figures, each with its cell)
//!     Records + the year's file ─edit─▶ Plan (fills, conflicts) ─apply─▶ the file's new text
//! ```
//! Every arrow is a pure function; `app::import` reads the files, validates the new text with
//! the rest of the data folder exactly as `validate` would, and writes it only then.
//!
//! Names are matched to the year's province ids exactly after a fixed normalisation
//! (`names`), never by similarity. Every problem in the table is collected with its cell
//! ("Sheet1!B17"), and a figure that differs from the file's is a conflict located in both;
//! a table with any problem changes nothing.

pub mod columns;
pub mod edit;
pub mod fields;
pub mod names;
pub mod new_year;
pub mod numbers;
pub mod rows;
pub mod table;

pub use columns::Layout;
pub use edit::{Change, NewSource, Plan, Refusal};
pub use fields::{Choice, Field, Kind, Mapping};
pub use rows::{Imported, Record, Rows};
pub use table::Sheet;
