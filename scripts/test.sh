#!/usr/bin/env bash
# Every test: unit, integration and end-to-end against moto behind the test proxy.
#
# Creates (once) a Python venv in .venv with tests/e2e/requirements.txt, starts moto and
# the proxy on 127.0.0.1 (tests/e2e/harness.py), checks the proxy itself, runs
# `cargo test --locked` inside that environment (CIS_E2E_REQUIRED=1: e2e tests fail,
# never skip) and stops the servers. Override the cargo command with TEST_CMD.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cis-monitor-target}"
# shellcheck source=scripts/venv.sh
source scripts/venv.sh

"$VENV/bin/python" tests/e2e/harness.py -- "$VENV/bin/python" -m unittest -q tests/e2e/test_proxy.py
# shellcheck disable=SC2086
"$VENV/bin/python" tests/e2e/harness.py -- ${TEST_CMD:-cargo test --locked}
