//! The chain walk: trail -> log group -> filter -> metric -> alarm -> topic -> subscription.

use std::collections::HashMap;

use serde_json::Value;

use super::alarm::{self, Miss, Watch};
use super::trail::{self, KMS_SOURCE, TrailIssue};
use super::{Chain, ControlResult, MetricId, Status};
use crate::catalogue::Control;
use crate::model::{
    Alarm, Gap, LogGroup, LogGroupArn, MetricFilter, MetricTransformation, Snapshot, Trail,
    arn_service,
};
use crate::pattern::{self, ParseError, ParseErrorKind, Pattern, Relation, RelationKind};

/// The slug of the control whose events come from KMS.
const KMS_CONTROL: &str = "cmk-disable-or-deletion";

/// How far a path got: the number of links established.
mod reach {
    pub const TRAIL: u8 = 1;
    pub const LOG_GROUP: u8 = 2;
    pub const FILTER: u8 = 3;
    pub const ALARM: u8 = 4;
    pub const TOPIC: u8 = 5;
    pub const SUBSCRIPTION: u8 = 6;
}

/// A broken (or possibly broken) link.
#[derive(Debug, Clone)]
struct Issue {
    /// `true`: definitely broken; `false`: data is missing.
    certain: bool,
    text: String,
}

/// One candidate chain through the snapshot.
#[derive(Debug, Clone, Default)]
struct Path {
    chain: Chain,
    reach: u8,
    issues: Vec<Issue>,
    warnings: Vec<String>,
    missed_event: Option<Value>,
    alternative: Option<&'static str>,
}

impl Path {
    fn defect(&mut self, text: String) {
        self.issues.push(Issue {
            certain: true,
            text,
        });
    }

    fn unknown(&mut self, text: String) {
        self.issues.push(Issue {
            certain: false,
            text,
        });
    }

    fn passes(&self) -> bool {
        self.reach == reach::SUBSCRIPTION && self.issues.is_empty()
    }

    fn possible(&self) -> bool {
        self.issues.iter().all(|i| !i.certain)
    }

    fn certain_issues(&self) -> usize {
        self.issues.iter().filter(|i| i.certain).count()
    }
}

/// A filter compared with a prescribed pattern.
#[derive(Debug, Clone)]
enum Compared {
    Rel(Relation),
    FilterError(ParseError),
    PrescribedError(ParseError),
}

impl Compared {
    /// Without the example events: what the cache keeps. Thousands of filters
    /// times fifteen controls of full CloudTrail events would cost hundreds of
    /// megabytes, and only the nearest filter's missed event is ever shown.
    fn without_events(&self) -> Compared {
        match self {
            Compared::Rel(r) => Compared::Rel(Relation {
                kind: r.kind,
                missed_event: None,
                extra_event: None,
                note: r.note.clone(),
            }),
            other => other.clone(),
        }
    }
}

/// Evaluates controls against one snapshot, caching parses and relations.
pub(crate) struct Evaluator<'s> {
    snap: &'s Snapshot,
    trails: Vec<&'s Trail>,
    alarms: Vec<&'s Alarm>,
    parsed: HashMap<&'s str, Result<Pattern, ParseError>>,
    prescribed: HashMap<&'static str, Result<Pattern, ParseError>>,
    relations: HashMap<(&'static str, &'s str), Compared>,
}

impl<'s> Evaluator<'s> {
    pub(crate) fn new(snap: &'s Snapshot) -> Self {
        let mut trails: Vec<&Trail> = snap.trails.iter().collect();
        trails.sort_by(|a, b| (&a.home_region, &a.arn).cmp(&(&b.home_region, &b.arn)));
        let mut alarms: Vec<&Alarm> = snap.alarms.iter().collect();
        alarms.sort_by(|a, b| (&a.region, &a.arn).cmp(&(&b.region, &b.arn)));
        Evaluator {
            snap,
            trails,
            alarms,
            parsed: HashMap::new(),
            prescribed: HashMap::new(),
            relations: HashMap::new(),
        }
    }

    /// Evaluate one control.
    pub(crate) fn control(&mut self, control: &'static Control) -> ControlResult {
        let mut result = ControlResult {
            control: control.slug,
            id: control.id,
            title: control.title,
            status: Status::Unknown,
            reason: String::new(),
            evidence: Chain::default(),
            warnings: Vec::new(),
            missed_event: None,
            alternative: None,
        };
        if let Some(g) = self.gap("cloudtrail", &["DescribeTrails"], None, &[]) {
            result.reason = sentence(&format!(
                "the trails could not be listed: {}",
                describe_gap(g)
            ));
            return result;
        }
        if self.trails.is_empty() {
            result.status = Status::Fail;
            result.reason = sentence("no CloudTrail trail exists");
            result.alternative = control.alternatives.first().map(|a| a.pattern);
            return result;
        }
        let mut paths = Vec::new();
        let trails = self.trails.clone();
        for t in trails {
            self.walk_trail(control, t, &mut paths);
        }
        pick(paths, result)
    }

