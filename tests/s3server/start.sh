#!/usr/bin/env bash
# Builds presigner-s3server if needed, starts it in the background with the
# given arguments, waits until it listens, and prints (eval-able, on stdout):
#
#   S3_ENDPOINT=http://127.0.0.1:PORT
#   S3_PID=PID
#   S3_LOG=/tmp/presigner-s3server.XXXXXX.log
#
# Example:
#   eval "$(tests/s3server/start.sh --root /tmp/s3 --access-key AK --secret-key SK --bucket uploads)"
#   ...; kill "$S3_PID"
#
# The server's stdout/stderr go to $S3_LOG (set S3_LOG to choose the file).
set -euo pipefail

dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$dir/target/release/presigner-s3server"

# cargo is a no-op when the binary is up to date; its output goes to stderr.
CARGO_TARGET_DIR="$dir/target" cargo build --release --locked --quiet \
    --manifest-path "$dir/Cargo.toml" >&2

log="${S3_LOG:-$(mktemp "${TMPDIR:-/tmp}/presigner-s3server.XXXXXX.log")}"
"$bin" "$@" >"$log" 2>&1 </dev/null &
pid=$!

# Wait up to 15 s for the "listening on http://..." line.
for _ in $(seq 150); do
    if line="$(grep -m1 '^listening on ' "$log")"; then
        echo "S3_ENDPOINT=${line#listening on }"
        echo "S3_PID=$pid"
        echo "S3_LOG=$log"
        exit 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "presigner-s3server exited before listening:" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep 0.1
done
echo "presigner-s3server did not report listening within 15 s (log: $log)" >&2
kill "$pid" 2>/dev/null || true
exit 1
