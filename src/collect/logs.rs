//! CloudWatch Logs: DescribeMetricFilters on one log group, all pages.

use super::Ctx;
use crate::model::{MetricFilter, MetricTransformation};
use aws_sdk_cloudwatchlogs::types as cwl;

/// The metric filters of log group `name` in `region`, or `None` (and a gap).
pub(super) async fn metric_filters(
    ctx: &Ctx,
    region: &str,
    name: &str,
    arn: &str,
) -> Option<Vec<MetricFilter>> {
    let client = ctx.clients.logs(region);
    let _permit = ctx.permit().await;
    let mut pages = client
        .describe_metric_filters()
        .log_group_name(name)
        .into_paginator()
        .send();
    let mut filters = Vec::new();
    while let Some(page) = pages.next().await {
        match page {
            Ok(page) => filters.extend(page.metric_filters().iter().map(convert)),
            Err(e) => {
                ctx.sdk_gap("logs", "DescribeMetricFilters", region, Some(arn), &e);
                return None;
            }
        }
    }
    filters.sort_by(|a: &MetricFilter, b| a.name.cmp(&b.name));
    Some(filters)
}

fn convert(f: &cwl::MetricFilter) -> MetricFilter {
    MetricFilter {
        name: f.filter_name().unwrap_or_default().to_string(),
        pattern: f.filter_pattern().unwrap_or_default().to_string(),
        transformations: f
            .metric_transformations()
            .iter()
            .map(|t| {
                let mut dimensions: Vec<(String, String)> = t
                    .dimensions()
                    .map(|d| d.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                    .unwrap_or_default();
                dimensions.sort();
                MetricTransformation {
                    metric_name: t.metric_name().to_string(),
                    metric_namespace: t.metric_namespace().to_string(),
                    metric_value: t.metric_value().to_string(),
                    default_value: t.default_value(),
                    dimensions,
                    unit: t.unit().map(|u| u.as_str().to_string()),
                }
            })
            .collect(),
    }
}
