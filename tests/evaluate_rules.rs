//! Evaluation rules, one snapshot per rule: trails, filters, alarms, topics, gaps.

mod evaluate_common;

use cis_monitor::evaluate::Status;
use cis_monitor::pattern::RelationKind;
use cis_monitor::report::ExitStatus;
use evaluate_common::*;

#[test]
fn compliant_chain_passes_with_evidence() {
    let r = run(&compliant());
    assert_eq!(statuses(&r), vec![Status::Pass; 3]);
    assert_eq!(r.exit_status(), ExitStatus::Pass);
    let c = expect(&r, CT, Status::Pass, "1 confirmed subscription");
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let e = &c.evidence;
    assert_eq!(e.trail_name.as_deref(), Some("main"));
    assert_eq!(e.log_group_name.as_deref(), Some(LOG_GROUP));
    assert_eq!(e.filter_name.as_deref(), Some("cloudtrail-changes"));
    assert_eq!(e.relation, Some(RelationKind::Equivalent));
    assert_eq!(
        e.metric.as_ref().map(|m| m.name.as_str()),
        Some("CloudTrailChanges")
    );
    assert_eq!(e.alarm_name.as_deref(), Some("cis-CloudTrailChanges"));
    assert_eq!(e.topic_arn.as_deref(), Some(TOPIC));
    assert_eq!(e.confirmed_subscriptions, Some(1));
    assert_eq!(e.pending_subscriptions, Some(0));
    assert_eq!(c.alternative, Some(CLOUDTRAIL));
    assert_eq!(r.summary.pass, 3);
}

#[test]
fn sso_alternative_passes_and_is_reported() {
    let mut s = compliant();
    let lg = s.log_groups[0].metric_filters.as_mut().expect("filters");
    lg[0].pattern = MFA_SSO.into();
    let r = run(&s);
    let c = expect(&r, MFA, Status::Pass, "");
    assert_eq!(c.alternative, Some(MFA_SSO));
}

// ---- trails ----

#[test]
fn no_trail_fails() {
    let mut s = compliant();
    s.trails.clear();
    let r = run(&s);
    for slug in [MFA, CT, KMS_SLUG] {
        expect(&r, slug, Status::Fail, "No CloudTrail trail");
    }
    assert_eq!(r.exit_status(), ExitStatus::Fail);
}

#[test]
fn single_region_trail_fails() {
    let mut s = compliant();
    s.trails[0].is_multi_region = false;
    let c = run(&s);
    let c = expect(&c, CT, Status::Fail, "not multi-region");
    // The rest of the chain is still shown as evidence.
    assert_eq!(
        c.evidence.alarm_name.as_deref(),
        Some("cis-CloudTrailChanges")
    );
}

#[test]
fn trail_not_logging_fails() {
    let mut s = compliant();
    if let Some(st) = s.trails[0].status.as_mut() {
        st.is_logging = false;
    }
    expect(&run(&s), CT, Status::Fail, "is not logging");
}

#[test]
fn write_only_selector_fails() {
    let mut s = compliant();
    s.trails[0].selectors = Some(classic(&[("WriteOnly", true, &[])]));
    expect(&run(&s), CT, Status::Fail, "read-only management events");
}

#[test]
fn data_events_only_selector_fails() {
    let mut s = compliant();
    s.trails[0].selectors = Some(classic(&[("All", false, &[])]));
    expect(
        &run(&s),
        CT,
        Status::Fail,
        "does not capture all management events",
    );
}

#[test]
fn read_only_plus_write_only_pair_passes() {
    let mut s = compliant();
    s.trails[0].selectors = Some(classic(&[
        ("ReadOnly", true, &[]),
        ("WriteOnly", true, &[]),
    ]));
    assert_eq!(statuses(&run(&s)), vec![Status::Pass; 3]);
}

#[test]
fn advanced_default_selector_passes() {
    let mut s = compliant();
    s.trails[0].selectors = Some(advanced(vec![vec![field(
        "eventCategory",
        &["Management"],
        &[],
    )]]));
    let r = run(&s);
    assert_eq!(statuses(&r), vec![Status::Pass; 3]);
    assert!(result(&r, CT).warnings.is_empty());
}

