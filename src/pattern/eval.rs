//! Evaluator: does a filter pattern match an event, with CloudWatch Logs semantics.
//!
//! Rules (AWS docs unless marked):
//! - A selector walks the event: a key on an object, an index on an array, `.*`
//!   every value of an object, `[*]` every element of an array; anything else
//!   (absent, wrong type) resolves to nothing. A selector therefore resolves
//!   to a list of values, and a comparison holds iff *some* value satisfies
//!   it (cis-monitor decision for wildcards, which AWS describes as "select
//!   any element"); `NOT EXISTS` holds iff the list is empty.
//! - A selector that resolves to nothing makes every test false except `NOT
//!   EXISTS`, so `!=` on a missing field is false (observed with the console's
//!   "Test pattern", DataBiosphere/azul#5884; AWS docs are silent).
//! - String tests (`=`/`!=` with a string or glob) look only at JSON strings,
//!   so a selector that points at an object, array, number, boolean or null
//!   fails both `=` and `!=` (AWS docs: "If a property selector points to an
//!   array or object, the filter pattern won't match"). The exception is
//!   `= *`, which holds for any string or number (AWS docs: `{ $.latency = * }`
//!   matches a numeric `latency`); `!= *` never holds (cis-monitor decision).
//! - Numeric tests look only at JSON numbers, compared as `f64`; the string
//!   `"400"` never satisfies a numeric test (cis-monitor decision).
//! - Regex tests look only at strings; `=` holds iff the regex matches
//!   somewhere in the string (search semantics, AWS docs examples), `!=` iff
//!   it does not.
//! - `IS NULL`, `IS TRUE`, `IS FALSE` hold iff a value is `null`, `true`, `false`.
//! - Term patterns are matched against the event's compact JSON text
//!   (cis-monitor decision; CloudTrail delivers one JSON object per event):
//!   every required term occurs, no excluded term occurs; `?` terms are
//!   ignored when other kinds are present, otherwise at least one must occur
//!   (AWS docs); no terms match everything (AWS docs).
//! - Space-delimited patterns never match a JSON event (cis-monitor decision:
//!   CloudTrail events are JSON, and cis-monitor does not split them into
//!   fields).

use serde_json::Value;

use super::ast::{EqOp, Expr, NumOp, Pattern, Segment, Selector, Term, TermKind, TermText, Test};
use super::automaton::regex_is_match;

/// Does the pattern match this JSON event?
pub fn matches(p: &Pattern, event: &Value) -> bool {
    match p {
        Pattern::Json(e) => eval_expr(e, event),
        Pattern::Terms(t) => {
            let text = serde_json::to_string(event).unwrap_or_default();
            terms_match(t, &text)
        }
        Pattern::SpaceDelimited(_) => false,
    }
}

/// Does the pattern match this raw log line? JSON patterns parse the line as
/// JSON first (a line that is not JSON matches no JSON pattern); term
/// patterns search the line as written; space-delimited patterns never match.
pub fn matches_text(p: &Pattern, line: &str) -> bool {
    match p {
        Pattern::Json(e) => serde_json::from_str::<Value>(line).is_ok_and(|v| eval_expr(e, &v)),
        Pattern::Terms(t) => terms_match(t, line),
        Pattern::SpaceDelimited(_) => false,
    }
}

/// Evaluate a JSON pattern expression against an event.
pub fn eval_expr(e: &Expr, event: &Value) -> bool {
    match e {
        Expr::And(v) => v.iter().all(|k| eval_expr(k, event)),
        Expr::Or(v) => v.iter().any(|k| eval_expr(k, event)),
        Expr::Cmp(c) => {
            let values = resolve(&c.selector, event);
            test_values(&c.test, &values)
        }
    }
}

/// Every value a selector reaches in `event` (possibly none).
pub fn resolve<'a>(sel: &Selector, event: &'a Value) -> Vec<&'a Value> {
    let mut cur: Vec<&Value> = vec![event];
    for seg in &sel.segments {
        let mut next = Vec::new();
        for v in cur {
            match (seg, v) {
                (Segment::Key(k), Value::Object(m)) => next.extend(m.get(k)),
                (Segment::Index(i), Value::Array(a)) => next.extend(a.get(*i as usize)),
                (Segment::AnyKey, Value::Object(m)) => next.extend(m.values()),
                (Segment::AnyIndex, Value::Array(a)) => next.extend(a.iter()),
                _ => {}
            }
        }
        if next.is_empty() {
            return next;
        }
        cur = next;
    }
    cur
}

fn test_values(t: &Test, values: &[&Value]) -> bool {
    if let Test::NotExists = t {
        return values.is_empty();
    }
    values.iter().any(|v| test_value(t, v))
}

