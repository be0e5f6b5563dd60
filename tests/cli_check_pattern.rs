//! `cis-monitor check-pattern` end to end: exit codes, diagnostics, JSON shape, stdin.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// CIS S3-POLICY (3.8/4.8/5.8), exactly as printed.
const S3: &str = "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }";

fn cis_monitor() -> Command {
    let mut cmd = Command::cargo_bin("cis-monitor").expect("the binary is built");
    cmd.env_remove("RUST_LOG").env("NO_COLOR", "1");
    cmd
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("stdout is JSON")
}

fn s3_without_delete_bucket_cors() -> String {
    S3.replace(" || ($.eventName = DeleteBucketCors)", "")
}

#[test]
fn a_pattern_that_does_not_parse_exits_2_with_a_caret() {
    cis_monitor()
        .args(["check-pattern", "--control", "5.8", "{ ($.eventName = ) }"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "error: the pattern does not parse",
        ))
        .stderr(predicate::str::contains("--> line 1, column"))
        .stderr(predicate::str::contains("1 | { ($.eventName = ) }"))
        .stderr(predicate::str::is_match(r"(?m)^  \| +\^+$").expect("regex"));
}

#[test]
fn an_unclosed_pattern_on_stdin_exits_2_without_panicking() {
    cis_monitor()
        .args(["check-pattern", "-"])
        .write_stdin("{ ($.eventName = \"ConsoleLogin\")\n  && ($.a = \n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: the pattern does not parse",
        ))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn an_unknown_control_exits_2_and_lists_the_choices() {
    cis_monitor()
        .args([
            "check-pattern",
            "--benchmark",
            "1.2.0",
            "--control",
            "4.8",
            S3,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown control `4.8`"))
        .stderr(predicate::str::contains("3.1, 3.2, 3.3"));
    cis_monitor()
        .args(["check-pattern", "--control", "no-such-control", S3])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("5.1, 5.2"));
}

#[test]
fn an_unknown_benchmark_is_a_usage_error() {
    cis_monitor()
        .args(["check-pattern", "--benchmark", "8.0.0", S3])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("securityhub"));
}

#[test]
fn help_and_version_exit_0() {
    cis_monitor()
        .args(["check-pattern", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--control"));
    cis_monitor()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("cis-monitor "));
    cis_monitor().assert().code(2);
}

#[test]
fn the_exact_s3_pattern_passes_4_8_of_cis_2_0_0() {
    let out = cis_monitor()
        .args([
            "check-pattern",
            "--benchmark",
            "2.0.0",
            "--control",
            "4.8",
            "--output",
            "json",
            S3,
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json = json_of(&out);
    assert_eq!(json["schema"], "cis-monitor/check-pattern/v1");
    assert_eq!(json["benchmark"], "2.0.0");
    assert_eq!(json["pattern"], S3);
    assert!(json["canonical"].is_string());
    let results = json["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["control"], "s3-bucket-policy-changes");
    assert_eq!(r["id"], "4.8");
    assert_eq!(r["title"], "Ensure S3 bucket policy changes are monitored");
    assert_eq!(r["pass"], true);
    assert_eq!(r["status"], "PASS");
    assert_eq!(r["relation"], "equivalent");
    assert_eq!(r["alternative"], S3);
    assert_eq!(r["alternative_source"], "audit and remediation");
    assert!(r.get("missed_event").is_none_or(Value::is_null));
    assert!(r["notes"].is_array());
}

#[test]
fn the_s3_pattern_without_delete_bucket_cors_is_narrower_and_says_what_it_misses() {
    let out = cis_monitor()
        .args([
            "check-pattern",
            "-b",
            "2.0.0",
            "-c",
            "s3-bucket-policy-changes",
            "-o",
            "json",
        ])
        .arg(s3_without_delete_bucket_cors())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json = json_of(&out);
    let r = &json["results"][0];
    assert_eq!(r["pass"], false);
    assert_eq!(r["status"], "FAIL");
    assert_eq!(r["relation"], "narrower");
    assert_eq!(r["missed_event"]["eventName"], "DeleteBucketCors");
    assert_eq!(r["missed_event"]["eventSource"], "s3.amazonaws.com");
}

#[test]
fn the_table_shows_the_missed_event_under_a_failing_row() {
    cis_monitor()
        .args(["check-pattern", "-b", "2.0.0", "-c", "4.8"])
        .arg(s3_without_delete_bucket_cors())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL"))
        .stdout(predicate::str::contains("narrower"))
        .stdout(predicate::str::contains("misses:"))
        .stdout(predicate::str::contains("DeleteBucketCors"))
        .stdout(predicate::str::contains("0 of 1 named control"));
}

#[test]
fn without_control_the_pattern_is_related_to_every_control() {
    let out = cis_monitor()
        .args(["check-pattern", "--output", "json", "-"])
        .write_stdin(format!("{S3}\n"))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json = json_of(&out);
    assert_eq!(json["benchmark"], "7.0.0");
    assert_eq!(
        json["pattern"], S3,
        "the trailing newline is not part of the pattern"
    );
    let results = json["results"].as_array().expect("results");
    assert_eq!(results.len(), 15);
    let passing: Vec<&str> = results
        .iter()
        .filter(|r| r["pass"] == true)
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(passing, ["5.8"]);
}

#[test]
fn a_pattern_that_satisfies_nothing_exits_1() {
    cis_monitor()
        .args(["check-pattern", "--benchmark", "securityhub"])
        .arg("{ $.eventName = \"GetObject\" }")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "satisfies none of the 14 controls",
        ));
}

#[test]
fn several_controls_must_all_pass() {
    cis_monitor()
        .args(["check-pattern", "-b", "2.0.0", "-c", "4.8", "-c", "4.9", S3])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("1 of 2 named controls"));
}

#[test]
fn the_unauthorized_api_pattern_of_1_2_0_is_broader_than_7_0_0_5_1_so_it_passes() {
    // 5.1 (UNAUTH-D) keeps *UnauthorizedOperation from every source, and AccessDenied*
    // except from log delivery and HeadBucket: the 1.2.0 pattern is broader, so it passes.
    let unauth_a =
        r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }"#;
    let out = cis_monitor()
        .args(["check-pattern", "-c", "5.1", "-o", "json", unauth_a])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json = json_of(&out);
    assert_eq!(json["results"][0]["relation"], "broader");
    assert!(json["results"][0]["extra_event"].is_object());
}

#[test]
fn either_mfa_alternative_passes_and_the_covered_one_is_reported() {
    let sso = r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#;
    let out = cis_monitor()
        .args([
            "check-pattern",
            "-c",
            "console-signin-without-mfa",
            "-o",
            "json",
            sso,
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json = json_of(&out);
    assert_eq!(
        json["results"][0]["alternative_source"],
        "audit (SSO alternative)"
    );
    assert_eq!(json["results"][0]["relation"], "equivalent");
}

#[test]
fn an_empty_stdin_is_a_usage_error() {
    cis_monitor()
        .args(["check-pattern", "-"])
        .write_stdin("\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stdin is empty"));
}
