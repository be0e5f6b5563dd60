//! The audit report as a table for people and as versioned JSON (`cis-monitor/audit/v1`).

use comfy_table::{
    ColumnConstraint, ContentArrangement, Table, Width, presets::UTF8_FULL_CONDENSED,
};
use serde::Serialize;
use serde_json::Value;

use crate::evaluate::{AuditReport, Chain, ControlResult};
use crate::model::Gap;

/// The `schema` value of the JSON output. Bump on any incompatible change.
pub const SCHEMA: &str = "cis-monitor/audit/v1";

/// The table's width in columns: fixed, so the output does not depend on the terminal.
const TABLE_WIDTH: u16 = 160;
/// The widest the control title column may get.
const TITLE_WIDTH: u16 = 36;

/// Render the report as a table followed by a summary line (and the gaps).
pub fn table(report: &AuditReport) -> String {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .force_no_tty()
        .set_width(TABLE_WIDTH)
        .set_header(vec![
            "ID",
            "Control",
            "Status",
            "Evidence / reason",
            "Warnings",
        ]);
    for r in &report.results {
        t.add_row(vec![
            clean(r.id),
            clean(r.title),
            r.status.as_str().to_string(),
            evidence_cell(r),
            r.warnings
                .iter()
                .map(|w| clean(w))
                .collect::<Vec<_>>()
                .join("\n"),
        ]);
    }
    if let Some(col) = t.column_mut(1) {
        col.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(TITLE_WIDTH)));
    }
    let s = &report.summary;
    let mut out = t.to_string();
    out.push('\n');
    out.push_str(&format!(
        "{} controls: {} PASS, {} FAIL, {} UNKNOWN\n",
        s.controls, s.pass, s.fail, s.unknown
    ));
    if !report.gaps.is_empty() {
        let n = report.gaps.len();
        let plural = if n == 1 { "" } else { "s" };
        out.push_str(&format!("{n} gap{plural} (could not be read):\n"));
        for g in &report.gaps {
            let mut line = format!("  {} {} in {}", g.service, g.operation, g.region);
            if let Some(r) = &g.resource {
                line.push_str(&format!(" for {r}"));
            }
            line.push_str(": ");
            if let Some(c) = &g.code {
                line.push_str(&format!("{c}: "));
            }
            line.push_str(&g.error);
            out.push_str(&clean(&line));
            out.push('\n');
        }
    }
    out
}

