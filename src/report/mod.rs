//! Output formats and the exit code (stub).

pub mod audit;

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
}
