//! The `check-pattern` report: how one pattern fares against controls, as a table or JSON.

use super::{ExitStatus, Status, Styling, new_table, status_cell};
use crate::catalogue::{Benchmark, Judgement};
use crate::pattern::RelationKind;
use serde::Serialize;
use serde_json::Value;

/// The `schema` field of the JSON output; bumped on any incompatible change.
pub const SCHEMA: &str = "cis-monitor/check-pattern/v1";

/// The whole answer of `check-pattern`; its JSON form is a documented contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckPatternReport {
    pub schema: &'static str,
    pub benchmark: Benchmark,
    /// The pattern as given.
    pub pattern: String,
    /// The pattern in canonical form (whitespace, quotes and parentheses normalised).
    pub canonical: String,
    pub results: Vec<ControlResult>,
    /// Whether the controls were named with `--control` (each must pass) or are the
    /// whole benchmark (one passing is enough).
    #[serde(skip)]
    pub explicit: bool,
}

/// How the pattern fares against one control.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlResult {
    /// The stable slug.
    pub control: &'static str,
    /// The number in the benchmark.
    pub id: &'static str,
    pub title: &'static str,
    /// Whether the pattern catches every event of some prescribed alternative.
    pub pass: bool,
    /// `PASS`, `FAIL` or `UNKNOWN` (the relation could not be decided).
    pub status: Status,
    /// `equivalent`, `broader`, `narrower`, `overlapping`, `disjoint`, `not_applicable`, `undecided`.
    pub relation: &'static str,
    /// The prescribed pattern compared against (the best of the control's alternatives).
    pub alternative: &'static str,
    /// Where the benchmark prints it: `audit`, `remediation`, ...
    pub alternative_source: &'static str,
    /// An event the prescribed pattern matches and this one does not (when not passing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missed_event: Option<Value>,
    /// An event this pattern matches and the prescribed one does not (when broader or overlapping).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra_event: Option<Value>,
    /// Why the relation is what it is, then the control's notes.
    pub notes: Vec<String>,
    /// How many alternatives the control has (the table names the one compared when several).
    #[serde(skip)]
    pub alternatives: usize,
}

impl ControlResult {
    pub fn from_judgement(j: &Judgement) -> ControlResult {
        let status = j.status();
        let pass = status == Status::Pass;
        let notes = j
            .relation
            .note
            .iter()
            .cloned()
            .chain(j.control.notes.iter().map(|n| n.to_string()))
            .collect();
        ControlResult {
            control: j.control.slug,
            id: j.control.id,
            title: j.control.title,
            pass,
            status,
            relation: j.relation.kind.as_str(),
            alternative: j.alternative.pattern,
            alternative_source: j.alternative.source,
            missed_event: if pass {
                None
            } else {
                j.relation.missed_event.clone()
            },
            extra_event: j.relation.extra_event.clone(),
            notes,
            alternatives: j.control.alternatives.len(),
        }
    }
}

impl CheckPatternReport {
    pub fn new(
        benchmark: Benchmark,
        pattern: &str,
        canonical: String,
        judgements: &[Judgement],
        explicit: bool,
    ) -> CheckPatternReport {
        CheckPatternReport {
            schema: SCHEMA,
            benchmark,
            pattern: pattern.to_string(),
            canonical,
            results: judgements
                .iter()
                .map(ControlResult::from_judgement)
                .collect(),
            explicit,
        }
    }

    /// With `--control`: 0 iff every named control passes. Without: 0 if the pattern
    /// satisfies at least one control. 1 on failure; 3 when an undecided relation is
    /// all that stands between the pattern and a pass.
    pub fn exit_status(&self) -> ExitStatus {
        let statuses = self.results.iter().map(|r| r.status);
        if self.explicit {
            ExitStatus::all_of(statuses)
        } else {
            ExitStatus::any_of(statuses)
        }
    }

