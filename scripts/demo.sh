#!/usr/bin/env bash
# Runs the demo: the upload page and its server (node or python) against the
# local signature-checking S3 server, or against the bucket configured in
# .env (R2_* or AWS_* variables) when there is one.
#
#   scripts/demo.sh node|python              serve until Ctrl-C (make demo, make demo-python)
#   scripts/demo.sh node|python CMD [ARG..]  run CMD with DEMO_URL set, then stop (the e2e tests)
#
# Expects what `make demo` builds: the S3 server, the Node package, the page
# (node/examples/web/dist) and, for python, .tmp/demo-venv.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
kind=${1:?usage: scripts/demo.sh node|python [command...]}
shift

if [ -f .env ]; then
  set -a
  # shellcheck disable=SC1091
  . ./.env
  set +a
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits for a line matching $2 in file $1 (a child's log) and prints it.
wait_for_line() {
  for _ in $(seq 1 200); do
    if line=$(grep -m1 "$2" "$1" 2>/dev/null); then echo "$line"; return 0; fi
    sleep 0.05
  done
  echo "timed out waiting for '$2' in $1:" >&2
  cat "$1" >&2
  return 1
}

port=${PORT:-3000}
origin="http://localhost:$port"
mkdir -p .tmp
if [ -z "${R2_ACCESS_KEY_ID:-}${AWS_ACCESS_KEY_ID:-}" ]; then
  root=$(mktemp -d "$repo/.tmp/demo-s3.XXXXXX")
  export R2_ACCESS_KEY_ID=demo R2_SECRET_ACCESS_KEY=demo-secret R2_BUCKET=uploads
  tests/s3server/target/release/presigner-s3server --addr 127.0.0.1:0 --root "$root" \
    --access-key "$R2_ACCESS_KEY_ID" --secret-key "$R2_SECRET_ACCESS_KEY" --bucket uploads \
    > "$root.log" 2>&1 &
  pids+=($!)
  R2_ENDPOINT=$(wait_for_line "$root.log" '^listening on ' | sed 's/^listening on //')
  export R2_ENDPOINT
  echo "local S3 server: $R2_ENDPOINT (bucket uploads, data in $root)"
  .venv/bin/python scripts/put_cors.py "$R2_ENDPOINT" uploads "$origin" "http://127.0.0.1:$port"
else
  echo "using the bucket configured in .env; set its CORS policy from scripts/cors.json"
fi

log="$repo/.tmp/demo-$kind.log"
case "$kind" in
  node) (cd node && PORT=$port HOST=127.0.0.1 exec node examples/server.mjs) > "$log" 2>&1 & ;;
  python) .tmp/demo-venv/bin/python -m uvicorn --app-dir python/examples server:app --host 127.0.0.1 --port "$port" > "$log" 2>&1 & ;;
  *) echo "unknown server '$kind' (node or python)" >&2; exit 2 ;;
esac
pids+=($!)
for _ in $(seq 1 200); do
  curl -fs -o /dev/null "$origin/" && break
  kill -0 "${pids[-1]}" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.05
done

if [ $# -gt 0 ]; then
  DEMO_URL=$origin DEMO_NAME=$kind "$@"
  exit $?
fi
echo "demo ($kind server): $origin   (Ctrl-C stops everything)"
wait
