#!/usr/bin/env bash
# Profiles `trendfeed build` and prints the hottest functions.
#
#   bench/profile.sh                       # perf if it can count instructions, else callgrind
#   PROFILER=callgrind N=2000 bench/profile.sh
#   PROFILER=perf N=100000 bench/profile.sh
#
# perf: `perf record -g` of a build of the N-issue corpus (default 100,000)
# into target/bench-out/N after one unprofiled build there, so it profiles
# the warm rebuild that bench/run.sh times. Where the CPU's counters are not exposed
# (many VMs), perf samples the `cpu-clock` software event instead.
# callgrind: a build of a 2,000-issue corpus into a fresh folder (callgrind
# runs the program some 50× slower); it counts instructions, so it misses
# time spent waiting on the kernel and the disk.
#
# trendfeed is built with debug line tables and frame pointers into
# target/profiling (through CARGO_PROFILE_RELEASE_DEBUG and RUSTFLAGS:
# Cargo.toml is not touched). Results go to target/bench-results/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

TARGET=${CARGO_TARGET_DIR:-target}
RESULTS=$TARGET/bench-results
PROF_TARGET=$TARGET/profiling
SEED=${SEED:-2127429357} # = gen_corpus::DEFAULT_SEED, as in bench/run.sh

# Whether perf can count instructions (it cannot in many VMs and containers).
perf_counts_instructions() {
    local report
    command -v perf >/dev/null || return 1
    report=$(perf stat -e instructions true 2>&1) || return 1
    ! grep -q -e 'not supported' -e 'not counted' <<<"$report"
}

if [[ -z ${PROFILER:-} ]]; then
    if perf_counts_instructions; then PROFILER=perf; else PROFILER=callgrind; fi
fi
case $PROFILER in
perf)
    N=${N:-100000}
    command -v perf >/dev/null || {
        echo "bench/profile.sh: perf is not installed" >&2
        exit 1
    }
    event=()
    perf_counts_instructions || event=(-e cpu-clock)
    ;;
callgrind)
    N=${N:-2000}
    if ! command -v valgrind >/dev/null; then
        echo "==> installing valgrind" >&2
        sudo=()
        ((EUID == 0)) || sudo=(sudo)
        "${sudo[@]}" apt-get update
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y valgrind
    fi
    ;;
*)
    echo "bench/profile.sh: PROFILER must be perf or callgrind" >&2
    exit 1
    ;;
esac

echo "==> building trendfeed with line tables and frame pointers into $PROF_TARGET" >&2
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_TARGET_DIR=$PROF_TARGET \
    RUSTFLAGS="${RUSTFLAGS:-} -C force-frame-pointers=yes" \
    cargo build --release --bin trendfeed --example gen_corpus
BIN=$PROF_TARGET/release/trendfeed

corpus=$TARGET/bench-corpus/$N
marker=$TARGET/bench-corpus/$N.complete
stamp="n=$N seed=$SEED gen=$(sha256sum examples/gen_corpus.rs | cut -d' ' -f1)"
if [[ ! -f $marker || $(cat "$marker") != "$stamp" ]]; then
    echo "==> generating $N issues into $corpus" >&2
    rm -rf "$corpus" "$marker"
    "$PROF_TARGET/release/examples/gen_corpus" "$N" "$corpus" --seed "$SEED" >&2
    echo "$stamp" >"$marker"
fi
mkdir -p "$RESULTS"
# The folder bench/run.sh builds into, so a warm rebuild is what gets profiled.
out=$TARGET/bench-out/$N

if [[ $PROFILER == perf ]]; then
    data=$RESULTS/perf-$N.data
    echo "==> warm-up build into $out" >&2
    "$BIN" build --issues "$corpus" --out "$out" >&2
    echo "==> perf record ${event[*]} -g" >&2
    perf record "${event[@]}" -g -o "$data" -- "$BIN" build --issues "$corpus" --out "$out" >&2
    perf report -i "$data" --no-children --sort dso,symbol --percent-limit 0.7 --stdio -g none \
        >"$RESULTS/perf-$N-self.txt" 2>/dev/null
    perf report -i "$data" --children --sort symbol --percent-limit 3 --stdio -g none \
        >"$RESULTS/perf-$N-inclusive.txt" 2>/dev/null
    echo "==> self time" >&2
    grep -E '^ +[0-9]' "$RESULTS/perf-$N-self.txt" | head -40
    echo "==> inclusive time" >&2
    grep -E '^ +[0-9]' "$RESULTS/perf-$N-inclusive.txt" | head -50
else
    data=$RESULTS/callgrind-$N.out
    out=$TARGET/bench-out/callgrind-$N
    rm -rf "$out"
    valgrind --tool=callgrind --callgrind-out-file="$data" "$BIN" build --issues "$corpus" --out "$out"
    callgrind_annotate --threshold=95 "$data" >"$RESULTS/callgrind-$N-self.txt"
    callgrind_annotate --inclusive=yes --threshold=99 "$data" >"$RESULTS/callgrind-$N-inclusive.txt"
    echo "==> exclusive (self) instructions" >&2
    head -60 "$RESULTS/callgrind-$N-self.txt"
    echo "==> inclusive instructions" >&2
    head -90 "$RESULTS/callgrind-$N-inclusive.txt"
fi