#[test]
fn advanced_read_write_pair_passes() {
    let mut s = compliant();
    s.trails[0].selectors = Some(advanced(vec![
        vec![
            field("eventCategory", &["Management"], &[]),
            field("readOnly", &["true"], &[]),
        ],
        vec![
            field("eventCategory", &["Management"], &[]),
            field("readOnly", &["false"], &[]),
        ],
    ]));
    assert_eq!(statuses(&run(&s)), vec![Status::Pass; 3]);
}

#[test]
fn advanced_read_only_fails() {
    let mut s = compliant();
    s.trails[0].selectors = Some(advanced(vec![vec![
        field("eventCategory", &["Management"], &[]),
        field("readOnly", &["true"], &[]),
    ]]));
    let r = run(&s);
    expect(&r, CT, Status::Fail, "write management events");
}

#[test]
fn kms_excluded_fails_only_the_kms_control() {
    for sel in [
        classic(&[("All", true, &["kms.amazonaws.com"])]),
        advanced(vec![vec![
            field("eventCategory", &["Management"], &[]),
            field("eventSource", &[], &["kms.amazonaws.com"]),
        ]]),
    ] {
        let mut s = compliant();
        s.trails[0].selectors = Some(sel);
        let r = run(&s);
        expect(&r, KMS_SLUG, Status::Fail, "kms.amazonaws.com");
        for slug in [CT, MFA] {
            let c = expect(&r, slug, Status::Pass, "");
            assert!(
                c.warnings.iter().any(|w| w.contains("kms.amazonaws.com")),
                "{:?}",
                c.warnings
            );
        }
    }
}

#[test]
fn rdsdata_excluded_is_a_warning_only() {
    let mut s = compliant();
    s.trails[0].selectors = Some(classic(&[("All", true, &["rdsdata.amazonaws.com"])]));
    let r = run(&s);
    assert_eq!(statuses(&r), vec![Status::Pass; 3]);
    assert!(result(&r, KMS_SLUG).warnings[0].contains("rdsdata.amazonaws.com"));
}

#[test]
fn delivery_error_is_a_warning() {
    let mut s = compliant();
    if let Some(st) = s.trails[0].status.as_mut() {
        st.latest_cloudwatch_logs_delivery_error = Some("AccessDenied".into());
    }
    let r = run(&s);
    let c = expect(&r, CT, Status::Pass, "");
    assert!(
        c.warnings
            .iter()
            .any(|w| w.contains("delivery error: AccessDenied"))
    );
}

#[test]
fn trail_without_log_group_fails() {
    let mut s = compliant();
    s.trails[0].log_group_arn = None;
    expect(
        &run(&s),
        CT,
        Status::Fail,
        "does not deliver to CloudWatch Logs",
    );
}

#[test]
fn two_trails_one_good_passes_with_the_good_one() {
    let mut s = compliant();
    let mut bad = trail("aaa-bad");
    bad.is_multi_region = false;
    bad.log_group_arn = Some(log_group_arn("other", REGION));
    s.trails.insert(0, bad);
    s.log_groups.push(log_group("other", vec![]));
    let r = run(&s);
    let c = expect(&r, CT, Status::Pass, "");
    assert_eq!(c.evidence.trail_name.as_deref(), Some("main"));
}

#[test]
fn furthest_chain_names_its_first_broken_link() {
    // A qualifying trail with an empty log group, and a non-logging trail
    // with the whole chain: the second reaches further, so its problem is named.
    let mut s = compliant();
    let mut good = trail("aaa-empty");
    good.log_group_arn = Some(log_group_arn("empty", REGION));
    s.trails.push(good);
    s.log_groups.push(log_group("empty", vec![]));
    if let Some(st) = s.trails[0].status.as_mut() {
        st.is_logging = false;
    }
    let r = run(&s);
    let c = expect(&r, CT, Status::Fail, "Trail main is not logging");
    assert_eq!(c.evidence.topic_arn.as_deref(), Some(TOPIC));
}

