#!/usr/bin/env bash
# The Node package's tests, against what users install:
#   1. npm ci in node/ (the lockfile pins the CLI, TypeScript and Hono),
#   2. build the addon in release mode (napi build → node/presigner.*.node
#      and its loader node/binding.js; index.js and index.d.ts are ours),
#   3. npm pack, and install the tarball into a fresh .tmp/node-test,
#   4. tsc --strict --noEmit on tests/types.ts against the installed types,
#   5. node --test there, so `require('presigner')` is the installed copy.
# The botocore oracle runs on .venv/bin/python (`make venv`) when it has
# botocore 1.44.8, else on a venv this script makes in .tmp/node-venv.
# The real-server test needs tests/s3server built (`make s3server`).
# Self-contained and idempotent: every run starts from a fresh folder.
set -euo pipefail

NODE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(cd "$NODE_DIR/.." && pwd)"
WORK="$REPO/.tmp/node-test"
BOTOCORE=1.44.8

log() { printf '\n== %s\n' "$*"; }

log "npm ci (node/)"
cd "$NODE_DIR"
npm ci --no-audit --no-fund --prefer-offline --loglevel=error

log "build the addon (release)"
npm run --silent build

log "tsc --checkJs index.js against the generated binding.d.ts"
npm run --silent typecheck:js

log "npm pack → fresh $WORK"
rm -rf "$WORK"
mkdir -p "$WORK"
TARBALL="$(npm pack --json --pack-destination "$WORK" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].filename))')"
echo "packed $TARBALL"
pinned() { node -p "require('./package-lock.json').packages['node_modules/$1'].version"; }
HONO="hono@$(pinned hono)"
HONO_SERVER="@hono/node-server@$(pinned @hono/node-server)"

cd "$WORK"
cat > package.json <<'JSON'
{ "name": "presigner-node-tests", "private": true }
JSON
npm install --no-audit --no-fund --prefer-offline --loglevel=error "./$TARBALL" "$HONO" "$HONO_SERVER"
cp -R "$NODE_DIR/tests" "$NODE_DIR/examples" "$NODE_DIR/tsconfig.json" .

log "python with botocore $BOTOCORE (the oracle)"
PY="$REPO/.venv/bin/python"
if ! { [ -x "$PY" ] && "$PY" -c "import botocore, sys; sys.exit(botocore.__version__ != '$BOTOCORE')" 2>/dev/null; }; then
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

log "node --test (in $WORK)"
node --test --test-reporter=spec tests/*.test.mjs
