//! The command line turned into validated settings, before any work is done.

use crate::catalogue::{self, Benchmark, Control};
use crate::cli::{self, BenchmarkArg, Cli, ColorChoice, OutputFormat};
use crate::report::Styling;
use std::path::PathBuf;
use std::time::Duration;

/// What the command line asks for, checked and resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `-v` count: 0 = warnings only.
    pub verbosity: u8,
    /// Colour for results on stdout.
    pub stdout_styling: Styling,
    /// Colour for logs and diagnostics on stderr.
    pub stderr_styling: Styling,
    pub task: Task,
}

/// The command to run.
#[derive(Debug, Clone)]
pub enum Task {
    Controls(ControlsSettings),
    CheckPattern(CheckPatternSettings),
    Audit(AuditSettings),
}

#[derive(Debug, Clone)]
pub struct ControlsSettings {
    pub benchmark: Benchmark,
    pub output: OutputFormat,
}

#[derive(Debug, Clone)]
pub struct CheckPatternSettings {
    pub benchmark: Benchmark,
    pub output: OutputFormat,
    /// The controls to judge against, in benchmark order.
    pub controls: Vec<&'static Control>,
    /// Whether `--control` named them (every one must pass) or they are the whole
    /// benchmark (one passing is enough).
    pub explicit: bool,
    pub input: PatternInput,
}

/// Where the pattern comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternInput {
    Argument(String),
    Stdin,
}

#[derive(Debug, Clone)]
pub struct AuditSettings {
    pub benchmark: Benchmark,
    pub output: OutputFormat,
    /// The controls to audit, in benchmark order (every control unless `--controls`).
    pub controls: Vec<&'static Control>,
    pub source: AuditSource,
    /// `--save-snapshot`.
    pub save_snapshot: Option<PathBuf>,
}

/// Where the audit's data comes from.
#[derive(Debug, Clone)]
pub enum AuditSource {
    /// `--snapshot FILE`.
    Snapshot(PathBuf),
    /// Ask AWS.
    Aws(CollectOptions),
}

/// What the settings depend on besides the arguments.
#[derive(Debug, Clone, Copy, Default)]
pub struct Environment {
    pub stdin_is_terminal: bool,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
    /// `NO_COLOR` is set to something non-empty.
    pub no_color: bool,
}

impl Environment {
    /// The real process environment.
    pub fn detect() -> Environment {
        use std::io::IsTerminal;
        Environment {
            stdin_is_terminal: std::io::stdin().is_terminal(),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }
}

/// Arguments that clap accepts but that do not make sense (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error(
        "unknown control `{given}` in benchmark {benchmark}\n  valid choices: {choices}\n  \
         (or their slugs; `cis-monitor controls --benchmark {benchmark}` lists them)"
    )]
    UnknownControl {
        given: String,
        benchmark: Benchmark,
        choices: String,
    },
    #[error(
        "no pattern given: pass it as an argument, or `-` to read it from stdin \
         (`cis-monitor check-pattern --help` shows examples)"
    )]
    NoPattern,
}

impl From<BenchmarkArg> for Benchmark {
    fn from(arg: BenchmarkArg) -> Benchmark {
        match arg {
            BenchmarkArg::V1_2_0 => Benchmark::Cis120,
            BenchmarkArg::V1_3_0 => Benchmark::Cis130,
            BenchmarkArg::V1_4_0 => Benchmark::Cis140,
            BenchmarkArg::V1_5_0 => Benchmark::Cis150,
            BenchmarkArg::V2_0_0 => Benchmark::Cis200,
            BenchmarkArg::V3_0_0 => Benchmark::Cis300,
            BenchmarkArg::V4_0_0 => Benchmark::Cis400,
            BenchmarkArg::V5_0_0 => Benchmark::Cis500,
            BenchmarkArg::V6_0_0 => Benchmark::Cis600,
            BenchmarkArg::V7_0_0 => Benchmark::Cis700,
            BenchmarkArg::SecurityHub => Benchmark::SecurityHub,
        }
    }
}

impl Settings {
    /// Check and resolve the parsed command line.
    pub fn new(cli: Cli, env: &Environment) -> Result<Settings, SettingsError> {
        let styling = |is_terminal: bool| match cli.color {
            ColorChoice::Always => Styling::Colored,
            ColorChoice::Never => Styling::Plain,
            ColorChoice::Auto if is_terminal && !env.no_color => Styling::Colored,
            ColorChoice::Auto => Styling::Plain,
        };
        let stdout_styling = styling(env.stdout_is_terminal);
        let stderr_styling = styling(env.stderr_is_terminal);
        let task = match cli.command {
            cli::Command::Controls(args) => Task::Controls(ControlsSettings {
                benchmark: args.benchmark.into(),
                output: args.output,
            }),
            cli::Command::CheckPattern(args) => {
                let benchmark = Benchmark::from(args.benchmark);
                let input = match args.pattern {
                    Some(p) if p == "-" => PatternInput::Stdin,
                    Some(p) => PatternInput::Argument(p),
                    None if !env.stdin_is_terminal => PatternInput::Stdin,
                    None => return Err(SettingsError::NoPattern),
                };
                Task::CheckPattern(CheckPatternSettings {
                    benchmark,
                    output: args.output,
                    controls: resolve_controls(benchmark, &args.controls)?,
                    explicit: !args.controls.is_empty(),
                    input,
                })
            }
            cli::Command::Audit(args) => {
                let benchmark = Benchmark::from(args.benchmark);
                let source = match args.snapshot {
                    Some(path) => AuditSource::Snapshot(path),
                    None => AuditSource::Aws(CollectOptions {
                        profile: args.profile,
                        region: args.region,
                        attempt_timeout: Duration::from_secs(args.attempt_timeout),
                        max_attempts: args.max_attempts,
                        concurrency: usize::from(args.concurrency),
                    }),
                };
                Task::Audit(AuditSettings {
                    benchmark,
                    output: args.output,
                    controls: resolve_controls(benchmark, &args.controls)?,
                    source,
                    save_snapshot: args.save_snapshot,
                })
            }
        };
        Ok(Settings {
            verbosity: cli.verbose,
            stdout_styling,
            stderr_styling,
            task,
        })
    }
}