    /// Pretty JSON, newline-terminated.
    pub fn json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self).map(|s| s + "\n")
    }

    /// The table, then a summary line.
    pub fn table(&self, styling: Styling) -> String {
        let mut table = new_table(styling);
        table.set_header(["Control", "Title", "Status", "Relation"]);
        for r in &self.results {
            let relation = if r.alternatives > 1 {
                format!("{}\nvs {}", r.relation, r.alternative_source)
            } else {
                r.relation.to_string()
            };
            table.add_row(vec![
                comfy_table::Cell::new(r.id),
                comfy_table::Cell::new(r.title),
                status_cell(r.status, styling),
                comfy_table::Cell::new(relation),
            ]);
            if let Some(details) = self.details(r) {
                table.add_row(vec![
                    comfy_table::Cell::new(""),
                    comfy_table::Cell::new(details),
                    comfy_table::Cell::new(""),
                    comfy_table::Cell::new(""),
                ]);
            }
        }
        format!("Pattern: {}\n{table}\n{}\n", self.canonical, self.summary())
    }

    /// What to show under a row: for a failure, the event that would go unalerted and
    /// why; for all controls of a benchmark, only failures that are near misses.
    fn details(&self, r: &ControlResult) -> Option<String> {
        if r.pass {
            return None;
        }
        let near_miss = r.relation == RelationKind::Narrower.as_str()
            || r.relation == RelationKind::Overlapping.as_str()
            || r.status == Status::Unknown;
        if !self.explicit && !near_miss {
            return None;
        }
        let mut lines = Vec::new();
        if let Some(event) = &r.missed_event {
            lines.push(format!("misses: {event}"));
        }
        let shown_notes = if self.explicit { r.notes.len() } else { 1 };
        for note in r.notes.iter().take(shown_notes) {
            lines.push(format!("note: {note}"));
        }
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    fn summary(&self) -> String {
        let count = |s: Status| self.results.iter().filter(|r| r.status == s).count();
        let (pass, fail, unknown) = (
            count(Status::Pass),
            count(Status::Fail),
            count(Status::Unknown),
        );
        let n = self.results.len();
        let name = self.benchmark.name();
        if self.explicit {
            let what = if n == 1 {
                "named control"
            } else {
                "named controls"
            };
            format!("{pass} of {n} {what} of {name} pass ({fail} fail, {unknown} unknown).")
        } else if pass > 0 {
            let ids: Vec<&str> = self
                .results
                .iter()
                .filter(|r| r.pass)
                .map(|r| r.id)
                .collect();
            format!(
                "The pattern satisfies {pass} of {n} controls of {name}: {}.",
                ids.join(", ")
            )
        } else if unknown > 0 {
            format!(
                "The pattern satisfies none of the {n} controls of {name} that could be decided \
                 ({unknown} undecided)."
            )
        } else {
            format!("The pattern satisfies none of the {n} controls of {name}.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{self, Judgement};
    use crate::pattern::Relation;
    use serde_json::json;

    fn judged(id: &str, kind: RelationKind, missed: Option<Value>) -> Judgement {
        let control = catalogue::find(Benchmark::Cis200, id).expect("a 2.0.0 control");
        Judgement {
            control,
            alternative: &control.alternatives[0],
            relation: Relation {
                kind,
                missed_event: missed,
                extra_event: None,
                note: None,
            },
        }
    }

    fn report(explicit: bool) -> CheckPatternReport {
        let missed = json!({"eventSource": "s3.amazonaws.com", "eventName": "DeleteBucketCors"});
        let judgements = [
            judged("4.8", RelationKind::Narrower, Some(missed)),
            judged(
                "4.9",
                RelationKind::Disjoint,
                Some(json!({"eventName": "PutDeliveryChannel"})),
            ),
            judged("4.13", RelationKind::Undecided, None),
            judged("4.14", RelationKind::Broader, None),
        ];
        CheckPatternReport::new(
            Benchmark::Cis200,
            "{ $.x = 1 }",
            "{ $.x = 1 }".into(),
            &judgements,
            explicit,
        )
    }

    #[test]
    fn exit_status_depends_on_whether_controls_were_named() {
        assert_eq!(report(true).exit_status(), ExitStatus::Fail);
        assert_eq!(report(false).exit_status(), ExitStatus::Pass);
        let mut r = report(false);
        r.results.retain(|r| !r.pass);
        assert_eq!(r.exit_status(), ExitStatus::Unknown);
        r.results.retain(|r| r.status != Status::Unknown);
        assert_eq!(r.exit_status(), ExitStatus::Fail);
    }

    #[test]
    fn json_keeps_the_documented_shape() {
        let text = report(true).json().expect("serialisable");
        let v: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(v["schema"], SCHEMA);
        assert_eq!(v["benchmark"], "2.0.0");
        let r = &v["results"][0];
        assert_eq!(r["control"], "s3-bucket-policy-changes");
        assert_eq!(r["pass"], false);
        assert_eq!(r["relation"], "narrower");
        assert_eq!(r["missed_event"]["eventName"], "DeleteBucketCors");
        assert!(r.get("extra_event").is_none());
        let passing = &v["results"][3];
        assert_eq!(passing["pass"], true);
        assert!(passing.get("missed_event").is_none());
        let route = &v["results"][2];
        assert_eq!(route["status"], "UNKNOWN");
        assert!(route["notes"].as_array().is_some_and(|n| n.is_empty()));
        assert!(!text.contains("\"explicit\""));
    }

    #[test]
    fn the_table_explains_failures() {
        insta::assert_snapshot!(
            "check_pattern_table_named",
            report(true).table(Styling::Plain)
        );
        insta::assert_snapshot!(
            "check_pattern_table_all",
            report(false).table(Styling::Plain)
        );
    }
}
