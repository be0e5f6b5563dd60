//! Property tests for the parser and the canonical printer: no input panics,
//! the canonical print parses back to the same normal form, and layout
//! (whitespace, quoting, redundant parentheses, clause order) never changes
//! the canonical text or the relation.

use cis_monitor::pattern::print::{normalize, strip_spans};
use cis_monitor::pattern::{RelationKind, canonical, parse, relate};
use proptest::prelude::*;

const SELECTORS: &[&str] = &[
    "$.eventName",
    "$.eventSource",
    "$.userIdentity.type",
    "$.requestParameters.items[0].name",
    "$.resources[*].ARN",
    "$.['dotted.key']",
    "$.additionalEventData.*",
];

/// Whether a space next to `c` can go: it separates no two words.
fn hugs(c: Option<char>) -> bool {
    matches!(
        c,
        Some('(' | ')' | '{' | '}' | '=' | '!' | '<' | '>' | '&' | '|')
    )
}

/// A value as a user might write it, plain or quoted (or both ways).
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("ConsoleLogin".to_string()),
        Just("\"ConsoleLogin\"".to_string()),
        Just("\"*Unauthorized*\"".to_string()),
        Just("AccessDenied*".to_string()),
        Just("\"two words\"".to_string()),
        Just("\"quote \\\" inside\"".to_string()),
        Just("\"\"".to_string()),
        Just("%^Delete[A-Z][a-z]+$%".to_string()),
        Just("%(Put|Delete)Bucket%".to_string()),
        "-?[0-9]{1,4}(\\.[0-9]{1,2})?([eE][+-]?[0-9])?",
        "[A-Za-z][A-Za-z0-9]{0,8}",
    ]
}

fn comparison() -> impl Strategy<Value = String> {
    let test = prop_oneof![
        (prop_oneof![Just("="), Just("!=")], value()).prop_map(|(op, v)| format!("{op} {v}")),
        (
            prop_oneof![Just("<"), Just(">"), Just("<="), Just(">=")],
            "-?[0-9]{1,3}"
        )
            .prop_map(|(op, v)| format!("{op} {v}")),
        Just("IS NULL".to_string()),
        Just("IS TRUE".to_string()),
        Just("IS FALSE".to_string()),
        Just("NOT EXISTS".to_string()),
    ];
    (0..SELECTORS.len(), test).prop_map(|(s, t)| format!("{} {t}", SELECTORS[s]))
}

fn expr() -> impl Strategy<Value = String> {
    comparison().prop_recursive(3, 10, 3, |inner| {
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

/// Re-layout a pattern without changing its meaning: squeeze or widen the
/// whitespace around operators and add a redundant pair of parentheses.
fn relayout(text: &str, squeeze: bool) -> String {
    let body = text.trim().trim_start_matches('{').trim_end_matches('}');
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = body.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        if in_string {
            out.push(ch);
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => {
                in_string = true;
                out.push(ch);
            }
            ' ' if squeeze && (hugs(out.chars().last()) || hugs(chars.get(i + 1).copied())) => {}
            ' ' => out.push_str(" \n\t"),
            _ => out.push(ch),
        }
    }
    format!("{{({out})}}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn parser_never_panics(text in "\\PC{0,80}") {
        let _ = parse(&text);
    }

    #[test]
    fn parser_never_panics_on_pattern_like_text(text in "[{}()$.\\[\\]*=!<>&|%\" a-zA-Z0-9'\\\\-]{0,60}") {
        let _ = parse(&text);
    }

    #[test]
    fn canonical_print_parses_to_the_same_normal_form(text in pattern()) {
        let p = parse(&text).unwrap();
        let printed = canonical(&p);
        let again = parse(&printed).map_err(|e| TestCaseError::fail(format!("{printed}: {e}")))?;
        prop_assert_eq!(strip_spans(&normalize(&again)), strip_spans(&normalize(&p)), "{}", printed);
        prop_assert_eq!(canonical(&again), printed);
    }

    #[test]
    fn layout_never_matters(text in pattern(), squeeze in any::<bool>()) {
        let p = parse(&text).unwrap();
        let variant = relayout(&text, squeeze);
        let q = parse(&variant).map_err(|e| TestCaseError::fail(format!("{variant}: {e}")))?;
        prop_assert_eq!(canonical(&q), canonical(&p), "{}", variant);
        let r = relate(&p, &q);
        prop_assert_eq!(r.kind, RelationKind::Equivalent, "{} vs {}: {:?}", text, variant, r.note);
    }
}
