//! AWS configuration: region, credentials (resolved once, fail fast), timeouts, retries, the client cache.

use super::{CollectError, CollectOptions};
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_cloudtrail::config::ProvideCredentials;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// TCP connect timeout for every call.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// Added to `attempts x attempt timeout` for the retry backoff.
const BACKOFF_SLACK: Duration = Duration::from_secs(5);
/// Lower bound of the overall time allowed to resolve credentials.
const MIN_CREDENTIALS_TIMEOUT: Duration = Duration::from_secs(5);

/// A loaded configuration with resolved region and credentials.
pub(super) struct Connected {
    pub(super) sdk_config: SdkConfig,
    pub(super) region: String,
    /// The account the credentials name, when the provider says (SSO does).
    pub(super) credentials_account: Option<String>,
}

/// The timeouts for one call: connect 3 s, read and attempt = `attempt`,
/// operation = all attempts plus backoff slack. Without them the SDK waits
/// forever on an endpoint that accepts and never answers.
pub(super) fn timeouts(attempt: Duration, max_attempts: u32) -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .read_timeout(attempt)
        .operation_attempt_timeout(attempt)
        .operation_timeout(attempt * max_attempts.max(1) + BACKOFF_SLACK)
        .build()
}

/// Load the default chain (env, profiles incl. SSO, IMDS) with `--profile` /
/// `--region`, then resolve the region and the credentials once, so that a
/// missing region or missing credentials fail at once with one clear error
/// instead of on every call. `AWS_ENDPOINT_URL[_SERVICE]` is honoured by the
/// SDK itself.
pub(super) async fn connect(opts: &CollectOptions) -> Result<Connected, CollectError> {
    let max_attempts = opts.max_attempts.max(1);
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .timeout_config(timeouts(opts.attempt_timeout, max_attempts))
        .retry_config(RetryConfig::standard().with_max_attempts(max_attempts));
    if let Some(profile) = &opts.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &opts.region {
        loader = loader.region(Region::new(region.clone()));
    }
    let sdk_config = loader.load().await;
    let region = sdk_config
        .region()
        .map(|r| r.to_string())
        .filter(|r| !r.is_empty())
        .ok_or(CollectError::NoRegion)?;

    let provider = sdk_config.credentials_provider().ok_or_else(|| {
        CollectError::NoCredentials("no credentials provider is configured".to_string())
    })?;
    let limit = opts.attempt_timeout.max(MIN_CREDENTIALS_TIMEOUT);
    let credentials = match tokio::time::timeout(limit, provider.provide_credentials()).await {
        Err(_) => {
            return Err(CollectError::NoCredentials(format!(
                "resolving credentials took longer than {} s",
                limit.as_secs()
            )));
        }
        Ok(Err(e)) => {
            return Err(CollectError::NoCredentials(super::error_chain(&e)));
        }
        Ok(Ok(credentials)) => credentials,
    };
    tracing::info!(region = %region, "credentials resolved");
    Ok(Connected {
        credentials_account: credentials.account_id().map(|a| a.as_str().to_string()),
        sdk_config,
        region,
    })
}

/// One client per (service, region), all built from one `SdkConfig` and reused.
pub(super) struct Clients {
    sdk_config: SdkConfig,
    cloudtrail: Mutex<HashMap<String, aws_sdk_cloudtrail::Client>>,
    logs: Mutex<HashMap<String, aws_sdk_cloudwatchlogs::Client>>,
    cloudwatch: Mutex<HashMap<String, aws_sdk_cloudwatch::Client>>,
    sns: Mutex<HashMap<String, aws_sdk_sns::Client>>,
    sts: Mutex<HashMap<String, aws_sdk_sts::Client>>,
}

/// Get or build the client for `region` in one cache.
fn cached<C: Clone>(
    cache: &Mutex<HashMap<String, C>>,
    region: &str,
    build: impl FnOnce() -> C,
) -> C {
    let mut map = match cache.lock() {
        Ok(map) => map,
        Err(poisoned) => poisoned.into_inner(),
    };
    map.entry(region.to_string()).or_insert_with(build).clone()
}

impl Clients {
    pub(super) fn new(sdk_config: SdkConfig) -> Self {
        Clients {
            sdk_config,
            cloudtrail: Mutex::default(),
            logs: Mutex::default(),
            cloudwatch: Mutex::default(),
            sns: Mutex::default(),
            sts: Mutex::default(),
        }
    }

    fn region(region: &str) -> Region {
        Region::new(region.to_string())
    }

    pub(super) fn cloudtrail(&self, region: &str) -> aws_sdk_cloudtrail::Client {
        cached(&self.cloudtrail, region, || {
            let conf = aws_sdk_cloudtrail::config::Builder::from(&self.sdk_config)
                .region(Self::region(region))
                .build();
            aws_sdk_cloudtrail::Client::from_conf(conf)
        })
    }

    pub(super) fn logs(&self, region: &str) -> aws_sdk_cloudwatchlogs::Client {
        cached(&self.logs, region, || {
            let conf = aws_sdk_cloudwatchlogs::config::Builder::from(&self.sdk_config)
                .region(Self::region(region))
                .build();
            aws_sdk_cloudwatchlogs::Client::from_conf(conf)
        })
    }

    pub(super) fn cloudwatch(&self, region: &str) -> aws_sdk_cloudwatch::Client {
        cached(&self.cloudwatch, region, || {
            let conf = aws_sdk_cloudwatch::config::Builder::from(&self.sdk_config)
                .region(Self::region(region))
                .build();
            aws_sdk_cloudwatch::Client::from_conf(conf)
        })
    }

    pub(super) fn sns(&self, region: &str) -> aws_sdk_sns::Client {
        cached(&self.sns, region, || {
            let conf = aws_sdk_sns::config::Builder::from(&self.sdk_config)
                .region(Self::region(region))
                .build();
            aws_sdk_sns::Client::from_conf(conf)
        })
    }

    pub(super) fn sts(&self, region: &str) -> aws_sdk_sts::Client {
        cached(&self.sts, region, || {
            let conf = aws_sdk_sts::config::Builder::from(&self.sdk_config)
                .region(Self::region(region))
                .build();
            aws_sdk_sts::Client::from_conf(conf)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_timeout_covers_all_attempts() {
        let t = timeouts(Duration::from_secs(2), 3);
        assert_eq!(t.connect_timeout(), Some(CONNECT_TIMEOUT));
        assert_eq!(t.read_timeout(), Some(Duration::from_secs(2)));
        assert_eq!(t.operation_attempt_timeout(), Some(Duration::from_secs(2)));
        assert_eq!(t.operation_timeout(), Some(Duration::from_secs(11)));
    }
}
