//! Snapshot files: every load error case, the fixtures, and the save/load round trip.

use cis_monitor::model::{SNAPSHOT_FORMAT, SNAPSHOT_VERSION, Snapshot};
use cis_monitor::snapshot::{self, SnapshotError};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/snapshots")
        .join(name)
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write test file");
    path
}

#[test]
fn fixtures_load() {
    for name in ["demo.json", "compliant.json"] {
        let snap = snapshot::load(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(snap.format, SNAPSHOT_FORMAT);
        assert_eq!(snap.account_id.as_deref(), Some("123456789012"));
        assert_eq!(snap.region, "us-east-1");
        assert!(!snap.trails.is_empty());
    }
}

#[test]
fn demo_has_the_advertised_mix() {
    let snap = snapshot::load(&fixture("demo.json")).expect("demo loads");
    let filters = snap.log_groups[0].metric_filters.as_ref().expect("filters");
    assert_eq!(filters.len(), 14, "one control has no filter");
    assert!(snap.alarms.iter().any(|a| !a.actions_enabled));
    assert!(snap.topics.iter().any(|t| t.subscriptions.is_none()));
    assert!(snap.topics.iter().any(|t| {
        t.subscriptions
            .as_ref()
            .is_some_and(|s| !s.is_empty() && s.iter().all(|s| !s.is_confirmed()))
    }));
    assert_eq!(snap.gaps.len(), 1);
    assert_eq!(snap.gaps[0].operation, "ListSubscriptionsByTopic");
}

#[test]
fn round_trip_is_lossless() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["demo.json", "compliant.json"] {
        let original = snapshot::load(&fixture(name)).expect("fixture loads");
        let path = dir.path().join(name);
        snapshot::save(&path, &original).expect("save");
        let again = snapshot::load(&path).expect("load saved");
        assert_eq!(original, again);
    }
    // Only the saved files are left: the temporary files were renamed.
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["compliant.json", "demo.json"]);
}

#[test]
fn save_replaces_an_existing_file_and_writes_pretty_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(&dir, "snap.json", "old contents");
    let snap = Snapshot::new("eu-west-1");
    snapshot::save(&path, &snap).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.starts_with("{\n  \"format\""), "pretty JSON: {text}");
    assert!(text.ends_with("}\n"));
    assert_eq!(snapshot::load(&path).expect("load"), snap);
}

#[test]
fn save_into_a_missing_directory_names_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("no/such/dir/snap.json");
    let err = snapshot::save(&path, &Snapshot::new("us-east-1")).expect_err("must fail");
    assert!(matches!(err, SnapshotError::Write { .. }), "{err:?}");
    assert!(err.to_string().contains("no/such/dir/snap.json"), "{err}");
    assert!(!path.exists());
}

#[test]
fn unreadable_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("missing.json");
    let err = snapshot::load(&path).expect_err("must fail");
    assert!(matches!(err, SnapshotError::Read { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("cannot read snapshot") && msg.contains("missing.json"),
        "{msg}"
    );
}

#[test]
fn corrupt_file_is_not_json_with_line_and_column() {
    let err = snapshot::load(&fixture("broken.json")).expect_err("must fail");
    match &err {
        SnapshotError::NotJson { line, column, .. } => {
            assert!(*line >= 7, "line {line}");
            let _ = column;
        }
        other => panic!("expected NotJson, got {other:?}"),
    }
    let msg = err.to_string();
    assert!(
        msg.contains("broken.json is not valid JSON (line "),
        "{msg}"
    );
}

#[test]
fn empty_file_is_not_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(&dir, "empty.json", "");
    let err = snapshot::load(&path).expect_err("must fail");
    assert!(matches!(err, SnapshotError::NotJson { .. }), "{err:?}");
}

#[test]
fn json_without_format_is_not_a_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in [
        ("other.json", r#"{"name": "package", "version": 1}"#),
        ("array.json", "[1, 2, 3]"),
        (
            "foreign.json",
            r#"{"format": "prowler-output", "version": 1}"#,
        ),
    ] {
        let path = write(&dir, name, text);
        let err = snapshot::load(&path).expect_err("must fail");
        assert!(matches!(err, SnapshotError::NotSnapshot { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("{name} is not a cis-monitor snapshot")),
            "{msg}"
        );
    }
}

#[test]
fn unsupported_version_says_which_are_supported() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, version) in [("v99.json", "99"), ("vstr.json", "\"1\"")] {
        let path = write(
            &dir,
            name,
            &format!(r#"{{"format": "{SNAPSHOT_FORMAT}", "version": {version}}}"#),
        );
        let err = snapshot::load(&path).expect_err("must fail");
        assert!(
            matches!(err, SnapshotError::UnsupportedVersion { .. }),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("version {version}"))
                && msg.contains(&format!("supported: {SNAPSHOT_VERSION}")),
            "{msg}"
        );
    }
    let path = write(
        &dir,
        "none.json",
        &format!(r#"{{"format": "{SNAPSHOT_FORMAT}"}}"#),
    );
    let err = snapshot::load(&path).expect_err("must fail");
    assert!(err.to_string().contains("version (none)"), "{err}");
}

#[test]
fn schema_mismatch_gives_serde_message_and_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        &dir,
        "schema.json",
        &format!(
            "{{\n  \"format\": \"{SNAPSHOT_FORMAT}\",\n  \"version\": {SNAPSHOT_VERSION},\n  \"region\": \"us-east-1\",\n  \"trails\": [{{\"name\": \"t\"}}],\n  \"log_groups\": [], \"alarms\": [], \"topics\": [], \"gaps\": []\n}}\n"
        ),
    );
    let err = snapshot::load(&path).expect_err("must fail");
    match &err {
        SnapshotError::Schema { line, message, .. } => {
            assert_eq!(*line, 5);
            assert!(message.contains("missing field `arn`"), "{message}");
        }
        other => panic!("expected Schema, got {other:?}"),
    }
    assert!(
        err.to_string().contains("schema.json does not match"),
        "{err}"
    );

    let path = write(
        &dir,
        "unknown.json",
        &format!(
            r#"{{"format": "{SNAPSHOT_FORMAT}", "version": {SNAPSHOT_VERSION}, "region": "r", "trails": [], "log_groups": [], "alarms": [], "topics": [], "gaps": [], "extra": 1}}"#
        ),
    );
    let err = snapshot::load(&path).expect_err("must fail");
    assert!(err.to_string().contains("unknown field `extra`"), "{err}");
}
