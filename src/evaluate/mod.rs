//! Evaluation of a snapshot against the catalogue: pure, no IO (stub: signatures only).

use crate::catalogue::{Benchmark, Control};
use crate::model::Snapshot;
use crate::report::ExitStatus;

/// The result of an audit: one entry per control.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditReport {
    pub benchmark: Benchmark,
}

impl AuditReport {
    pub fn exit_status(&self) -> ExitStatus {
        ExitStatus::Unknown
    }
}

pub fn evaluate(
    _snapshot: &Snapshot,
    benchmark: Benchmark,
    _controls: &[&'static Control],
) -> AuditReport {
    AuditReport { benchmark }
}
