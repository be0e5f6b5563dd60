//! cis-monitor: audit the CIS AWS Foundations Benchmark monitoring controls.
//!
//! Data flows one way: `cli` -> `settings` -> `collect` (AWS) or `snapshot`
//! (file) -> [`model::Snapshot`] -> `evaluate` (pure; uses `pattern` and
//! `catalogue`) -> `report` (table or JSON, and the exit code).

pub mod catalogue;
pub mod cli;
pub mod collect;
pub mod evaluate;
pub mod model;
pub mod pattern;
pub mod report;
pub mod run;
pub mod settings;
pub mod snapshot;
