//! Shared builders for the evaluate tests: a small test catalogue and a compliant snapshot.
#![allow(dead_code)]

use cis_monitor::catalogue::{self, Benchmark, Control};
use cis_monitor::evaluate::{AuditReport, ControlResult, Status, evaluate};
use cis_monitor::model::{
    AdvancedSelector, Alarm, ClassicSelector, EventSelectors, FieldSelector, Gap, LogGroup,
    MetricFilter, MetricQuery, MetricTransformation, Snapshot, Subscription, Topic, Trail,
    TrailStatus,
};

pub const ACCOUNT: &str = "111122223333";
pub const REGION: &str = "us-east-1";
pub const TOPIC: &str = "arn:aws:sns:us-east-1:111122223333:cis-alerts";
pub const LOG_GROUP: &str = "CloudTrail/Default";

pub const CLOUDTRAIL: &str = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }";
pub const KMS: &str = "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }";
pub const MFA_BASIC: &str =
    "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }";
pub const MFA_SSO: &str = "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }";

/// The three CIS 7.0.0 controls these tests exercise, from the real catalogue.
pub fn controls() -> Vec<&'static Control> {
    ["5.2", "5.5", "5.7"]
        .iter()
        .map(|id| catalogue::find(Benchmark::Cis700, id).expect("control in the catalogue"))
        .collect()
}

pub fn log_group_arn(name: &str, region: &str) -> String {
    format!("arn:aws:logs:{region}:{ACCOUNT}:log-group:{name}:*")
}

pub fn trail(name: &str) -> Trail {
    Trail {
        name: name.into(),
        arn: format!("arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/{name}"),
        home_region: REGION.into(),
        is_multi_region: true,
        is_organization_trail: false,
        log_group_arn: Some(log_group_arn(LOG_GROUP, REGION)),
        status: Some(TrailStatus {
            is_logging: true,
            latest_cloudwatch_logs_delivery_error: None,
            latest_cloudwatch_logs_delivery_time: None,
        }),
        selectors: Some(classic(&[("All", true, &[])])),
    }
}

pub fn classic(sel: &[(&str, bool, &[&str])]) -> EventSelectors {
    EventSelectors {
        classic: sel
            .iter()
            .map(|(rw, mgmt, excl)| ClassicSelector {
                read_write_type: rw.to_string(),
                include_management_events: *mgmt,
                exclude_management_event_sources: excl.iter().map(|s| s.to_string()).collect(),
            })
            .collect(),
        advanced: vec![],
    }
}

pub fn field(name: &str, equals: &[&str], not_equals: &[&str]) -> FieldSelector {
    FieldSelector {
        field: name.into(),
        equals: equals.iter().map(|s| s.to_string()).collect(),
        starts_with: vec![],
        ends_with: vec![],
        not_equals: not_equals.iter().map(|s| s.to_string()).collect(),
        not_starts_with: vec![],
        not_ends_with: vec![],
    }
}

pub fn advanced(selectors: Vec<Vec<FieldSelector>>) -> EventSelectors {
    EventSelectors {
        classic: vec![],
        advanced: selectors
            .into_iter()
            .map(|f| AdvancedSelector {
                name: None,
                field_selectors: f,
            })
            .collect(),
    }
}

pub fn transformation(metric: &str) -> MetricTransformation {
    MetricTransformation {
        metric_name: metric.into(),
        metric_namespace: "CISBenchmark".into(),
        metric_value: "1".into(),
        default_value: None,
        dimensions: vec![],
        unit: None,
    }
}

pub fn filter(name: &str, pattern: &str, metric: &str) -> MetricFilter {
    MetricFilter {
        name: name.into(),
        pattern: pattern.into(),
        transformations: vec![transformation(metric)],
    }
}

pub fn log_group(name: &str, filters: Vec<MetricFilter>) -> LogGroup {
    LogGroup {
        arn: log_group_arn(name, REGION),
        name: name.into(),
        region: REGION.into(),
        account_id: ACCOUNT.into(),
        metric_filters: Some(filters),
    }
}

