#!/usr/bin/env bash
# The Node package's tests, against what users install (`make dist-node`
# builds the tarballs; `make test-node` runs this after it):
#   1. a fresh .tmp/node-test, where npm installs dist/presigner-<v>.tgz and
#      dist/presigner-linux-x64-gnu-<v>.tgz with no network (--offline: the
#      test's own packages, Hono, come from the npm cache that `npm ci` in
#      node/ filled);
#   2. tsc --strict --noEmit on tests/types.ts against the installed types;
#   3. node --test there, so `require('presigner')` is the installed copy,
#      with no cargo or rustc on PATH (scripts/without-rust.sh): on this
#      machine's Node (20) and on Node $NODE22 (the `node` package from the
#      npm registry, installed once into .tmp/node-$NODE22).
# The botocore oracle runs on $PRESIGNER_PYTHON when set, else on
# .venv/bin/python (`make venv`) when it has botocore 1.44.8, else on a venv
# this script makes in .tmp/node-venv.
# The real-server test needs tests/s3server built (`make s3server`).
# Extra arguments replace the test files (default: tests/*.test.mjs).
# NODE_VERSIONS (default "20 22"): the Node majors to run on; the `node` on
# PATH when it has that major, else (22 only) the pinned npm package.
# NODE_PLATFORM (default linux-x64-gnu): which platform tarball to install
# (the release workflow tests each on its own OS).
set -euo pipefail

NODE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(cd "$NODE_DIR/.." && pwd)"
WORK="$REPO/.tmp/node-test"
BOTOCORE=1.44.8
NODE22=22.23.3
NODE_VERSIONS="${NODE_VERSIONS:-20 22}"
NODE_PLATFORM="${NODE_PLATFORM:-linux-x64-gnu}"

log() { printf '\n== %s\n' "$*"; }

cd "$NODE_DIR"
VERSION="$(node -p "require('./package.json').version")"
ROOT_TGZ="$REPO/dist/presigner-$VERSION.tgz"
PLATFORM_TGZ="$REPO/dist/presigner-$NODE_PLATFORM-$VERSION.tgz"
for f in "$ROOT_TGZ" "$PLATFORM_TGZ"; do
  [[ -f "$f" ]] || { echo "$f is missing: run make dist-node" >&2; exit 1; }
done
[[ -x node_modules/.bin/tsc ]] || { echo "node/node_modules is missing: run npm ci in node/" >&2; exit 1; }
pinned() { node -p "require('./package-lock.json').packages['node_modules/$1'].version"; }
HONO="hono@$(pinned hono)"
HONO_SERVER="@hono/node-server@$(pinned @hono/node-server)"

log "fresh $WORK: npm install --offline $(basename "$ROOT_TGZ") $(basename "$PLATFORM_TGZ")"
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
cat > package.json <<'JSON'
{ "name": "presigner-node-tests", "private": true }
JSON
npm install --offline --no-audit --no-fund --loglevel=error "$ROOT_TGZ" "$PLATFORM_TGZ" "$HONO" "$HONO_SERVER"
cp -R "$NODE_DIR/tests" "$NODE_DIR/examples" "$NODE_DIR/tsconfig.json" .

log "python with botocore $BOTOCORE (the oracle)"
PY="${PRESIGNER_PYTHON:-$REPO/.venv/bin/python}"
if [[ -z "${PRESIGNER_PYTHON:-}" ]] && ! { [ -x "$PY" ] && "$PY" -c "import botocore, sys; sys.exit(botocore.__version__ != '$BOTOCORE')" 2>/dev/null; }; then
  VENV="$REPO/.tmp/node-venv"
  PY="$VENV/bin/python"
  if ! { [ -x "$PY" ] && "$PY" -c "import botocore, sys; sys.exit(botocore.__version__ != '$BOTOCORE')" 2>/dev/null; }; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$PY" -m pip install --quiet "botocore==$BOTOCORE"
  fi
fi
echo "$PY"

export PRESIGNER_REPO="$REPO"
export PRESIGNER_PYTHON="$PY"
export PRESIGNER_TSC="$NODE_DIR/node_modules/.bin/tsc"

log "tsc --strict --noEmit tests/types.ts (against the installed index.d.ts)"
"$PRESIGNER_TSC" --strict --noEmit -p tsconfig.json
echo "tsc: ok"

TESTS=("$@")
[[ ${#TESTS[@]} -gt 0 ]] || TESTS=(tests/*.test.mjs)
for version in $NODE_VERSIONS; do
  NODE_BIN="$(command -v node)"
  if [[ "$("$NODE_BIN" --version)" != "v$version."* && "$version" == "${NODE22%%.*}" ]]; then
    NODE_BIN="$REPO/.tmp/node-$NODE22/node_modules/node/bin/node"
    if [[ ! -x "$NODE_BIN" ]]; then
      log "node@$NODE22 from the npm registry → .tmp/node-$NODE22"
      rm -rf "$REPO/.tmp/node-$NODE22"
      npm install --prefix "$REPO/.tmp/node-$NODE22" --no-audit --no-fund --loglevel=error "node@$NODE22"
    fi
  fi
  [[ "$("$NODE_BIN" --version)" == "v$version."* ]] || { echo "$NODE_BIN is $("$NODE_BIN" --version), not Node $version" >&2; exit 1; }
  log "node --test on Node $("$NODE_BIN" --version), no Rust toolchain (in $WORK)"
  # The tests spawn `node` (workers, the unsupported-platform check): the same one.
  PATH="$(dirname "$NODE_BIN"):$PATH" "$REPO/scripts/without-rust.sh" \
    "$NODE_BIN" --test --test-reporter=spec "${TESTS[@]}"
done
