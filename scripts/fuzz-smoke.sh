#!/usr/bin/env bash
# Fuzz smoke test of the filter-pattern engine: build the cargo-fuzz targets in
# fuzz/, replay the committed regression inputs, then fuzz each target briefly.
#
# Works on the pinned stable toolchain (no nightly): cargo-fuzz passes -Z flags,
# which RUSTC_BOOTSTRAP=1 allows, and `--sanitizer none` avoids -Zsanitizer
# (the fuzzed code is safe Rust; the targets check panics and properties).
# cargo-fuzz is installed (once) into $CIS_FUZZ_TOOLS.
#
# Environment:
#   FUZZ_SECONDS      seconds of fuzzing per target (default 30; 0 = only replay)
#   FUZZ_TARGETS      targets to run (default "parse relate")
#   FUZZ_TARGET_DIR   cargo target dir of the fuzz build (default fuzz/target)
#   FUZZ_CORPUS       corpus directory to seed and grow (default: a temporary one)
#   FUZZ_CODEGEN_UNITS codegen units of the fuzz build (default 16: faster to build)
#   CIS_FUZZ_TOOLS    where cargo-fuzz is installed (default ~/.cache/cis-monitor-fuzz-tools)
#
# A crash fails the script; the input is in fuzz/artifacts/<target>/. Reproduce
# with `RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none <target> <file>`, then
# add it to fuzz/regressions/<target>/ and as a test in the main crate.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
TOOLS="${CIS_FUZZ_TOOLS:-$HOME/.cache/cis-monitor-fuzz-tools}"
FUZZ_TARGET_DIR="${FUZZ_TARGET_DIR:-$PWD/fuzz/target}"
FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
FUZZ_TARGETS="${FUZZ_TARGETS:-parse relate}"
# Seeded from fixtures/pattern/*.json. A fresh directory by default, so the run
# time stays bounded (libFuzzer first replays the whole corpus); set
# FUZZ_CORPUS=fuzz/corpus (gitignored) to keep what the fuzzer finds.
if [ -n "${FUZZ_CORPUS:-}" ]; then
  CORPUS="$FUZZ_CORPUS"
else
  CORPUS="$(mktemp -d)"
  trap 'rm -rf "$CORPUS"' EXIT
fi

start=$SECONDS
phase() { echo "fuzz-smoke: $* ($((SECONDS - start))s)"; }

if [ "$("$TOOLS/bin/cargo-fuzz" --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  phase "installing cargo-fuzz $CARGO_FUZZ_VERSION into $TOOLS"
  CARGO_TARGET_DIR="$TOOLS/build" cargo install --locked --force --root "$TOOLS" \
    --version "=$CARGO_FUZZ_VERSION" cargo-fuzz
  rm -rf "$TOOLS/build"
fi
export PATH="$TOOLS/bin:$PATH"
export RUSTC_BOOTSTRAP=1
unset CARGO_TARGET_DIR  # the main crate's; the fuzz build has its own
fuzz=(--sanitizer none --codegen-units "${FUZZ_CODEGEN_UNITS:-16}" --target-dir "$FUZZ_TARGET_DIR")

cargo fetch --locked --manifest-path fuzz/Cargo.toml  # fuzz/Cargo.lock is up to date
phase "building the fuzz targets"
cargo fuzz build "${fuzz[@]}"
phase "built"

python3 fuzz/seeds.py "$CORPUS"
for target in $FUZZ_TARGETS; do
  mapfile -t regressions < <(find "fuzz/regressions/$target" -type f ! -name '.*' | sort)
  if [ "${#regressions[@]}" -gt 0 ]; then
    phase "$target: replaying ${#regressions[@]} regression input(s)"
    cargo fuzz run "${fuzz[@]}" "$target" "${regressions[@]}"
  fi
  if [ "$FUZZ_SECONDS" -gt 0 ]; then
    phase "$target: fuzzing for ${FUZZ_SECONDS}s"
    cargo fuzz run "${fuzz[@]}" "$target" "$CORPUS/$target" -- \
      -max_total_time="$FUZZ_SECONDS" -max_len=2048 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 2>&1 | grep -v '^#[0-9]' || { echo "fuzz-smoke: $target FAILED"; exit 1; }
  fi
done
phase "done"
