//! The `cis-monitor` binary: a thin shell around the library.
fn main() {}
