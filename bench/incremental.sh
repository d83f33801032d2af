#!/usr/bin/env bash
# Times incremental rebuilds: adding one issue to a built archive, and
# editing one old issue, each followed by `trendfeed build` with the cache
# of the build before.
#
#   bench/incremental.sh                    # sizes 600 and 10000, 5 runs each
#   SIZES="600 10000 100000" bench/incremental.sh
#   RUNS=9 SEED=42 bench/incremental.sh     # timed runs per case, corpus seed
#   BIN=path/to/trendfeed bench/incremental.sh   # time another binary (no cargo build)
#
# For each size N it:
#   1. generates N + 1 issues with `examples/gen_corpus.rs` (cached under
#      target/bench-corpus/incr-(N+1)/, reused when made by the same
#      generator source and seed) and copies the oldest N into a work folder
#      (target/bench-incremental/N/issues/); the newest is held back;
#   2. builds cold once (`--cache-dir` of its own, from the repository root
#      so that ./trendfeed.toml is the configuration, as in bench/run.sh),
#      then once more with nothing changed;
#   3. add: RUNS times, copies the held-back issue in and times the rebuild,
#      then removes it and rebuilds (untimed), which puts the archive, the
#      output and the cache back as they were;
#   4. edit: RUNS times, appends a paragraph to the issue at 10% of the
#      archive (an old one) and times the rebuild, then writes the file's
#      old bytes back and rebuilds (untimed);
#   5. checks that the output of the last rebuild is byte-identical to a
#      cold `--no-cache` build of the same archive (and after an add, too);
#   6. prints, per size, the wall-clock median (and min, max) and the mean
#      CPU (user + system) of each case, in milliseconds.
#
# Wall time is measured around the process with `date +%s%N`, CPU time
# from the shell's `times`. The machine's other load is not controlled:
# the load average is printed beside the table. Results are kept in
# target/bench-results/incremental.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SIZES=${SIZES:-"600 10000"}
RUNS=${RUNS:-5}
SEED=${SEED:-2127429357} # = gen_corpus::DEFAULT_SEED, as in bench/run.sh
TARGET=${CARGO_TARGET_DIR:-target}
CORPUS=$TARGET/bench-corpus
WORK=$TARGET/bench-incremental
RESULTS=$TARGET/bench-results
GEN=${GEN:-$TARGET/release/examples/gen_corpus}

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'bench/incremental.sh: %s\n' "$*" >&2
    exit 1
}

