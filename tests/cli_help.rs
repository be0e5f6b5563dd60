//! The `--help` of every command, snapshotted: a change to the command line shows up in review.

use assert_cmd::Command;

fn help(args: &[&str]) -> String {
    let out = Command::cargo_bin("cis-monitor")
        .expect("the binary is built")
        .args(args)
        .arg("--help")
        .env("COLUMNS", "100")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn help_of_cis_monitor() {
    insta::assert_snapshot!("help", help(&[]));
}

#[test]
fn help_of_audit() {
    insta::assert_snapshot!("help-audit", help(&["audit"]));
}

#[test]
fn help_of_check_pattern() {
    insta::assert_snapshot!("help-check-pattern", help(&["check-pattern"]));
}

#[test]
fn help_of_controls() {
    insta::assert_snapshot!("help-controls", help(&["controls"]));
}
