use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    parbrief::cli::run(parbrief::cli::Cli::parse())
}
