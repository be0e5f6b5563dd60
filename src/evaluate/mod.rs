//! Evaluation of a snapshot against the catalogue (stub).
