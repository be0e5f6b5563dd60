//! Property tests for `relate`: its verdicts hold on random events, and the
//! events it returns do what it claims.

use cis_monitor::pattern::{Pattern, RelationKind, matches, parse, relate};
use proptest::prelude::*;
use serde_json::{Value, json};

const SELECTORS: &[&str] = &[
    "$.a", "$.b", "$.a.b", "$.c[0]", "$.c[1]", "$.c[*]", "$.*", "$.c[*].b",
];
const TESTS: &[&str] = &[
    "= x",
    "= y",
    "= \"x*\"",
    "= \"*y\"",
    "!= x",
    "= 1",
    "> 1",
    "<= 2",
    "!= 2",
    "IS NULL",
    "IS TRUE",
    "IS FALSE",
    "NOT EXISTS",
    "= *",
    "= %^x%",
    "!= %y$%",
];

fn comparison() -> impl Strategy<Value = String> {
    (0..SELECTORS.len(), 0..TESTS.len()).prop_map(|(s, t)| format!("{} {}", SELECTORS[s], TESTS[t]))
}

fn expr() -> impl Strategy<Value = String> {
    comparison().prop_recursive(3, 12, 3, |inner| {
        (prop::collection::vec(inner, 2..4), any::<bool>()).prop_map(|(cs, and)| {
            let op = if and { " && " } else { " || " };
            format!("({})", cs.join(op))
        })
    })
}

fn pattern() -> impl Strategy<Value = String> {
    expr()
        .prop_map(|e| format!("{{ {e} }}"))
        .prop_filter("parses", |t| parse(t).is_ok())
}

fn parsed(t: &str) -> Pattern {
    parse(t).unwrap_or_else(|e| panic!("{t}: {e}"))
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("x")),
        Just(json!("y")),
        Just(json!("xy")),
        Just(json!("yx")),
        Just(json!("z")),
        Just(json!(0)),
        Just(json!(1)),
        Just(json!(2)),
        Just(json!(3.5)),
        Just(Value::Null),
        Just(json!(true)),
        Just(json!(false)),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(prop_oneof![Just("a"), Just("b")], inner, 0..2).prop_map(
                |m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            ),
        ]
    })
}

fn event() -> impl Strategy<Value = Value> {
    prop::collection::btree_map(prop_oneof![Just("a"), Just("b"), Just("c")], value(), 0..4)
        .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn verdicts_hold_on_random_events(pt in pattern(), at in pattern(), events in prop::collection::vec(event(), 40)) {
        let (p, a) = (parsed(&pt), parsed(&at));
        let r = relate(&p, &a);
        prop_assert_ne!(r.kind, RelationKind::Undecided, "{:?}", r.note);
        if let Some(ev) = &r.missed_event {
            prop_assert!(matches(&p, ev) && !matches(&a, ev), "missed event does not prove: {}", ev);
        }
        if let Some(ev) = &r.extra_event {
            prop_assert!(matches(&a, ev) && !matches(&p, ev), "extra event does not prove: {}", ev);
        }
        if !r.kind.covers() {
            prop_assert!(r.missed_event.is_some(), "no missed event for {:?}", r.kind);
        }
        for ev in &events {
            let (mp, ma) = (matches(&p, ev), matches(&a, ev));
            match r.kind {
                RelationKind::Equivalent => prop_assert_eq!(mp, ma, "event {}", ev),
                RelationKind::Broader => prop_assert!(!mp || ma, "event {}", ev),
                RelationKind::Narrower => prop_assert!(!ma || mp, "event {}", ev),
                RelationKind::Disjoint => prop_assert!(!(mp && ma), "event {}", ev),
                _ => {}
            }
        }
    }
}
