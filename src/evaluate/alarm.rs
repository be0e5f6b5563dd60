//! Does an alarm watch a filter's metric, and can one matching event make it fire?

use std::collections::BTreeSet;

use crate::model::{Alarm, MetricQuery, MetricTransformation};

/// Why an alarm that looks related does not watch the metric.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Miss {
    // Variants are ordered from least to most useful to tell the user.
    /// Watches something else entirely.
    Unrelated,
    /// Right metric, but in another region than the log group.
    OtherRegion(String),
    /// A metric-math alarm that queries the metric but does not alarm on it.
    NotReturned(String),
    /// Right name and namespace, but another set of dimensions.
    Dimensions(String),
    /// Right metric name, another namespace.
    OtherNamespace(String),
}

impl Miss {
    /// A sentence for a FAIL reason, if this miss is worth one.
    pub(crate) fn reason(&self) -> Option<&str> {
        match self {
            Miss::Unrelated => None,
            Miss::OtherRegion(s)
            | Miss::NotReturned(s)
            | Miss::Dimensions(s)
            | Miss::OtherNamespace(s) => Some(s),
        }
    }
}

/// The answer of [`watch`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Watch {
    /// The alarm watches the metric; the warnings say how well.
    Yes {
        warnings: Vec<String>,
        /// The statistic the alarm applies to the metric, when it can be told.
        stat: Option<String>,
        /// Whether the alarm's threshold applies directly to that statistic.
        direct: bool,
    },
    No(Miss),
}

/// Does `alarm` watch the metric that `t` (on a log group in `region`,
/// account `account`) publishes?
pub(crate) fn watch(alarm: &Alarm, t: &MetricTransformation, region: &str, account: &str) -> Watch {
    let w = if alarm.metrics.is_empty() {
        single(alarm, t)
    } else {
        math(alarm, t, account)
    };
    match w {
        Watch::Yes { .. } if alarm.region != region => Watch::No(Miss::OtherRegion(format!(
            "alarm {} watches metric {}/{} but is in {}, not in the log group's region {region}",
            alarm.name, t.metric_namespace, t.metric_name, alarm.region
        ))),
        w => w,
    }
}

fn single(alarm: &Alarm, t: &MetricTransformation) -> Watch {
    if alarm.metric_name.as_deref() != Some(t.metric_name.as_str()) {
        return Watch::No(Miss::Unrelated);
    }
    let ns = alarm.namespace.as_deref().unwrap_or("");
    if ns != t.metric_namespace {
        return Watch::No(Miss::OtherNamespace(format!(
            "alarm {} watches metric name {} in namespace {ns}, but the filter publishes it in namespace {}",
            alarm.name, t.metric_name, t.metric_namespace
        )));
    }
    let mut warnings = Vec::new();
    if let Err(miss) = dimensions(&alarm.name, &alarm.dimensions, t, &mut warnings) {
        return Watch::No(miss);
    }
    let stat = alarm
        .statistic
        .clone()
        .or_else(|| alarm.extended_statistic.clone());
    Watch::Yes {
        warnings,
        stat,
        direct: true,
    }
}

/// Compare the alarm's dimensions with those the filter publishes.
fn dimensions(
    alarm: &str,
    alarm_dims: &[(String, String)],
    t: &MetricTransformation,
    warnings: &mut Vec<String>,
) -> Result<(), Miss> {
    let want: BTreeSet<&str> = t.dimensions.iter().map(|(k, _)| k.as_str()).collect();
    let have: BTreeSet<&str> = alarm_dims.iter().map(|(k, _)| k.as_str()).collect();
    if want == have {
        if !want.is_empty() {
            let values: Vec<String> = alarm_dims.iter().map(|(k, v)| format!("{k}={v}")).collect();
            warnings.push(format!(
                "alarm {alarm} watches only the variant {} of metric {}/{}; matching events with other dimension values do not reach it",
                values.join(","),
                t.metric_namespace,
                t.metric_name
            ));
        }
        return Ok(());
    }
    let show = |s: &BTreeSet<&str>| {
        if s.is_empty() {
            "no dimensions".to_string()
        } else {
            format!(
                "dimensions [{}]",
                s.iter().copied().collect::<Vec<_>>().join(", ")
            )
        }
    };
    Err(Miss::Dimensions(format!(
        "alarm {alarm} watches metric {}/{} with {}, but the filter publishes it with {}, so the alarm never receives its datapoints",
        t.metric_namespace,
        t.metric_name,
        show(&have),
        show(&want)
    )))
}

