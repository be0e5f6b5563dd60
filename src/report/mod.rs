//! Output formats, the PASS/FAIL/UNKNOWN status and the exit code.

pub mod audit;
pub mod caret;
pub mod controls;
pub mod pattern;

use serde::Serialize;

/// The process exit status, shared by every command (documented in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExitStatus {
    /// 0: every checked control passes.
    Pass = 0,
    /// 1: at least one control fails.
    Fail = 1,
    /// 2: usage error or invalid input.
    Usage = 2,
    /// 3: no failure, but something could not be decided or read.
    Unknown = 3,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The exit status when every one of `statuses` must pass: FAIL if any fails,
    /// else UNKNOWN if any is unknown, else PASS (also for none at all).
    pub fn all_of(statuses: impl IntoIterator<Item = Status>) -> ExitStatus {
        let mut exit = ExitStatus::Pass;
        for s in statuses {
            match s {
                Status::Fail => return ExitStatus::Fail,
                Status::Unknown => exit = ExitStatus::Unknown,
                Status::Pass => {}
            }
        }
        exit
    }

    /// The exit status when one of `statuses` passing is enough: PASS if any passes,
    /// else UNKNOWN if any is unknown, else FAIL (also for none at all).
    pub fn any_of(statuses: impl IntoIterator<Item = Status>) -> ExitStatus {
        let mut exit = ExitStatus::Fail;
        for s in statuses {
            match s {
                Status::Pass => return ExitStatus::Pass,
                Status::Unknown => exit = ExitStatus::Unknown,
                Status::Fail => {}
            }
        }
        exit
    }
}

/// The outcome for one control. Missing data is UNKNOWN, never PASS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    Pass,
    Fail,
    Unknown,
}

impl Status {
    /// `PASS`, `FAIL` or `UNKNOWN`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Unknown => "UNKNOWN",
        }
    }
}

/// Whether tables may use colour (decided once from `--color` and the terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Styling {
    #[default]
    Plain,
    Colored,
}

/// Tables in the house style: UTF-8 borders, no row separators, colour only when
/// `styling` asks, as wide as the terminal (120 columns when stdout is not one).
pub(crate) fn new_table(styling: Styling) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    let width = table.width().unwrap_or(120).max(60);
    table.set_width(width);
    match styling {
        Styling::Plain => table.force_no_tty(),
        Styling::Colored => table.enforce_styling(),
    };
    table
}

/// A status cell, green/red/yellow when styled.
pub(crate) fn status_cell(status: Status, styling: Styling) -> comfy_table::Cell {
    let cell = comfy_table::Cell::new(status.as_str());
    if styling == Styling::Plain {
        return cell;
    }
    let color = match status {
        Status::Pass => comfy_table::Color::Green,
        Status::Fail => comfy_table::Color::Red,
        Status::Unknown => comfy_table::Color::Yellow,
    };
    cell.fg(color)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_status_combines_statuses() {
        use Status::*;
        assert_eq!(
            ExitStatus::all_of([Pass, Unknown, Pass]),
            ExitStatus::Unknown
        );
        assert_eq!(ExitStatus::all_of([Unknown, Fail]), ExitStatus::Fail);
        assert_eq!(ExitStatus::all_of([]), ExitStatus::Pass);
        assert_eq!(ExitStatus::any_of([Fail, Pass]), ExitStatus::Pass);
        assert_eq!(ExitStatus::any_of([Fail, Unknown]), ExitStatus::Unknown);
        assert_eq!(ExitStatus::any_of([Fail]), ExitStatus::Fail);
    }
}
