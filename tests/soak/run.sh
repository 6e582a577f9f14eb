#!/usr/bin/env bash
# `make soak`: the soak test of both packages at full count, against what
# users install:
#   1. install dist/'s wheel (`make dist`; make soak builds it) into a fresh
#      .tmp/soak-venv;
#   2. install dist/'s npm root and linux-x64-gnu tarballs into a fresh
#      .tmp/soak-node;
#   3. run soak.py and soak.mjs there: SOAK_URLS URLs each (default
#      2,000,000) through one signer, exit 1 if RSS grows by 10 MiB or more.
# Both languages run even if the first fails; the exit status is non-zero if
# either did. make test runs the same two scripts with SOAK_URLS=200000
# (python/tests/test_soak.py, node/tests/soak.test.mjs).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TMP="$REPO/.tmp"
PYTHON="${PYTHON:-python3}"
export SOAK_URLS="${SOAK_URLS:-2000000}"

step() { printf '\n== %s\n' "$*"; }
mkdir -p "$TMP"

step "dist/ wheel → fresh .tmp/soak-venv"
rm -rf "$TMP/soak-venv"
"$PYTHON" -m venv "$TMP/soak-venv"
"$TMP/soak-venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$REPO"/dist/presigner-*.whl

step "dist/ npm tarballs → fresh .tmp/soak-node"
rm -rf "$TMP/soak-node"
mkdir -p "$TMP/soak-node"
cd "$TMP/soak-node"
echo '{ "name": "presigner-soak", "private": true }' > package.json
npm install --offline --no-audit --no-fund --loglevel=error "$REPO"/dist/presigner-*.tgz

status=0
step "python: $SOAK_URLS URLs"
# From .tmp/soak-node, so that neither the source tree nor anything else shadows the wheel.
"$TMP/soak-venv/bin/python" "$REPO/tests/soak/soak.py" || status=1
step "node: $SOAK_URLS URLs"
node "$REPO/tests/soak/soak.mjs" || status=1
exit "$status"