fn math(alarm: &Alarm, t: &MetricTransformation, account: &str) -> Watch {
    let mut best = Miss::Unrelated;
    let returned: Vec<&MetricQuery> = alarm.metrics.iter().filter(|q| q.return_data).collect();
    for q in &alarm.metrics {
        if q.metric_name.as_deref() != Some(t.metric_name.as_str()) {
            continue;
        }
        let ns = q.namespace.as_deref().unwrap_or("");
        if ns != t.metric_namespace {
            best = best.max(Miss::OtherNamespace(format!(
                "metric-math alarm {} queries metric name {} in namespace {ns}, but the filter publishes it in namespace {}",
                alarm.name, t.metric_name, t.metric_namespace
            )));
            continue;
        }
        if q.account_id.as_deref().is_some_and(|a| a != account) {
            continue;
        }
        let mut warnings = Vec::new();
        if let Err(miss) = dimensions(&alarm.name, &q.dimensions, t, &mut warnings) {
            best = best.max(miss);
            continue;
        }
        let ret = match returned.as_slice() {
            [one] => *one,
            _ => {
                warnings.push(format!(
                    "metric-math alarm {} does not say which query it alarms on; assuming it uses metric {}/{}",
                    alarm.name, t.metric_namespace, t.metric_name
                ));
                return Watch::Yes {
                    warnings,
                    stat: None,
                    direct: false,
                };
            }
        };
        if ret.id == q.id {
            return Watch::Yes {
                warnings,
                stat: q.stat.clone(),
                direct: true,
            };
        }
        match depends(alarm, ret, &q.id, &mut BTreeSet::new()) {
            Dep::Yes => {
                return Watch::Yes {
                    warnings,
                    stat: None,
                    direct: false,
                };
            }
            Dep::Unsure => {
                warnings.push(format!(
                    "metric-math alarm {}: cannot tell whether expression {} depends on metric {}/{}; accepted",
                    alarm.name,
                    ret.expression.as_deref().unwrap_or(""),
                    t.metric_namespace,
                    t.metric_name
                ));
                return Watch::Yes {
                    warnings,
                    stat: None,
                    direct: false,
                };
            }
            Dep::No => {
                best = best.max(Miss::NotReturned(format!(
                    "metric-math alarm {} queries metric {}/{} as {} but alarms on {}, which does not use it",
                    alarm.name, t.metric_namespace, t.metric_name, q.id, ret.id
                )));
            }
        }
    }
    Watch::No(best)
}

enum Dep {
    Yes,
    No,
    Unsure,
}

/// Does query `from` depend on the query with id `target`?
fn depends<'a>(
    alarm: &'a Alarm,
    from: &'a MetricQuery,
    target: &str,
    seen: &mut BTreeSet<&'a str>,
) -> Dep {
    if from.id == target {
        return Dep::Yes;
    }
    if !seen.insert(from.id.as_str()) {
        return Dep::No;
    }
    let Some(expr) = from.expression.as_deref() else {
        return Dep::No;
    };
    let mut unsure = false;
    for tok in identifiers(expr) {
        if tok == target {
            return Dep::Yes;
        }
        // Functions that pull in metrics by something other than their id.
        if matches!(
            tok,
            "METRICS" | "SEARCH" | "INSIGHT_RULE_METRIC" | "SERVICE_QUOTA"
        ) {
            unsure = true;
        }
        if let Some(next) = alarm.metrics.iter().find(|m| m.id == tok) {
            match depends(alarm, next, target, seen) {
                Dep::Yes => return Dep::Yes,
                Dep::Unsure => unsure = true,
                Dep::No => {}
            }
        }
    }
    if unsure { Dep::Unsure } else { Dep::No }
}

