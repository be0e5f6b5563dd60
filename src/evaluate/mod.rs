//! Evaluation of a snapshot against the catalogue: pure, sync, deterministic, no IO.

mod alarm;
mod chain;
mod trail;

use serde_json::Value;

use crate::catalogue::{Benchmark, Control};
use crate::model::{Gap, Snapshot};
use crate::pattern::RelationKind;
use crate::report::ExitStatus;

/// The verdict on one control (shared with the check-pattern report).
pub use crate::report::Status;

/// A metric as a filter publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricId {
    pub namespace: String,
    pub name: String,
}

/// The evidence chain: as far as the best chain got (`None` = not reached).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chain {
    pub trail_name: Option<String>,
    pub trail_arn: Option<String>,
    pub log_group_arn: Option<String>,
    pub log_group_name: Option<String>,
    pub log_group_region: Option<String>,
    pub filter_name: Option<String>,
    pub filter_pattern: Option<String>,
    /// How the filter relates to [`ControlResult::alternative`].
    pub relation: Option<RelationKind>,
    pub metric: Option<MetricId>,
    pub alarm_name: Option<String>,
    pub alarm_arn: Option<String>,
    pub topic_arn: Option<String>,
    pub confirmed_subscriptions: Option<usize>,
    pub pending_subscriptions: Option<usize>,
}

/// The verdict on one control, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlResult {
    /// The control's stable slug.
    pub control: &'static str,
    /// The control's number in the benchmark.
    pub id: &'static str,
    pub title: &'static str,
    pub status: Status,
    /// One sentence: why this status.
    pub reason: String,
    /// The passing chain, or the best (furthest-reaching) failing one.
    pub evidence: Chain,
    pub warnings: Vec<String>,
    /// An event the prescribed pattern matches and the nearest filter does not.
    pub missed_event: Option<Value>,
    /// The prescribed pattern the filter was compared to.
    pub alternative: Option<&'static str>,
}

/// Counts of each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub controls: usize,
    pub pass: usize,
    pub fail: usize,
    pub unknown: usize,
}

/// The result of an audit: one entry per control, in catalogue order.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditReport {
    pub benchmark: Benchmark,
    pub account_id: Option<String>,
    pub region: String,
    pub results: Vec<ControlResult>,
    /// The snapshot's gaps, as collected.
    pub gaps: Vec<Gap>,
    pub summary: Summary,
}

impl AuditReport {
    /// FAIL if any control fails, else UNKNOWN if any is unknown, else PASS.
    pub fn exit_status(&self) -> ExitStatus {
        if self.summary.fail > 0 {
            ExitStatus::Fail
        } else if self.summary.unknown > 0 {
            ExitStatus::Unknown
        } else {
            ExitStatus::Pass
        }
    }
}

/// Evaluate `controls` in parallel, one evaluator per thread, results in the
/// order given. Controls share nothing worth caching across them (each has its
/// own prescribed patterns), and an account with thousands of metric filters
/// costs thousands of relations per control.
fn evaluate_controls(snapshot: &Snapshot, controls: &[&'static Control]) -> Vec<ControlResult> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(controls.len());
    if threads <= 1 {
        let mut ev = chain::Evaluator::new(snapshot);
        return controls.iter().map(|c| ev.control(c)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, ControlResult)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut ev = chain::Evaluator::new(snapshot);
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(c) = controls.get(i) else { break out };
                        out.push((i, ev.control(c)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(out) => out,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Evaluate every control in `controls` against `snapshot`.
pub fn evaluate(
    snapshot: &Snapshot,
    benchmark: Benchmark,
    controls: &[&'static Control],
) -> AuditReport {
    let results = evaluate_controls(snapshot, controls);
    let mut summary = Summary {
        controls: results.len(),
        ..Summary::default()
    };
    for r in &results {
        match r.status {
            Status::Pass => summary.pass += 1,
            Status::Fail => summary.fail += 1,
            Status::Unknown => summary.unknown += 1,
        }
    }
    AuditReport {
        benchmark,
        account_id: snapshot.account_id.clone(),
        region: snapshot.region.clone(),
        results,
        gaps: snapshot.gaps.clone(),
        summary,
    }
}
