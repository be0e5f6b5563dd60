//! Audit report rendering (stub).

use crate::evaluate::AuditReport;

pub fn table(report: &AuditReport) -> String {
    format!("{report:?}")
}

pub fn json(report: &AuditReport) -> String {
    format!("{report:?}")
}
