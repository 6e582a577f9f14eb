#!/usr/bin/env bash
# `make bench`: presigner vs the alternatives in Rust, Python and Node; see bench/README.md.
#   1. the Python wheel and the npm tarballs of this tree: dist/ (`make dist`;
#      make bench builds it);
#   2. fresh .tmp/bench-venv (wheel + pinned botocore/boto3/libpresign/minio) and
#      fresh .tmp/bench-node (npm ci of bench/package-lock.json + the tarballs);
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
PY_PINS=(botocore==1.44.8 boto3==1.44.8 libpresign==1.2.0 minio==7.2.20 fastapi==0.118.0 uvicorn==0.37.0)

step() { printf '\n== %s\n' "$*" >&2; }
mkdir -p "$TMP" "$BENCH/results"

VERSION="$(node -p "require('$REPO/node/package.json').version")"
WHEEL="$(ls "$REPO"/dist/presigner-*.whl)"

step "fresh .tmp/bench-venv"
rm -rf "$TMP/bench-venv"
"$PYTHON" -m venv "$TMP/bench-venv"
"$TMP/bench-venv/bin/python" -m pip install --quiet --disable-pip-version-check "$WHEEL" "${PY_PINS[@]}"

NODE_DIR="$TMP/bench-node"
rm -rf "$NODE_DIR"
mkdir -p "$NODE_DIR"

step "fresh .tmp/bench-node (npm ci of bench/package-lock.json + the presigner tarballs)"
cp "$BENCH/package.json" "$BENCH/package-lock.json" "$BENCH/bench_node.mjs" "$BENCH/bench_http.mjs" \
  "$BENCH/sign_server.mjs" "$BENCH/sign_server.py" "$NODE_DIR/"
(cd "$NODE_DIR" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
# Unpack the root and linux-x64-gnu tarballs as npm would, without touching the lockfile.
for pkg in presigner presigner-linux-x64-gnu; do
  mkdir -p "$NODE_DIR/node_modules/$pkg"
  tar xzf "$REPO/dist/$pkg-$VERSION.tgz" -C "$NODE_DIR/node_modules/$pkg" --strip-components=1
done

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
