//! `cis-monitor audit` wiring: where its input comes from and the exit codes of failures
//! that happen before any evaluation.

use assert_cmd::Command;
use predicates::prelude::*;

/// The binary with no AWS configuration at all: no region, no credentials, no IMDS.
fn cis_monitor_without_aws() -> Command {
    let mut cmd = Command::cargo_bin("cis-monitor").expect("the binary is built");
    let home = std::env::temp_dir().join("cis-monitor-test-empty-home");
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("AWS_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("HOME", &home)
        .env("AWS_CONFIG_FILE", home.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn a_missing_snapshot_file_exits_2_and_names_it() {
    cis_monitor_without_aws()
        .args(["audit", "--snapshot", "no/such/snapshot.json"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no/such/snapshot.json"));
}

#[test]
fn snapshot_and_save_snapshot_exclude_each_other() {
    cis_monitor_without_aws()
        .args(["audit", "--snapshot", "a.json", "--save-snapshot", "b.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn an_unknown_control_is_a_usage_error() {
    cis_monitor_without_aws()
        .args(["audit", "--benchmark", "1.2.0", "--controls", "3.1,4.15"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown control `4.15`"));
}

#[test]
fn bad_numbers_are_usage_errors() {
    for args in [
        ["audit", "--concurrency", "0"],
        ["audit", "--max-attempts", "0"],
        ["audit", "--attempt-timeout", "soon"],
    ] {
        cis_monitor_without_aws().args(args).assert().code(2);
    }
}

#[cfg(feature = "aws")]
#[test]
fn without_a_region_the_audit_cannot_run_and_exits_3() {
    cis_monitor_without_aws()
        .args(["audit", "--attempt-timeout", "1", "--max-attempts", "1"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(3)
        .stdout("")
        .stderr(predicate::str::contains("region"));
}

/// Built without the `aws` feature, a live audit is a usage error that says why.
#[cfg(not(feature = "aws"))]
#[test]
fn without_the_aws_feature_a_live_audit_exits_2() {
    cis_monitor_without_aws()
        .args(["audit", "--region", "us-east-1"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no AWS support"))
        .stderr(predicate::str::contains("--snapshot"));
}
