//! CloudTrail: DescribeTrails (shadow trails included), then GetTrailStatus and GetEventSelectors per trail in its home region.

use super::{Ctx, rfc3339};
use crate::model::{
    AdvancedSelector, ClassicSelector, EventSelectors, FieldSelector, Trail, TrailStatus,
};
use aws_sdk_cloudtrail::types as ct;
use std::collections::BTreeMap;

/// Every trail visible from `region`, deduplicated by ARN.
///
/// `include_shadow_trails(true)` makes multi-region trails from any home
/// region, and organization trails, show up in the start region. A failure is
/// a gap (the evaluation then says UNKNOWN for everything).
pub(super) async fn describe_trails(ctx: &Ctx, region: &str) -> Vec<Trail> {
    let client = ctx.clients.cloudtrail(region);
    let _permit = ctx.permit().await;
    // DescribeTrails has no pagination: it returns every trail at once.
    let out = match client
        .describe_trails()
        .include_shadow_trails(true)
        .send()
        .await
    {
        Ok(out) => out,
        Err(e) => {
            ctx.sdk_gap("cloudtrail", "DescribeTrails", region, None, &e);
            return Vec::new();
        }
    };
    let mut by_arn: BTreeMap<String, Trail> = BTreeMap::new();
    for t in out.trail_list() {
        let trail = convert_trail(t, region);
        by_arn.entry(trail.arn.clone()).or_insert(trail);
    }
    by_arn.into_values().collect()
}

fn convert_trail(t: &ct::Trail, start_region: &str) -> Trail {
    let arn = t.trail_arn().unwrap_or_default().to_string();
    let home_region = t
        .home_region()
        .or_else(|| crate::model::arn_region(&arn))
        .unwrap_or(start_region)
        .to_string();
    Trail {
        name: t.name().unwrap_or_default().to_string(),
        arn,
        home_region,
        is_multi_region: t.is_multi_region_trail().unwrap_or(false),
        is_organization_trail: t.is_organization_trail().unwrap_or(false),
        log_group_arn: t
            .cloud_watch_logs_log_group_arn()
            .filter(|a| !a.is_empty())
            .map(str::to_string),
        status: None,
        selectors: None,
    }
}

/// GetTrailStatus and GetEventSelectors, addressed by ARN in the trail's home
/// region (a shadow trail can only be read by ARN; its home region answers).
pub(super) async fn trail_details(
    ctx: &Ctx,
    trail: &Trail,
    start_region: &str,
) -> (Option<TrailStatus>, Option<EventSelectors>) {
    let region = if trail.home_region.is_empty() {
        start_region
    } else {
        trail.home_region.as_str()
    };
    let id = if trail.arn.is_empty() {
        trail.name.as_str()
    } else {
        trail.arn.as_str()
    };
    futures::join!(status(ctx, region, id), selectors(ctx, region, id))
}

async fn status(ctx: &Ctx, region: &str, trail: &str) -> Option<TrailStatus> {
    let client = ctx.clients.cloudtrail(region);
    let _permit = ctx.permit().await;
    match client.get_trail_status().name(trail).send().await {
        Ok(out) => Some(TrailStatus {
            is_logging: out.is_logging().unwrap_or(false),
            latest_cloudwatch_logs_delivery_error: out
                .latest_cloud_watch_logs_delivery_error()
                .filter(|e| !e.is_empty())
                .map(str::to_string),
            latest_cloudwatch_logs_delivery_time: out
                .latest_cloud_watch_logs_delivery_time()
                .and_then(rfc3339),
        }),
        Err(e) => {
            ctx.sdk_gap("cloudtrail", "GetTrailStatus", region, Some(trail), &e);
            None
        }
    }
}

async fn selectors(ctx: &Ctx, region: &str, trail: &str) -> Option<EventSelectors> {
    let client = ctx.clients.cloudtrail(region);
    let _permit = ctx.permit().await;
    match client.get_event_selectors().trail_name(trail).send().await {
        Ok(out) => Some(EventSelectors {
            classic: out.event_selectors().iter().map(convert_classic).collect(),
            advanced: out
                .advanced_event_selectors()
                .iter()
                .map(convert_advanced)
                .collect(),
        }),
        Err(e) => {
            ctx.sdk_gap("cloudtrail", "GetEventSelectors", region, Some(trail), &e);
            None
        }
    }
}

/// Absent fields take the AWS defaults: `All` and `true`.
fn convert_classic(s: &ct::EventSelector) -> ClassicSelector {
    ClassicSelector {
        read_write_type: s
            .read_write_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_else(|| "All".to_string()),
        include_management_events: s.include_management_events().unwrap_or(true),
        exclude_management_event_sources: s.exclude_management_event_sources().to_vec(),
    }
}

fn convert_advanced(s: &ct::AdvancedEventSelector) -> AdvancedSelector {
    AdvancedSelector {
        name: s.name().map(str::to_string),
        field_selectors: s
            .field_selectors()
            .iter()
            .map(|f| FieldSelector {
                field: f.field().to_string(),
                equals: f.equals().to_vec(),
                starts_with: f.starts_with().to_vec(),
                ends_with: f.ends_with().to_vec(),
                not_equals: f.not_equals().to_vec(),
                not_starts_with: f.not_starts_with().to_vec(),
                not_ends_with: f.not_ends_with().to_vec(),
            })
            .collect(),
    }
}
