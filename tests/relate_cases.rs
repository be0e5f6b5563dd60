//! Known-answer tests for `relate`: hand-written narrower, broader,
//! wrong-operator and structural cases, each with the expected relation and a
//! check that the returned event really proves it.

use cis_monitor::pattern::{Pattern, Relation, RelationKind, matches, parse, relate};
use serde_json::Value;

fn load(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parsed(text: &str) -> Pattern {
    parse(text).unwrap_or_else(|e| panic!("{text:?} does not parse: {e}"))
}

/// Check that the events in `r` prove its kind; returns a description of any problem.
pub fn check_proof(p: &Pattern, a: &Pattern, r: &Relation) -> Result<(), String> {
    let kind = r.kind;
    if matches!(kind, RelationKind::NotApplicable | RelationKind::Undecided) {
        return Ok(());
    }
    match (&r.missed_event, kind.covers()) {
        (Some(_), true) => return Err("a covering relation carries a missed event".into()),
        (None, false) => return Err("a failing relation carries no missed event".into()),
        (Some(ev), false) => {
            if !matches(p, ev) {
                return Err(format!(
                    "missed event does not match the prescribed pattern: {ev}"
                ));
            }
            if matches(a, ev) {
                return Err(format!("missed event matches the actual pattern: {ev}"));
            }
        }
        (None, true) => {}
    }
    if kind == RelationKind::Broader && r.extra_event.is_none() {
        return Err("a broader relation carries no extra event".into());
    }
    if let Some(ev) = &r.extra_event
        && (!matches(a, ev) || matches(p, ev))
    {
        return Err(format!("extra event does not prove the difference: {ev}"));
    }
    Ok(())
}

#[test]
fn hand_written_cases() {
    let cases = load("fixtures/relate/cases.json");
    assert!(cases.len() >= 30, "the case file lost its cases");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let p = parsed(case["prescribed"].as_str().unwrap_or_default());
        let a = parsed(case["actual"].as_str().unwrap_or_default());
        let r = relate(&p, &a);
        let want = case["relation"].as_str().unwrap_or_default();
        if r.kind.as_str() != want {
            failures.push(format!(
                "{name}: expected {want}, got {:?} ({:?})",
                r.kind, r.note
            ));
            continue;
        }
        if let Err(e) = check_proof(&p, &a, &r) {
            failures.push(format!("{name}: {e}"));
        }
        for (key, ev) in [("missed", &r.missed_event), ("extra", &r.extra_event)] {
            if let Some(Value::Object(want)) = case.get(key) {
                let ev = ev.as_ref().unwrap_or(&Value::Null);
                for (k, v) in want {
                    if ev.get(k) != Some(v) {
                        failures.push(format!(
                            "{name}: {key} event has {k}={:?}, want {v}",
                            ev.get(k)
                        ));
                    }
                }
            }
        }
        // Every example must look like a CloudTrail event.
        for ev in [&r.missed_event, &r.extra_event].into_iter().flatten() {
            if ev.get("eventVersion").is_none() || ev.get("eventTime").is_none() {
                failures.push(format!("{name}: example is not CloudTrail-shaped: {ev}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_variant_is_equivalent_to_its_original() {
    let path = "fixtures/pattern/variants.json";
    let groups = load(path);
    assert!(groups.len() >= 10, "{path} lost its groups");
    let mut failures = Vec::new();
    let mut count = 0;
    for g in &groups {
        let original = parsed(g["pattern"].as_str().unwrap_or_default());
        for v in g["variants"].as_array().into_iter().flatten() {
            let variant = parsed(v.as_str().unwrap_or_default());
            count += 1;
            let r = relate(&original, &variant);
            if r.kind != RelationKind::Equivalent {
                failures.push(format!("{}: {v} is {:?} ({:?})", g["name"], r.kind, r.note));
            }
        }
    }
    assert!(count >= 30, "only {count} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn relation_is_reflexive_and_antisymmetric_on_cases() {
    for case in load("fixtures/relate/cases.json") {
        let p = parsed(case["prescribed"].as_str().unwrap_or_default());
        let a = parsed(case["actual"].as_str().unwrap_or_default());
        if !matches!(a, Pattern::Json(_)) {
            continue;
        }
        assert_eq!(
            relate(&a, &a).kind,
            RelationKind::Equivalent,
            "{}",
            case["name"]
        );
        let forward = relate(&p, &a).kind;
        if forward == RelationKind::Disjoint {
            // An empty side makes the converse "broader"; disjointness of two
            // satisfiable patterns is checked by the case itself.
            continue;
        }
        let backward = relate(&a, &p).kind;
        let mirrored = match forward {
            RelationKind::Broader => RelationKind::Narrower,
            RelationKind::Narrower => RelationKind::Broader,
            k => k,
        };
        assert_eq!(backward, mirrored, "{}", case["name"]);
    }
}
