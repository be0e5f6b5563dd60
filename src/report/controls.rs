//! The `controls` listing: a benchmark's controls as a table or JSON.

use super::{Styling, new_table};
use crate::catalogue::{self, Assessment, Benchmark, Control};
use serde::Serialize;

/// The `schema` field of the JSON output; bumped on any incompatible change.
pub const SCHEMA: &str = "cis-monitor/controls/v1";

/// The JSON document of `cis-monitor controls --output json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlsReport {
    pub schema: &'static str,
    pub benchmark: Benchmark,
    /// `CIS AWS Foundations Benchmark v7.0.0`, ...
    pub name: String,
    pub controls: Vec<ControlEntry>,
}

/// One control in the listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlEntry {
    /// The stable slug.
    pub control: &'static str,
    pub id: &'static str,
    pub title: &'static str,
    /// 1 or 2; absent for Security Hub.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    pub assessment: Assessment,
    /// The prescribed patterns; covering any one passes.
    pub alternatives: Vec<AlternativeEntry>,
    pub notes: Vec<&'static str>,
}

/// One prescribed pattern, exactly as printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlternativeEntry {
    pub source: &'static str,
    pub pattern: &'static str,
}

impl ControlsReport {
    pub fn new(benchmark: Benchmark) -> ControlsReport {
        ControlsReport {
            schema: SCHEMA,
            benchmark,
            name: benchmark.name(),
            controls: catalogue::controls(benchmark)
                .iter()
                .map(ControlEntry::from)
                .collect(),
        }
    }

    /// Pretty JSON, newline-terminated.
    pub fn json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self).map(|s| s + "\n")
    }

    /// One row per control, then a line saying where the patterns are.
    pub fn table(&self, styling: Styling) -> String {
        let mut table = new_table(styling);
        table.set_header(["ID", "Control", "Title", "Level", "Assessment", "Patterns"]);
        for c in &self.controls {
            let sources: Vec<&str> = c.alternatives.iter().map(|a| a.source).collect();
            table.add_row(vec![
                c.id.to_string(),
                c.control.to_string(),
                c.title.to_string(),
                c.level.map_or_else(|| "-".to_string(), |l| l.to_string()),
                c.assessment.as_str().to_string(),
                sources.join("\n"),
            ]);
        }
        format!(
            "{}\n{table}\n{} controls. `--output json` (or docs/controls.md) shows the prescribed \
             patterns and notes.\n",
            self.name,
            self.controls.len()
        )
    }
}

impl From<&'static Control> for ControlEntry {
    fn from(c: &'static Control) -> ControlEntry {
        ControlEntry {
            control: c.slug,
            id: c.id,
            title: c.title,
            level: c.level,
            assessment: c.assessment,
            alternatives: c
                .alternatives
                .iter()
                .map(|a| AlternativeEntry {
                    source: a.source,
                    pattern: a.pattern,
                })
                .collect(),
            notes: c.notes.to_vec(),
        }
    }
}
