#!/usr/bin/env bash
# One add-and-remove cycle of an archive built with a cache: copies ISSUE
# into DIR/issues, rebuilds, removes it and rebuilds again, which leaves
# DIR as it was. Made to be timed whole by a paired timer, one binary
# against another, each with its own DIR (a copy of a folder that
# bench/incremental.sh made, built twice first with that binary):
#
#   bench/add-cycle.sh BIN DIR ISSUE
#
# Run from the repository root: ./trendfeed.toml is the configuration.
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: bench/add-cycle.sh BIN DIR ISSUE" >&2; exit 2; }
bin=$1 dir=$2 issue=$3
build() { "$bin" build --quiet --issues "$dir/issues" --out "$dir/out" --cache-dir "$dir/cache"; }
cp "$issue" "$dir/issues/"
build
rm "$dir/issues/$(basename "$issue")"
build