    fn walk_trail(&mut self, control: &'static Control, t: &'s Trail, out: &mut Vec<Path>) {
        let needs_kms = control.slug == KMS_CONTROL
            || control
                .alternatives
                .iter()
                .any(|a| a.pattern.contains(KMS_SOURCE));
        let ids = [t.arn.as_str(), t.name.as_str()];
        let missing = |op: &str| match self.gap("cloudtrail", &[op], None, &ids) {
            Some(g) => describe_gap(g),
            None => format!("{op} was not collected"),
        };
        let q = trail::qualify(t, needs_kms, &missing);
        let mut p = Path {
            reach: reach::TRAIL,
            ..Path::default()
        };
        p.chain.trail_name = Some(t.name.clone());
        p.chain.trail_arn = Some(t.arn.clone());
        p.warnings = q.warnings;
        for issue in q.issues {
            match issue {
                TrailIssue::Defect(s) => p.defect(s),
                TrailIssue::Unknown(s) => p.unknown(s),
            }
        }
        let Some(arn) = t.log_group_arn.as_deref() else {
            p.defect(format!(
                "trail {} does not deliver to CloudWatch Logs",
                t.name
            ));
            p.alternative = control.alternatives.first().map(|a| a.pattern);
            out.push(p);
            return;
        };
        p.chain.log_group_arn = Some(arn.to_string());
        let Some(parsed) = LogGroupArn::parse(arn) else {
            p.defect(format!(
                "trail {} names {arn} as its log group, which is not a log group ARN",
                t.name
            ));
            out.push(p);
            return;
        };
        p.chain.log_group_name = Some(parsed.name.clone());
        p.chain.log_group_region = Some(parsed.region.clone());
        let found = self.snap.log_groups.iter().find(|lg| {
            strip_star(&lg.arn) == strip_star(arn)
                || (lg.name == parsed.name
                    && lg.region == parsed.region
                    && lg.account_id == parsed.account_id)
        });
        let Some(lg) = found else {
            let text = format!(
                "log group {} in {} (trail {}) is not in the snapshot",
                parsed.name, parsed.region, t.name
            );
            match self.gap("logs", &[], Some(&parsed.region), &[arn, &parsed.name]) {
                Some(g) => p.unknown(format!("{text}: {}", describe_gap(g))),
                None => p.defect(text),
            }
            p.alternative = control.alternatives.first().map(|a| a.pattern);
            out.push(p);
            return;
        };
        p.reach = reach::LOG_GROUP;
        self.walk_log_group(control, lg, p, out);
    }

