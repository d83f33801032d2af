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
stamp="$venv/.requirements.txt"

if [ ! -d "$out" ]; then
  echo "$out: no such directory (build the site first: cargo run -- build)"
  echo "0 passed, 1 failed"
  exit 1
fi

if ! command -v soffice >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends libreoffice-calc-nogui
fi

if [ ! -x "$venv/bin/python" ]; then
  echo "creating $venv" >&2
  python3 -m venv "$venv"
fi
if ! cmp -s "$req" "$stamp"; then
  echo "installing $req into $venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
  cp "$req" "$stamp"
fi

fixture="$root/tests/fixtures/csv/spreadsheet"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/trendfeed-csv.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cargo run --release --quiet --manifest-path "$root/Cargo.toml" -- \
  --issues "$fixture/issues" --config "$fixture/trendfeed.toml" --out "$tmp/fixture" --quiet build

"$venv/bin/python" "$here/csv_consumers.py" --sheets "$out" "$tmp/fixture"
