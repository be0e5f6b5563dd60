//! Collection from AWS: the only code that talks to AWS; read-only calls converted to model types at once.
//!
//! The dependency chain, each step running its independent calls concurrently
//! (bounded by [`CollectOptions::concurrency`]):
//!
//! 1. `sts:GetCallerIdentity` and `cloudtrail:DescribeTrails` (start region,
//!    shadow trails included, deduplicated by ARN);
//! 2. per trail `GetTrailStatus` and `GetEventSelectors` in the trail's home
//!    region, and per log group `logs:DescribeMetricFilters` in the log
//!    group's region (all pages);
//! 3. per log-group region `cloudwatch:DescribeAlarms` (all pages, read at the
//!    same time as step 2), matched locally against the filters' metrics (the
//!    `cloudwatch` module says why);
//! 4. per SNS topic in those alarms' `AlarmActions`,
//!    `sns:ListSubscriptionsByTopic` in the topic's region (all pages).
//!
//! Every failed call becomes a [`Gap`] and never stops the rest: only a
//! missing region or missing credentials abort ([`CollectError`]).

mod cloudtrail;
mod cloudwatch;
mod config;
mod logs;
mod sns;
mod sts;

use crate::model::{Gap, LogGroup, LogGroupArn, Snapshot};
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::time::SystemTime;
use tokio::sync::{Semaphore, SemaphorePermit};

pub use crate::settings::CollectOptions;

/// Why the audit could not run at all (per-resource failures are gaps, not errors).
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    #[error("no AWS region configured: pass --region or set AWS_REGION")]
    NoRegion,
    #[error(
        "no usable AWS credentials: {0}\n\
         hint: run `aws configure`, set AWS_PROFILE (or pass --profile) to a configured profile, \
         or run `aws sso login --profile NAME` for an SSO profile"
    )]
    NoCredentials(String),
}

/// Collect the account's trails, filters, alarms, topics and subscriptions.
pub async fn collect(opts: &CollectOptions) -> Result<Snapshot, CollectError> {
    let aws = config::connect(opts).await?;
    let ctx = Ctx {
        clients: config::Clients::new(aws.sdk_config),
        permits: Semaphore::new(opts.concurrency.max(1)),
        gaps: Mutex::new(Vec::new()),
    };
    let mut snapshot = Snapshot::new(aws.region.clone());
    snapshot.collected_at = now_rfc3339();

    tracing::info!(region = %aws.region, "reading trails");
    let (account, trails) = futures::join!(
        sts::caller_account(&ctx, &aws.region),
        cloudtrail::describe_trails(&ctx, &aws.region)
    );
    snapshot.account_id = account.or(aws.credentials_account);
    let mut trails = trails;

    tracing::info!(
        trails = trails.len(),
        "reading trail status, event selectors and metric filters"
    );
    let log_group_arns: BTreeSet<String> = trails
        .iter()
        .filter_map(|t| t.log_group_arn.clone())
        .collect();
    // The alarms of each log group's region do not depend on the filters
    // (they are matched locally), so they are read at the same time: the
    // chain's depth is then the longest of the paginations, not their sum.
    let alarm_regions: BTreeSet<String> = log_group_arns
        .iter()
        .filter_map(|arn| LogGroupArn::parse(arn))
        .filter(|lg| readable_with(lg, snapshot.account_id.as_deref()))
        .map(|lg| lg.region)
        .collect();
    let (details, log_groups, region_alarms) = futures::join!(
        futures::future::join_all(trails.iter().map(|t| cloudtrail::trail_details(
            &ctx,
            t,
            &aws.region
        ))),
        futures::future::join_all(log_group_arns.iter().map(|arn| log_group(
            &ctx,
            arn,
            snapshot.account_id.as_deref()
        ))),
        futures::future::join_all(alarm_regions.iter().map(|region| {
            let ctx = &ctx;
            async move { (region, cloudwatch::alarms_in_region(ctx, region).await) }
        }))
    );
    for (trail, (status, selectors)) in trails.iter_mut().zip(details) {
        trail.status = status;
        trail.selectors = selectors;
    }
    let log_groups: Vec<LogGroup> = log_groups.into_iter().flatten().collect();

    // Metric names per log-group region: the alarms must live there.
    let mut metrics_by_region: BTreeMap<String, BTreeSet<cloudwatch::MetricKey>> = BTreeMap::new();
    for group in &log_groups {
        for filter in group.metric_filters.iter().flatten() {
            for t in &filter.transformations {
                metrics_by_region
                    .entry(group.region.clone())
                    .or_default()
                    .insert(cloudwatch::MetricKey {
                        namespace: t.metric_namespace.clone(),
                        name: t.metric_name.clone(),
                    });
            }
        }
    }
    let mut alarms: Vec<_> = region_alarms
        .into_iter()
        .filter_map(|(region, all)| {
            let metrics = metrics_by_region.get(region)?;
            Some(cloudwatch::keep_watching(all?, metrics))
        })
        .flatten()
        .collect();

    let topic_arns: BTreeSet<String> = alarms
        .iter()
        .flat_map(|a| a.alarm_actions.iter())
        .filter(|arn| crate::model::arn_service(arn) == Some("sns"))
        .cloned()
        .collect();
    tracing::info!(topics = topic_arns.len(), "reading SNS subscriptions");
    let mut topics = futures::future::join_all(
        topic_arns
            .iter()
            .map(|arn| sns::topic(&ctx, arn, &aws.region)),
    )
    .await;

    trails.sort_by(|a, b| a.arn.cmp(&b.arn));
    alarms.sort_by(|a, b| (&a.region, &a.name, &a.arn).cmp(&(&b.region, &b.name, &b.arn)));
    topics.sort_by(|a, b| a.arn.cmp(&b.arn));
    let mut gaps = ctx.take_gaps();
    gaps.sort_by(|a, b| {
        (&a.service, &a.operation, &a.region, &a.resource, &a.error).cmp(&(
            &b.service,
            &b.operation,
            &b.region,
            &b.resource,
            &b.error,
        ))
    });
    snapshot.trails = trails;
    snapshot.log_groups = log_groups;
    snapshot.alarms = alarms;
    snapshot.topics = topics;
    snapshot.gaps = gaps;
    tracing::info!(
        trails = snapshot.trails.len(),
        log_groups = snapshot.log_groups.len(),
        alarms = snapshot.alarms.len(),
        topics = snapshot.topics.len(),
        gaps = snapshot.gaps.len(),
        "collection finished"
    );
    Ok(snapshot)
}