    fn walk_log_group(
        &mut self,
        control: &'static Control,
        lg: &'s LogGroup,
        mut p: Path,
        out: &mut Vec<Path>,
    ) {
        let ids = [lg.arn.as_str(), lg.name.as_str()];
        let gap = self
            .gap("logs", &["DescribeMetricFilters"], Some(&lg.region), &ids)
            .map(describe_gap);
        let Some(filters) = &lg.metric_filters else {
            p.unknown(format!(
                "the metric filters of log group {} could not be read: {}",
                lg.name,
                gap.unwrap_or_else(|| "DescribeMetricFilters was not collected".into())
            ));
            p.alternative = control.alternatives.first().map(|a| a.pattern);
            out.push(p);
            return;
        };
        if let Some(g) = gap {
            let mut phantom = p.clone();
            phantom.unknown(format!(
                "the metric filters of log group {} may be incomplete: {g}",
                lg.name
            ));
            phantom.alternative = control.alternatives.first().map(|a| a.pattern);
            out.push(phantom);
        }
        let mut sorted: Vec<&'s MetricFilter> = filters.iter().collect();
        sorted.sort_by(|a, b| a.name.cmp(&b.name));

        let mut covering = Vec::new();
        // The nearest non-covering comparison: (rank, filter, alternative, relation).
        let mut nearest: Option<(u8, &'s MetricFilter, &'static str, Relation)> = None;
        let mut undecided: Option<String> = None;
        let mut notes = Vec::new();
        for f in &sorted {
            // The alternative this filter covers most tightly: an equivalent one
            // over one it is merely broader than (e.g. the remediation pattern of
            // a control whose audit pattern differs).
            let mut best: Option<(&'static str, Relation)> = None;
            for alt in control.alternatives {
                match self.compare(alt.pattern, &f.pattern) {
                    Compared::Rel(r) if r.kind.covers() => {
                        let exact = r.kind == RelationKind::Equivalent;
                        if exact || best.is_none() {
                            best = Some((alt.pattern, r));
                        }
                        if exact {
                            break;
                        }
                    }
                    Compared::Rel(r) => {
                        let rank = rank(r.kind);
                        if r.kind == RelationKind::Undecided && undecided.is_none() {
                            undecided = Some(format!(
                                "whether filter {} covers the pattern could not be decided{}",
                                f.name,
                                r.note
                                    .as_deref()
                                    .map(|n| format!(" ({n})"))
                                    .unwrap_or_default()
                            ));
                        }
                        if nearest.as_ref().is_none_or(|n| rank > n.0) {
                            nearest = Some((rank, *f, alt.pattern, r));
                        }
                    }
                    Compared::FilterError(e) => {
                        let text = format!(
                            "filter {} has a pattern cis-monitor cannot parse (byte {}): {}",
                            f.name, e.span.start, e.message
                        );
                        if e.kind == ParseErrorKind::Unsupported && undecided.is_none() {
                            undecided = Some(text.clone());
                        }
                        notes.push(text);
                        break;
                    }
                    Compared::PrescribedError(e) => {
                        if undecided.is_none() {
                            undecided = Some(format!(
                                "the prescribed pattern could not be parsed: {}",
                                e.message
                            ));
                        }
                    }
                }
            }
            if let Some((alt, r)) = best {
                covering.push((*f, alt, r));
            }
        }
        if covering.is_empty() {
            p.warnings.extend(notes);
            if let Some((_, f, alt, r)) = nearest.filter(|n| n.0 >= 3) {
                p.chain.filter_name = Some(f.name.clone());
                p.chain.filter_pattern = Some(f.pattern.clone());
                p.chain.relation = Some(r.kind);
                p.alternative = Some(alt);
                p.missed_event = match r.missed_event {
                    Some(e) => Some(e),
                    None => self.missed_event(alt, &f.pattern),
                };
                let text = format!(
                    "no metric filter on log group {} covers the pattern; the nearest, {}, is {} and misses events{}",
                    lg.name,
                    f.name,
                    r.kind.as_str(),
                    if p.missed_event.is_some() {
                        " such as the one shown"
                    } else {
                        ""
                    }
                );
                match undecided {
                    Some(u) => {
                        p.warnings.push(text);
                        p.unknown(u);
                    }
                    None => p.defect(text),
                }
            } else {
                p.alternative = control.alternatives.first().map(|a| a.pattern);
                match undecided {
                    Some(u) => p.unknown(u),
                    None if sorted.is_empty() => {
                        p.defect(format!("log group {} has no metric filters", lg.name))
                    }
                    None => p.defect(format!(
                        "none of the {} metric filters on log group {} covers the pattern",
                        sorted.len(),
                        lg.name
                    )),
                }
            }
            out.push(p);
            return;
        }
        for (f, alt, r) in covering {
            let mut fp = p.clone();
            fp.reach = reach::FILTER;
            fp.chain.filter_name = Some(f.name.clone());
            fp.chain.filter_pattern = Some(f.pattern.clone());
            fp.chain.relation = Some(r.kind);
            fp.alternative = Some(alt);
            if f.transformations.is_empty() {
                fp.defect(format!("filter {} publishes no metric", f.name));
                out.push(fp);
                continue;
            }
            let mut ts: Vec<&MetricTransformation> = f.transformations.iter().collect();
            ts.sort_by(|a, b| {
                (&a.metric_namespace, &a.metric_name).cmp(&(&b.metric_namespace, &b.metric_name))
            });
            for t in ts {
                self.walk_metric(lg, f, t, fp.clone(), out);
            }
        }
    }

    fn walk_metric(
        &self,
        lg: &LogGroup,
        f: &MetricFilter,
        t: &MetricTransformation,
        mut p: Path,
        out: &mut Vec<Path>,
    ) {
        p.chain.metric = Some(MetricId {
            namespace: t.metric_namespace.clone(),
            name: t.metric_name.clone(),
        });
        let gap = self
            .gap("cloudwatch", &[], Some(&lg.region), &[])
            .map(describe_gap);
        let mut best_miss = Miss::Unrelated;
        let mut watching = Vec::new();
        for a in &self.alarms {
            match alarm::watch(a, t, &lg.region, &lg.account_id) {
                Watch::Yes {
                    warnings,
                    stat,
                    direct,
                } => watching.push((*a, warnings, stat, direct)),
                Watch::No(m) => best_miss = best_miss.max(m),
            }
        }
        if let Some(g) = &gap {
            let mut phantom = p.clone();
            let text = format!("the alarms in {} could not all be read: {g}", lg.region);
            if let Some(r) = best_miss.reason().filter(|_| watching.is_empty()) {
                phantom.warnings.push(r.to_string());
            }
            phantom.unknown(text);
            out.push(phantom);
        }
        if watching.is_empty() {
            if gap.is_none() {
                match best_miss.reason() {
                    Some(r) => p.defect(r.to_string()),
                    None => p.defect(format!(
                        "no alarm in {} watches metric {}/{} of filter {}",
                        lg.region, t.metric_namespace, t.metric_name, f.name
                    )),
                }
                out.push(p);
            }
            return;
        }
        for (a, warnings, stat, direct) in watching {
            let mut ap = p.clone();
            ap.reach = reach::ALARM;
            ap.chain.alarm_name = Some(a.name.clone());
            ap.chain.alarm_arn = Some(a.arn.clone());
            ap.warnings.extend(warnings);
            ap.warnings
                .extend(alarm::can_fire(a, t, &f.name, stat.as_deref(), direct));
            if !a.actions_enabled {
                ap.defect(format!("alarm {} has its actions disabled", a.name));
            }
            let mut topics: Vec<&str> = a
                .alarm_actions
                .iter()
                .map(String::as_str)
                .filter(|x| arn_service(x) == Some("sns"))
                .collect();
            topics.sort_unstable();
            topics.dedup();
            if topics.is_empty() {
                let other_sns = a
                    .ok_actions
                    .iter()
                    .chain(&a.insufficient_data_actions)
                    .any(|x| arn_service(x) == Some("sns"));
                let text = if other_sns {
                    format!(
                        "alarm {} notifies SNS only on OK or INSUFFICIENT_DATA, not on ALARM",
                        a.name
                    )
                } else if a.alarm_actions.is_empty() {
                    format!("alarm {} has no alarm actions", a.name)
                } else {
                    format!(
                        "alarm {} has no SNS topic in its alarm actions (only {})",
                        a.name,
                        a.alarm_actions.join(", ")
                    )
                };
                ap.defect(text);
                out.push(ap);
                continue;
            }
            for arn in topics {
                out.push(self.walk_topic(arn, ap.clone()));
            }
        }
    }

    fn walk_topic(&self, arn: &str, mut p: Path) -> Path {
        p.chain.topic_arn = Some(arn.to_string());
        let region = crate::model::arn_region(arn);
        let gap = self.gap("sns", &[], region, &[arn]).map(describe_gap);
        let Some(topic) = self.snap.topics.iter().find(|t| t.arn == arn) else {
            p.unknown(format!(
                "topic {arn} was not read: {}",
                gap.unwrap_or_else(|| "it is not in the snapshot".into())
            ));
            return p;
        };
        let Some(subs) = &topic.subscriptions else {
            p.unknown(format!(
                "the subscriptions of topic {arn} could not be read: {}",
                gap.unwrap_or_else(|| "ListSubscriptionsByTopic was not collected".into())
            ));
            return p;
        };
        p.reach = reach::TOPIC;
        let confirmed = subs.iter().filter(|s| s.is_confirmed()).count();
        let pending = subs
            .iter()
            .filter(|s| {
                !s.is_confirmed()
                    && s.subscription_arn
                        .replace(' ', "")
                        .eq_ignore_ascii_case("PendingConfirmation")
            })
            .count();
        p.chain.confirmed_subscriptions = Some(confirmed);
        p.chain.pending_subscriptions = Some(pending);
        if confirmed == 0 {
            p.defect(format!(
                "topic {arn} has no confirmed subscription ({pending} pending)"
            ));
        } else {
            p.reach = reach::SUBSCRIPTION;
        }
        p
    }

    /// Compare a prescribed pattern with a filter's, through the caches.
    fn compare(&mut self, alt: &'static str, filter: &'s str) -> Compared {
        if let Some(c) = self.relations.get(&(alt, filter)) {
            return c.clone();
        }
        let c = if alt.trim() == filter.trim() {
            // Identical text needs no parser.
            Compared::Rel(Relation {
                kind: RelationKind::Equivalent,
                missed_event: None,
                extra_event: None,
                note: None,
            })
        } else {
            let pre = self
                .prescribed
                .entry(alt)
                .or_insert_with(|| pattern::parse(alt));
            match pre {
                Err(e) => Compared::PrescribedError(e.clone()),
                Ok(pre) => {
                    let act = self
                        .parsed
                        .entry(filter)
                        .or_insert_with(|| pattern::parse(filter));
                    match act {
                        Err(e) => Compared::FilterError(e.clone()),
                        Ok(act) => Compared::Rel(pattern::relate(pre, act)),
                    }
                }
            }
        };
        self.relations.insert((alt, filter), c.without_events());
        c
    }

    /// The missed event of a comparison the cache kept without it.
    fn missed_event(&mut self, alt: &'static str, filter: &'s str) -> Option<serde_json::Value> {
        let pre = self.prescribed.get(alt)?.as_ref().ok()?;
        let act = self.parsed.get(filter)?.as_ref().ok()?;
        pattern::relate(pre, act).missed_event
    }

    /// The first gap of `service` (one of `ops`, or any when empty) in
    /// `region` (or any) about one of `ids` (or about no resource in particular).
    fn gap(
        &self,
        service: &str,
        ops: &[&str],
        region: Option<&str>,
        ids: &[&str],
    ) -> Option<&'s Gap> {
        self.snap.gaps.iter().find(|g| {
            g.service.eq_ignore_ascii_case(service)
                && (ops.is_empty() || ops.contains(&g.operation.as_str()))
                && region.is_none_or(|r| g.region.is_empty() || g.region == r)
                && g.resource.as_deref().is_none_or(|res| {
                    ids.is_empty() || ids.iter().any(|i| strip_star(i) == strip_star(res))
                })
        })
    }
}

