//! `cis-monitor controls`: the catalogue as the user sees it.

use assert_cmd::Command;
use serde_json::Value;

fn controls_json(benchmark: &str) -> Value {
    let out = Command::cargo_bin("cis-monitor")
        .expect("the binary is built")
        .args(["controls", "--output", "json", "--benchmark", benchmark])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

#[test]
fn every_benchmark_lists_its_controls() {
    for (benchmark, count, first) in [
        ("1.2.0", 14, "3.1"),
        ("1.3.0", 15, "4.1"),
        ("2.0.0", 15, "4.1"),
        ("5.0.0", 15, "4.1"),
        ("6.0.0", 15, "5.1"),
        ("7.0.0", 15, "5.1"),
        ("securityhub", 14, "CloudWatch.1"),
    ] {
        let json = controls_json(benchmark);
        assert_eq!(json["schema"], "cis-monitor/controls/v1");
        assert_eq!(json["benchmark"], benchmark);
        let controls = json["controls"].as_array().expect("controls");
        assert_eq!(controls.len(), count, "{benchmark}");
        assert_eq!(controls[0]["id"], first, "{benchmark}");
        for c in controls {
            assert!(c["control"].is_string());
            assert!(c["title"].is_string());
            let alternatives = c["alternatives"].as_array().expect("alternatives");
            assert!(!alternatives.is_empty());
            assert!(
                alternatives
                    .iter()
                    .all(|a| a["pattern"].is_string() && a["source"].is_string())
            );
        }
    }
}

#[test]
fn the_default_benchmark_is_7_0_0() {
    let out = Command::cargo_bin("cis-monitor")
        .expect("the binary is built")
        .args(["controls", "--output", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).expect("stdout is JSON");
    assert_eq!(json["benchmark"], "7.0.0");
    let security_group = &json["controls"][9];
    assert_eq!(security_group["id"], "5.10");
    let pattern = security_group["alternatives"][0]["pattern"]
        .as_str()
        .unwrap_or_default();
    assert!(pattern.contains("ModifySecurityGroupRules"));
}

#[test]
fn the_table_names_the_benchmark_and_every_control() {
    let out = Command::cargo_bin("cis-monitor")
        .expect("the binary is built")
        .args(["controls", "--benchmark", "1.2.0"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(text.starts_with("CIS AWS Foundations Benchmark v1.2.0\n"));
    for id in 1..=14 {
        assert!(
            text.contains(&format!("│ 3.{id} ")),
            "3.{id} missing:\n{text}"
        );
    }
    assert!(text.contains("14 controls."));
}
