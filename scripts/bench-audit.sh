#!/usr/bin/env bash
# Audit benchmark against the local emulator: seeds a large account (3 regions, 5,000 metric
# filters, 5,000 alarms, 200 topics) and prints wall time, peak memory and API calls per
# operation, with 0 and 50 ms injected latency per call. Arguments go to bench_audit.py
# (e.g. --filters 500 --alarms 500 --topics 20 for a quick run).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cis-monitor-target}"
# shellcheck source=scripts/venv.sh
source scripts/venv.sh
cargo build --release --locked --quiet
exec "$VENV/bin/python" tests/e2e/harness.py -- "$VENV/bin/python" tests/e2e/bench_audit.py \
  --binary "$CARGO_TARGET_DIR/release/cis-monitor" "$@"
