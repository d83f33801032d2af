#!/usr/bin/env bash
# Benchmarks a cold `trendfeed build` on generated archives, side by side
# with two floors: md-floor (the least a markdown-faithful site generator
# does: read, parse and render with pulldown-cmark, write one page per
# issue) and ripgrep.
#
#   bench/run.sh                      # sizes 10000 and 100000
#   SIZES="1000 10000" bench/run.sh   # other sizes (quick runs)
#   RUNS=3 SEED=42 bench/run.sh       # timed runs per command (5), corpus seed
#   QUIET_TIMEOUT=0 bench/run.sh      # do not wait for other CPU load to end
#   MD_FLOOR=path/to/md-floor bench/run.sh  # md-floor's source folder
#                                     # (default ../shared/bench/md-floor)
#
# For each size N it:
#   1. generates N issues once with `examples/gen_corpus.rs`, cached under
#      target/bench-corpus/N/ (reused when complete and made by the same
#      generator source and seed);
#   2. runs `trendfeed build` and md-floor once each into a fresh folder
#      under `/usr/bin/time -v` (peak RSS);
#   3. times with hyperfine (--warmup 1), in one run, each into a fresh
#      folder (`--prepare 'rm -rf DIR'`): `trendfeed build` (with
#      `--no-cache` when the build lists it, so that no cache makes it
#      warm), md-floor with pages, and the ripgrep floor
#      `rg --count-matches -i -w 'docker|kubernetes|unikernels?' DIR`;
#      and the copy floor `cp -r` of what that first build published (a
#      copy made beforehand, into a fresh folder each run): writing the
#      files a build publishes, and nothing else, costs at least that;
#   4. reports medians, CPU seconds (user + system, mean), the ratios of
#      trendfeed to md-floor and to ripgrep, the copy floor against
#      md-floor, throughput (MB = 10^6 bytes of input as counted by
#      `du -sb`) and peak RSS.
# Then it times a warm rebuild of the 5 samples (`--issues issues`).
#
# md-floor is built from MD_FLOOR with its own Cargo.toml and lock; when that
# folder is absent, its columns say so and the rest is measured as before.
# Needs cargo; installs ripgrep, hyperfine and time from Debian packages if
# missing. Raw results (hyperfine JSON, time -v output, the table) are kept
# in target/bench-results/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SIZES=${SIZES:-"10000 100000"}
SEED=${SEED:-2127429357} # = gen_corpus::DEFAULT_SEED (0x7e4dfeed)
TARGET=${CARGO_TARGET_DIR:-target}
CORPUS=$TARGET/bench-corpus
OUT=$TARGET/bench-out
RESULTS=$TARGET/bench-results
BIN=$TARGET/release/trendfeed
GEN=$TARGET/release/examples/gen_corpus
PATTERN='docker|kubernetes|unikernels?'
MD_FLOOR=${MD_FLOOR:-../shared/bench/md-floor}
MD_BIN=$TARGET/md-floor/release/md-floor

log() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'bench/run.sh: %s\n' "$*" >&2
    exit 1
}

for n in $SIZES; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "SIZES must be positive integers, got \`$n\`"
done
if [[ -n ${RUNS:-} && ! ${RUNS} =~ ^[1-9][0-9]*$ ]]; then
    die "RUNS must be a positive integer, got \`$RUNS\`"
fi

