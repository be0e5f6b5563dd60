//! Does a trail qualify: multi-region, logging, and capturing all management events?

use crate::model::{AdvancedSelector, ClassicSelector, EventSelectors, Trail};

/// The event source of the KMS management events the KMS control watches.
pub(crate) const KMS_SOURCE: &str = "kms.amazonaws.com";
/// The RDS Data API source, which CloudTrail also lets a trail exclude.
pub(crate) const RDSDATA_SOURCE: &str = "rdsdata.amazonaws.com";

/// Read or write management events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rw {
    Read,
    Write,
}

/// Which event sources a question is about: any source CloudTrail cannot
/// exclude, or one of the two it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Other,
    Named(&'static str),
}

/// A problem with a trail, and whether it is certain or only possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TrailIssue {
    /// The trail certainly cannot carry the control.
    Defect(String),
    /// The trail might not qualify; data needed to tell is missing.
    Unknown(String),
}

/// The trail's qualification for one control.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Qualification {
    /// Problems in the order the audit checks them (empty = qualifies).
    pub issues: Vec<TrailIssue>,
    /// Facts worth telling that do not stop the trail from qualifying.
    pub warnings: Vec<String>,
}

/// Qualify `trail` for a control; `needs_kms` says whether the control's
/// events come from `kms.amazonaws.com`. `missing` explains a field that
/// could not be read (operation name -> gap text).
pub(crate) fn qualify(
    trail: &Trail,
    needs_kms: bool,
    missing: &dyn Fn(&str) -> String,
) -> Qualification {
    let mut q = Qualification::default();
    let name = &trail.name;
    if !trail.is_multi_region {
        q.issues.push(TrailIssue::Defect(format!(
            "trail {name} is not multi-region"
        )));
    }
    match &trail.status {
        None => q.issues.push(TrailIssue::Unknown(format!(
            "whether trail {name} is logging is unknown: {}",
            missing("GetTrailStatus")
        ))),
        Some(status) => {
            if !status.is_logging {
                q.issues
                    .push(TrailIssue::Defect(format!("trail {name} is not logging")));
            }
            if let Some(err) = &status.latest_cloudwatch_logs_delivery_error {
                q.warnings.push(format!(
                    "trail {name} reports a CloudWatch Logs delivery error: {err}"
                ));
            }
        }
    }
    match &trail.selectors {
        None => q.issues.push(TrailIssue::Unknown(format!(
            "which management events trail {name} captures is unknown: {}",
            missing("GetEventSelectors")
        ))),
        Some(sel) => management(name, sel, needs_kms, &mut q),
    }
    q
}

/// Check the selectors capture every read and write management event.
fn management(name: &str, sel: &EventSelectors, needs_kms: bool, q: &mut Qualification) {
    let kind = if sel.classic.is_empty() && !sel.advanced.is_empty() {
        "advanced"
    } else {
        "classic"
    };
    let reads = captures(sel, Rw::Read, Source::Other);
    let writes = captures(sel, Rw::Write, Source::Other);
    let missing = match (reads, writes) {
        (true, true) => None,
        (false, true) => Some("read-only management events"),
        (true, false) => Some("write management events"),
        (false, false) => Some("management events"),
    };
    if let Some(what) = missing {
        let detail = if sel.classic.is_empty() && sel.advanced.is_empty() {
            "it has no event selectors".to_string()
        } else {
            format!("its {kind} event selectors: {}", describe(sel))
        };
        q.issues.push(TrailIssue::Defect(format!(
            "trail {name} does not capture all {what} ({detail})"
        )));
        return;
    }
    for source in [KMS_SOURCE, RDSDATA_SOURCE] {
        let r = captures(sel, Rw::Read, Source::Named(source));
        let w = captures(sel, Rw::Write, Source::Named(source));
        if r && w {
            continue;
        }
        let which = match (r, w) {
            (false, true) => "read-only ",
            (true, false) => "write ",
            _ => "",
        };
        // The KMS control's events (DisableKey, ScheduleKeyDeletion) are writes.
        if source == KMS_SOURCE && needs_kms && !w {
            q.issues.push(TrailIssue::Defect(format!(
                "trail {name} excludes {which}management events from {source}, which this control watches"
            )));
        } else {
            let tail = if source == KMS_SOURCE {
                "; only the KMS key disable/deletion control depends on them"
            } else {
                ""
            };
            q.warnings.push(format!(
                "trail {name} excludes {which}management events from {source}{tail}"
            ));
        }
    }
}

