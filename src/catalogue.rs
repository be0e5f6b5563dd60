//! The CIS monitoring controls of every benchmark version, as data (stub: types only).

use serde::Serialize;

/// A benchmark whose monitoring controls cis-monitor knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Benchmark {
    Cis120,
    Cis130,
    Cis140,
    Cis150,
    Cis200,
    Cis300,
    Cis400,
    Cis500,
    Cis600,
    Cis700,
    /// AWS Security Hub CloudWatch.1-14.
    SecurityHub,
}

impl Benchmark {
    pub const ALL: [Benchmark; 11] = [
        Benchmark::Cis120,
        Benchmark::Cis130,
        Benchmark::Cis140,
        Benchmark::Cis150,
        Benchmark::Cis200,
        Benchmark::Cis300,
        Benchmark::Cis400,
        Benchmark::Cis500,
        Benchmark::Cis600,
        Benchmark::Cis700,
        Benchmark::SecurityHub,
    ];

    /// The newest CIS version: the default everywhere.
    pub const LATEST: Benchmark = Benchmark::Cis700;

    /// `1.2.0` ... `7.0.0`, or `securityhub`.
    pub fn key(self) -> &'static str {
        match self {
            Benchmark::Cis120 => "1.2.0",
            Benchmark::Cis130 => "1.3.0",
            Benchmark::Cis140 => "1.4.0",
            Benchmark::Cis150 => "1.5.0",
            Benchmark::Cis200 => "2.0.0",
            Benchmark::Cis300 => "3.0.0",
            Benchmark::Cis400 => "4.0.0",
            Benchmark::Cis500 => "5.0.0",
            Benchmark::Cis600 => "6.0.0",
            Benchmark::Cis700 => "7.0.0",
            Benchmark::SecurityHub => "securityhub",
        }
    }

    pub fn from_key(key: &str) -> Option<Benchmark> {
        Benchmark::ALL.into_iter().find(|b| b.key() == key)
    }
}

/// One prescribed pattern of a control. A control may print several; covering any one passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prescribed {
    /// Where the benchmark prints it: `audit`, `remediation`, `audit (SSO alternative)`, ...
    pub source: &'static str,
    /// The pattern exactly as printed.
    pub pattern: &'static str,
}

/// A monitoring control as one benchmark version states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Control {
    /// Stable across versions, e.g. `s3-bucket-policy-changes`.
    pub slug: &'static str,
    pub benchmark: Benchmark,
    /// The number in that benchmark: `3.8`, `4.8`, `5.8`, `CloudWatch.8`.
    pub id: &'static str,
    pub title: &'static str,
    /// The acceptable prescribed patterns (at least one).
    pub alternatives: &'static [Prescribed],
    /// Quirks of this version's text that a user should be told about.
    pub notes: &'static [&'static str],
}