// ---- filters ----

#[test]
fn filter_missing_an_event_fails_with_the_missed_event() {
    // Needs the real relation engine (pattern::relate).
    let mut s = compliant();
    let narrower = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }";
    s.log_groups[0].metric_filters.as_mut().expect("filters")[1].pattern = narrower.into();
    let r = run(&s);
    let c = expect(&r, CT, Status::Fail, "cloudtrail-changes");
    assert_eq!(c.evidence.relation, Some(RelationKind::Narrower));
    assert_eq!(
        c.evidence.filter_name.as_deref(),
        Some("cloudtrail-changes")
    );
    assert_eq!(c.alternative, Some(CLOUDTRAIL));
    let missed = c.missed_event.as_ref().expect("missed event");
    assert_eq!(missed["eventName"], "StopLogging");
}

#[test]
fn filter_on_another_log_group_fails() {
    let mut s = compliant();
    let filters = s.log_groups[0].metric_filters.take();
    s.log_groups[0].metric_filters = Some(vec![]);
    let mut other = log_group("SomeOtherGroup", vec![]);
    other.metric_filters = filters;
    s.log_groups.push(other);
    let r = run(&s);
    let c = expect(&r, CT, Status::Fail, "has no metric filters");
    assert_eq!(c.evidence.log_group_name.as_deref(), Some(LOG_GROUP));
    assert_eq!(c.alternative, Some(CLOUDTRAIL));
}

#[test]
fn log_group_missing_from_snapshot_fails() {
    let mut s = compliant();
    s.log_groups.clear();
    expect(&run(&s), CT, Status::Fail, "is not in the snapshot");
}

#[test]
fn unparsable_prescribed_pattern_is_not_a_fail() {
    // With a non-identical filter the relation decides; until then (or if it
    // cannot decide) the control must not FAIL.
    let mut s = compliant();
    let f = &mut s.log_groups[0].metric_filters.as_mut().expect("filters")[1];
    f.pattern = format!("{}  ", CLOUDTRAIL.replace("||", " || "));
    let r = run(&s);
    assert_ne!(result(&r, CT).status, Status::Fail, "{:#?}", result(&r, CT));
}

// ---- alarms ----

#[test]
fn alarm_in_wrong_namespace_fails_with_that_reason() {
    let mut s = compliant();
    s.alarms[1].namespace = Some("LogMetrics".into());
    let r = run(&s);
    let c = expect(&r, CT, Status::Fail, "namespace LogMetrics");
    assert_eq!(
        c.evidence.filter_name.as_deref(),
        Some("cloudtrail-changes")
    );
    assert!(c.evidence.alarm_name.is_none());
}

#[test]
fn no_alarm_fails() {
    let mut s = compliant();
    s.alarms.remove(1);
    expect(
        &run(&s),
        CT,
        Status::Fail,
        "No alarm in us-east-1 watches metric CISBenchmark/CloudTrailChanges",
    );
}

#[test]
fn alarm_in_another_region_fails() {
    let mut s = compliant();
    s.alarms[1].region = "eu-west-1".into();
    expect(&run(&s), CT, Status::Fail, "not in the log group's region");
}

#[test]
fn dimension_mismatch_fails() {
    let mut s = compliant();
    s.log_groups[0].metric_filters.as_mut().expect("filters")[1].transformations[0].dimensions =
        vec![("EventName".into(), "$.eventName".into())];
    expect(&run(&s), CT, Status::Fail, "dimensions [EventName]");
}

#[test]
fn actions_disabled_fails() {
    let mut s = compliant();
    s.alarms[1].actions_enabled = false;
    let r = run(&s);
    let c = expect(&r, CT, Status::Fail, "actions disabled");
    assert_eq!(c.evidence.confirmed_subscriptions, Some(1));
}

#[test]
fn non_sns_action_fails() {
    let mut s = compliant();
    s.alarms[1].alarm_actions =
        vec!["arn:aws:lambda:us-east-1:111122223333:function:notify".into()];
    expect(
        &run(&s),
        CT,
        Status::Fail,
        "no SNS topic in its alarm actions",
    );
}

