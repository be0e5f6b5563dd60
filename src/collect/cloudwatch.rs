//! CloudWatch: every metric alarm of a region (DescribeAlarms, all pages), kept when it watches a filter's metric.
//!
//! # DescribeAlarms, not DescribeAlarmsForMetric
//!
//! With `N` distinct filter metrics and `A` metric alarms in a region:
//!
//! * `DescribeAlarms` (100 alarms per page) costs `max(1, ceil(A / 100))`
//!   calls per region and sees every alarm, including metric-math alarms
//!   whose `Metrics[].MetricStat.Metric` names the filter's metric.
//! * `DescribeAlarmsForMetric` costs `N` calls per region (about 15 for a CIS
//!   account), returns only single-metric alarms (never metric-math ones) and
//!   only when the call repeats the metric's exact dimensions.
//!
//! A CIS account has about 15 filter metrics per log group, so
//! `DescribeAlarms` needs fewer calls whenever a region holds up to ~1,500
//! alarms (1 call for up to 100), and it is the only one that can see
//! metric-math alarms. Past that point it costs more calls, but it stays
//! correct, so it is used everywhere. Matching is done locally.
//!
//! An alarm is kept when its metric *name* (or a `MetricStat` metric name)
//! equals a filter metric's name in that region, whatever the namespace: the
//! evaluation must compare namespace + name (+ dimensions), and the
//! near-misses (right name, wrong namespace) let it explain a FAIL.

use super::Ctx;
use crate::model::{Alarm, MetricQuery};
use aws_sdk_cloudwatch::types as cw;
use std::collections::BTreeSet;

/// A metric a filter emits: namespace + name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct MetricKey {
    pub(super) namespace: String,
    pub(super) name: String,
}

/// Every metric alarm of `region` (all pages), or `None` (and a gap) when the
/// alarms cannot be read. Runs while the metric filters are still being read,
/// so it cannot know the metrics yet: [`keep_watching`] narrows afterwards.
pub(super) async fn alarms_in_region(ctx: &Ctx, region: &str) -> Option<Vec<Alarm>> {
    let client = ctx.clients.cloudwatch(region);
    let _permit = ctx.permit().await;
    let mut pages = client.describe_alarms().into_paginator().send();
    let mut alarms = Vec::new();
    while let Some(page) = pages.next().await {
        match page {
            Ok(page) => alarms.extend(page.metric_alarms().iter().map(|a| convert(a, region))),
            Err(e) => {
                ctx.sdk_gap("cloudwatch", "DescribeAlarms", region, None, &e);
                return None;
            }
        }
    }
    tracing::info!(region, alarms = alarms.len(), "alarms read");
    Some(alarms)
}

/// The alarms that watch one of `metrics` by name: the alarm's own metric or
/// one of its metric-math queries' metrics (see the module docs).
pub(super) fn keep_watching(alarms: Vec<Alarm>, metrics: &BTreeSet<MetricKey>) -> Vec<Alarm> {
    let names: BTreeSet<&str> = metrics.iter().map(|m| m.name.as_str()).collect();
    alarms
        .into_iter()
        .filter(|a| {
            a.metric_name.as_deref().is_some_and(|n| names.contains(n))
                || a.metrics
                    .iter()
                    .any(|q| q.metric_name.as_deref().is_some_and(|n| names.contains(n)))
        })
        .collect()
}

fn dimensions(dims: &[cw::Dimension]) -> Vec<(String, String)> {
    dims.iter()
        .map(|d| {
            (
                d.name().unwrap_or_default().to_string(),
                d.value().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn convert(a: &cw::MetricAlarm, region: &str) -> Alarm {
    Alarm {
        name: a.alarm_name().unwrap_or_default().to_string(),
        arn: a.alarm_arn().unwrap_or_default().to_string(),
        region: region.to_string(),
        metric_name: a.metric_name().map(str::to_string),
        namespace: a.namespace().map(str::to_string),
        dimensions: dimensions(a.dimensions()),
        metrics: a.metrics().iter().map(convert_query).collect(),
        statistic: a.statistic().map(|s| s.as_str().to_string()),
        extended_statistic: a.extended_statistic().map(str::to_string),
        period: a.period(),
        unit: a.unit().map(|u| u.as_str().to_string()),
        evaluation_periods: a.evaluation_periods(),
        datapoints_to_alarm: a.datapoints_to_alarm(),
        threshold: a.threshold(),
        comparison_operator: a.comparison_operator().map(|c| c.as_str().to_string()),
        treat_missing_data: a.treat_missing_data().map(str::to_string),
        // PutMetricAlarm's default is true; an absent flag means enabled.
        actions_enabled: a.actions_enabled().unwrap_or(true),
        alarm_actions: a.alarm_actions().to_vec(),
        ok_actions: a.ok_actions().to_vec(),
        insufficient_data_actions: a.insufficient_data_actions().to_vec(),
        state_value: a.state_value().map(|s| s.as_str().to_string()),
    }
}

fn convert_query(q: &cw::MetricDataQuery) -> MetricQuery {
    let stat = q.metric_stat();
    let metric = stat.and_then(|s| s.metric());
    MetricQuery {
        id: q.id().unwrap_or_default().to_string(),
        // ReturnData defaults to true when absent.
        return_data: q.return_data().unwrap_or(true),
        expression: q.expression().map(str::to_string),
        metric_name: metric.and_then(|m| m.metric_name()).map(str::to_string),
        namespace: metric.and_then(|m| m.namespace()).map(str::to_string),
        dimensions: metric
            .map(|m| dimensions(m.dimensions()))
            .unwrap_or_default(),
        stat: stat.and_then(|s| s.stat()).map(str::to_string),
        period: stat.and_then(|s| s.period()).or(q.period()),
        account_id: q.account_id().map(str::to_string),
    }
}
