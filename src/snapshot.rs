//! snapshot (stub).