/// The identifiers of a metric-math expression (ids and function names).
fn identifiers(expr: &str) -> impl Iterator<Item = &str> {
    expr.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|s| s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
}

/// Reasons why one matching event may not make `alarm` fire (empty = it fires).
/// `stat` and `direct` come from [`Watch::Yes`].
pub(crate) fn can_fire(
    alarm: &Alarm,
    t: &MetricTransformation,
    filter: &str,
    stat: Option<&str>,
    direct: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    let name = &alarm.name;
    let filter_unit = t.unit.as_deref().unwrap_or("None");
    if let Some(unit) = alarm.unit.as_deref().filter(|u| *u != filter_unit) {
        out.push(format!(
            "alarm {name} asks for unit {unit} but filter {filter} publishes unit {filter_unit}; the alarm stays in INSUFFICIENT_DATA and never fires"
        ));
    }
    let needed = alarm
        .datapoints_to_alarm
        .or(alarm.evaluation_periods)
        .unwrap_or(1);
    if needed > 1 {
        out.push(format!(
            "alarm {name} needs {needed} breaching datapoints{}; one matching event does not fire it",
            alarm
                .evaluation_periods
                .map(|e| format!(" out of {e} periods"))
                .unwrap_or_default()
        ));
    }
    if !direct {
        out.push(format!(
            "alarm {name} alarms on a metric-math expression; cannot verify that one matching event breaches its threshold"
        ));
        return out;
    }
    if let Some(w) = one_event_breaches(alarm, t, stat) {
        out.push(w);
    }
    out
}