#[test]
fn sns_only_on_ok_fails() {
    let mut s = compliant();
    s.alarms[1].ok_actions = std::mem::take(&mut s.alarms[1].alarm_actions);
    expect(&run(&s), CT, Status::Fail, "not on ALARM");
}

#[test]
fn threshold_that_cannot_fire_passes_with_warning() {
    let mut s = compliant();
    s.alarms[1].comparison_operator = Some("GreaterThanThreshold".into());
    let r = run(&s);
    let c = expect(&r, CT, Status::Pass, "");
    assert!(
        c.warnings
            .iter()
            .any(|w| w.contains("does not fire on one matching event")),
        "{:?}",
        c.warnings
    );
}

#[test]
fn several_datapoints_and_unit_mismatch_warn() {
    let mut s = compliant();
    s.alarms[1].evaluation_periods = Some(3);
    s.alarms[1].unit = Some("Seconds".into());
    let r = run(&s);
    let c = expect(&r, CT, Status::Pass, "");
    assert!(
        c.warnings
            .iter()
            .any(|w| w.contains("needs 3 breaching datapoints"))
    );
    assert!(c.warnings.iter().any(|w| w.contains("unit Seconds")));
}

#[test]
fn metric_math_alarm_passes() {
    let mut s = compliant();
    let a = &mut s.alarms[1];
    a.metric_name = None;
    a.namespace = None;
    a.statistic = None;
    a.metrics = vec![
        query("m1", false, None, Some("CloudTrailChanges")),
        query("e1", true, Some("FILL(m1, 0)"), None),
    ];
    let r = run(&s);
    let c = expect(&r, CT, Status::Pass, "");
    assert!(c.warnings.iter().any(|w| w.contains("metric-math")));
    // The returned expression not using the metric: FAIL with that reason.
    s.alarms[1].metrics[1].expression = Some("m2 * 2".into());
    expect(&run(&s), CT, Status::Fail, "does not use it");
}

// ---- topics ----

#[test]
fn topic_without_subscriptions_fails() {
    let mut s = compliant();
    s.topics[0].subscriptions = Some(vec![]);
    let r = run(&s);
    let c = expect(
        &r,
        CT,
        Status::Fail,
        "no confirmed subscription (0 pending)",
    );
    assert_eq!(c.evidence.confirmed_subscriptions, Some(0));
}

#[test]
fn pending_only_fails() {
    let mut s = compliant();
    s.topics[0].subscriptions = Some(vec![pending(), pending()]);
    let r = run(&s);
    let c = expect(&r, CT, Status::Fail, "(2 pending)");
    assert_eq!(c.evidence.pending_subscriptions, Some(2));
}

#[test]
fn one_confirmed_among_pending_passes() {
    let mut s = compliant();
    s.topics[0].subscriptions = Some(vec![pending(), confirmed(1)]);
    let c = run(&s);
    let c = expect(&c, CT, Status::Pass, "");
    assert_eq!(c.evidence.pending_subscriptions, Some(1));
}

// ---- gaps ----

#[test]
fn describe_alarms_gap_is_unknown() {
    let mut s = compliant();
    s.alarms.clear();
    s.gaps.push(gap("cloudwatch", "DescribeAlarms", None));
    let r = run(&s);
    let c = expect(&r, CT, Status::Unknown, "DescribeAlarms");
    assert!(c.reason.contains("AccessDeniedException"));
    assert_eq!(r.exit_status(), ExitStatus::Unknown);
}

#[test]
fn describe_alarms_gap_does_not_hide_a_pass() {
    let mut s = compliant();
    s.gaps.push(gap("cloudwatch", "DescribeAlarms", None));
    assert_eq!(statuses(&run(&s)), vec![Status::Pass; 3]);
}

#[test]
fn describe_alarms_gap_turns_a_broken_alarm_into_unknown() {
    // The alarm found is broken, but another one may not have been read.
    let mut s = compliant();
    s.alarms[1].actions_enabled = false;
    s.gaps.push(gap("cloudwatch", "DescribeAlarms", None));
    expect(&run(&s), CT, Status::Unknown, "could not all be read");
}