/// Whether some selector logs management events of kind `rw` from `source`.
fn captures(sel: &EventSelectors, rw: Rw, source: Source) -> bool {
    sel.classic.iter().any(|c| classic_matches(c, rw, source))
        || sel.advanced.iter().any(|a| advanced_matches(a, rw, source))
}

fn classic_matches(c: &ClassicSelector, rw: Rw, source: Source) -> bool {
    if !c.include_management_events {
        return false;
    }
    let rw_ok = match c.read_write_type.as_str() {
        "All" => true,
        "ReadOnly" => rw == Rw::Read,
        "WriteOnly" => rw == Rw::Write,
        _ => false,
    };
    let src_ok = match source {
        // Only KMS and RDS Data can be excluded; an unknown entry still
        // narrows something, so be strict about it.
        Source::Other => c
            .exclude_management_event_sources
            .iter()
            .all(|s| s == KMS_SOURCE || s == RDSDATA_SOURCE),
        Source::Named(s) => !c.exclude_management_event_sources.iter().any(|x| x == s),
    };
    rw_ok && src_ok
}

/// Field selectors are ANDed; any field we do not understand as
/// "all management events" makes the selector not match (strict).
fn advanced_matches(a: &AdvancedSelector, rw: Rw, source: Source) -> bool {
    let mut management = false;
    for f in &a.field_selectors {
        let narrowing = !f.starts_with.is_empty()
            || !f.ends_with.is_empty()
            || !f.not_starts_with.is_empty()
            || !f.not_ends_with.is_empty();
        match f.field.as_str() {
            "eventCategory" => {
                if narrowing || !f.not_equals.is_empty() || f.equals.as_slice() != ["Management"] {
                    return false;
                }
                management = true;
            }
            "readOnly" => {
                if narrowing || !f.not_equals.is_empty() {
                    return false;
                }
                let want = match rw {
                    Rw::Read => "true",
                    Rw::Write => "false",
                };
                if !f.equals.iter().any(|v| v == want) {
                    return false;
                }
            }
            "eventSource" => {
                if narrowing {
                    return false;
                }
                let name = match source {
                    Source::Other => None,
                    Source::Named(s) => Some(s),
                };
                if !f.equals.is_empty() && !name.is_some_and(|n| f.equals.iter().any(|v| v == n)) {
                    return false;
                }
                match name {
                    Some(n) if f.not_equals.iter().any(|v| v == n) => return false,
                    None if f
                        .not_equals
                        .iter()
                        .any(|v| v != KMS_SOURCE && v != RDSDATA_SOURCE) =>
                    {
                        return false;
                    }
                    _ => {}
                }
            }
            _ => return false,
        }
    }
    management
}

