//! Snapshot files: save atomically, load with clear errors (stub: signatures only).

use crate::model::Snapshot;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("cannot read snapshot {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub fn load(path: &Path) -> Result<Snapshot, SnapshotError> {
    Err(SnapshotError::Read {
        path: path.to_path_buf(),
        source: std::io::Error::other("not written yet"),
    })
}

pub fn save(_path: &Path, _snapshot: &Snapshot) -> Result<(), SnapshotError> {
    Ok(())
}
