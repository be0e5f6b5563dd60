//! The `cis-monitor` binary: parse the command line, set up logging, run, exit.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::dbg_macro
)]

use cis_monitor::cli::Cli;
use cis_monitor::report::{ExitStatus, Styling};
use cis_monitor::run::{Io, run};
use cis_monitor::settings::{Environment, Settings};
use clap::Parser;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` print to stdout and exit 0; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(ExitStatus::Usage.code()));
        }
    };
    let settings = match Settings::new(cli, &Environment::detect()) {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(ExitStatus::Usage.code());
        }
    };
    init_logging(settings.verbosity, settings.stderr_styling);
    let mut io = Io {
        stdin: &mut std::io::stdin(),
        stdout: &mut std::io::stdout(),
        stderr: &mut std::io::stderr(),
    };
    ExitCode::from(run(&settings, &mut io).code())
}

/// Logs go to stderr: warnings by default, more with each `-v`; `RUST_LOG` applies when
/// no `-v` is given. aws-config's own warnings (each credential provider that found
/// nothing) are left to `-vv`: the error cis-monitor prints already says it all.
fn init_logging(verbosity: u8, styling: Styling) {
    let default = match verbosity {
        0 => "warn,aws_config=error",
        1 => "warn,aws_config=error,cis_monitor=info",
        2 => "info,cis_monitor=debug",
        _ => "debug,cis_monitor=trace",
    };
    let filter = match EnvFilter::try_from_default_env() {
        Ok(filter) if verbosity == 0 => filter,
        _ => EnvFilter::new(default),
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(styling == Styling::Colored)
        .init();
}
