#!/usr/bin/env bash
# Check the generated feeds with feedparser (tests/external/check_feeds.py).
# Usage: tests/external/check_feeds.sh [OUT_DIR]   (default: out)
# Run from the repository root (or anywhere: relative OUT_DIR is taken from
# the current directory). The Python dependencies are installed into
# target/venv, which is reused while requirements.txt is unchanged.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-out}"
venv="$root/target/venv"
req="$here/requirements.txt"

# shellcheck source=lib.sh
. "$here/lib.sh"
python_venv "$venv" "$req"

exec "$venv/bin/python" "$here/check_feeds.py" "$out"