/// `None` if one event breaches the threshold, else why not (or why unsure).
fn one_event_breaches(
    alarm: &Alarm,
    t: &MetricTransformation,
    stat: Option<&str>,
) -> Option<String> {
    let name = &alarm.name;
    let Ok(v) = t.metric_value.trim().parse::<f64>() else {
        return Some(format!(
            "the metric value {} is taken from the event, so whether one event breaches alarm {name}'s threshold cannot be told",
            t.metric_value
        ));
    };
    let Some(stat) = stat else {
        return Some(format!(
            "alarm {name} has no statistic; cannot verify that one matching event breaches its threshold"
        ));
    };
    let default = t.default_value;
    let diluted = || {
        Some(format!(
            "alarm {name} uses statistic {stat} and the filter has a default value, so one matching event is diluted by other log events; use Sum"
        ))
    };
    let x = match stat {
        "Sum" | "Maximum" => v,
        "SampleCount" => {
            if default.is_some() {
                return Some(format!(
                    "alarm {name} uses SampleCount but the filter has a default value, so it counts every log event, not matching ones"
                ));
            }
            1.0
        }
        "Minimum" => match default {
            Some(d) => v.min(d),
            None => v,
        },
        "Average" => {
            if default.is_some() {
                return diluted();
            }
            v
        }
        s if s.starts_with('p') || s.starts_with("tm") || s.starts_with("wm") => {
            if default.is_some() {
                return diluted();
            }
            v
        }
        other => {
            return Some(format!(
                "alarm {name} uses statistic {other}; cannot verify that one matching event breaches its threshold"
            ));
        }
    };
    let (Some(th), Some(op)) = (alarm.threshold, alarm.comparison_operator.as_deref()) else {
        return Some(format!(
            "alarm {name} has no static threshold; cannot verify that one matching event breaches it"
        ));
    };
    let fires = match op {
        "GreaterThanOrEqualToThreshold" => x >= th,
        "GreaterThanThreshold" => x > th,
        "LessThanThreshold" | "LessThanOrEqualToThreshold" => {
            return Some(format!(
                "alarm {name} uses {op} {th}: it fires when the metric drops, not when an event matches"
            ));
        }
        other => {
            return Some(format!(
                "alarm {name} uses {other}; cannot verify that one matching event breaches it"
            ));
        }
    };
    if fires {
        None
    } else {
        Some(format!(
            "alarm {name} does not fire on one matching event: it gives {stat} = {x}, and {op} needs {} {th}",
            match op {
                "GreaterThanThreshold" => "more than",
                _ => "at least",
            }
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> MetricTransformation {
        MetricTransformation {
            metric_name: "M".into(),
            metric_namespace: "CISBenchmark".into(),
            metric_value: "1".into(),
            default_value: None,
            dimensions: vec![],
            unit: None,
        }
    }

    fn alarm() -> Alarm {
        Alarm {
            name: "a".into(),
            arn: "arn:aws:cloudwatch:us-east-1:1:alarm:a".into(),
            region: "us-east-1".into(),
            metric_name: Some("M".into()),
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
            alarm_actions: vec![],
            ok_actions: vec![],
            insufficient_data_actions: vec![],
            state_value: None,
        }
    }

    fn fire(a: &Alarm) -> Vec<String> {
        match watch(a, &t(), "us-east-1", "1") {
            Watch::Yes { stat, direct, .. } => can_fire(a, &t(), "f", stat.as_deref(), direct),
            Watch::No(m) => panic!("{m:?}"),
        }
    }

    #[test]
    fn remediation_alarm_fires() {
        assert!(fire(&alarm()).is_empty());
    }

    #[test]
    fn thresholds() {
        let mut a = alarm();
        a.comparison_operator = Some("GreaterThanThreshold".into());
        assert_eq!(fire(&a).len(), 1);
        a.threshold = Some(0.0);
        assert!(fire(&a).is_empty());
        a.comparison_operator = Some("LessThanThreshold".into());
        assert_eq!(fire(&a).len(), 1);
        let mut b = alarm();
        b.evaluation_periods = Some(3);
        assert_eq!(fire(&b).len(), 1);
        b.datapoints_to_alarm = Some(1);
        assert!(fire(&b).is_empty());
        let mut u = alarm();
        u.unit = Some("Count".into());
        assert_eq!(fire(&u).len(), 1);
    }

    #[test]
    fn namespace_and_dimensions() {
        let mut a = alarm();
        a.namespace = Some("Other".into());
        assert!(matches!(
            watch(&a, &t(), "us-east-1", "1"),
            Watch::No(Miss::OtherNamespace(_))
        ));
        let mut td = t();
        td.dimensions = vec![("src".into(), "$.eventSource".into())];
        assert!(matches!(
            watch(&alarm(), &td, "us-east-1", "1"),
            Watch::No(Miss::Dimensions(_))
        ));
        let mut ad = alarm();
        ad.dimensions = vec![("src".into(), "iam.amazonaws.com".into())];
        match watch(&ad, &td, "us-east-1", "1") {
            Watch::Yes { warnings, .. } => assert_eq!(warnings.len(), 1),
            w => panic!("{w:?}"),
        }
        assert!(matches!(
            watch(&alarm(), &t(), "eu-west-1", "1"),
            Watch::No(Miss::OtherRegion(_))
        ));
    }

    fn query(id: &str, ret: bool, expr: Option<&str>, metric: Option<&str>) -> MetricQuery {
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

    #[test]
    fn metric_math() {
        let mut a = alarm();
        a.metric_name = None;
        a.namespace = None;
        a.statistic = None;
        a.metrics = vec![
            query("m1", false, None, Some("M")),
            query("m2", false, None, Some("Other")),
            query("e1", true, Some("FILL(m1, 0) + m2"), None),
        ];
        assert!(matches!(
            watch(&a, &t(), "us-east-1", "1"),
            Watch::Yes { direct: false, .. }
        ));
        a.metrics[2].expression = Some("m2 * 2".into());
        assert!(matches!(
            watch(&a, &t(), "us-east-1", "1"),
            Watch::No(Miss::NotReturned(_))
        ));
        a.metrics[2].expression = Some("SUM(METRICS())".into());
        match watch(&a, &t(), "us-east-1", "1") {
            Watch::Yes { warnings, .. } => assert_eq!(warnings.len(), 1),
            w => panic!("{w:?}"),
        }
        a.metrics = vec![query("m1", true, None, Some("M"))];
        assert!(matches!(
            watch(&a, &t(), "us-east-1", "1"),
            Watch::Yes { direct: true, .. }
        ));
    }
}