install_tools() {
    local missing=()
    command -v rg >/dev/null || missing+=(ripgrep)
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    [[ -x /usr/bin/time ]] || missing+=(time)
    ((${#missing[@]} == 0)) && return
    command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them"
    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || die "missing ${missing[*]}: run as root or install them"
        sudo=(sudo)
    fi
    log "installing ${missing[*]}"
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y "${missing[@]}"
}

# The median (seconds) of each command in a hyperfine JSON export, one per line.
medians() {
    if command -v jq >/dev/null; then
        jq -r '.results[].median' "$1"
    else
        awk -F': *' '/"median"/ { sub(/,$/, "", $2); print $2 }' "$1"
    fi
}

# The mean CPU seconds (user + system) of each command of a hyperfine JSON
# export, one per line.
cpu_means() {
    if command -v jq >/dev/null; then
        jq -r '.results[] | .user + .system' "$1"
    else
        awk -F': *' '/"command"/ { n++ } /"(user|system)"/ { sub(/,$/, "", $2); s[n] += $2 }
            END { for (i = 1; i <= n; i++) print s[i] + 0 }' "$1"
    fi
}

# A field of `/usr/bin/time -v` output.
time_field() { sed -n "s/^[[:space:]]*$2: //p" "$1"; }

# "h:mm:ss" or "m:ss.ss" to seconds.
to_seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"; }

calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# Percentage of CPU time (all cores) spent busy over the next 2 seconds.
cpu_busy_pct() {
    local u1 n1 s1 i1 w1 q1 sq1 st1 u2 n2 s2 i2 w2 q2 sq2 st2
    read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ </proc/stat
    sleep 2
    read -r _ u2 n2 s2 i2 w2 q2 sq2 st2 _ </proc/stat
    local busy=$(((u2 + n2 + s2 + q2 + sq2 + st2) - (u1 + n1 + s1 + q1 + sq1 + st1)))
    local idle=$(((i2 + w2) - (i1 + w1)))
    echo $((100 * busy / (busy + idle + 1)))
}

# Waits (up to QUIET_TIMEOUT seconds, default 900; 0 to skip) until other
# processes leave the CPUs mostly idle, so that a compile running beside the
# benchmark does not end up in its timings. `measure` then checks what other
# processes took while it timed, and notes it under the table.
notes=()
wait_quiet() {
    local what=$1 waited=0 busy limit=${QUIET_TIMEOUT:-900}
    ((limit > 0)) || return 0
    while busy=$(cpu_busy_pct) && ((busy > ${QUIET_MAX_BUSY:-10})); do
        if ((waited >= limit)); then
            log "warning: CPUs still ${busy}% busy after ${waited}s; measuring $what anyway"
            return 0
        fi
        ((waited > 0)) || log "CPUs ${busy}% busy with other work; waiting up to ${limit}s before measuring $what"
        sleep 8
        waited=$((waited + 10))
    done
}

HZ=$(getconf CLK_TCK)

# CPU seconds all processes have spent busy since boot.
busy_seconds() {
    local u n s q sq st
    read -r _ u n s _ _ q sq st _ </proc/stat
    calc '%.2f' "($u + $n + $s + $q + $sq + $st) / $HZ"
}

# Mean user + system seconds of one run of each command, summed, from a
# hyperfine export.
cpu_per_round() { awk -F': *' '/"(user|system)"/ { sub(/,$/, "", $2); s += $2 } END { print s + 0 }' "$1"; }

# measure WHAT WARMUP RUNS JSON HYPERFINE-ARGS...: runs hyperfine, and
# estimates the CPU time other processes took meanwhile (all CPU time on the
# machine minus what hyperfine reports for the commands). Above
# OTHERS_MAX_PCT (default 10) percent of the CPUs, waits for quiet and
# measures again, up to 3 times.
measure() {
    local what=$1 warmup=$2 runs=$3 json=$4 attempt before after start end own others=0
    shift 4
    for attempt in 1 2 3; do
        wait_quiet "$what"
        before=$(busy_seconds)
        start=$(date +%s.%N)
        hyperfine --warmup "$warmup" --runs "$runs" --export-json "$json" "$@" >&2
        after=$(busy_seconds)
        end=$(date +%s.%N)
        own=$(calc '%.2f' "($warmup + $runs) * $(cpu_per_round "$json")")
        others=$(calc '%.0f' "100 * (($after - $before) - $own) / (($end - $start) * $(nproc))")
        if ((others <= ${OTHERS_MAX_PCT:-10})); then
            notes+=("- $what: other processes took about ${others}% of the CPUs while timing.")
            return 0
        fi
        log "other processes took about ${others}% of the CPUs while measuring $what (attempt $attempt of 3)"
    done
    notes+=("- $what: other processes took about ${others}% of the CPUs in all 3 attempts; timings are inflated.")
}

install_tools
mkdir -p "$CORPUS" "$OUT" "$RESULTS"

log "building trendfeed and gen_corpus (release)"
cargo build --release --bin trendfeed --example gen_corpus

if [[ -f $MD_FLOOR/Cargo.toml ]]; then
    log "building md-floor from $MD_FLOOR (release)"
    cargo build --release --manifest-path "$MD_FLOOR/Cargo.toml" --target-dir "$TARGET/md-floor"
else
    log "no md-floor at $MD_FLOOR (set MD_FLOOR to its folder): measuring without it"
    MD_BIN=
fi

# A cold build: without the cache of earlier builds, when the build has one.
NO_CACHE=()
if "$BIN" build --help | grep -q -- '--no-cache'; then
    NO_CACHE=(--no-cache)
fi

# What a cached corpus must have been made with.
stamp() { printf 'n=%s seed=%s gen=%s\n' "$1" "$SEED" "$(sha256sum examples/gen_corpus.rs | cut -d' ' -f1)"; }

corpus() {
    local n=$1 dir=$CORPUS/$1 marker=$CORPUS/$1.complete
    if [[ -f $marker && $(cat "$marker") == "$(stamp "$n")" && -d $dir ]] &&
        (($(find "$dir" -maxdepth 1 -name '*.md' -type f | wc -l) == n)); then
        log "corpus $dir: cached"
        return
    fi
    log "corpus $dir: generating $n issues"
    rm -rf "$dir" "$marker"
    "$GEN" "$n" "$dir" --seed "$SEED" >&2
    stamp "$n" >"$marker"
}

{
    echo "machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
        "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    if rev=$(git rev-parse --short HEAD 2>/dev/null); then
        git diff --quiet HEAD -- src Cargo.toml Cargo.lock || rev="$rev + uncommitted changes to src/ or Cargo.*"
    else
        rev="unknown (not a git checkout)"
    fi
    echo "trendfeed: $rev"
    echo "tools: $(rg --version | sed -n 1p), $(hyperfine --version)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RESULTS/machine.txt" >&2

# peak_rss_mb NAME COMMAND...: runs COMMAND once under `/usr/bin/time -v`
# (its output kept in RESULTS/time-NAME.txt) and prints its peak RSS in MB.
peak_rss_mb() {
    local file=$RESULTS/time-$1.txt
    shift
    /usr/bin/time -v -o "$file" "$@" >&2
    calc '%.0f' "$(time_field "$file" 'Maximum resident set size (kbytes)') / 1024"
}

rows=()
for n in $SIZES; do
    corpus "$n"
    dir=$CORPUS/$n
    out=$OUT/$n
    md_out=$OUT/md-floor-$n
    published=$OUT/published-$n
    copy_out=$OUT/copy-$n
    bytes=$(du -sb "$dir" | cut -f1)
    runs=${RUNS:-5}
    build=("$BIN" build "${NO_CACHE[@]}" --issues "$dir" --out "$out")

    wait_quiet "$n issues"
    log "$n issues: one build (and one md-floor) into a fresh folder under /usr/bin/time -v"
    rm -rf "$out" "$md_out"
    rss=$(peak_rss_mb "$n" "${build[@]}")
    md_rss=-
    [[ -z $MD_BIN ]] || md_rss=$(peak_rss_mb "md-floor-$n" "$MD_BIN" "$dir" "$md_out")
    rm -rf "$published" "$copy_out"
    cp -r "$out" "$published"
    out_bytes=$(du -sb "$out" | cut -f1)

    log "$n issues: hyperfine, $runs runs each, each into a fresh folder"
    commands=(-n trendfeed --prepare "rm -rf $out" "${build[*]}")
    [[ -z $MD_BIN ]] || commands+=(-n md-floor --prepare "rm -rf $md_out" "$MD_BIN $dir $md_out")
    commands+=(-n rg --prepare true "rg --count-matches -i -w '$PATTERN' $dir > /dev/null")
    commands+=(-n copy --prepare "rm -rf $copy_out" "cp -r $published $copy_out")
    measure "$n issues" 1 "$runs" "$RESULTS/hyperfine-$n.json" "${commands[@]}"
    mapfile -t med < <(medians "$RESULTS/hyperfine-$n.json")
    mapfile -t cpu < <(cpu_means "$RESULTS/hyperfine-$n.json")
    if [[ -z $MD_BIN ]]; then
        med=("${med[0]}" - "${med[1]}" "${med[2]}")
        cpu=("${cpu[0]}" - "${cpu[1]}" "${cpu[2]}")
    fi
    ((${#med[@]} == 4 && ${#cpu[@]} == 4)) || die "could not read the medians of $RESULTS/hyperfine-$n.json"
    md_wall=- md_cpu=- md_ratio=- md_cpu_ratio=- copy_ratio=-
    if [[ -n $MD_BIN ]]; then
        md_wall=$(calc '%.3f' "${med[1]}")
        md_cpu=$(calc '%.2f' "${cpu[1]}")
        md_ratio="$(calc '%.1f' "${med[0]} / ${med[1]}")×"
        md_cpu_ratio="$(calc '%.1f' "${cpu[0]} / ${cpu[1]}")×"
        copy_ratio="$(calc '%.2f' "${med[3]} / ${med[1]}")×"
    fi
    rm -rf "$published" "$copy_out"

    rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s× | %s | %s | %s | %s | %s |' \
        "$n" \
        "$(calc '%.1f' "$bytes / 1e6")" \
        "$(calc '%.1f' "$out_bytes / 1e6")" \
        "$(calc '%.3f' "${med[0]}")" \
        "$(calc '%.2f' "${cpu[0]}")" \
        "$md_wall" "$md_cpu" "$md_ratio" "$md_cpu_ratio" \
        "$(calc '%.3f' "${med[2]}")" \
        "$(calc '%.1f' "${med[0]} / ${med[2]}")" \
        "$(calc '%.3f' "${med[3]}")" "$copy_ratio" \
        "$(calc '%.1f' "$bytes / 1e6 / ${med[0]}")" \
        "$rss" "$md_rss")")
done

log "samples: warm rebuild of issues/ into $OUT/samples"
measure "the samples" 3 50 "$RESULTS/hyperfine-samples.json" \
    -N -n samples "$BIN build --issues issues --out $OUT/samples"
samples_ms=$(calc '%.1f' "$(medians "$RESULTS/hyperfine-samples.json") * 1000")

{
    echo
    cat "$RESULTS/machine.txt"
    echo
    echo "Each command into a fresh folder; wall: median (s); CPU: user + system, mean (s); ratios: trendfeed's to the floor's."
    [[ -n $MD_BIN ]] || echo "md-floor: not measured (no $MD_FLOOR)."
    ((${#NO_CACHE[@]} == 0)) || echo "trendfeed build ran with --no-cache."
    echo
    echo '| issues | input (MB) | output (MB) | trendfeed wall | trendfeed CPU | md-floor wall | md-floor CPU | ratio to md-floor, wall | ratio to md-floor, CPU | rg wall | ratio to rg, wall | copy of the output, wall | copy to md-floor, wall | throughput (MB/s) | peak RSS trendfeed (MB) | peak RSS md-floor (MB) |'
    echo '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
    printf '%s\n' "${rows[@]}"
    echo
    echo "Warm rebuild of the 5 samples (\`--issues issues\`), median: $samples_ms ms"
    echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    ((${#notes[@]} == 0)) || printf '%s\n' "" "${notes[@]}"
} | tee "$RESULTS/table.md"
