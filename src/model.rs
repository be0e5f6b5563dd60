//! The snapshot: everything collected from one AWS account, as owned serde types.
//!
//! `collect` fills it from the AWS APIs (and converts SDK types at once), the
//! snapshot file stores it, and `evaluate` reads it. No SDK type appears here.
//! Whatever could not be read is a [`Gap`]: evaluation turns gaps that hide an
//! answer into UNKNOWN, never into PASS.

use serde::{Deserialize, Serialize};

/// Format marker written into every snapshot file.
pub const SNAPSHOT_FORMAT: &str = "cis-monitor-snapshot";
/// Version of the snapshot schema. Bump on any incompatible change.
pub const SNAPSHOT_VERSION: u32 = 1;

/// One account's monitoring configuration, as collected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Always [`SNAPSHOT_FORMAT`].
    pub format: String,
    /// Always [`SNAPSHOT_VERSION`] for files this build writes.
    pub version: u32,
    /// RFC 3339 time of collection (informational; evaluation never reads it).
    #[serde(default)]
    pub collected_at: Option<String>,
    /// The account the credentials belong to, when known.
    #[serde(default)]
    pub account_id: Option<String>,
    /// The region the audit was started from.
    pub region: String,
    /// Every trail DescribeTrails returned (shadow trails included), deduplicated by ARN.
    pub trails: Vec<Trail>,
    /// One entry per log group that some trail delivers to.
    pub log_groups: Vec<LogGroup>,
    /// Alarms found in the log groups' regions that watch a filter's metric.
    pub alarms: Vec<Alarm>,
    /// SNS topics named in those alarms' actions.
    pub topics: Vec<Topic>,
    /// Everything that could not be read.
    pub gaps: Vec<Gap>,
}

impl Snapshot {
    pub fn new(region: impl Into<String>) -> Self {
        Snapshot {
            format: SNAPSHOT_FORMAT.to_string(),
            version: SNAPSHOT_VERSION,
            collected_at: None,
            account_id: None,
            region: region.into(),
            trails: Vec::new(),
            log_groups: Vec::new(),
            alarms: Vec::new(),
            topics: Vec::new(),
            gaps: Vec::new(),
        }
    }
}

/// A CloudTrail trail with its status and event selectors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trail {
    pub name: String,
    pub arn: String,
    pub home_region: String,
    pub is_multi_region: bool,
    #[serde(default)]
    pub is_organization_trail: bool,
    /// `CloudWatchLogsLogGroupArn`, if the trail delivers to CloudWatch Logs.
    #[serde(default)]
    pub log_group_arn: Option<String>,
    /// From GetTrailStatus; `None` when it could not be read (a gap says why).
    #[serde(default)]
    pub status: Option<TrailStatus>,
    /// From GetEventSelectors; `None` when it could not be read (a gap says why).
    #[serde(default)]
    pub selectors: Option<EventSelectors>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrailStatus {
    pub is_logging: bool,
    /// `LatestCloudWatchLogsDeliveryError`, when set.
    #[serde(default)]
    pub latest_cloudwatch_logs_delivery_error: Option<String>,
    /// `LatestCloudWatchLogsDeliveryTime` as RFC 3339, when set.
    #[serde(default)]
    pub latest_cloudwatch_logs_delivery_time: Option<String>,
}

/// A trail's event selectors: classic or advanced (AWS allows only one kind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct EventSelectors {
    #[serde(default)]
    pub classic: Vec<ClassicSelector>,
    #[serde(default)]
    pub advanced: Vec<AdvancedSelector>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassicSelector {
    /// `ReadOnly`, `WriteOnly` or `All` (AWS default `All`).
    pub read_write_type: String,
    /// AWS default `true`.
    pub include_management_events: bool,
    #[serde(default)]
    pub exclude_management_event_sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdvancedSelector {
    #[serde(default)]
    pub name: Option<String>,
    pub field_selectors: Vec<FieldSelector>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSelector {
    pub field: String,
    #[serde(default)]
    pub equals: Vec<String>,
    #[serde(default)]
    pub starts_with: Vec<String>,
    #[serde(default)]
    pub ends_with: Vec<String>,
    #[serde(default)]
    pub not_equals: Vec<String>,
    #[serde(default)]
    pub not_starts_with: Vec<String>,
    #[serde(default)]
    pub not_ends_with: Vec<String>,
}

/// A CloudWatch Logs log group that a trail delivers to, with its metric filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogGroup {
    /// The ARN as the trail names it (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*`).
    pub arn: String,
    pub name: String,
    pub region: String,
    pub account_id: String,
    /// `None` when DescribeMetricFilters could not be read (a gap says why).
    #[serde(default)]
    pub metric_filters: Option<Vec<MetricFilter>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricFilter {
    pub name: String,
    pub pattern: String,
    pub transformations: Vec<MetricTransformation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricTransformation {
    pub metric_name: String,
    pub metric_namespace: String,
    /// `metricValue` as written: a number (`1`) or a selector (`$.latency`).
    pub metric_value: String,
    #[serde(default)]
    pub default_value: Option<f64>,
    /// Dimension name -> selector.
    #[serde(default)]
    pub dimensions: Vec<(String, String)>,
    #[serde(default)]
    pub unit: Option<String>,
}

/// A CloudWatch metric alarm (single-metric or metric math).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alarm {
    pub name: String,
    pub arn: String,
    pub region: String,
    /// Single-metric alarms: the watched metric.
    #[serde(default)]
    pub metric_name: Option<String>,
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default)]
    pub dimensions: Vec<(String, String)>,
    /// Metric-math alarms: the queries.
    #[serde(default)]
    pub metrics: Vec<MetricQuery>,
    #[serde(default)]
    pub statistic: Option<String>,
    #[serde(default)]
    pub extended_statistic: Option<String>,
    #[serde(default)]
    pub period: Option<i32>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub evaluation_periods: Option<i32>,
    #[serde(default)]
    pub datapoints_to_alarm: Option<i32>,
    #[serde(default)]
    pub threshold: Option<f64>,
    #[serde(default)]
    pub comparison_operator: Option<String>,
    #[serde(default)]
    pub treat_missing_data: Option<String>,
    pub actions_enabled: bool,
    #[serde(default)]
    pub alarm_actions: Vec<String>,
    #[serde(default)]
    pub ok_actions: Vec<String>,
    #[serde(default)]
    pub insufficient_data_actions: Vec<String>,
    #[serde(default)]
    pub state_value: Option<String>,
}

