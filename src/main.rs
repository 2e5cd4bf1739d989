//! The `parbrief` command: parses the arguments and hands them to `parbrief::cli`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    parbrief::cli::run(parbrief::cli::Cli::parse())
}