fn test_value(t: &Test, v: &Value) -> bool {
    match t {
        Test::Str { op, value } => {
            if value.is_any() {
                return *op == EqOp::Eq && (v.is_string() || v.is_number());
            }
            match v {
                Value::String(s) => value.matches(s) == (*op == EqOp::Eq),
                _ => false,
            }
        }
        Test::Num { op, value } => match v.as_f64() {
            Some(x) => match op {
                NumOp::Eq => x == *value,
                NumOp::Ne => x != *value,
                NumOp::Lt => x < *value,
                NumOp::Le => x <= *value,
                NumOp::Gt => x > *value,
                NumOp::Ge => x >= *value,
            },
            None => false,
        },
        Test::Regex { op, regex } => match v {
            Value::String(s) => regex_is_match(regex, s) == (*op == EqOp::Eq),
            _ => false,
        },
        Test::IsNull => v.is_null(),
        Test::IsTrue => v == &Value::Bool(true),
        Test::IsFalse => v == &Value::Bool(false),
        Test::NotExists => false,
    }
}

fn term_occurs(t: &Term, text: &str) -> bool {
    match &t.text {
        TermText::Literal(s) => text.contains(s.as_str()),
        TermText::Regex(r) => regex_is_match(r, text),
    }
}

fn terms_match(terms: &[Term], text: &str) -> bool {
    let has_other = terms.iter().any(|t| t.kind != TermKind::Optional);
    if has_other {
        terms.iter().all(|t| match t.kind {
            TermKind::Required => term_occurs(t, text),
            TermKind::Excluded => !term_occurs(t, text),
            TermKind::Optional => true,
        })
    } else if terms.is_empty() {
        true
    } else {
        terms.iter().any(|t| term_occurs(t, text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::parser::parse;
    use serde_json::json;

    fn m(p: &str, e: Value) -> bool {
        matches(&parse(p).unwrap_or_else(|err| panic!("{p}: {err:?}")), &e)
    }

    #[test]
    fn missing_field_fails_everything_but_not_exists() {
        let e = json!({"a": 1});
        assert!(!m("{ $.b = x }", e.clone()));
        assert!(!m("{ $.b != x }", e.clone()));
        assert!(!m("{ $.b != 1 }", e.clone()));
        assert!(!m("{ $.b = * }", e.clone()));
        assert!(!m("{ $.b IS NULL }", e.clone()));
        assert!(m("{ $.b NOT EXISTS }", e.clone()));
        assert!(!m("{ $.a NOT EXISTS }", e.clone()));
        assert!(!m("{ $.a.b NOT EXISTS && $.a = 2 }", e));
    }

    #[test]
    fn types_matter() {
        let e = json!({"s": "400", "n": 400, "b": true, "z": null, "o": {}, "l": [1]});
        assert!(m("{ $.s = \"400\" }", e.clone()));
        assert!(!m("{ $.s = 400 }", e.clone()));
        assert!(m("{ $.n = 400 }", e.clone()));
        assert!(!m("{ $.n = \"400\" }", e.clone()));
        assert!(!m("{ $.n != \"400\" }", e.clone()));
        assert!(m("{ $.n = * }", e.clone()));
        assert!(m("{ $.s = * }", e.clone()));
        assert!(!m("{ $.b = * }", e.clone()));
        assert!(!m("{ $.o = * }", e.clone()));
        assert!(!m("{ $.s != * }", e.clone()));
        assert!(m("{ $.b IS TRUE }", e.clone()));
        assert!(!m("{ $.b IS FALSE }", e.clone()));
        assert!(m("{ $.z IS NULL }", e.clone()));
        assert!(!m("{ $.z NOT EXISTS }", e.clone()));
        assert!(!m("{ $.l = 1 }", e.clone()));
        assert!(!m("{ $.l != 1 }", e.clone()));
        assert!(m("{ $.n >= 400 && $.n < 401 && $.n != 1 }", e));
    }

    #[test]
    fn wildcards_are_existential() {
        let e = json!({"a": [{"x": "no"}, {"x": "yes"}], "o": {"p": 1, "q": "v"}});
        assert!(m("{ $.a[*].x = yes }", e.clone()));
        assert!(m("{ $.a[*].x != yes }", e.clone()));
        assert!(m("{ $.o.* = v }", e.clone()));
        assert!(m("{ $.o.* = 1 }", e.clone()));
        assert!(!m("{ $.a.* = yes }", e.clone()));
        assert!(m("{ $.a[*].y NOT EXISTS }", e.clone()));
        assert!(m("{ $.a[1].x = y* }", e));
    }

    #[test]
    fn terms() {
        let e = json!({"eventName": "ConsoleLogin", "n": 5});
        assert!(m("ConsoleLogin", e.clone()));
        assert!(m(r#""\"eventName\":\"Console""#, e.clone()));
        assert!(!m("ConsoleLogin -eventName", e.clone()));
        assert!(m("?nope ?ConsoleLogin", e.clone()));
        assert!(!m("?nope ?nada", e.clone()));
        assert!(m("?nope ConsoleLogin", e.clone()));
        assert!(m("", e.clone()));
        assert!(!m("[a, b]", e));
    }
}