/// The named controls (every control when none is named), deduplicated, in benchmark order.
fn resolve_controls(
    benchmark: Benchmark,
    names: &[String],
) -> Result<Vec<&'static Control>, SettingsError> {
    let all = catalogue::controls(benchmark);
    if names.iter().all(|n| n.trim().is_empty()) {
        return Ok(all.iter().collect());
    }
    let mut wanted = Vec::new();
    for name in names.iter().filter(|n| !n.trim().is_empty()) {
        let control =
            catalogue::find(benchmark, name).ok_or_else(|| SettingsError::UnknownControl {
                given: name.clone(),
                benchmark,
                choices: all.iter().map(|c| c.id).collect::<Vec<_>>().join(", "),
            })?;
        wanted.push(control.id);
    }
    Ok(all.iter().filter(|c| wanted.contains(&c.id)).collect())
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn settings(args: &[&str], env: Environment) -> Result<Settings, SettingsError> {
        let mut argv = vec!["cis-monitor"];
        argv.extend_from_slice(args);
        Settings::new(Cli::try_parse_from(argv).expect("valid command line"), &env)
    }

    fn terminal() -> Environment {
        Environment {
            stdin_is_terminal: true,
            stdout_is_terminal: true,
            stderr_is_terminal: true,
            no_color: false,
        }
    }

    #[test]
    fn controls_resolve_by_number_or_slug_in_benchmark_order() {
        let s = settings(
            &[
                "check-pattern",
                "-b",
                "2.0.0",
                "-c",
                "vpc-changes",
                "-c",
                "4.8",
                "-c",
                "4.8",
                "x",
            ],
            terminal(),
        );
        let Ok(Settings {
            task: Task::CheckPattern(cp),
            ..
        }) = s
        else {
            panic!("not a check-pattern: {s:?}");
        };
        let ids: Vec<&str> = cp.controls.iter().map(|c| c.id).collect();
        assert_eq!(ids, ["4.8", "4.14"]);
        assert!(cp.explicit);
        assert_eq!(cp.input, PatternInput::Argument("x".into()));
    }

    #[test]
    fn an_unknown_control_lists_the_choices() {
        let err = settings(
            &["check-pattern", "-b", "1.2.0", "-c", "4.8", "x"],
            terminal(),
        )
        .expect_err("4.8 is not in 1.2.0");
        let text = err.to_string();
        assert!(text.contains("3.1, 3.2"), "{text}");
        assert!(text.contains("3.14"), "{text}");
    }

    #[test]
    fn the_pattern_comes_from_stdin_when_piped_or_dashed() {
        let piped = Environment {
            stdin_is_terminal: false,
            ..terminal()
        };
        let s = settings(&["check-pattern"], piped).expect("piped stdin");
        assert!(matches!(s.task, Task::CheckPattern(ref cp) if cp.input == PatternInput::Stdin));
        let s = settings(&["check-pattern", "-"], terminal()).expect("dash");
        assert!(matches!(s.task, Task::CheckPattern(ref cp) if cp.input == PatternInput::Stdin));
        let err = settings(&["check-pattern"], terminal()).expect_err("nothing to read");
        assert_eq!(err, SettingsError::NoPattern);
    }

    #[test]
    fn audit_defaults_and_colour() {
        let s = settings(&["audit", "--controls", "5.1,5.8"], terminal()).expect("audit");
        assert_eq!(s.stdout_styling, Styling::Colored);
        let Task::Audit(a) = s.task else {
            panic!("not an audit");
        };
        assert_eq!(a.benchmark, Benchmark::Cis700);
        assert_eq!(a.controls.len(), 2);
        let AuditSource::Aws(opts) = a.source else {
            panic!("not an AWS audit");
        };
        assert_eq!(opts.attempt_timeout, Duration::from_secs(10));
        assert_eq!((opts.max_attempts, opts.concurrency), (3, 16));
        let no_color = Environment {
            no_color: true,
            ..terminal()
        };
        let s = settings(&["controls"], no_color).expect("controls");
        assert_eq!(s.stdout_styling, Styling::Plain);
    }
}
