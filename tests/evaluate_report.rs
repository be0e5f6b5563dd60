//! The audit report as people and programs see it: table, JSON, escaping.

mod evaluate_common;

use cis_monitor::evaluate::AuditReport;
use cis_monitor::report::ExitStatus;
use cis_monitor::report::audit;
use evaluate_common::*;

const OTHER_TOPIC: &str = "arn:aws:sns:us-east-1:111122223333:kms-alerts";

/// One PASS with a warning, one FAIL, one UNKNOWN.
fn mixed() -> AuditReport {
    let mut s = compliant();
    s.collected_at = Some("2026-11-23T19:00:00Z".into());
    // MFA: passes, but its alarm needs two events.
    s.alarms[0].comparison_operator = Some("GreaterThanThreshold".into());
    // CloudTrail changes: alarm actions disabled.
    s.alarms[1].actions_enabled = false;
    // KMS: the alarm notifies a topic whose subscriptions could not be read.
    s.alarms[2].alarm_actions = vec![OTHER_TOPIC.into()];
    s.topics.push(topic(OTHER_TOPIC, None));
    s.gaps
        .push(gap("sns", "ListSubscriptionsByTopic", Some(OTHER_TOPIC)));
    run(&s)
}

#[test]
fn mixed_report_table() {
    let r = mixed();
    assert_eq!(r.exit_status(), ExitStatus::Fail);
    insta::assert_snapshot!("mixed_table", audit::table(&r));
}

#[test]
fn mixed_report_json() {
    let r = mixed();
    let text = audit::json(&r);
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["schema"], "cis-monitor/audit/v1");
    assert_eq!(v["benchmark"], "7.0.0");
    assert_eq!(v["summary"]["fail"], 1);
    assert_eq!(v["controls"][1]["status"], "FAIL");
    insta::assert_snapshot!("mixed_json", text);
}

#[test]
fn summary_line() {
    let t = audit::table(&run(&compliant()));
    assert!(t.contains("3 controls: 3 PASS, 0 FAIL, 0 UNKNOWN"), "{t}");
}

#[test]
fn hostile_names_are_escaped_in_the_table() {
    let mut s = compliant();
    s.trails[0].name = "evil\u{1b}[2J\u{1b}[31mtrail\nline2\u{202e}".into();
    s.alarms[1].name = "alarm\u{7}\u{1b}]0;title\u{7}".into();
    s.alarms[1].actions_enabled = false;
    s.gaps.push(gap(
        "sns",
        "ListSubscriptionsByTopic",
        Some("arn:aws:sns:us-east-1:1:x\u{1b}[0m"),
    ));
    let r = run(&s);
    let t = audit::table(&r);
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!t.contains(bad), "raw {bad:?} in table:\n{t}");
    }
    assert!(t.contains("evil\\u{1b}[2J"), "{t}");
    // JSON escapes control characters itself and stays parseable.
    let j = audit::json(&r);
    assert!(!j.contains('\u{1b}'));
    let v: serde_json::Value = serde_json::from_str(&j).expect("valid JSON");
    assert_eq!(
        v["controls"][1]["evidence"]["trail_name"],
        "evil\u{1b}[2J\u{1b}[31mtrail\nline2\u{202e}"
    );
}

#[test]
fn json_nulls_for_unreached_links() {
    let mut s = compliant();
    s.trails.clear();
    let v: serde_json::Value = serde_json::from_str(&audit::json(&run(&s))).expect("valid JSON");
    let c = &v["controls"][0];
    assert_eq!(c["status"], "FAIL");
    assert!(c["evidence"]["trail_arn"].is_null());
    assert!(c["missed_event"].is_null());
    assert_eq!(c["warnings"], serde_json::json!([]));
}