/// The compact chain for a PASS, or the reason (plus the missed event) otherwise.
fn evidence_cell(r: &ControlResult) -> String {
    let mut lines = Vec::new();
    if r.status == crate::evaluate::Status::Pass {
        lines.push(compact_chain(&r.evidence));
    } else {
        lines.push(r.reason.clone());
        if let Some(e) = &r.missed_event {
            lines.push(format!("missed event: {}", compact_json(e)));
        }
        let chain = compact_chain(&r.evidence);
        if !chain.is_empty() {
            lines.push(format!("chain: {chain}"));
        }
    }
    lines
        .iter()
        .map(|l| clean(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `trail X -> filter Y -> alarm Z -> topic T (2 confirmed)`, as far as it goes.
fn compact_chain(c: &Chain) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &c.trail_name {
        parts.push(format!("trail {t}"));
    }
    if let Some(f) = &c.filter_name {
        match c.relation {
            Some(rel) if !rel.covers() => parts.push(format!("filter {f} ({})", rel.as_str())),
            _ => parts.push(format!("filter {f}")),
        }
    } else if let Some(g) = &c.log_group_name {
        parts.push(format!("log group {g}"));
    }
    if let Some(a) = &c.alarm_name {
        parts.push(format!("alarm {a}"));
    }
    if let Some(t) = &c.topic_arn {
        let name = t.rsplit(':').next().unwrap_or(t);
        match (c.confirmed_subscriptions, c.pending_subscriptions) {
            (Some(n), Some(p)) if p > 0 => {
                parts.push(format!("topic {name} ({n} confirmed, {p} pending)"))
            }
            (Some(n), _) => parts.push(format!("topic {name} ({n} confirmed)")),
            (None, _) => parts.push(format!("topic {name}")),
        }
    }
    parts.join(" -> ")
}

fn compact_json(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Make text from AWS safe for a terminal: escape control characters (ANSI
/// escapes included, since they start with ESC) and bidirectional overrides.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// Render the report as `cis-monitor/audit/v1` JSON (pretty, newline-terminated).
pub fn json(report: &AuditReport) -> String {
    let doc = AuditJson {
        schema: SCHEMA,
        benchmark: report.benchmark.key(),
        account_id: report.account_id.as_deref(),
        region: &report.region,
        summary: SummaryJson {
            controls: report.summary.controls,
            pass: report.summary.pass,
            fail: report.summary.fail,
            unknown: report.summary.unknown,
        },
        controls: report.results.iter().map(ControlJson::from).collect(),
        gaps: report.gaps.iter().map(GapJson::from).collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[derive(Serialize)]
struct AuditJson<'a> {
    schema: &'static str,
    benchmark: &'static str,
    account_id: Option<&'a str>,
    region: &'a str,
    summary: SummaryJson,
    controls: Vec<ControlJson<'a>>,
    gaps: Vec<GapJson<'a>>,
}

#[derive(Serialize)]
struct SummaryJson {
    controls: usize,
    pass: usize,
    fail: usize,
    unknown: usize,
}

#[derive(Serialize)]
struct ControlJson<'a> {
    control: &'static str,
    id: &'static str,
    title: &'static str,
    status: &'static str,
    reason: &'a str,
    evidence: EvidenceJson<'a>,
    warnings: &'a [String],
    missed_event: Option<&'a Value>,
    alternative: Option<&'static str>,
}

impl<'a> From<&'a ControlResult> for ControlJson<'a> {
    fn from(r: &'a ControlResult) -> Self {
        ControlJson {
            control: r.control,
            id: r.id,
            title: r.title,
            status: r.status.as_str(),
            reason: &r.reason,
            evidence: EvidenceJson::from(&r.evidence),
            warnings: &r.warnings,
            missed_event: r.missed_event.as_ref(),
            alternative: r.alternative,
        }
    }
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    trail_name: Option<&'a str>,
    trail_arn: Option<&'a str>,
    log_group_arn: Option<&'a str>,
    log_group_name: Option<&'a str>,
    log_group_region: Option<&'a str>,
    filter_name: Option<&'a str>,
    filter_pattern: Option<&'a str>,
    relation: Option<&'static str>,
    metric: Option<MetricJson<'a>>,
    alarm_name: Option<&'a str>,
    alarm_arn: Option<&'a str>,
    topic_arn: Option<&'a str>,
    confirmed_subscriptions: Option<usize>,
    pending_subscriptions: Option<usize>,
}

#[derive(Serialize)]
struct MetricJson<'a> {
    namespace: &'a str,
    name: &'a str,
}

impl<'a> From<&'a Chain> for EvidenceJson<'a> {
    fn from(c: &'a Chain) -> Self {
        EvidenceJson {
            trail_name: c.trail_name.as_deref(),
            trail_arn: c.trail_arn.as_deref(),
            log_group_arn: c.log_group_arn.as_deref(),
            log_group_name: c.log_group_name.as_deref(),
            log_group_region: c.log_group_region.as_deref(),
            filter_name: c.filter_name.as_deref(),
            filter_pattern: c.filter_pattern.as_deref(),
            relation: c.relation.map(|r| r.as_str()),
            metric: c.metric.as_ref().map(|m| MetricJson {
                namespace: &m.namespace,
                name: &m.name,
            }),
            alarm_name: c.alarm_name.as_deref(),
            alarm_arn: c.alarm_arn.as_deref(),
            topic_arn: c.topic_arn.as_deref(),
            confirmed_subscriptions: c.confirmed_subscriptions,
            pending_subscriptions: c.pending_subscriptions,
        }
    }
}

#[derive(Serialize)]
struct GapJson<'a> {
    service: &'a str,
    operation: &'a str,
    region: &'a str,
    resource: Option<&'a str>,
    error: &'a str,
    code: Option<&'a str>,
}

impl<'a> From<&'a Gap> for GapJson<'a> {
    fn from(g: &'a Gap) -> Self {
        GapJson {
            service: &g.service,
            operation: &g.operation,
            region: &g.region,
            resource: g.resource.as_deref(),
            error: &g.error,
            code: g.code.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_escapes_terminal_controls() {
        assert_eq!(clean("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(clean("x\ny"), "x\\u{a}y");
        assert_eq!(clean("evil\u{202e}txt"), "evil\\u{202e}txt");
        assert_eq!(clean("plain ünïcode"), "plain ünïcode");
    }
}