/// One `Metrics[]` entry of a metric-math alarm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricQuery {
    pub id: String,
    #[serde(default)]
    pub return_data: bool,
    #[serde(default)]
    pub expression: Option<String>,
    #[serde(default)]
    pub metric_name: Option<String>,
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default)]
    pub dimensions: Vec<(String, String)>,
    #[serde(default)]
    pub stat: Option<String>,
    #[serde(default)]
    pub period: Option<i32>,
    #[serde(default)]
    pub account_id: Option<String>,
}

/// An SNS topic with its subscriptions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub arn: String,
    pub region: String,
    /// `None` when ListSubscriptionsByTopic could not be read (a gap says why).
    #[serde(default)]
    pub subscriptions: Option<Vec<Subscription>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// An ARN when confirmed; `PendingConfirmation` or `Deleted` otherwise.
    pub subscription_arn: String,
    pub protocol: String,
    pub endpoint: String,
}

impl Subscription {
    /// A confirmed subscription has an ARN, not a status word.
    pub fn is_confirmed(&self) -> bool {
        self.subscription_arn.starts_with("arn:")
    }
}

/// Something that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    /// The AWS service (`cloudtrail`, `logs`, `cloudwatch`, `sns`).
    pub service: String,
    /// The operation (`DescribeMetricFilters`, ...).
    pub operation: String,
    pub region: String,
    /// The resource the call was about (ARN or name), if any.
    #[serde(default)]
    pub resource: Option<String>,
    /// What went wrong, as the error said it.
    pub error: String,
    /// The error's code when AWS gave one (`AccessDeniedException`, ...).
    #[serde(default)]
    pub code: Option<String>,
}

/// The parts of a CloudWatch Logs log group ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogGroupArn {
    pub partition: String,
    pub region: String,
    pub account_id: String,
    pub name: String,
}

impl LogGroupArn {
    /// Parse `arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME[:*]`.
    /// Log group names may not contain `:`, so the name ends at the next colon.
    pub fn parse(arn: &str) -> Option<Self> {
        let mut parts = arn.splitn(7, ':');
        let (arn_lit, partition, service, region, account, kind, rest) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        if arn_lit != "arn" || service != "logs" || kind != "log-group" {
            return None;
        }
        let name = rest.split(':').next()?;
        if name.is_empty() {
            return None;
        }
        Some(LogGroupArn {
            partition: partition.to_string(),
            region: region.to_string(),
            account_id: account.to_string(),
            name: name.to_string(),
        })
    }
}

/// The region of any ARN (`arn:aws:sns:REGION:...`), if it has one.
pub fn arn_region(arn: &str) -> Option<&str> {
    let mut parts = arn.split(':');
    if parts.next()? != "arn" {
        return None;
    }
    parts.next()?;
    parts.next()?;
    let region = parts.next()?;
    (!region.is_empty()).then_some(region)
}

/// The service of any ARN (`sns`, `logs`, ...), if it is an ARN.
pub fn arn_service(arn: &str) -> Option<&str> {
    let mut parts = arn.split(':');
    if parts.next()? != "arn" {
        return None;
    }
    parts.next()?;
    parts.next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_group_arn_parses_with_and_without_star() {
        let a = LogGroupArn::parse(
            "arn:aws:logs:eu-west-1:123456789012:log-group:CloudTrail/Default:*",
        )
        .expect("parses");
        assert_eq!(a.region, "eu-west-1");
        assert_eq!(a.account_id, "123456789012");
        assert_eq!(a.name, "CloudTrail/Default");
        let b = LogGroupArn::parse("arn:aws:logs:us-east-1:1:log-group:g").expect("parses");
        assert_eq!(b.name, "g");
        assert!(LogGroupArn::parse("arn:aws:sns:us-east-1:1:topic").is_none());
        assert!(LogGroupArn::parse("not an arn").is_none());
    }

    #[test]
    fn arn_parts() {
        assert_eq!(arn_region("arn:aws:sns:eu-west-2:1:t"), Some("eu-west-2"));
        assert_eq!(arn_service("arn:aws:sns:eu-west-2:1:t"), Some("sns"));
        assert_eq!(arn_region("PendingConfirmation"), None);
    }

    #[test]
    fn subscription_confirmation() {
        let s = |arn: &str| Subscription {
            subscription_arn: arn.into(),
            protocol: "email".into(),
            endpoint: "a@example.com".into(),
        };
        assert!(s("arn:aws:sns:us-east-1:1:t:abc").is_confirmed());
        assert!(!s("PendingConfirmation").is_confirmed());
        assert!(!s("Deleted").is_confirmed());
    }
}
