//! Snapshot files: saved atomically as pretty JSON, loaded with errors that say what is wrong and where.

use crate::model::{SNAPSHOT_FORMAT, SNAPSHOT_VERSION, Snapshot};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The snapshot versions this build reads.
pub const SUPPORTED_VERSIONS: &[u32] = &[SNAPSHOT_VERSION];

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("cannot read snapshot {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not valid JSON (line {line}, column {column}): {message}")]
    NotJson {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path} is not a cis-monitor snapshot ({reason})")]
    NotSnapshot { path: PathBuf, reason: String },
    #[error(
        "{path} is a cis-monitor snapshot of version {found}, which this build cannot read \
         (supported: {supported})"
    )]
    UnsupportedVersion {
        path: PathBuf,
        found: String,
        supported: String,
    },
    #[error("{path} does not match the snapshot schema (line {line}, column {column}): {message}")]
    Schema {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot write snapshot {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot serialise the snapshot for {path}: {source}")]
    Serialize {
        path: PathBuf,
        source: serde_json::Error,
    },
}

/// Read a snapshot file: JSON, then `format`, then `version`, then the schema.
pub fn load(path: &Path) -> Result<Snapshot, SnapshotError> {
    let bytes = std::fs::read(path).map_err(|source| SnapshotError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| SnapshotError::NotJson {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: strip_position(&e),
        })?;
    let not_snapshot = |reason: &str| SnapshotError::NotSnapshot {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let object = value
        .as_object()
        .ok_or_else(|| not_snapshot("the top level is not a JSON object"))?;
    match object.get("format") {
        None => return Err(not_snapshot("no `format` field")),
        Some(serde_json::Value::String(f)) if f == SNAPSHOT_FORMAT => {}
        Some(other) => {
            return Err(not_snapshot(&format!(
                "`format` is {other}, expected \"{SNAPSHOT_FORMAT}\""
            )));
        }
    }
    let version_ok = object
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .is_some_and(|v| SUPPORTED_VERSIONS.iter().any(|s| u64::from(*s) == v));
    if !version_ok {
        return Err(SnapshotError::UnsupportedVersion {
            path: path.to_path_buf(),
            found: object
                .get("version")
                .map_or_else(|| "(none)".to_string(), |v| v.to_string()),
            supported: SUPPORTED_VERSIONS
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    // Parse the bytes again (not the Value) so that errors carry line and column.
    serde_json::from_slice(&bytes).map_err(|e| SnapshotError::Schema {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e),
    })
}

/// serde_json's message without its trailing " at line L column C".
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Write `snapshot` to `path` as pretty JSON, atomically: a temporary file in
/// the same directory is written, synced and renamed over `path`, so a reader
/// never sees a half-written file.
pub fn save(path: &Path, snapshot: &Snapshot) -> Result<(), SnapshotError> {
    let write_err = |source: std::io::Error| SnapshotError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut json =
        serde_json::to_vec_pretty(snapshot).map_err(|source| SnapshotError::Serialize {
            path: path.to_path_buf(),
            source,
        })?;
    json.push(b'\n');
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".cis-monitor-snapshot")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(write_err)?;
    tmp.write_all(&json).map_err(write_err)?;
    tmp.as_file().sync_all().map_err(write_err)?;
    tmp.persist(path).map_err(|e| write_err(e.error))?;
    Ok(())
}
