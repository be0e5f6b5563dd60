//! Runs one validated command: reads its input, calls the library, writes the report to
//! stdout and diagnostics to stderr, and returns the exit status.

use crate::catalogue;
use crate::cli::OutputFormat;
#[cfg(feature = "aws")]
use crate::collect;
use crate::evaluate;
use crate::pattern;
use crate::report::controls::ControlsReport;
use crate::report::pattern::CheckPatternReport;
use crate::report::{self, ExitStatus, Styling, caret};
use crate::settings::{
    AuditSettings, AuditSource, CheckPatternSettings, ControlsSettings, PatternInput, Settings,
    Task,
};
use crate::snapshot;
use std::fmt::Display;
use std::io::{self, Read, Write};

/// Where a command reads and writes: the process's streams, or buffers in tests.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    /// Results.
    pub stdout: &'a mut dyn Write,
    /// Errors and diagnostics.
    pub stderr: &'a mut dyn Write,
}

/// Run the command `settings` describe.
pub fn run(settings: &Settings, io: &mut Io<'_>) -> ExitStatus {
    match &settings.task {
        Task::Controls(c) => controls(c, settings.stdout_styling, io),
        Task::CheckPattern(c) => check_pattern(c, settings.stdout_styling, io),
        Task::Audit(a) => audit(a, io),
    }
}

fn controls(c: &ControlsSettings, styling: Styling, io: &mut Io<'_>) -> ExitStatus {
    let report = ControlsReport::new(c.benchmark);
    let text = match c.output {
        OutputFormat::Table => Ok(report.table(styling)),
        OutputFormat::Json => report.json(),
    };
    match text {
        Ok(text) => emit(io, &text, ExitStatus::Pass),
        Err(e) => fail(
            io,
            format_args!("cannot render the controls: {e}"),
            ExitStatus::Unknown,
        ),
    }
}

fn check_pattern(c: &CheckPatternSettings, styling: Styling, io: &mut Io<'_>) -> ExitStatus {
    let text = match &c.input {
        PatternInput::Argument(text) => text.clone(),
        PatternInput::Stdin => match read_stdin(io.stdin) {
            Ok(text) if text.trim().is_empty() => {
                return fail(io, "stdin is empty: no pattern to check", ExitStatus::Usage);
            }
            Ok(text) => text,
            Err(e) => {
                return fail(
                    io,
                    format_args!("cannot read the pattern from stdin: {e}"),
                    ExitStatus::Usage,
                );
            }
        },
    };
    let actual = match pattern::parse(&text) {
        Ok(actual) => actual,
        Err(e) => {
            let message = format!("the pattern does not parse: {}", e.message);
            let _ = io
                .stderr
                .write_all(caret::render(&text, e.span, &message).as_bytes());
            return ExitStatus::Usage;
        }
    };
    tracing::debug!(?actual, "parsed the pattern");
    let judgements: Vec<catalogue::Judgement> = c
        .controls
        .iter()
        .map(|&control| catalogue::judge(control, &actual))
        .collect();
    let report = CheckPatternReport::new(
        c.benchmark,
        &text,
        pattern::canonical(&actual),
        &judgements,
        c.explicit,
    );
    let rendered = match c.output {
        OutputFormat::Table => Ok(report.table(styling)),
        OutputFormat::Json => report.json(),
    };
    match rendered {
        Ok(out) => emit(io, &out, report.exit_status()),
        Err(e) => fail(
            io,
            format_args!("cannot render the report: {e}"),
            ExitStatus::Unknown,
        ),
    }
}

fn audit(a: &AuditSettings, io: &mut Io<'_>) -> ExitStatus {
    let snapshot = match &a.source {
        AuditSource::Snapshot(path) => match snapshot::load(path) {
            Ok(s) => s,
            Err(e) => return fail(io, e, ExitStatus::Usage),
        },
        AuditSource::Aws(options) => match collect_live(options, io) {
            Ok(s) => s,
            Err(status) => return status,
        },
    };
    let mut saved = ExitStatus::Pass;
    if let Some(path) = &a.save_snapshot {
        match snapshot::save(path, &snapshot) {
            Ok(()) => tracing::info!(path = %path.display(), "saved the snapshot"),
            Err(e) => saved = fail(io, e, ExitStatus::Usage),
        }
    }
    let audit = evaluate::evaluate(&snapshot, a.benchmark, &a.controls);
    let text = match a.output {
        OutputFormat::Table => report::audit::table(&audit),
        OutputFormat::Json => report::audit::json(&audit),
    };
    let status = emit(io, &text, audit.exit_status());
    if saved == ExitStatus::Pass {
        status
    } else {
        saved
    }
}

/// Collect a snapshot from AWS; on failure say why on stderr and return the exit status.
#[cfg(feature = "aws")]
fn collect_live(
    options: &crate::settings::CollectOptions,
    io: &mut Io<'_>,
) -> Result<crate::model::Snapshot, ExitStatus> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build();
    let collected = match runtime {
        Ok(rt) => rt.block_on(collect::collect(options)),
        Err(e) => {
            return Err(fail(
                io,
                format_args!("cannot start the async runtime: {e}"),
                ExitStatus::Unknown,
            ));
        }
    };
    collected.map_err(|e| {
        fail(
            io,
            format_args!("the audit could not run: {e}"),
            ExitStatus::Unknown,
        )
    })
}

/// This build cannot reach AWS (no `aws` feature): a usage error, exit 2.
#[cfg(not(feature = "aws"))]
fn collect_live(
    _options: &crate::settings::CollectOptions,
    io: &mut Io<'_>,
) -> Result<crate::model::Snapshot, ExitStatus> {
    Err(fail(
        io,
        "this build of cis-monitor has no AWS support (built without the `aws` cargo feature): \
         pass --snapshot FILE, or use a build with default features",
        ExitStatus::Usage,
    ))
}

/// Read all of stdin as UTF-8, without the trailing line break(s) a shell or file adds.
fn read_stdin(stdin: &mut dyn Read) -> io::Result<String> {
    let mut bytes = Vec::new();
    stdin.read_to_end(&mut bytes)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8"))?;
    Ok(text.trim_end_matches(['\n', '\r']).to_string())
}

/// Write the result to stdout. A closed pipe (`| head`) is not an error.
fn emit(io: &mut Io<'_>, text: &str, status: ExitStatus) -> ExitStatus {
    match io
        .stdout
        .write_all(text.as_bytes())
        .and_then(|()| io.stdout.flush())
    {
        Ok(()) => status,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => status,
        Err(e) => fail(
            io,
            format_args!("cannot write the output: {e}"),
            ExitStatus::Unknown,
        ),
    }
}

/// Say what went wrong on stderr and return `status`.
fn fail(io: &mut Io<'_>, message: impl Display, status: ExitStatus) -> ExitStatus {
    let _ = writeln!(io.stderr, "error: {message}");
    status
}
