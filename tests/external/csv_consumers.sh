#!/usr/bin/env bash
# Read the CSV files with the tools their users open them in
# (tests/external/csv_consumers.py): DuckDB reads every CSV file of OUT_DIR
# and of a build of tests/fixtures/csv/spreadsheet (titles that start as
# formulas, £ ’ …), and LibreOffice converts their spreadsheet copies to
# .xlsx, read back with openpyxl.
# Usage: tests/external/csv_consumers.sh [OUT_DIR]   (default: out)
# Installs LibreOffice Calc (Debian's libreoffice-calc-nogui) with apt-get if
# soffice is missing, and DuckDB and openpyxl into target/csv-venv, reused
# while csv-requirements.txt is unchanged.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-out}"
venv="$root/target/csv-venv"
req="$here/csv-requirements.txt"

if [ ! -d "$out" ]; then
  echo "$out: no such directory (build the site first: cargo run -- build)"
  echo "0 passed, 1 failed"
  exit 1
fi

# shellcheck source=lib.sh
. "$here/lib.sh"
need_command soffice libreoffice-calc-nogui --no-install-recommends

python_venv "$venv" "$req"

fixture="$root/tests/fixtures/csv/spreadsheet"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/trendfeed-csv.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cargo run --release --quiet --manifest-path "$root/Cargo.toml" -- \
  --issues "$fixture/issues" --config "$fixture/trendfeed.toml" --out "$tmp/fixture" --quiet build

"$venv/bin/python" "$here/csv_consumers.py" --sheets "$out" "$tmp/fixture"
