#!/usr/bin/env bash
# Open the generated site and its feeds in headless Chromium (Debian's
# /usr/bin/chromium, driven by playwright-core) and check what a reader sees:
# see browser.mjs, explore.mjs, issue_page_check.mjs and site.mjs (every
# page type: axe-core, phone width, OpenGraph tags; every issue reached
# from the archive, section and search pages), then checks that
# issue_page_check.mjs fails on an issue page cut in half.
# Usage: tests/external/browser.sh [OUT_DIR]   (default: out)
# Screenshots go to target/screenshots/. Needs node/npm; installs chromium
# with apt-get, and playwright-core and axe-core into tests/external/node_modules
# if missing. site.mjs searches for SEARCH_WORD (default: docker, which the
# samples hold): set it for another archive.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-out}"
shots="$root/target/screenshots"

if [ ! -f "$out/index.html" ]; then
  echo "$out/index.html: no such file (build the site first: cargo run -- build)"
  echo "0 passed, 1 failed"
  exit 1
fi

# shellcheck source=lib.sh
. "$here/lib.sh"
need_command chromium chromium
export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"

if [ ! -f "$here/node_modules/playwright-core/package.json" ] || [ ! -f "$here/node_modules/axe-core/axe.min.js" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi

server_pid=""
profile="$(mktemp -d "${TMPDIR:-/tmp}/trendfeed-chromium.XXXXXX")"
server_log="$profile/http-server.log"
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$profile"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# Python's http.server, with feeds served as `trendfeed serve` serves them:
# application/xml (a browser shows them with their stylesheets; it would
# show application/x-rss+xml as text) and feed.xsl as text/xsl.
python3 - "$out" "$port" >"$server_log" 2>&1 <<'PY' &
import functools, http.server, sys
handler = http.server.SimpleHTTPRequestHandler
handler.extensions_map.update({".rss": "application/xml", ".atom": "application/xml", ".xsl": "text/xsl"})
server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), functools.partial(handler, directory=sys.argv[1]))
server.serve_forever()
PY
server_pid=$!
for _ in $(seq 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html', timeout=1)" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$server_log"
    echo "http.server did not start"
    echo "0 passed, 1 failed"
    exit 1
  fi
  sleep 0.1
done

rm -rf "$shots"
mkdir -p "$shots"
mkdir -p "$profile/profiles"
status=0
node "$here/browser.mjs" "http://127.0.0.1:$port/" "$shots" "$profile/profiles" || status=$?
OUT_DIR="$out" node "$here/explore.mjs" "http://127.0.0.1:$port/" "$shots" "$profile/profiles" || status=$?
node "$here/issue_page_check.mjs" "http://127.0.0.1:$port/" "$out" || status=$?
# The check itself must fail on an issue page cut in half: a copy of out/
# whose first issue page keeps only its first half, opened from file://.
cut="$profile/cut-out"
cp -R "$out" "$cut"
# (sed reads all of sort's output: head would close the pipe early, and
# pipefail would end the script on sort's SIGPIPE when there are many pages.)
page="$(find "$cut/issues" -name '*.html' | sort | sed -n 1p)"
python3 -c 'import sys; b = open(sys.argv[1], "rb").read(); open(sys.argv[1], "wb").write(b[: len(b) // 2])' "$page"
if node "$here/issue_page_check.mjs" "file://$cut/" "$cut" >"$profile/cut.log" 2>&1; then
  cat "$profile/cut.log"
  echo "FAIL issue_page_check.mjs passes issues/${page##*/} cut in half"
  status=1
else
  echo "PASS issue_page_check.mjs fails on issues/${page##*/} cut in half: $(grep '^FAIL' "$profile/cut.log" | head -n 1)"
fi
node "$here/site.mjs" "http://127.0.0.1:$port/" "$out" "$shots/site" "$profile/profiles" || status=$?
exit "$status"
