#!/usr/bin/env bash
# End-to-end test of the demo upload page against a running demo server:
#
#   DEMO_URL=http://127.0.0.1:3000 DEMO_NAME=node tests/e2e/run.sh
#
# Installs Debian's Chromium when /usr/bin/chromium is missing (playwright's
# own browser download cannot work here), then the test's npm packages.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ -z "${DEMO_URL:-}" ]; then
    echo "run.sh: DEMO_URL is not set: start a demo server, then DEMO_URL=http://127.0.0.1:PORT $0" >&2
    exit 2
fi

if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
fi

(cd "$here" && npm ci --no-audit --no-fund)

cd "$root"
DEMO_URL="$DEMO_URL" DEMO_NAME="${DEMO_NAME:-demo}" node --test tests/e2e/upload.test.mjs
