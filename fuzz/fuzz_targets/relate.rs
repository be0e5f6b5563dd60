//! Two patterns (the input split at its first newline) -> `pattern::relate`,
//! both ways round. Every witness event must really be matched by one pattern
//! and not the other, as the evaluator decides; the kind must agree with the
//! witnesses, with the other direction's kind, and with the evaluator on
//! sample events (a CloudTrail-like event and every witness of both calls).
#![no_main]

use cis_monitor::pattern::{Pattern, Relation, RelationKind, matches, parse, relate};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::sync::LazyLock;

static EVENT: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(
        r#"{"eventVersion":"1.08","userIdentity":{"type":"Root","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333","invokedBy":null},"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"1.2.3.4","errorCode":"AccessDenied","responseElements":{"ConsoleLogin":"Failure"},"additionalEventData":{"MFAUsed":"No"},"resources":[{"ARN":"arn:aws:s3:::b"}],"readOnly":false,"size":-1.5e3,"flags":[true,null,1,"x"]}"#,
    )
    .expect("the fixed event is JSON")
});

/// The witnesses of `r` are what it claims, and its kind agrees with them.
fn check_witnesses(r: &Relation, p: &Pattern, a: &Pattern, what: &str) {
    if let Some(m) = &r.missed_event {
        assert!(
            matches(p, m),
            "{what}: missed event {m} does not match the prescribed pattern ({r:?})"
        );
        assert!(
            !matches(a, m),
            "{what}: missed event {m} matches the actual pattern ({r:?})"
        );
    }
    if let Some(e) = &r.extra_event {
        assert!(
            matches(a, e),
            "{what}: extra event {e} does not match the actual pattern ({r:?})"
        );
        assert!(
            !matches(p, e),
            "{what}: extra event {e} matches the prescribed pattern ({r:?})"
        );
    }
    let (missed, extra) = (r.missed_event.is_some(), r.extra_event.is_some());
    let ok = match r.kind {
        RelationKind::Equivalent => !missed && !extra,
        RelationKind::Broader => !missed,
        RelationKind::Narrower => missed && !extra,
        RelationKind::Disjoint | RelationKind::Overlapping => missed,
        RelationKind::NotApplicable | RelationKind::Undecided => !missed && !extra,
    };
    assert!(ok, "{what}: the kind disagrees with the witnesses ({r:?})");
}

/// What `r` claims about every event holds on `ev`.
fn check_claims(r: &Relation, p: &Pattern, a: &Pattern, ev: &Value, what: &str) {
    let (in_p, in_a) = (matches(p, ev), matches(a, ev));
    let ok = match r.kind {
        RelationKind::Equivalent => in_p == in_a,
        RelationKind::Broader => !in_p || in_a,
        RelationKind::Narrower => !in_a || in_p,
        RelationKind::Disjoint => !(in_p && in_a),
        _ => true,
    };
    assert!(
        ok,
        "{what}: {:?} but the event {ev} matches prescribed={in_p} actual={in_a}",
        r.kind
    );
}

fn undecided(r: &Relation) -> bool {
    r.kind == RelationKind::Undecided
        || r.note
            .as_deref()
            .is_some_and(|n| n.contains("could not be decided"))
}

/// `Disjoint` because the actual pattern can match no event at all.
fn never_matches(r: &Relation) -> bool {
    r.kind == RelationKind::Disjoint
        && r.note
            .as_deref()
            .is_some_and(|n| n.contains("can never match"))
}

fn swapped(k: RelationKind) -> RelationKind {
    match k {
        RelationKind::Broader => RelationKind::Narrower,
        RelationKind::Narrower => RelationKind::Broader,
        k => k,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some((prescribed, actual)) = text.split_once('\n') else {
        return;
    };
    let (Ok(p), Ok(a)) = (parse(prescribed), parse(actual)) else {
        return;
    };
    let what = format!("relate({prescribed:?}, {actual:?})");
    let r = relate(&p, &a);
    let back = relate(&a, &p);
    check_witnesses(&r, &p, &a, &what);
    check_witnesses(&back, &a, &p, &format!("{what} swapped"));
    if !undecided(&r) && !undecided(&back) {
        // A pattern that matches nothing is disjoint from the other one, which
        // is broader than it; otherwise the two directions mirror each other.
        let want = if never_matches(&r) {
            RelationKind::Broader
        } else if never_matches(&back) {
            RelationKind::Disjoint
        } else {
            swapped(r.kind)
        };
        assert_eq!(want, back.kind, "{what}: {r:?} but swapped {back:?}");
    }
    let samples = [
        &r.missed_event,
        &r.extra_event,
        &back.missed_event,
        &back.extra_event,
    ];
    for ev in std::iter::once(&*EVENT).chain(samples.into_iter().flatten()) {
        check_claims(&r, &p, &a, ev, &what);
        check_claims(&back, &a, &p, ev, &format!("{what} swapped"));
    }
});
