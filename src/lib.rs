//! cis-monitor: audit the CIS AWS Foundations Benchmark monitoring controls.
//!
//! Data flows one way: `cli` -> `settings` -> `collect` (AWS) or `snapshot`
//! (file) -> [`model::Snapshot`] -> `evaluate` (pure; uses `pattern` and
//! `catalogue`) -> `report` (table or JSON, and the exit code).
//!
//! The `collect` module exists only with the `aws` cargo feature (on by
//! default); without it nothing depends on the AWS SDK or tokio, and `audit`
//! needs `--snapshot`.

// Results go to stdout only through `run`'s writer, diagnostics through it or
// `tracing`; no code path may panic on input (tests may).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::print_stdout,
        clippy::print_stderr,
        clippy::dbg_macro
    )
)]

pub mod catalogue;
pub mod cli;
#[cfg(feature = "aws")]
pub mod collect;
pub mod evaluate;
pub mod model;
pub mod pattern;
pub mod report;
pub mod run;
pub mod settings;
pub mod snapshot;
