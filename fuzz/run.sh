#!/usr/bin/env bash
# Runs each fuzz target for a fixed time: bash fuzz/run.sh [SECONDS] (default 600).
# Needs only the stable toolchain: RUSTC_BOOTSTRAP=1 unlocks the nightly
# flags cargo-fuzz may pass (-Zsanitizer=..., -Zbuild-std).
# Extra libFuzzer flags can be given in FUZZ_FLAGS, e.g. FUZZ_FLAGS=-jobs=1.
# No sanitizer by default: the code is safe Rust, and AddressSanitizer makes
# the fuzzers about four times slower; FUZZ_SANITIZER=address turns it on.
# New corpus entries land in fuzz/corpus/<target>/ (ignored by git; only the
# seed-* files are committed); crashes in fuzz/artifacts/<target>/.
set -uo pipefail
cd "$(dirname "$0")" || exit 1

seconds=${1:-600}
targets=(parse_issue build_one)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked || exit 1
fi

export RUSTC_BOOTSTRAP=1
failed=0
for target in "${targets[@]}"; do
  echo "== $target for ${seconds}s"
  mkdir -p "corpus/$target" "artifacts/$target"
  before=$(mktemp)
  ls "artifacts/$target" > "$before"
  log=$(mktemp)
  # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
  cargo fuzz run --sanitizer "${FUZZ_SANITIZER:-none}" "$target" -- -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 -dict="$PWD/issue.dict" ${FUZZ_FLAGS:-} 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  echo "== $target: exit $status"
  # libFuzzer's final stats, e.g. "stat::number_of_executed_units: 123456";
  # in fork mode (FUZZ_FLAGS="-fork=1 -ignore_crashes=1") its last "#N:" line.
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|Done [0-9]+ runs)' "$log" \
    || grep -E '^#[0-9]+: ' "$log" | tail -1
  # shellcheck disable=SC2010 # artifact names are crash-<sha1> and the like
  new=$(ls "artifacts/$target" | grep -vxFf "$before" || true)
  if [ "$status" -ne 0 ] || [ -n "$new" ]; then
    failed=1
    echo "== $target FOUND A CRASH:"
    grep -E "panicked at|ERROR: (libFuzzer|AddressSanitizer)|SUMMARY:|Test unit written to" "$log" | sort | uniq -c || true
    for artifact in $new; do echo "   fuzz/artifacts/$target/$artifact"; done
    echo "   reproduce: RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer ${FUZZ_SANITIZER:-none} $target <artifact>"
    echo "   then copy it to tests/fixtures/fuzz-regressions/<short-name>.md (see tests/integration/fuzz_regressions.rs)"
  fi
  rm -f "$log" "$before" fuzz-*.log
done
exit "$failed"
