#!/usr/bin/env bash
# `make bench`: presigner vs the alternatives in Rust, Python and Node; see bench/README.md.
#   1. build the Python wheel and the npm tarball of this tree (release);
#   2. fresh .tmp/bench-venv (wheel + pinned botocore/boto3/libpresign/minio) and
#      fresh .tmp/bench-node (npm ci of bench/package-lock.json + the tarball);
#   3. cargo bench (criterion), bench_python.py, bench_node.mjs, bench_http.mjs
#      (POST /s3/sign under autocannon; needs taskset and 2 CPUs);
#   4. bench/report.py writes bench/results/latest.md and prints it.
# BENCH_QUICK=1 runs fewer repetitions (a smoke test; numbers are rough).
# Cargo builds go to $CARGO_TARGET_DIR when it is set (criterion's results too).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$REPO/bench"
TMP="$REPO/.tmp"
PYTHON="${PYTHON:-python3}"
TARGET="${CARGO_TARGET_DIR:-$REPO/target}"
MATURIN_REQ="maturin==1.16.0"
PY_PINS=(botocore==1.44.8 boto3==1.44.8 libpresign==1.2.0 minio==7.2.20 fastapi==0.118.0 uvicorn==0.37.0)

step() { printf '\n== %s\n' "$*" >&2; }
mkdir -p "$TMP" "$BENCH/results"

step "python wheel (maturin build --release)"
if ! "$TMP/py-build-venv/bin/python" -m pip show maturin 2>/dev/null | grep -qx "Version: ${MATURIN_REQ#maturin==}"; then
  rm -rf "$TMP/py-build-venv"
  "$PYTHON" -m venv "$TMP/py-build-venv"
  "$TMP/py-build-venv/bin/python" -m pip install --quiet "$MATURIN_REQ"
fi
rm -rf "$TMP/bench-wheels"
(cd "$REPO/python" && ../.tmp/py-build-venv/bin/maturin build --release --locked --quiet -o ../.tmp/bench-wheels)
WHEEL="$(ls "$TMP"/bench-wheels/presigner-*.whl)"

step "fresh .tmp/bench-venv"
rm -rf "$TMP/bench-venv"
"$PYTHON" -m venv "$TMP/bench-venv"
"$TMP/bench-venv/bin/python" -m pip install --quiet --disable-pip-version-check "$WHEEL" "${PY_PINS[@]}"

step "node addon (npm ci, napi build --release, npm pack)"
(cd "$REPO/node" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error && npm run --silent build)
NODE_DIR="$TMP/bench-node"
rm -rf "$NODE_DIR"
mkdir -p "$NODE_DIR"
(cd "$REPO/node" && npm pack --silent --pack-destination "$NODE_DIR" >/dev/null)
TARBALL="$(ls "$NODE_DIR"/presigner-*.tgz)"

step "fresh .tmp/bench-node (npm ci of bench/package-lock.json + the presigner tarball)"
cp "$BENCH/package.json" "$BENCH/package-lock.json" "$BENCH/bench_node.mjs" "$BENCH/bench_http.mjs" \
  "$BENCH/sign_server.mjs" "$BENCH/sign_server.py" "$NODE_DIR/"
(cd "$NODE_DIR" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
# presigner has no dependencies: unpack the tarball as npm would, without touching the lockfile.
mkdir -p "$NODE_DIR/node_modules/presigner"
tar xzf "$TARBALL" -C "$NODE_DIR/node_modules/presigner" --strip-components=1

step "cargo bench -p presigner --bench sign"
(cd "$REPO" && cargo bench --locked -p presigner --bench sign 2>&1 | grep -E '^(presign|upload_parts)/|time:' >&2)

step "python"
(cd "$TMP" && "$TMP/bench-venv/bin/python" "$BENCH/bench_python.py" "$TMP/bench-python.json")

step "node"
(cd "$NODE_DIR" && NODE_NO_WARNINGS=1 node bench_node.mjs "$TMP/bench-node.json")

step "http: POST /s3/sign under autocannon (server on CPU 0, load on CPU 1)"
(cd "$NODE_DIR" && NODE_NO_WARNINGS=1 taskset -c 1 node bench_http.mjs "$TMP/bench-http.json" "$TMP/bench-venv/bin/python")

step "report"
"$PYTHON" "$BENCH/report.py" "$TARGET/criterion" "$TMP/bench-python.json" "$TMP/bench-node.json" \
  "$BENCH/results/latest.md" "$TMP/bench-http.json"
