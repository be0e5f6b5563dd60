//! The command line as clap derive types; `settings` validates them before any work.

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Audit AWS accounts for the CIS AWS Foundations Benchmark monitoring controls.
///
/// For every control (unauthorized API calls, root usage, IAM policy changes, ...)
/// cis-monitor follows CloudTrail -> CloudWatch Logs metric filter -> alarm -> SNS
/// subscription, and decides by logic whether the filter pattern catches every event
/// the benchmark's pattern catches.
///
/// Exit codes: 0 every checked control passes; 1 at least one fails; 2 usage error or
/// invalid input; 3 no failure, but something could not be decided or read.
#[derive(Debug, Parser)]
#[command(
    name = "cis-monitor",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// More log output on stderr (-v info, -vv debug, -vvv trace); default: warnings only.
    #[arg(short, long, action = ArgAction::Count, global = true, help_heading = "Global options")]
    pub verbose: u8,

    /// When to colour tables and logs (`auto`: on a terminal, unless NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true,
          help_heading = "Global options")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit an account (or a saved snapshot of one) against a benchmark.
    Audit(AuditArgs),
    /// Judge one filter pattern against the controls of a benchmark, offline.
    CheckPattern(CheckPatternArgs),
    /// List the controls of a benchmark with their prescribed patterns.
    Controls(ControlsArgs),
}

/// `cis-monitor controls`.
#[derive(Debug, Args)]
pub struct ControlsArgs {
    /// The benchmark whose controls to list.
    #[arg(short, long, value_enum, default_value_t = BenchmarkArg::V7_0_0)]
    pub benchmark: BenchmarkArg,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,
}

/// `cis-monitor check-pattern`.
#[derive(Debug, Args)]
#[command(after_help = "\
Without --control, the pattern is related to every control of the benchmark: exit 0 if it \
satisfies at least one. With --control, exit 0 only if it satisfies every named control.

Examples:
  cis-monitor check-pattern -b 2.0.0 -c 4.8 \"$(cat filter.txt)\"
  aws logs describe-metric-filters --log-group-name LOG_GROUP \\
      --query 'metricFilters[0].filterPattern' --output text | cis-monitor check-pattern -")]
pub struct CheckPatternArgs {
    /// The benchmark whose controls to judge against.
    #[arg(short, long, value_enum, default_value_t = BenchmarkArg::V7_0_0)]
    pub benchmark: BenchmarkArg,

    /// A control to judge against, by number in the benchmark (`5.8`) or slug
    /// (`s3-bucket-policy-changes`); repeatable. Default: every control.
    #[arg(short, long = "control", value_name = "ID")]
    pub controls: Vec<String>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,

    /// The filter pattern; `-` (or nothing, when stdin is not a terminal) reads it from stdin.
    #[arg(value_name = "PATTERN|-")]
    pub pattern: Option<String>,
}

/// `cis-monitor audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The benchmark to audit against.
    #[arg(short, long, value_enum, default_value_t = BenchmarkArg::V7_0_0)]
    pub benchmark: BenchmarkArg,

    /// Only these controls, by number or slug, comma-separated. Default: every control.
    #[arg(short, long, value_name = "ID,...", value_delimiter = ',')]
    pub controls: Vec<String>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,

    /// AWS profile to use (default: the standard credential chain).
    #[arg(long, value_name = "PROFILE", conflicts_with = "snapshot")]
    pub profile: Option<String>,

    /// AWS region to start from (default: from the environment or profile).
    #[arg(long, value_name = "REGION", conflicts_with = "snapshot")]
    pub region: Option<String>,

    /// Evaluate a saved snapshot instead of calling AWS.
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,

    /// Save what was collected to FILE (then evaluate it as usual).
    #[arg(long, value_name = "FILE", conflicts_with = "snapshot")]
    pub save_snapshot: Option<PathBuf>,

    /// Timeout of one attempt of one AWS call, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub attempt_timeout: u64,

    /// Attempts per AWS call (with backoff) before giving up on it.
    #[arg(long, value_name = "N", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(1..=20))]
    pub max_attempts: u32,

    /// AWS calls in flight at once.
    #[arg(long, value_name = "N", default_value_t = 16,
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,
}

/// `--benchmark`: a CIS version or Security Hub's CloudWatch.1-14.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchmarkArg {
    #[value(name = "1.2.0")]
    V1_2_0,
    #[value(name = "1.3.0")]
    V1_3_0,
    #[value(name = "1.4.0")]
    V1_4_0,
    #[value(name = "1.5.0")]
    V1_5_0,
    #[value(name = "2.0.0")]
    V2_0_0,
    #[value(name = "3.0.0")]
    V3_0_0,
    #[value(name = "4.0.0")]
    V4_0_0,
    #[value(name = "5.0.0")]
    V5_0_0,
    #[value(name = "6.0.0")]
    V6_0_0,
    #[value(name = "7.0.0")]
    V7_0_0,
    // AWS Security Hub CloudWatch.1-14.
    #[value(name = "securityhub")]
    SecurityHub,
}

/// `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    // A table for people.
    Table,
    // Versioned JSON for programs.
    Json,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    // Colour when the output is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