for n in $SIZES; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES must be positive integers, got \`$n\`"
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got \`$RUNS\`"

if [[ -z ${BIN:-} ]]; then
    log "building trendfeed and gen_corpus (release)"
    cargo build --release --bin trendfeed --example gen_corpus
    BIN=$TARGET/release/trendfeed
elif [[ ! -x $GEN ]]; then
    cargo build --release --example gen_corpus
fi
[[ -x $BIN ]] || die "no trendfeed binary at $BIN"
mkdir -p "$CORPUS" "$WORK" "$RESULTS"

stamp() { printf 'n=%s seed=%s gen=%s\n' "$1" "$SEED" "$(sha256sum examples/gen_corpus.rs | cut -d' ' -f1)"; }

# corpus N: N issues generated in CORPUS/incr-N (reused when complete).
corpus() {
    local n=$1 dir=$CORPUS/incr-$1 marker=$CORPUS/incr-$1.complete
    if [[ -f $marker && $(cat "$marker") == "$(stamp "$n")" && -d $dir ]] &&
        (($(find "$dir" -maxdepth 1 -name '*.md' -type f | wc -l) == n)); then
        return
    fi
    log "corpus $dir: generating $n issues"
    rm -rf "$dir" "$marker"
    "$GEN" "$n" "$dir" --seed "$SEED" >&2
    stamp "$n" >"$marker"
}

# build DIR [ARGS...]: a build of DIR/issues into DIR/out with DIR/cache.
build() {
    local dir=$1
    shift
    "$BIN" build --quiet --issues "$dir/issues" --out "$dir/out" --cache-dir "$dir/cache" "$@"
}

# timed DIR: runs a build, appends "wall_ms cpu_ms" to the global `samples`.
samples=()
timed() {
    local t0 t1 c0 c1
    children_cpu_ms >"$WORK/cpu.txt"
    c0=$(cat "$WORK/cpu.txt")
    t0=$(date +%s%N)
    build "$1"
    t1=$(date +%s%N)
    children_cpu_ms >"$WORK/cpu.txt"
    c1=$(cat "$WORK/cpu.txt")
    samples+=("$(((t1 - t0) / 1000000)) $((c1 - c0))")
}

# CPU milliseconds (user + system) of the shell's finished children.
children_cpu_ms() {
    # The second line of `times`: children's user and system time, as
    # "XmY.ZZZs" (written to a file: in a pipe, `times` would run in a subshell).
    times >"$WORK/times.txt"
    sed -n 2p "$WORK/times.txt" | awk '{
        s = 0
        for (i = 1; i <= 2; i++) { split($i, p, "m"); sub(/s$/, "", p[2]); s += p[1] * 60 + p[2] }
        printf "%d", s * 1000 }'
}

# summary: "median min max cpu_mean" (ms) of `samples`.
summary() {
    printf '%s\n' "${samples[@]}" | sort -n | awk '
        { wall[NR] = $1; cpu += $2 }
        END {
            median = (NR % 2) ? wall[(NR + 1) / 2] : (wall[NR / 2] + wall[NR / 2 + 1]) / 2
            printf "%d %d %d %d", median, wall[1], wall[NR], cpu / NR }'
}

# same_as_cold DIR: DIR/out equals a cold --no-cache build, byte for byte.
same_as_cold() {
    local dir=$1
    rm -rf "$dir/cold"
    "$BIN" build --quiet --no-cache --issues "$dir/issues" --out "$dir/cold"
    diff -r -q "$dir/out" "$dir/cold" >&2 || die "$dir/out differs from a cold build"
    rm -rf "$dir/cold"
}

rows=()
for n in $SIZES; do
    corpus $((n + 1))
    dir=$WORK/$n
    rm -rf "$dir"
    mkdir -p "$dir/issues"
    mapfile -t files < <(find "$CORPUS/incr-$((n + 1))" -maxdepth 1 -name '*.md' -type f | sort)
    cp "${files[@]:0:n}" "$dir/issues/"
    newest=${files[n]}
    old=$dir/issues/$(basename "${files[n / 10]}")
    cp "$old" "$dir/old.md"
    # The files just copied are newer than the 2 seconds after which the
    # header cache trusts a file by its times (an archive's files are
    # older): the rebuilds would otherwise scan them again.
    sleep 2

    log "$n issues: cold build with a new cache"
    samples=()
    timed "$dir"
    cold=$(summary)
    samples=()
    for _ in $(seq "$RUNS"); do timed "$dir"; done
    unchanged=$(summary)

    log "$n issues: add one issue ($RUNS runs)"
    samples=()
    for run in $(seq "$RUNS"); do
        cp "$newest" "$dir/issues/"
        timed "$dir"
        ((run < RUNS)) || same_as_cold "$dir"
        rm "$dir/issues/$(basename "$newest")"
        build "$dir"
    done
    add=$(summary)

    log "$n issues: edit one old issue, $(basename "$old") ($RUNS runs)"
    samples=()
    for run in $(seq "$RUNS"); do
        printf '\nEdited %s: kubernetes and docker, again.\n' "$run" >>"$old"
        timed "$dir"
        ((run < RUNS)) || same_as_cold "$dir"
        cp "$dir/old.md" "$old"
        build "$dir"
    done
    edit=$(summary)

    fmt() { awk '{ printf "%d | %d–%d | %d", $1, $2, $3, $4 }' <<<"$1"; }
    rows+=("| $n | cold (new cache) | $(fmt "$cold") |")
    rows+=("| $n | nothing changed | $(fmt "$unchanged") |")
    rows+=("| $n | add one issue | $(fmt "$add") |")
    rows+=("| $n | edit one old issue | $(fmt "$edit") |")
    rows+=("| $n | cache size | $(du -sh "$dir/cache" | cut -f1) in $(find "$dir/cache" -type f | wc -l) files; input $(du -sh "$dir/issues" | cut -f1) | | |")
done

{
    echo
    echo "machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "trendfeed: $BIN ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
    echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "Each case: $RUNS rebuilds (cold: 1); wall in ms (median, min–max); CPU: user + system, mean (ms)."
    echo
    echo '| issues | case | wall median | wall min–max | CPU |'
    echo '|---:|---|---:|---:|---:|'
    printf '%s\n' "${rows[@]}"
} | tee "$RESULTS/incremental.md"
