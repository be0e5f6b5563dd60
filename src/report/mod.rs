//! Output formats and exit codes (stub).
