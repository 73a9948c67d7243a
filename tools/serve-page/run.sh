#!/bin/sh
# Checks relate serve's query page in a real headless Chromium and saves docs/serve.png.
# Not run by CI. Needs Chromium (Debian: apt-get install chromium), Node.js and npm; installs
# puppeteer-core (the driver only, no browser download) into a temporary directory.
#
# usage: tools/serve-page/run.sh [path/to/relate]     (default: target/debug/relate)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
relate=${1:-${CARGO_TARGET_DIR:-$root/target}/debug/relate}
work=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent puppeteer-core@23 >/dev/null)
cp "$(dirname "$0")/check.mjs" "$work/"
(cd "$root" && "$relate" --store "$work/store" build data/ >/dev/null)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$relate" --store "$work/store" serve --bind "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
sleep 1
node "$work/check.mjs" "http://127.0.0.1:$port/" "$root/docs/serve.png"
