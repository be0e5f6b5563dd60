//! settings (stub).