/// Order of usefulness of a non-covering relation as "the nearest filter".
fn rank(kind: RelationKind) -> u8 {
    match kind {
        RelationKind::Narrower => 4,
        RelationKind::Overlapping => 3,
        RelationKind::Undecided => 2,
        RelationKind::Disjoint => 1,
        _ => 0,
    }
}

/// Turn the candidate paths into the control's verdict.
fn pick(paths: Vec<Path>, mut result: ControlResult) -> ControlResult {
    let passing = paths
        .iter()
        .filter(|p| p.passes())
        .min_by_key(|p| p.warnings.len());
    let (status, best) = if let Some(p) = passing {
        (Status::Pass, Some(p))
    } else if let Some(p) = best(paths.iter().filter(|p| p.possible())) {
        (Status::Unknown, Some(p))
    } else {
        (Status::Fail, best(paths.iter()))
    };
    result.status = status;
    let Some(p) = best else {
        result.reason = sentence("no chain could be built");
        return result;
    };
    result.evidence = p.chain.clone();
    result.missed_event = p.missed_event.clone();
    result.alternative = p.alternative;
    let mut warnings = p.warnings.clone();
    match p.issues.split_first() {
        None => {
            result.reason = sentence(&format!(
                "alarm {} on filter {} notifies topic {}, which has {} confirmed subscription{}",
                p.chain.alarm_name.as_deref().unwrap_or(""),
                p.chain.filter_name.as_deref().unwrap_or(""),
                p.chain.topic_arn.as_deref().unwrap_or(""),
                p.chain.confirmed_subscriptions.unwrap_or(0),
                if p.chain.confirmed_subscriptions == Some(1) {
                    ""
                } else {
                    "s"
                }
            ));
        }
        Some((first, rest)) => {
            result.reason = sentence(&first.text);
            warnings.extend(rest.iter().map(|i| format!("also: {}", i.text)));
        }
    }
    let mut seen = std::collections::HashSet::new();
    warnings.retain(|w| seen.insert(w.clone()));
    result.warnings = warnings;
    result
}

/// The furthest-reaching path with the fewest certain issues (first on ties).
fn best<'p>(paths: impl Iterator<Item = &'p Path>) -> Option<&'p Path> {
    let mut best: Option<&Path> = None;
    for p in paths {
        let better = best.is_none_or(|b| {
            (p.reach, std::cmp::Reverse(p.certain_issues()))
                > (b.reach, std::cmp::Reverse(b.certain_issues()))
        });
        if better {
            best = Some(p);
        }
    }
    best
}

fn strip_star(s: &str) -> &str {
    s.strip_suffix(":*").unwrap_or(s)
}

/// `service Operation failed in region: code: error` (the callers name the resource);
/// the code is not repeated when the error text already starts with it.
fn describe_gap(g: &Gap) -> String {
    let mut s = format!("{} {} failed in {}: ", g.service, g.operation, g.region);
    if let Some(c) = g.code.as_ref().filter(|c| !g.error.starts_with(c.as_str())) {
        s.push_str(c);
        s.push_str(": ");
    }
    s.push_str(&g.error);
    s
}

/// Capitalise and end with a full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut s: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}