/// A compact description of the selectors for messages.
fn describe(sel: &EventSelectors) -> String {
    let mut parts = Vec::new();
    for c in &sel.classic {
        let mut s = format!(
            "{{ReadWriteType: {}, IncludeManagementEvents: {}",
            c.read_write_type, c.include_management_events
        );
        if !c.exclude_management_event_sources.is_empty() {
            s.push_str(&format!(
                ", ExcludeManagementEventSources: [{}]",
                c.exclude_management_event_sources.join(", ")
            ));
        }
        s.push('}');
        parts.push(s);
    }
    for a in &sel.advanced {
        let fields: Vec<String> = a
            .field_selectors
            .iter()
            .map(|f| {
                let mut ops = Vec::new();
                for (op, vals) in [
                    ("Equals", &f.equals),
                    ("NotEquals", &f.not_equals),
                    ("StartsWith", &f.starts_with),
                    ("EndsWith", &f.ends_with),
                    ("NotStartsWith", &f.not_starts_with),
                    ("NotEndsWith", &f.not_ends_with),
                ] {
                    if !vals.is_empty() {
                        ops.push(format!("{op} [{}]", vals.join(", ")));
                    }
                }
                format!("{} {}", f.field, ops.join(" "))
            })
            .collect();
        parts.push(format!("{{{}}}", fields.join(" AND ")));
    }
    parts.join(" OR ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FieldSelector, TrailStatus};

    fn field(name: &str, equals: &[&str], not_equals: &[&str]) -> FieldSelector {
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

    fn trail(selectors: EventSelectors) -> Trail {
        Trail {
            name: "t".into(),
            arn: "arn:aws:cloudtrail:us-east-1:1:trail/t".into(),
            home_region: "us-east-1".into(),
            is_multi_region: true,
            is_organization_trail: false,
            log_group_arn: None,
            status: Some(TrailStatus {
                is_logging: true,
                latest_cloudwatch_logs_delivery_error: None,
                latest_cloudwatch_logs_delivery_time: None,
            }),
            selectors: Some(selectors),
        }
    }

    fn classic(rw: &str, mgmt: bool, excl: &[&str]) -> ClassicSelector {
        ClassicSelector {
            read_write_type: rw.into(),
            include_management_events: mgmt,
            exclude_management_event_sources: excl.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn q(sel: EventSelectors, kms: bool) -> Qualification {
        qualify(&trail(sel), kms, &|op| format!("{op} failed"))
    }

    #[test]
    fn classic_cases() {
        let all = EventSelectors {
            classic: vec![classic("All", true, &[])],
            advanced: vec![],
        };
        assert!(q(all, true).issues.is_empty());
        let pair = EventSelectors {
            classic: vec![
                classic("ReadOnly", true, &[]),
                classic("WriteOnly", true, &[]),
            ],
            advanced: vec![],
        };
        assert!(q(pair, true).issues.is_empty());
        let write = EventSelectors {
            classic: vec![classic("WriteOnly", true, &[])],
            advanced: vec![],
        };
        let r = q(write, false);
        assert_eq!(r.issues.len(), 1);
        assert!(format!("{:?}", r.issues[0]).contains("read-only"));
        let data_only = EventSelectors {
            classic: vec![classic("All", false, &[])],
            advanced: vec![],
        };
        assert_eq!(q(data_only, false).issues.len(), 1);
    }

    #[test]
    fn kms_exclusion_only_hurts_the_kms_control() {
        let sel = EventSelectors {
            classic: vec![classic("All", true, &[KMS_SOURCE])],
            advanced: vec![],
        };
        let other = q(sel.clone(), false);
        assert!(other.issues.is_empty());
        assert_eq!(other.warnings.len(), 1);
        let kms = q(sel, true);
        assert_eq!(kms.issues.len(), 1);
        // Excluded on one selector but logged by another: captured.
        let mixed = EventSelectors {
            classic: vec![
                classic("All", true, &[KMS_SOURCE]),
                classic("WriteOnly", true, &[]),
            ],
            advanced: vec![],
        };
        let m = q(mixed, true);
        assert!(m.issues.is_empty(), "{m:?}");
        assert_eq!(m.warnings.len(), 1, "reads still excluded: {m:?}");
    }

    #[test]
    fn advanced_cases() {
        let default = EventSelectors {
            classic: vec![],
            advanced: vec![AdvancedSelector {
                name: Some("Management events selector".into()),
                field_selectors: vec![field("eventCategory", &["Management"], &[])],
            }],
        };
        assert_eq!(q(default, true), Qualification::default());
        let read_only = EventSelectors {
            classic: vec![],
            advanced: vec![AdvancedSelector {
                name: None,
                field_selectors: vec![
                    field("eventCategory", &["Management"], &[]),
                    field("readOnly", &["true"], &[]),
                ],
            }],
        };
        assert_eq!(q(read_only, false).issues.len(), 1);
        let pair = EventSelectors {
            classic: vec![],
            advanced: ["true", "false"]
                .iter()
                .map(|v| AdvancedSelector {
                    name: None,
                    field_selectors: vec![
                        field("eventCategory", &["Management"], &[]),
                        field("readOnly", &[v], &[]),
                    ],
                })
                .collect(),
        };
        assert!(q(pair, true).issues.is_empty());
        let no_kms = EventSelectors {
            classic: vec![],
            advanced: vec![AdvancedSelector {
                name: None,
                field_selectors: vec![
                    field("eventCategory", &["Management"], &[]),
                    field("eventSource", &[], &[KMS_SOURCE]),
                ],
            }],
        };
        assert!(q(no_kms.clone(), false).issues.is_empty());
        assert_eq!(q(no_kms, true).issues.len(), 1);
        let data = EventSelectors {
            classic: vec![],
            advanced: vec![AdvancedSelector {
                name: None,
                field_selectors: vec![field("eventCategory", &["Data"], &[])],
            }],
        };
        assert_eq!(q(data, false).issues.len(), 1);
    }

    #[test]
    fn missing_status_is_unknown() {
        let mut t = trail(EventSelectors::default());
        t.status = None;
        t.selectors = None;
        let r = qualify(&t, false, &|op| format!("{op} failed"));
        assert!(r.issues.iter().all(|i| matches!(i, TrailIssue::Unknown(_))));
        assert_eq!(r.issues.len(), 2);
    }
}
