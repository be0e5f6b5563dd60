//! Collection from AWS: the only code that talks to AWS (stub: signatures only).

use crate::model::Snapshot;
use std::time::Duration;

/// How to reach AWS.
#[derive(Debug, Clone)]
pub struct CollectOptions {
    /// `--profile`; `None` = the default credential chain.
    pub profile: Option<String>,
    /// `--region`; `None` = from the environment/profile (fail fast if none).
    pub region: Option<String>,
    /// Per-attempt timeout for one API call.
    pub attempt_timeout: Duration,
    /// Maximum attempts per call (standard retry with backoff).
    pub max_attempts: u32,
    /// Maximum AWS calls in flight at once.
    pub concurrency: usize,
}

/// Why the audit could not run at all (per-resource failures are gaps, not errors).
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    #[error("no AWS region configured: pass --region or set AWS_REGION")]
    NoRegion,
    #[error("no usable AWS credentials: {0}")]
    NoCredentials(String),
}

/// Collect the account's trails, filters, alarms, topics and subscriptions.
pub async fn collect(_opts: &CollectOptions) -> Result<Snapshot, CollectError> {
    Err(CollectError::NoRegion)
}