/// Whether the caller's credentials can read `lg`: logs and CloudWatch calls
/// read the caller's own account, so a log group of another account cannot be
/// (an unknown caller is given the benefit of the doubt).
fn readable_with(lg: &LogGroupArn, caller_account: Option<&str>) -> bool {
    caller_account.is_none_or(|caller| caller == lg.account_id)
}

/// One log group named by a trail, with its metric filters (or a gap).
///
/// `DescribeMetricFilters` takes a log group *name* and always reads the
/// caller's own account, so a log group in another account is never called:
/// the call would silently read a same-named group of the caller's account.
/// It becomes a gap instead (UNKNOWN, not FAIL). When the caller's account is
/// unknown the call is made anyway.
async fn log_group(ctx: &Ctx, arn: &str, caller_account: Option<&str>) -> Option<LogGroup> {
    let Some(parsed) = LogGroupArn::parse(arn) else {
        ctx.gap(Gap {
            service: "cloudtrail".into(),
            operation: "DescribeTrails".into(),
            region: crate::model::arn_region(arn)
                .unwrap_or_default()
                .to_string(),
            resource: Some(arn.to_string()),
            error: format!("CloudWatchLogsLogGroupArn `{arn}` is not a log group ARN"),
            code: None,
        });
        return None;
    };
    let metric_filters = match caller_account {
        Some(caller) if !readable_with(&parsed, caller_account) => {
            ctx.gap(Gap {
                service: "logs".into(),
                operation: "DescribeMetricFilters".into(),
                region: parsed.region.clone(),
                resource: Some(arn.to_string()),
                error: format!(
                    "cross-account log group: it belongs to account {}, the credentials to account \
                     {caller}; its metric filters cannot be read with these credentials \
                     (audit that account too)",
                    parsed.account_id
                ),
                code: Some("CrossAccountLogGroup".into()),
            });
            None
        }
        _ => logs::metric_filters(ctx, &parsed.region, &parsed.name, arn).await,
    };
    Some(LogGroup {
        arn: arn.to_string(),
        name: parsed.name,
        region: parsed.region,
        account_id: parsed.account_id,
        metric_filters,
    })
}

/// Shared state of one collection: clients, the concurrency limit, the gaps.
pub(crate) struct Ctx {
    clients: config::Clients,
    permits: Semaphore,
    gaps: Mutex<Vec<Gap>>,
}

impl Ctx {
    /// Wait for a slot: at most `concurrency` AWS operations run at once.
    async fn permit(&self) -> Option<SemaphorePermit<'_>> {
        // The semaphore is never closed; `None` would only lift the limit.
        self.permits.acquire().await.ok()
    }

    fn gap(&self, gap: Gap) {
        tracing::warn!(
            service = %gap.service,
            operation = %gap.operation,
            region = %gap.region,
            resource = gap.resource.as_deref().unwrap_or("-"),
            "{}",
            gap.error
        );
        match self.gaps.lock() {
            Ok(mut gaps) => gaps.push(gap),
            Err(poisoned) => poisoned.into_inner().push(gap),
        }
    }

    /// Record a failed SDK call as a gap.
    fn sdk_gap<E>(
        &self,
        service: &str,
        operation: &str,
        region: &str,
        resource: Option<&str>,
        err: &E,
    ) where
        E: std::error::Error + ProvideErrorMetadata,
    {
        self.gap(Gap {
            service: service.to_string(),
            operation: operation.to_string(),
            region: region.to_string(),
            resource: resource.map(str::to_string),
            error: error_chain(err),
            code: err.code().map(str::to_string),
        });
    }

    fn take_gaps(&self) -> Vec<Gap> {
        match self.gaps.lock() {
            Ok(mut gaps) => std::mem::take(&mut *gaps),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        }
    }
}

/// An error and its sources as one line, `outer: inner: innermost`, without
/// the Debug dump `DisplayErrorContext` appends and without repeating a message
/// its source already says.
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next: Option<&dyn std::error::Error> = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        let text = text.trim();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(text)) {
            parts.push(text.to_string());
        }
        next = e.source();
    }
    parts.join(": ")
}

/// Now as RFC 3339 (informational only).
fn now_rfc3339() -> Option<String> {
    aws_smithy_types::DateTime::from(SystemTime::now())
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .ok()
}

/// An SDK timestamp as RFC 3339.
fn rfc3339(t: &aws_smithy_types::DateTime) -> Option<String> {
    t.fmt(aws_smithy_types::date_time::Format::DateTime).ok()
}
