#!/usr/bin/env bash
# `make soak`: the soak test of both packages at full count, against what
# users install:
#   1. build the abi3 wheel (maturin pinned in python/pyproject.toml, in
#      .tmp/py-build-venv as python/tests/run.sh does) and install it into a
#      fresh .tmp/soak-venv;
#   2. build the addon (npm ci + napi build --release in node/), npm pack, and
#      install the tarball into a fresh .tmp/soak-node;
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

maturin_req=$(sed -n 's/^requires = \["\(maturin==[^"]*\)"\]$/\1/p' "$REPO/python/pyproject.toml")
[[ -n "$maturin_req" ]] || { echo "no maturin==X.Y.Z pin in python/pyproject.toml" >&2; exit 1; }
if ! "$TMP/py-build-venv/bin/python" -m pip show maturin 2>/dev/null | grep -qx "Version: ${maturin_req#maturin==}"; then
  step "build venv with $maturin_req"
  rm -rf "$TMP/py-build-venv"
  "$PYTHON" -m venv "$TMP/py-build-venv"
  "$TMP/py-build-venv/bin/python" -m pip install --quiet "$maturin_req"
fi

step "python wheel (maturin build --release) → fresh .tmp/soak-venv"
rm -rf "$TMP/soak-wheels" "$TMP/soak-venv"
(cd "$REPO/python" && "$TMP/py-build-venv/bin/maturin" build --release --locked --quiet --out "$TMP/soak-wheels")
"$PYTHON" -m venv "$TMP/soak-venv"
"$TMP/soak-venv/bin/python" -m pip install --quiet --disable-pip-version-check "$(ls "$TMP"/soak-wheels/presigner-*.whl)"

step "node addon (npm ci, napi build --release, npm pack) → fresh .tmp/soak-node"
(cd "$REPO/node" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error && npm run --silent build)
rm -rf "$TMP/soak-node"
mkdir -p "$TMP/soak-node"
(cd "$REPO/node" && npm pack --silent --pack-destination "$TMP/soak-node" >/dev/null)
cd "$TMP/soak-node"
echo '{ "name": "presigner-soak", "private": true }' > package.json
npm install --no-audit --no-fund --prefer-offline --loglevel=error ./presigner-*.tgz

status=0
step "python: $SOAK_URLS URLs"
# From .tmp/soak-node, so that neither the source tree nor anything else shadows the wheel.
"$TMP/soak-venv/bin/python" "$REPO/tests/soak/soak.py" || status=1
step "node: $SOAK_URLS URLs"
node "$REPO/tests/soak/soak.mjs" || status=1
exit "$status"