pub fn alarm(name: &str, metric: &str, actions: &[&str]) -> Alarm {
    Alarm {
        name: name.into(),
        arn: format!("arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:{name}"),
        region: REGION.into(),
        metric_name: Some(metric.into()),
        namespace: Some("CISBenchmark".into()),
        dimensions: vec![],
        metrics: vec![],
        statistic: Some("Sum".into()),
        extended_statistic: None,
        period: Some(300),
        unit: None,
        evaluation_periods: Some(1),
        datapoints_to_alarm: None,
        threshold: Some(1.0),
        comparison_operator: Some("GreaterThanOrEqualToThreshold".into()),
        treat_missing_data: None,
        actions_enabled: true,
        alarm_actions: actions.iter().map(|s| s.to_string()).collect(),
        ok_actions: vec![],
        insufficient_data_actions: vec![],
        state_value: Some("OK".into()),
    }
}

pub fn query(id: &str, ret: bool, expr: Option<&str>, metric: Option<&str>) -> MetricQuery {
    MetricQuery {
        id: id.into(),
        return_data: ret,
        expression: expr.map(Into::into),
        metric_name: metric.map(Into::into),
        namespace: metric.map(|_| "CISBenchmark".into()),
        dimensions: vec![],
        stat: metric.map(|_| "Sum".into()),
        period: Some(300),
        account_id: None,
    }
}

pub fn confirmed(n: usize) -> Subscription {
    Subscription {
        subscription_arn: format!("{TOPIC}:0000-{n}"),
        protocol: "email".into(),
        endpoint: format!("sec{n}@example.com"),
    }
}

pub fn pending() -> Subscription {
    Subscription {
        subscription_arn: "PendingConfirmation".into(),
        protocol: "email".into(),
        endpoint: "new@example.com".into(),
    }
}

pub fn topic(arn: &str, subs: Option<Vec<Subscription>>) -> Topic {
    Topic {
        arn: arn.into(),
        region: REGION.into(),
        subscriptions: subs,
    }
}

pub fn gap(service: &str, op: &str, resource: Option<&str>) -> Gap {
    Gap {
        service: service.into(),
        operation: op.into(),
        region: REGION.into(),
        resource: resource.map(Into::into),
        error: "User is not authorized to perform this operation".into(),
        code: Some("AccessDeniedException".into()),
    }
}

/// One multi-region logging trail -> log group with one exact filter per
/// test control -> one alarm per metric -> one topic with a confirmed subscription.
pub fn compliant() -> Snapshot {
    let mut s = Snapshot::new(REGION);
    s.account_id = Some(ACCOUNT.into());
    s.trails.push(trail("main"));
    s.log_groups.push(log_group(
        LOG_GROUP,
        vec![
            filter("mfa", MFA_BASIC, "NoMfaSignIn"),
            filter("cloudtrail-changes", CLOUDTRAIL, "CloudTrailChanges"),
            filter("kms", KMS, "KmsKeyDeletion"),
        ],
    ));
    for m in ["NoMfaSignIn", "CloudTrailChanges", "KmsKeyDeletion"] {
        s.alarms.push(alarm(&format!("cis-{m}"), m, &[TOPIC]));
    }
    s.topics.push(topic(TOPIC, Some(vec![confirmed(1)])));
    s
}

pub fn run(s: &Snapshot) -> AuditReport {
    evaluate(s, Benchmark::Cis700, &controls())
}

pub fn result<'a>(r: &'a AuditReport, slug: &str) -> &'a ControlResult {
    r.results
        .iter()
        .find(|c| c.control == slug)
        .unwrap_or_else(|| panic!("no result for {slug}"))
}

pub const CT: &str = "cloudtrail-config-changes";
pub const KMS_SLUG: &str = "cmk-disable-or-deletion";
pub const MFA: &str = "console-signin-without-mfa";

/// Assert a status and that the reason contains `needle`; returns the result.
pub fn expect<'a>(
    r: &'a AuditReport,
    slug: &str,
    status: Status,
    needle: &str,
) -> &'a ControlResult {
    let c = result(r, slug);
    assert_eq!(c.status, status, "{slug}: {c:#?}");
    assert!(
        c.reason.contains(needle),
        "{slug}: reason {:?} lacks {needle:?}",
        c.reason
    );
    c
}

pub fn statuses(r: &AuditReport) -> Vec<Status> {
    r.results.iter().map(|c| c.status).collect()
}
