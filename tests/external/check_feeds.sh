#!/usr/bin/env bash
# Check the generated feeds with feedparser (tests/external/check_feeds.py).
# Usage: tests/external/check_feeds.sh [OUT_DIR [EXPECT.json]]
# Without arguments it checks out/, the samples' site, against
# tests/external/samples-expected.json (entries per topic feed, every entry
# id), expectations written apart from trendfeed, then checks that the
# checker fails on three breakages of it (check_feeds_selftest.py).
# Run from the repository root (or anywhere: relative OUT_DIR is taken from
# the current directory). The Python dependencies are installed into
# target/venv, which is reused while requirements.txt is unchanged.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-out}"
expect="${2:-}"
if [ "$#" -eq 0 ]; then
  expect="$here/samples-expected.json"
fi
venv="$root/target/venv"
req="$here/requirements.txt"

# shellcheck source=lib.sh
. "$here/lib.sh"
python_venv "$venv" "$req"

"$venv/bin/python" "$here/check_feeds.py" ${expect:+--expect "$expect"} "$out"
# The checker itself must fail on a lost topic entry, blanked summaries and changed ids.
if [ -n "$expect" ]; then
  "$venv/bin/python" "$here/check_feeds_selftest.py" "$out" "$expect"
fi
