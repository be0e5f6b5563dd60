//! SNS: ListSubscriptionsByTopic for one topic in the topic's region, all pages.

use super::Ctx;
use crate::model::{Subscription, Topic};

/// The topic with its subscriptions, or with `None` (and a gap) when they
/// cannot be listed (AccessDenied, NotFound, cross-account policy, ...).
pub(super) async fn topic(ctx: &Ctx, arn: &str, start_region: &str) -> Topic {
    let region = crate::model::arn_region(arn)
        .unwrap_or(start_region)
        .to_string();
    let subscriptions = subscriptions(ctx, &region, arn).await;
    Topic {
        arn: arn.to_string(),
        region,
        subscriptions,
    }
}

async fn subscriptions(ctx: &Ctx, region: &str, arn: &str) -> Option<Vec<Subscription>> {
    let client = ctx.clients.sns(region);
    let _permit = ctx.permit().await;
    let mut pages = client
        .list_subscriptions_by_topic()
        .topic_arn(arn)
        .into_paginator()
        .send();
    let mut subs = Vec::new();
    while let Some(page) = pages.next().await {
        match page {
            Ok(page) => subs.extend(page.subscriptions().iter().map(|s| Subscription {
                subscription_arn: s.subscription_arn().unwrap_or_default().to_string(),
                protocol: s.protocol().unwrap_or_default().to_string(),
                endpoint: s.endpoint().unwrap_or_default().to_string(),
            })),
            Err(e) => {
                ctx.sdk_gap("sns", "ListSubscriptionsByTopic", region, Some(arn), &e);
                return None;
            }
        }
    }
    subs.sort_by(|a: &Subscription, b| {
        (&a.subscription_arn, &a.protocol, &a.endpoint).cmp(&(
            &b.subscription_arn,
            &b.protocol,
            &b.endpoint,
        ))
    });
    Some(subs)
}