#[test]
fn gap_behind_a_broken_trail_is_still_fail() {
    let mut s = compliant();
    s.trails[0].is_multi_region = false;
    s.alarms.clear();
    s.gaps.push(gap("cloudwatch", "DescribeAlarms", None));
    expect(&run(&s), CT, Status::Fail, "not multi-region");
}

#[test]
fn list_subscriptions_gap_is_unknown() {
    let mut s = compliant();
    s.topics[0].subscriptions = None;
    s.gaps
        .push(gap("sns", "ListSubscriptionsByTopic", Some(TOPIC)));
    let r = run(&s);
    let c = expect(&r, CT, Status::Unknown, "ListSubscriptionsByTopic");
    assert_eq!(c.evidence.topic_arn.as_deref(), Some(TOPIC));
}

#[test]
fn topic_missing_from_snapshot_is_unknown() {
    let mut s = compliant();
    s.topics.clear();
    expect(&run(&s), CT, Status::Unknown, "was not read");
}

#[test]
fn describe_trails_gap_makes_everything_unknown() {
    let mut s = compliant();
    s.trails.clear();
    s.gaps.push(gap("cloudtrail", "DescribeTrails", None));
    let r = run(&s);
    assert_eq!(statuses(&r), vec![Status::Unknown; 3]);
    assert!(r.results[0].reason.contains("DescribeTrails"));
    assert_eq!(r.exit_status(), ExitStatus::Unknown);
}

#[test]
fn unreadable_trail_status_is_unknown() {
    let mut s = compliant();
    s.trails[0].status = None;
    let arn = s.trails[0].arn.clone();
    s.gaps.push(gap("cloudtrail", "GetTrailStatus", Some(&arn)));
    expect(&run(&s), CT, Status::Unknown, "GetTrailStatus");
}

#[test]
fn unreadable_selectors_are_unknown() {
    let mut s = compliant();
    s.trails[0].selectors = None;
    expect(&run(&s), CT, Status::Unknown, "GetEventSelectors");
}

#[test]
fn unreadable_metric_filters_are_unknown() {
    let mut s = compliant();
    s.log_groups[0].metric_filters = None;
    s.gaps
        .push(gap("logs", "DescribeMetricFilters", Some(LOG_GROUP)));
    expect(&run(&s), CT, Status::Unknown, "DescribeMetricFilters");
}

// ---- exit status and order ----

#[test]
fn exit_status_prefers_fail_over_unknown() {
    let mut s = compliant();
    s.topics[0].subscriptions = None; // every control UNKNOWN
    let r = run(&s);
    assert_eq!(r.exit_status(), ExitStatus::Unknown);
    s.alarms[1].actions_enabled = false; // CT now FAIL
    let r = run(&s);
    assert_eq!(result(&r, CT).status, Status::Fail);
    assert_eq!(r.summary.fail, 1);
    assert_eq!(r.summary.unknown, 2);
    assert_eq!(r.exit_status(), ExitStatus::Fail);
}

#[test]
fn order_of_snapshot_lists_does_not_matter() {
    let mut s = compliant();
    let mut t2 = trail("second");
    t2.is_multi_region = false;
    s.trails.push(t2);
    s.alarms
        .push(alarm("zz-dup", "CloudTrailChanges", &[TOPIC]));
    s.alarms
        .push(alarm("aa-dup", "CloudTrailChanges", &[TOPIC]));
    let a = run(&s);
    s.trails.reverse();
    s.alarms.reverse();
    s.log_groups[0]
        .metric_filters
        .as_mut()
        .expect("filters")
        .reverse();
    let b = run(&s);
    assert_eq!(a, b);
    // Results follow the control order given.
    let slugs: Vec<_> = a.results.iter().map(|c| c.control).collect();
    assert_eq!(slugs, vec![MFA, CT, KMS_SLUG]);
    // Among equal alarms, the first by region then ARN is reported.
    assert_eq!(
        result(&a, CT).evidence.alarm_name.as_deref(),
        Some("aa-dup")
    );
}
