//! Known-answer tests for the filter-pattern language, driven by `fixtures/pattern/*.json`.

use std::path::Path;

use cis_monitor::pattern::eval::matches_text;
use cis_monitor::pattern::print::normalize;
use cis_monitor::pattern::{ParseErrorKind, Pattern, canonical, matches, parse};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pattern")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("missing string `{key}` in {v}"))
}

/// Parse, and check that the canonical text parses back to the same normal form.
fn parse_checked(pattern: &str, failures: &mut Vec<String>) -> Option<Pattern> {
    match parse(pattern) {
        Ok(p) => {
            let c = canonical(&p);
            match parse(&c) {
                Ok(q) if normalize(&q) == normalize(&p) => {}
                other => failures.push(format!(
                    "{pattern:?}: canonical {c:?} does not round-trip: {other:?}"
                )),
            }
            Some(p)
        }
        Err(e) => {
            failures.push(format!("{pattern:?}: does not parse: {e:?}"));
            None
        }
    }
}

fn report(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} {what} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn aws_docs_vectors() {
    let doc = load("aws-docs.json");
    let vectors = doc["vectors"].as_array().expect("vectors");
    let mut failures = Vec::new();
    let mut checked = 0;
    for v in vectors {
        let pattern = str_field(v, "pattern");
        if let Some(valid) = v.get("valid").and_then(Value::as_bool) {
            match (valid, parse(pattern)) {
                (true, Ok(_)) => {
                    parse_checked(pattern, &mut failures);
                }
                (false, Err(_)) => {}
                (true, Err(e)) => failures.push(format!("{pattern:?}: should parse: {e:?}")),
                (false, Ok(p)) => failures.push(format!("{pattern:?}: should not parse: {p:?}")),
            }
            checked += 1;
            continue;
        }
        let want = v["match"].as_bool().expect("match");
        let Some(p) = parse_checked(pattern, &mut failures) else {
            continue;
        };
        let got = if let Some(event) = v.get("event") {
            matches(&p, event)
        } else {
            matches_text(&p, str_field(v, "line"))
        };
        if got != want {
            let on = v
                .get("event")
                .map_or_else(|| v["line"].to_string(), Value::to_string);
            failures.push(format!("{pattern:?} on {on}: expected {want}, got {got}"));
        }
        checked += 1;
    }
    report("AWS docs", &failures);
    assert!(checked >= 100, "only {checked} vectors checked");
}

#[test]
fn derived_cis_vectors() {
    let doc = load("derived.json");
    let patterns = doc["patterns"].as_object().expect("patterns");
    let mut failures = Vec::new();
    let mut checked = 0;
    for v in doc["vectors"].as_array().expect("vectors") {
        let event = &v["event"];
        for (name, want) in v["expect"].as_object().expect("expect") {
            let text = patterns[name].as_str().expect("pattern text");
            let Some(p) = parse_checked(text, &mut failures) else {
                continue;
            };
            let want = want.as_bool().expect("bool");
            let got = matches(&p, event);
            if got != want {
                failures.push(format!("{name} on {event}: expected {want}, got {got}"));
            }
            checked += 1;
        }
    }
    report("derived", &failures);
    assert_eq!(checked, 28);
}

#[test]
fn syntax_errors() {
    let doc = load("syntax-errors.json");
    let cases = doc.as_array().expect("array");
    let mut failures = Vec::new();
    for c in cases {
        let pattern = str_field(c, "pattern");
        let kind = match str_field(c, "kind") {
            "Syntax" => ParseErrorKind::Syntax,
            "TooLong" => ParseErrorKind::TooLong,
            "Unsupported" => ParseErrorKind::Unsupported,
            "Quota" => ParseErrorKind::Quota,
            "TooDeep" => ParseErrorKind::TooDeep,
            k => panic!("unknown kind {k}"),
        };
        let start = c["start"].as_u64().expect("start") as usize;
        match parse(pattern) {
            Ok(p) => failures.push(format!("{pattern:?}: parsed as {p:?}")),
            Err(e) => {
                if e.kind != kind || e.span.start != start {
                    failures.push(format!(
                        "{pattern:?}: expected {kind:?} at {start}, got {:?} at {} ({})",
                        e.kind, e.span.start, e.message
                    ));
                }
                if e.span.start > e.span.end
                    || e.span.end > pattern.len()
                    || !pattern.is_char_boundary(e.span.start)
                    || !pattern.is_char_boundary(e.span.end)
                {
                    failures.push(format!("{pattern:?}: bad span {:?}", e.span));
                }
                if e.message.is_empty() {
                    failures.push(format!("{pattern:?}: empty message"));
                }
            }
        }
    }
    report("syntax-error", &failures);
    assert!(cases.len() >= 30, "only {} cases", cases.len());
}

#[test]
fn variants_share_the_canonical_text() {
    let doc = load("variants.json");
    let entries = doc.as_array().expect("array");
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in entries {
        let name = str_field(e, "name");
        let Some(original) = parse_checked(str_field(e, "pattern"), &mut failures) else {
            continue;
        };
        let want = canonical(&original);
        let variants = e["variants"].as_array().expect("variants");
        if variants.len() < 3 {
            failures.push(format!("{name}: only {} variants", variants.len()));
        }
        for v in variants {
            let v = v.as_str().expect("variant text");
            let Some(p) = parse_checked(v, &mut failures) else {
                continue;
            };
            let got = canonical(&p);
            if got != want {
                failures.push(format!(
                    "{name}: variant {v:?}\n  gives {got}\n  want  {want}"
                ));
            }
            checked += 1;
        }
    }
    report("variant", &failures);
    assert!(
        entries.len() >= 35 && checked >= 150,
        "{} entries, {checked} variants",
        entries.len()
    );
}
